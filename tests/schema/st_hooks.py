"""Schemathesis hooks, loaded into the ``st run`` process that tests/schema/test_schemathesis.py starts
(``SCHEMATHESIS_HOOKS=tests.schema.st_hooks``): requests are signed in as one demo persona.

Every request carries the persona's token, except the sign-out operations: each of those gets a token
of its own (a new device), so that testing them ends only that device and not the run's session. Signing
out every device ends the persona's token too: the next request gets a new one (the run uses one worker,
so requests follow each other).
Tokens are made in the database the live server reads (``DATABASE_URL``), as a sign-in would make them,
without the password check and the sign-in limits, which would otherwise count the run's own sign-ins.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import schemathesis

PERSONA = os.environ.get("SCHEMATHESIS_PERSONA", "")
SIGN_OUT = {"/api/v1/auth/logout/", "/api/v1/auth/logout-all/", "/api/v1/auth/token/"}
_lock = threading.Lock()
_persona_token: list[str] = []


def _new_token() -> str:
    with _lock:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        from knox.models import AuthToken

        from accounts.models import User

        _instance, token = AuthToken.objects.create(user=User.objects.get(username=PERSONA))
        return str(token)


@schemathesis.auth(refresh_interval=None)
class DeviceToken:
    def get(self, case: Any, context: Any) -> str:
        signs_out = case.operation.path in SIGN_OUT and case.method.upper() in ("POST", "DELETE")
        if case.operation.path == "/api/v1/auth/token/" and case.method.upper() == "POST":
            signs_out = False  # signing in ignores the token; the persona's serves
        if signs_out:
            if case.operation.path == "/api/v1/auth/logout-all/":
                _persona_token.clear()
            return _new_token()
        if not _persona_token:
            _persona_token.append(_new_token())
        return _persona_token[0]

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}
