"""Serializers of the platform's API: the inbox, the error envelope, and times as every answer gives them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from rest_framework import serializers

from core.inputs import IdField
from core.models import Notification

# A date and time with its offset, as ``isoformat()`` of an aware datetime writes it (or with a "Z").
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
_DATETIME = serializers.DateTimeField()


def _in_zone(moment: datetime, zone: Any) -> str:
    text = moment.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def api_time(moment: datetime | None) -> str | None:
    """A date and time as the API's DateTimeFields give it: ISO 8601 in the commission's zone (+08:00)."""
    if moment is None:
        return None
    if moment.tzinfo is not None and settings.USE_TZ:
        # DateTimeField's own steps for an aware time, without its checks for naive ones: a list page
        # writes sixty of these, and the field's way was a tenth of the page's Python.
        return _in_zone(moment, timezone.get_current_timezone())
    return _DATETIME.to_representation(moment)


TimeWriter = Callable[[datetime | None], str | None]


def time_writer() -> TimeWriter:
    """``api_time`` with the zone asked once, for all the times of one answer: ``api_time`` asks it for each
    time (an asgiref ``Local`` lookup, ~3 µs of its ~6 µs), this ~1.5 µs a time, 20-60 times a page. The
    same text; naive times go through ``api_time``."""
    if not settings.USE_TZ:
        return api_time
    zone = timezone.get_current_timezone()

    def write(moment: datetime | None) -> str | None:
        if moment is None or moment.tzinfo is None:
            return api_time(moment)
        return _in_zone(moment, zone)

    return write


def row_of(instance: Any, columns: Iterable[str]) -> tuple[Any, ...]:
    """The values of ``columns`` (``values_list`` names: ``a__b`` through a relation) read off a model
    instance, as ``values_list`` would read them from the database: an answer written from such rows
    (``submission_rows``, ``evidence_rows``) writes one instance the same way. A missing related object (a
    null foreign key, an absent reverse one-to-one) reads as ``None``, as the query's outer join does."""
    values = []
    for column in columns:
        value = instance
        for name in column.split("__"):
            try:
                value = None if value is None else getattr(value, name)
            except ObjectDoesNotExist:
                value = None
        values.append(value)
    return tuple(values)


def local_times(value: Any) -> Any:
    """JSON data with every date-and-time string in it re-stated in the commission's zone (+08:00): the
    stored data keeps what was written (UTC, often); the answer states the same instants as the rest of the
    API does. Dates, numbers and other text are left as they are."""
    if isinstance(value, dict):
        return {key: local_times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [local_times(item) for item in value]
    if isinstance(value, str) and _MOMENT.match(value):
        return api_time(datetime.fromisoformat(value))
    return value


class LocalTimesJSONField(serializers.JSONField):
    """A JSON field whose date-and-time strings the answer states in +08:00 (``local_times``)."""

    def to_representation(self, value: Any) -> Any:
        return local_times(super().to_representation(value))


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()
    title = serializers.CharField(
        source="shown_title", read_only=True, help_text="In the request's language."
    )
    body = serializers.CharField(source="shown_body", read_only=True, help_text="In the request's language.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "read"]

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), required=False, max_length=500)


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications this request marked read.")
    unread = serializers.IntegerField(help_text="How many are still unread.")


class ErrorSerializer(serializers.Serializer):
    """The error envelope of every 4xx response."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # A field named like Field's own ``fields``: DRF's metaclass moves declared fields off the class.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
