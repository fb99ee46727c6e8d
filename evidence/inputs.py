"""The input shapes of the evidence API (and of the pages, which call the same services)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.identifiers import validate_plain_text
from cases.models import Side
from core.inputs import IdField
from evidence.models import Opinion


def _plain(value: str) -> str:
    """No control or format characters (see ``validate_plain_text``), as a DRF field error."""
    try:
        return validate_plain_text(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages[0], code=exc.code) from None


class DeclareSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    purpose = serializers.CharField(max_length=2000, help_text="证明目的: what this item proves.")
    filename = serializers.CharField(max_length=255)
    content_type = serializers.CharField(max_length=100, help_text="The MIME type the upload will carry.")
    size = serializers.IntegerField(min_value=1, max_value=2**53, help_text="Bytes.")
    sha256 = serializers.RegexField(
        r"^[0-9a-fA-F]{64}$",
        help_text="Hex SHA-256 of the file's bytes.",
        error_messages={"invalid": "64 hex digits."},
    )
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        help_text="Clerks only: the side that handed it in at the counter.",
    )
    supersedes = IdField(required=False, help_text="The item this one corrects (both stay in the history).")

    def validate_title(self, value: str) -> str:
        return _plain(value)

    def validate_purpose(self, value: str) -> str:
        return _plain(value)

    def validate_sha256(self, value: str) -> str:
        return value.lower()

    def validate_filename(self, value: str) -> str:
        name = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
        if not name or name in (".", ".."):
            raise serializers.ValidationError(_("Give the file's name."))
        return _plain(name)


class OpinionSerializer(serializers.Serializer):
    authenticity = serializers.ChoiceField(choices=Opinion.choices, help_text="真实性")
    legality = serializers.ChoiceField(choices=Opinion.choices, help_text="合法性")
    relevance = serializers.ChoiceField(choices=Opinion.choices, help_text="关联性")
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
