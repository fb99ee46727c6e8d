from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer
from core import clock
from core.api.serializers import LocalTimesJSONField
from hearings.models import (
    HearingSession,
    RecordConfirmation,
    SessionEvent,
    SessionStatus,
    Stage,
    StageKind,
    StageStatus,
    Submission,
)
from hearings.sessions import current_consents


class StageSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(source="kind", choices=StageKind.choices)
    status = serializers.ChoiceField(choices=StageStatus.choices)
    waived = serializers.SerializerMethodField()

    class Meta:
        model = Stage
        fields = ["id", "stage", "position", "opens_at", "closes_at", "status", "sealed", "waived"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_waived(self, stage: Stage) -> list[str]:
        return sorted(w.side for w in stage.waivers.all())


class SessionSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=SessionStatus.choices)
    stages = StageSerializer(many=True, read_only=True)
    current_stage = serializers.SerializerMethodField()
    consents = serializers.SerializerMethodField()
    nothing_to_add = serializers.SerializerMethodField()

    class Meta:
        model = HearingSession
        fields = [
            "id",
            "case",
            "joint",
            "status",
            "current_stage",
            "stages",
            "consents",
            "nothing_to_add",
            "created_at",
            "opened_at",
            "ended_at",
            "end_reason",
            "last_seq",
        ]

    @extend_schema_field(StageSerializer(allow_null=True))
    def get_current_stage(self, session: HearingSession) -> dict[str, Any] | None:
        now = clock.now()
        for stage in session.stages.all():
            if stage.status != StageStatus.SKIPPED and stage.opens_at <= now < stage.closes_at:
                return StageSerializer(stage).data
        return None

    @extend_schema_field(serializers.DictField(child=serializers.BooleanField(allow_null=True)))
    def get_consents(self, session: HearingSession) -> dict[str, bool | None]:
        return {str(k): v for k, v in current_consents(session).items()}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_nothing_to_add(self, session: HearingSession) -> list[str]:
        return sorted(n.side for n in session.nothing_to_add.all())


class SubmissionSerializer(serializers.ModelSerializer):
    author = UserBriefSerializer(read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "number",
            "stage",
            "kind",
            "side",
            "author",
            "to_side",
            "in_reply_to",
            "text",
            "evidence",
            "elements",
            "created_at",
            "hash",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_evidence(self, sub: Submission) -> list[int]:
        return list(sub.evidence_ids)


class SessionEventSerializer(serializers.ModelSerializer):
    # Named like Serializer's own ``data``: DRF's metaclass moves declared fields off the class.
    data = LocalTimesJSONField(  # type: ignore[assignment]
        read_only=True, help_text="The event's details; times in +08:00."
    )

    class Meta:
        model = SessionEvent
        fields = ["seq", "type", "data", "created_at"]


class RecordConfirmationSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)

    class Meta:
        model = RecordConfirmation
        fields = ["id", "session", "side", "user", "pdf_sha256", "at"]
