"""One application error type, rendered with the contract's envelope by one exception handler.

Every 4xx body is ``{"code", "detail", "fields"?}``; ``detail`` follows the request's language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import set_rollback

from core.errors import SERVICE_UNAVAILABLE_ERRORS, as_application_error, envelope, flatten_fields
from core.storage import StorageUnavailable


def _first_code(detail: Any) -> str | None:
    """The code of the first error, when it is one of ours rather than DRF's generic ones."""
    if isinstance(detail, dict):
        for value in detail.values():
            found = _first_code(value)
            if found:
                return found
    elif isinstance(detail, list):
        for value in detail:
            found = _first_code(value)
            if found:
                return found
    elif isinstance(detail, exceptions.ErrorDetail):
        return detail.code
    return None


# Error codes specific enough that the envelope should carry them instead of the generic "invalid".
SPECIFIC_VALIDATION_CODES = {"deadline_too_soon"}


def _response(status_code: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(body, status=status_code)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _unavailable(detail: str) -> Response:
    return _response(
        status.HTTP_503_SERVICE_UNAVAILABLE, envelope("unavailable", detail), {"Retry-After": "30"}
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    error = as_application_error(exc)
    if error is not None:
        set_rollback()
        return _response(
            error.status_code, envelope(error.code, error.detail, error.fields, **error.extra), error.headers
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError:
        set_rollback()
        return _unavailable(_("The database is unavailable; nothing was saved. Please try again later."))
    elif isinstance(exc, StorageUnavailable):
        set_rollback()
        return _unavailable(_("Evidence storage is unavailable; nothing was saved. Please try again later."))
    elif isinstance(exc, SERVICE_UNAVAILABLE_ERRORS):
        set_rollback()
        return _unavailable(_("A backing service is unavailable; nothing was saved. Please try again later."))

    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django log it

    set_rollback()
    headers: dict[str, str] = {}
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_fields(exc.detail)
        code = _first_code(exc.detail)
        code = code if code in SPECIFIC_VALIDATION_CODES else "invalid"
        non_field = fields.get("non_field_errors")
        detail = non_field[0] if non_field and len(fields) == 1 else _("Invalid input.")
        return _response(exc.status_code, envelope(code, detail, fields))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        code = "not_authenticated"
        view = context.get("view")
        if view is not None:
            auth_header = view.get_authenticate_header(context["request"])
            if auth_header:
                headers["WWW-Authenticate"] = auth_header
        # DRF answers 403 when no authenticator offers a challenge; the contract says 401.
        return _response(status.HTTP_401_UNAUTHORIZED, envelope(code, str(exc.detail)), headers)
    if isinstance(exc, exceptions.Throttled):
        # Throttled.__init__ sets ``wait``; the DRF stubs do not declare it.
        wait = exc.wait  # type: ignore[attr-defined]
        if wait is not None:
            headers["Retry-After"] = str(int(wait) + 1)
        detail = _("Too many requests; please wait %(seconds)d seconds and try again.") % {
            "seconds": int(wait or 0) + 1
        }
        return _response(exc.status_code, envelope("throttled", detail), headers)
    codes = {
        status.HTTP_403_FORBIDDEN: "permission_denied",
        status.HTTP_404_NOT_FOUND: "not_found",
        status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
        status.HTTP_406_NOT_ACCEPTABLE: "not_acceptable",
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
    }
    code = codes.get(exc.status_code) or (exc.default_code if isinstance(exc.default_code, str) else "error")
    detail = exc.detail if isinstance(exc.detail, str) else _("The request could not be processed.")
    if isinstance(exc, exceptions.ParseError):
        detail = _("The request body is not valid JSON.")
    if isinstance(exc, exceptions.NotFound):
        detail = _("Not found.")
    return _response(exc.status_code, envelope(code, str(detail)))
