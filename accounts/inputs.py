"""Input shapes of accounts and parties, shared by the API and the pages (neither imports the other)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.identifiers import (
    validate_credit_code,
    validate_id_number,
    validate_mobile,
    validate_plain_text,
)
from accounts.models import PartyKind
from accounts.sms_codes import Purpose
from core.inputs import IdField, StrictCharField


def _django_validator(function: Callable[[str], str]) -> Callable[[str], str]:
    """Turn an identifiers.validate_* function into a DRF field validator keeping its message."""

    def run(value: str) -> str:
        from django.core.exceptions import ValidationError

        try:
            return function(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages[0], code=exc.code) from None

    return run


class PartyInputSerializer(serializers.Serializer):
    """A party as a client describes it: a person by ID number, an organisation by credit code."""

    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name = StrictCharField(max_length=200)
    id_number = StrictCharField(max_length=30, required=False, allow_blank=True, allow_null=True)
    credit_code = StrictCharField(max_length=30, required=False, allow_blank=True, allow_null=True)
    legal_representative = StrictCharField(max_length=100, required=False, allow_blank=True, default="")
    phone = StrictCharField(max_length=20, required=False, allow_blank=True, default="")
    address = StrictCharField(max_length=300, required=False, allow_blank=True, default="")

    def validate_name(self, value: str) -> str:
        return _django_validator(validate_plain_text)(value)

    def validate_legal_representative(self, value: str) -> str:
        return _django_validator(validate_plain_text)(value)

    def validate_address(self, value: str) -> str:
        return _django_validator(validate_plain_text)(value)

    def validate_id_number(self, value: str | None) -> str | None:
        return _django_validator(validate_id_number)(value) if value else None

    def validate_credit_code(self, value: str | None) -> str | None:
        return _django_validator(validate_credit_code)(value) if value else None

    def validate_phone(self, value: str) -> str:
        return _django_validator(validate_mobile)(value) if value else ""

    def validate(self, attrs: dict) -> dict:
        if attrs["kind"] == PartyKind.PERSON:
            if not attrs.get("id_number"):
                raise serializers.ValidationError(
                    {"id_number": _("A person is identified by a resident ID number.")}
                )
            attrs["credit_code"] = None
        else:
            if not attrs.get("credit_code"):
                raise serializers.ValidationError(
                    {"credit_code": _("An organisation is identified by a unified social credit code.")}
                )
            attrs["id_number"] = None
        return attrs


class RealNameInputSerializer(serializers.Serializer):
    """实名认证: the name and resident ID number the provider is asked to confirm."""

    name = StrictCharField(max_length=100)
    id_number = StrictCharField(max_length=30)

    def validate_name(self, value: str) -> str:
        return _django_validator(validate_plain_text)(value)

    def validate_id_number(self, value: str) -> str:
        return _django_validator(validate_id_number)(value)


class CounterLinkInputSerializer(serializers.Serializer):
    """The account a clerk ties to a party after checking the identity document at the counter."""

    user = IdField()


class MobileField(StrictCharField):
    """A mainland mobile number, as people type it (spaces, dashes, +86): answered as 11 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        return _django_validator(validate_mobile)(value)


class SmsCodeInputSerializer(serializers.Serializer):
    phone = MobileField()
    purpose = serializers.ChoiceField(choices=Purpose.choices)


class SignUpInputSerializer(serializers.Serializer):
    phone = MobileField()
    code = StrictCharField(max_length=6, min_length=6)
    password = StrictCharField(max_length=128, trim_whitespace=False)
    display_name = StrictCharField(max_length=100, required=False, allow_blank=True, default="")
    bind_token = StrictCharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="From a WeChat sign-in answered 404 `not_bound`: ties that WeChat identity to the account.",
    )

    def validate_display_name(self, value: str) -> str:
        return _django_validator(validate_plain_text)(value)


class PasswordResetInputSerializer(serializers.Serializer):
    phone = MobileField()
    code = StrictCharField(max_length=6, min_length=6)
    password = StrictCharField(max_length=128, trim_whitespace=False)


class WeChatSignInInputSerializer(serializers.Serializer):
    code = StrictCharField(max_length=200, help_text="The code from the mini-program's `wx.login`.")


class WeChatLinkInputSerializer(serializers.Serializer):
    bind_token = StrictCharField(max_length=500, help_text="From a WeChat sign-in answered 404 `not_bound`.")
