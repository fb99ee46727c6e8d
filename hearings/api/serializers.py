from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer, brief
from core import clock
from core.api.serializers import LocalTimesJSONField, row_of, time_writer
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


# A page of the record as ``selectors.submission_page`` reads it for ``submission_rows``: plain rows, no
# model instances (making the 20 entries and their authors was ~0.3 ms of a page's Python).
SUBMISSION_ROW = (
    *("id", "number", "stage_id", "kind", "side"),
    *(f"author__{name}" for name in ("id", "username", "role", "display_name", "first_name", "last_name")),
    *("to_side", "in_reply_to_id", "text", "evidence_ids", "elements", "created_at", "hash"),
)


def submission_rows(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """``SubmissionSerializer(many=True).data`` of rows of ``SUBMISSION_ROW`` (and anything after them, as
    the page's count): the same keys in the same order, the same values, with the zone of the times asked
    once for the page (tests/hearings/test_submissions_by_hand.py holds it to the serializer's fields)."""
    write_time = time_writer()
    return [
        {
            "id": pk,
            "number": number,
            "stage": stage,
            "kind": kind,
            "side": side,
            "author": brief(author, username, role, display_name, first_name, last_name),
            "to_side": to_side,
            "in_reply_to": in_reply_to,
            "text": text,
            "evidence": list(evidence_ids),
            "elements": elements,
            "created_at": write_time(created_at),
            "hash": digest,
        }
        for (
            pk,
            number,
            stage,
            kind,
            side,
            author,
            username,
            role,
            display_name,
            first_name,
            last_name,
            to_side,
            in_reply_to,
            text,
            evidence_ids,
            elements,
            created_at,
            digest,
            *_,
        ) in rows
    ]


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

    def to_representation(self, sub: Submission) -> dict[str, Any]:
        # The fields above, written by hand as a page of the record is (``submission_rows``; the fields
        # still declare the schema): through DRF, field by field, a page of 20 entries took ~1 ms of
        # Python, by hand ~0.2 ms. This writes one entry (the answer to a submission).
        return submission_rows([row_of(sub, SUBMISSION_ROW)])[0]

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
