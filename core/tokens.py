"""API tokens: one per device (django-rest-knox), checked the same way by the API and the WebSockets."""

from __future__ import annotations

import binascii
import functools
from hmac import compare_digest
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions

from core.prepared import AnyOf, PreparedQuery


@functools.cache
def _token_fields() -> list[str]:
    return [field.attname for field in get_token_model()._meta.concrete_fields]


@functools.cache
def _user_fields() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


# The tokens of a key with their users, as knox reads them (``filter(token_key=…).select_related("user")``)
# but compiled once: every request asks it, and building that query cost more than running it
# (core.prepared; ~0.3 ms of a ~2 ms ``GET /api/v1/me/``, benchmarks/http_load.py).
_TOKENS = PreparedQuery(
    lambda keys: (
        get_token_model()
        .objects.filter(AnyOf(F("token_key"), keys))
        .order_by()
        .values_list(*_token_fields(), *(f"user__{name}" for name in _user_fields()))
    )
)


class DeviceTokenAuthentication(TokenAuthentication):
    """knox's per-device tokens, checking only the token presented: knox would also read every other token
    of the account on each request to delete expired ones, one more query per request; the periodic
    ``accounts.tasks.purge_expired_tokens`` deletes those instead."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        """knox's own steps (expired, digest, renewal, active user) on the rows of ``_TOKENS``."""
        text = token.decode("utf-8")
        token_fields = _token_fields()
        for row in _TOKENS.rows([text[: CONSTANTS.TOKEN_KEY_LENGTH]]):
            auth_token = get_token_model().from_db("default", token_fields, row[: len(token_fields)])
            auth_token.user = get_user_model().from_db("default", _user_fields(), row[len(token_fields) :])
            if self._cleanup_token(auth_token):
                continue
            try:
                digest = hash_token(text)
            except (TypeError, binascii.Error):
                raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed(_("Invalid token."))

    def _cleanup_token(self, auth_token: Any) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
