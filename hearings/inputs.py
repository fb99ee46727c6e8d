"""Input shapes of the hearing API (the pages use the same)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Side
from core.inputs import IdField
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


class SubmissionInputSerializer(serializers.Serializer):
    stage = IdField(required=False, help_text="Defaults to the stage open now.")
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


class StageAdjustSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("extend", "extend"), ("skip", "skip"), ("repeat", "repeat")])
    reason = serializers.CharField(max_length=2000)
    opens_at = serializers.DateTimeField(required=False)
    closes_at = serializers.DateTimeField(required=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class EventsQuerySerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, max_value=2**31, required=False, default=0)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(data)


class RecordConfirmSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(
        r"^[0-9a-fA-F]{64}$",
        help_text="The SHA-256 of the record PDF the party read and confirms.",
        error_messages={"invalid": _("Give the SHA-256 of the record PDF (64 hexadecimal digits).")},
    )
