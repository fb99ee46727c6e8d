"""API tokens: one per device (django-rest-knox), checked the same way by the API and the WebSockets."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from knox.auth import TokenAuthentication


class DeviceTokenAuthentication(TokenAuthentication):
    """knox's per-device tokens, checking only the token presented: knox would also read every other token
    of the account on each request to delete expired ones, one more query per request; the periodic
    ``accounts.tasks.purge_expired_tokens`` deletes those instead."""

    def _cleanup_token(self, auth_token: Any) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
