"""``Idempotency-Key`` for POSTs: a retried request with the same key and body gets the first response
and creates nothing new. Clients on flaky phone networks retry; this makes retrying safe.

The claim row and the view's writes share one transaction, so a request that fails leaves no claim
behind. A concurrent duplicate blocks on the unique index until the first commits, then replays it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.errors import Conflict, field_error
from core.models import IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
REPLAY_HEADER = "Idempotent-Replayed"


class _Replay(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def _fingerprint(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def claim(request: Request, key: str) -> IdempotencyRecord:
    """The new record for ``key``; raises ``_Replay`` with the stored response when it was used before."""
    if not 1 <= len(key) <= 255:
        raise field_error("Idempotency-Key", _("An Idempotency-Key has 1 to 255 characters."))
    user = request.user
    assert user.is_authenticated and request.method is not None  # the caller claims for signed-in users
    fingerprint = _fingerprint(request)
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user=user,
                key=key,
                method=request.method,
                path=request.path.replace("\x00", "")[:500],  # PostgreSQL text holds no NUL
                fingerprint=fingerprint,
            )
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.get(user=user, key=key)
    if existing.fingerprint != fingerprint:
        raise Conflict(
            _("This Idempotency-Key was already used for a different request."), code="idempotency_key_reused"
        )
    response = Response(json.loads(existing.response_body or "null"), status=existing.status_code)
    response[REPLAY_HEADER] = "true"
    raise _Replay(response)


class IdempotentMixin:
    """Mix into an APIView before it: makes its POSTs idempotent when the client sends a key."""

    _idempotency_record: IdempotencyRecord | None = None

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method != "POST" or HEADER not in request.META:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
            record = self._idempotency_record
            if record is not None:
                if 200 <= response.status_code < 300:
                    record.status_code = response.status_code
                    record.response_body = JSONRenderer().render(response.data).decode()
                    record.save(update_fields=["status_code", "response_body"])
                else:
                    # Nothing is half-written, and a retry after fixing the input runs afresh.
                    transaction.set_rollback(True)
        return response

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        key = request.META.get(HEADER)
        if request.method == "POST" and key is not None and request.user.is_authenticated:
            self._idempotency_record = claim(request, key)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)  # type: ignore[misc]
