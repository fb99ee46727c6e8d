"""Session authentication for the API, with the CSRF refusal in the contract's words and the reader's
language (DRF's own says "CSRF Failed: …" in English)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


class CsrfSessionAuthentication(SessionAuthentication):
    def enforce_csrf(self, request: Any) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _("CSRF check failed; reload the page and try again.")
            ) from None


class CsrfSessionScheme(SessionScheme):
    """The schema documents it as the session cookie it is."""

    target_class = "core.api.authentication.CsrfSessionAuthentication"


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.tokens.DeviceTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A token from POST /api/v1/auth/token/, sent as "Token <token>".',
        }
