"""Input shapes of the hearing API (the pages use the same)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Side
from core.inputs import MAX_ID, IdField
from hearings.models import StageKind, SubmissionKind


class StageInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=StageKind.choices)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    sealed = serializers.BooleanField(
        required=False, default=False, help_text="Hide each side's statements until the window closes."
    )


class SessionOpenSerializer(serializers.Serializer):
    stages = StageInputSerializer(
        many=True, required=False, help_text="The tribunal opens with windows; a party applies without."
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SessionDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    stages = StageInputSerializer(many=True, required=False)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ConsentSerializer(serializers.Serializer):
    agree = serializers.BooleanField()
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        help_text="Clerks only: the side whose counter consent is recorded.",
    )


@extend_schema_field(
    {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": list(StageKind.values)}]}
)
class StageRefField(serializers.Field):
    """A stage by its id, or by its name (the stage of that name in this session): what the contract's
    clients send."""

    default_error_messages = {
        "invalid": _(
            "Give the stage's id or its name (statements, evidence, cross_examination, inquiry, "
            "final_statements)."
        )
    }

    def to_internal_value(self, data: Any) -> int | str:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int) and 1 <= data <= MAX_ID:
            return data
        if isinstance(data, str) and data.isdigit() and 1 <= int(data) <= MAX_ID:
            return int(data)
        if isinstance(data, str) and data in StageKind.values:
            return data
        self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return value


class ElementPositionSerializer(serializers.Serializer):
    claim = IdField(help_text="One of the case's claims.")
    element = serializers.CharField(max_length=200, help_text="The element, e.g. 月工资.")
    position = serializers.CharField(max_length=2000, help_text="The side's position on it, e.g. 12000.")


class SubmissionInputSerializer(serializers.Serializer):
    stage = StageRefField(required=False, help_text="The stage's id or name; defaults to the stage open now.")
    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    text = serializers.CharField(trim_whitespace=False, allow_blank=True, max_length=10_000_000)
    evidence = serializers.ListField(child=IdField(), required=False, default=list, max_length=100)
    in_reply_to = IdField(required=False, allow_null=True, default=None)
    to_side = serializers.ChoiceField(
        choices=[*Side.choices, ("both", _("Both sides"))],
        required=False,
        default="",
        allow_blank=True,
        help_text="A question's addressee (the tribunal's questions only).",
    )
    elements = ElementPositionSerializer(
        many=True,
        required=False,
        default=list,
        help_text="A statement's or defence's positions on the elements of the case's claims (at most 200).",
    )

    def validate_elements(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > 200:
            raise serializers.ValidationError(_("At most 200 element positions in one submission."))
        return value


class StageAdjustSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("extend", "extend"), ("skip", "skip"), ("repeat", "repeat")])
    reason = serializers.CharField(max_length=2000)
    opens_at = serializers.DateTimeField(required=False)
    closes_at = serializers.DateTimeField(required=False)


class SessionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class EventsQuerySerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, max_value=2**31, required=False, default=0)


class RecordConfirmSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(
        r"^[0-9a-fA-F]{64}$",
        help_text="The SHA-256 of the record PDF the party read and confirms.",
        error_messages={"invalid": _("Give the SHA-256 of the record PDF (64 hexadecimal digits).")},
    )
