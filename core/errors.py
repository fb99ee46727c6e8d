"""The one application error type. Services raise it; the API's exception handler renders it with the
contract's envelope and the web pages show its ``detail``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import JsonResponse
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable
from redis.exceptions import RedisError
from rest_framework import status

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


# What the cache, the channel layer (both Redis) and the Celery broker raise when they cannot be reached.
# Before a commit these answer 503 "nothing was saved"; after it nothing may raise them into a request
# (tasks go through ``core.outbox``, pushes swallow them).
SERVICE_UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (RedisError, BrokerUnavailable)


class ApplicationError(Exception):
    """A refusal the user can act on: status, machine code, human detail and optional field messages."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    code: str = "invalid"

    def __init__(
        self,
        detail: str | StrPromise,
        *,
        code: str | None = None,
        status_code: int | None = None,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        self.fields = fields or {}
        self.extra = extra or {}
        self.headers = headers or {}


class Conflict(ApplicationError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


class InvalidTransition(ApplicationError):
    status_code = status.HTTP_409_CONFLICT
    code = "invalid_transition"


class NotFound(ApplicationError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


class Forbidden(ApplicationError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "permission_denied"


def as_application_error(exc: Exception) -> ApplicationError | None:
    """The refusal an exception from a step means to its user: itself for an ``ApplicationError``, a 409
    for a lost race (another change won the transition or the unique row), None for anything else. The
    API's exception handler renders it, and so does a group action for each member it refuses."""
    from django.db import IntegrityError
    from django_fsm import ConcurrentTransition, TransitionNotAllowed

    if isinstance(exc, ApplicationError):
        return exc
    if isinstance(exc, TransitionNotAllowed | ConcurrentTransition):
        return Conflict(_("Someone else changed this case at the same time; reload and try again."))
    if isinstance(exc, IntegrityError):
        return Conflict(_("A concurrent change conflicted with this one; reload and try again."))
    return None


def field_error(field: str, message: str | StrPromise, code: str = "invalid") -> ApplicationError:
    return ApplicationError(_("Invalid input."), code=code, fields={field: [str(message)]})


def flatten_fields(errors: Any) -> dict[str, list[str]]:
    """DRF's nested error structure as ``{"respondent.credit_code": [...], "claims.0.amount": [...]}``."""
    flat: dict[str, list[str]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                if key in ("non_field_errors", "__all__"):
                    walk(sub, path)
                else:
                    walk(sub, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
            for index, item in enumerate(value):
                if item:
                    walk(item, f"{path}.{index}" if path else str(index))
        else:
            messages = value if isinstance(value, list) else [value]
            flat.setdefault(path or "non_field_errors", []).extend(str(message) for message in messages)

    walk(errors, "")
    return flat


def envelope(
    code: str, detail: str | StrPromise, fields: dict[str, list[str]] | None = None, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "detail": str(detail)}
    if fields:
        body["fields"] = fields
    body.update(extra)
    return body


def json_error(status_code: int, code: str, detail: str) -> JsonResponse:
    """The envelope for errors raised outside DRF (Django's 404/403/400 handlers for /api/ paths)."""
    return JsonResponse(envelope(code, detail), status=status_code, json_dumps_params={"ensure_ascii": False})
