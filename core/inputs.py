"""Input fields every app's input shapes share. A database id is a 64-bit integer: a bigger number is the
client's mistake (400), never a query the database refuses (which would be a 500)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils import html

MAX_ID = 2**63 - 1


def IdField(**kwargs: Any) -> serializers.IntegerField:
    """A database id: a positive integer that fits the database's ``bigint``."""
    kwargs.setdefault("min_value", 1)
    kwargs.setdefault("max_value", MAX_ID)
    return serializers.IntegerField(**kwargs)


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that is checked to be a 64-bit integer before the database is asked about it."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "out_of_range": _('Invalid pk "{pk_value}" - object does not exist.'),
    }

    def to_internal_value(self, data: Any) -> Any:
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, bool) or not 1 <= number <= MAX_ID:
            self.fail("out_of_range", pk_value=data)
        return super().to_internal_value(number)


class StrictBooleanField(serializers.BooleanField):
    """A JSON body's ``true`` or ``false``, nothing else: DRF's own also takes ``1``, ``"yes"``, ``"on"``…,
    which the schema (``type: boolean``) does not promise. A form post (the pages) keeps DRF's reading."""

    def get_value(self, dictionary: Any) -> Any:
        self._from_form = html.is_html_input(dictionary)
        return super().get_value(dictionary)

    def to_internal_value(self, data: Any) -> bool:
        if not getattr(self, "_from_form", False) and not isinstance(data, bool):
            self.fail("invalid", input=data)
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """Text, as a JSON string: DRF's own also takes a number (``0`` becomes ``"0"``), which the schema
    (``type: string``) does not promise. Form posts (the pages) send nothing but strings."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
