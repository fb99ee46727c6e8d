"""Input fields every app's input shapes share. A database id is a 64-bit integer: a bigger number is the
client's mistake (400), never a query the database refuses (which would be a 500)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils import html

MAX_ID = 2**63 - 1

# Refusals written for the citizen who reads them, not in the framework's register ("确保该变量包含不超过
# 20000 字符"): set once, on DRF's fields and Django's length validators, by ``use_plain_messages``
# (``CoreConfig.ready``), so every input shape and form of every app says them.
PLAIN_MESSAGES: dict[Any, dict[str, Any]] = {
    serializers.CharField: {
        "max_length": _("At most {max_length} characters."),
        "min_length": _("At least {min_length} characters."),
    },
    serializers.IntegerField: {
        "max_value": _("At most {max_value}."),
        "min_value": _("At least {min_value}."),
    },
    serializers.DecimalField: {
        "max_value": _("At most {max_value}."),
        "min_value": _("At least {min_value}."),
        "max_digits": _("At most {max_digits} digits."),
        "max_decimal_places": _("At most {max_decimal_places} digits after the decimal point."),
        "max_whole_digits": _("At most {max_whole_digits} digits before the decimal point."),
    },
    serializers.ListField: {
        "max_length": _("At most {max_length} items."),
        "min_length": _("At least {min_length} items."),
    },
}
PLAIN_VALIDATOR_MESSAGES: dict[type[validators.BaseValidator], Any] = {
    validators.MaxLengthValidator: _("At most %(limit_value)d characters (now %(show_value)d)."),
    validators.MinLengthValidator: _("At least %(limit_value)d characters (now %(show_value)d)."),
}


def use_plain_messages() -> None:
    """Put the plain refusals in place of the frameworks' own (once, at start-up)."""
    for field, messages in PLAIN_MESSAGES.items():
        field.default_error_messages = {**field.default_error_messages, **messages}
    for validator, message in PLAIN_VALIDATOR_MESSAGES.items():
        validator.message = message


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


# An amount as people write it: "12000", "12000.5", "12,000", "¥12000", "￥12,000.00", "12000元".
_CURRENCY = re.compile(r"^[¥￥]?\s*(?P<number>[^¥￥元]*?)\s*元?$")
_GROUPED = re.compile(r"^-?\d{1,3}([,，]\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")  # no exponents, spaces or other signs
AMOUNT_REFUSED = _("Enter an amount in yuan, such as 12000, 12,000.50 or ¥12000.")


def amount_text(data: Any) -> Any:
    """The plain number in an amount as written (text; a JSON number is left to the field as it is);
    ``None``: text that is not an amount."""
    if not isinstance(data, str):
        return data
    found = _CURRENCY.match(data.strip())
    number = found["number"] if found else ""
    if "," in number or "，" in number:
        number = number.replace(",", "").replace("，", "") if _GROUPED.match(number) else ""
    return number if _PLAIN.match(number) else None


class MoneyField(serializers.DecimalField):
    """Yuan to the fen, as people write it (see ``amount_text``); any other text is refused with one
    plain message."""

    default_error_messages = {"invalid": AMOUNT_REFUSED}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        number = amount_text(data)
        if number is None or isinstance(number, bool):
            self.fail("invalid")
        return super().to_internal_value(number)


class MoneyFormField(forms.DecimalField):
    """The pages' amount: the same writings as ``MoneyField``, the same message for anything else."""

    default_error_messages = {"invalid": AMOUNT_REFUSED}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        number = amount_text(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(number)
