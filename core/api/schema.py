"""How the OpenAPI schema describes every operation: the error answers each one can give, always in the
contract's envelope, and no text but what was written for the API's users (a view's docstring is a note
for us, not documentation for the mini-program's developers)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

from core.api.serializers import ErrorSerializer

# What each error status means in this API (../shared/api-contract.md, "Errors").
ERROR_MEANINGS = {
    400: "Invalid input: `fields` names each field (query, path or body) and what is wrong with it.",
    401: "No credentials, or a token that is unknown, expired or logged out (`not_authenticated`).",
    403: "Signed in, but this user may not do this (`permission_denied`).",
    404: "No such object, or one this user may not see (`not_found`); never tells which.",
    409: "Not allowed in the object's current state, or a concurrent change won (`invalid_transition`, "
    "`conflict`); reload and decide again.",
    413: "The request body is larger than allowed (`too_large`).",
    429: "Too many requests (`throttled`); wait for the seconds in `Retry-After`.",
    503: "A backing service (database, storage, broker) is down; nothing was saved (`unavailable`). "
    "Retry after `Retry-After` seconds.",
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(SpectacularAutoSchema):
    def get_description(self) -> str:  # type: ignore[override]
        return ""  # only what @extend_schema(description=...) says

    def _map_serializer_field(self, field: Any, direction: Any, bypass_extensions: bool = False) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # A list of nested objects (``many=True``) keeps its length limits, which drf-spectacular drops.
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            # The stubs do not declare ListSerializer's min_length and max_length.
            least, most = getattr(field, "min_length", None), getattr(field, "max_length", None)
            minimum = least if least is not None else (0 if field.allow_empty else 1)
            if minimum:
                schema["minItems"] = minimum
            if most is not None:
                schema["maxItems"] = most
        return schema

    def _error_statuses(self) -> list[int]:
        has_path_parameters = "{" in self.path
        is_list = self.method == "GET" and self._is_list_view() and self._get_paginator() is not None
        has_input = bool(self._get_request_body()) or bool(self._get_parameters()) or self.method in UNSAFE
        statuses = [401, 403, 503]
        if has_input:
            statuses.append(400)
        if has_path_parameters or is_list:
            statuses.append(404)
        if self.method in UNSAFE:
            statuses += [409, 413]
        if self.view.get_throttles():
            statuses.append(429)
        # A view names what the rules above cannot see (e.g. 404 for a code that matches no case).
        return sorted(set(statuses) | set(getattr(self.view, "error_statuses", ())))

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        component = self.resolve_serializer(ErrorSerializer, "response")
        for status in self._error_statuses():
            documented = responses.setdefault(str(status), {})
            documented["description"] = documented.get("description") or ERROR_MEANINGS[status]
            documented["content"] = {"application/json": {"schema": component.ref}}
        return responses
