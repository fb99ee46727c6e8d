from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer, brief
from core.api.serializers import row_of, time_writer
from evidence.models import CrossExamination, EvidenceAccess, EvidenceItem, Status


class PresignedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Send the bytes here directly (object storage), not to this API.")
    method = serializers.CharField()
    headers = serializers.DictField(child=serializers.CharField(), help_text="Send exactly these headers.")
    expires_at = serializers.DateTimeField()


class OpinionOutSerializer(serializers.ModelSerializer):
    author = UserBriefSerializer(read_only=True)

    class Meta:
        model = CrossExamination
        fields = ["id", "side", "author", "authenticity", "legality", "relevance", "reason", "created_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    submitted_by = UserBriefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices)
    number = serializers.IntegerField(
        allow_null=True, help_text="Position in the side's catalogue (证据目录)."
    )
    content_type = serializers.CharField(source="declared_type")
    size = serializers.IntegerField(source="declared_size")
    superseded_by = serializers.SerializerMethodField()
    opinions = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = [
            "id",
            "case",
            "side",
            "number",
            "title",
            "purpose",
            "filename",
            "content_type",
            "size",
            "sha256",
            "status",
            "rejection",
            "submitted_by",
            "created_at",
            "finalized_at",
            "supersedes",
            "superseded_by",
            "opinions",
        ]

    def to_representation(self, item: EvidenceItem) -> dict[str, Any]:
        # The fields above, written by hand as a page of the catalogue is (``evidence_rows``; they still
        # declare the schema): field by field through DRF, a page of 10 items took ~1.3 ms of Python, more
        # than its queries; by hand ~0.2 ms. One item (the detail, a finalize) with its own opinions.
        opinions = [row_of(opinion, ("item_id", *OPINION_ROW)) for opinion in item.opinions.all()]
        return evidence_rows([row_of(item, EVIDENCE_ROW)], {item.pk: opinions})[0]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_superseded_by(self, item: EvidenceItem) -> int | None:
        try:
            newer = item.superseded_by
        except EvidenceItem.DoesNotExist:
            return None
        return newer.pk if newer is not None and newer.status == Status.AVAILABLE else None

    @extend_schema_field(OpinionOutSerializer(many=True))
    def get_opinions(self, item: EvidenceItem) -> list[dict[str, Any]]:
        return OpinionOutSerializer(item.opinions.all(), many=True).data  # type: ignore[return-value]


# A page of the catalogue as ``selectors.catalogue_page`` and ``selectors.opinion_rows`` read it for
# ``evidence_rows``: plain rows, no model instances (the items, their submitters, newer versions and the
# opinions with their authors were ~0.4 ms of a page's Python as models).
_BRIEF = ("id", "username", "role", "display_name", "first_name", "last_name")
EVIDENCE_ROW = (
    *("id", "case_id", "side", "number", "title", "purpose", "filename", "declared_type", "declared_size"),
    *("sha256", "status", "rejection"),
    *(f"submitted_by__{name}" for name in _BRIEF),
    *("created_at", "finalized_at", "supersedes_id", "superseded_by__id", "superseded_by__status"),
)
OPINION_ROW = (
    *("id", "side"),
    *(f"author__{name}" for name in _BRIEF),
    *("authenticity", "legality", "relevance", "reason", "created_at"),
)


def evidence_rows(
    rows: Iterable[tuple[Any, ...]], opinions: dict[int, list[tuple[Any, ...]]]
) -> list[dict[str, Any]]:
    """``EvidenceSerializer(many=True).data`` of rows of ``EVIDENCE_ROW`` (and anything after them, as the
    page's count) with their ``opinions`` (``selectors.opinion_rows`` of ``OPINION_ROW``): the same keys in
    the same order, the same values, with the zone of the times asked once for the page
    (tests/evidence/test_catalogue_by_hand.py holds it to the serializer's fields)."""
    write_time = time_writer()
    available = Status.AVAILABLE
    return [
        {
            "id": pk,
            "case": case,
            "side": side,
            "number": number,
            "title": title,
            "purpose": purpose,
            "filename": filename,
            "content_type": content_type,
            "size": size,
            "sha256": sha256,
            "status": status,
            "rejection": rejection,
            "submitted_by": brief(by, username, role, display_name, first_name, last_name),
            "created_at": write_time(created_at),
            "finalized_at": write_time(finalized_at),
            "supersedes": supersedes,
            "superseded_by": newer if newer is not None and newer_status == available else None,
            "opinions": [
                {
                    "id": o_pk,
                    "side": o_side,
                    "author": brief(o_by, o_username, o_role, o_display_name, o_first_name, o_last_name),
                    "authenticity": authenticity,
                    "legality": legality,
                    "relevance": relevance,
                    "reason": reason,
                    "created_at": write_time(o_created_at),
                }
                for (
                    _item,
                    o_pk,
                    o_side,
                    o_by,
                    o_username,
                    o_role,
                    o_display_name,
                    o_first_name,
                    o_last_name,
                    authenticity,
                    legality,
                    relevance,
                    reason,
                    o_created_at,
                ) in opinions[pk]
            ],
        }
        for (
            pk,
            case,
            side,
            number,
            title,
            purpose,
            filename,
            content_type,
            size,
            sha256,
            status,
            rejection,
            by,
            username,
            role,
            display_name,
            first_name,
            last_name,
            created_at,
            finalized_at,
            supersedes,
            newer,
            newer_status,
            *_,
        ) in rows
    ]


class DeclaredSerializer(EvidenceSerializer):
    upload = serializers.SerializerMethodField()

    class Meta(EvidenceSerializer.Meta):
        fields = [*EvidenceSerializer.Meta.fields, "upload"]

    def to_representation(self, item: EvidenceItem) -> dict[str, Any]:
        return {**super().to_representation(item), "upload": self.get_upload(item)}

    @extend_schema_field(PresignedSerializer)
    def get_upload(self, item: EvidenceItem) -> dict[str, Any]:
        upload = self.context["upload"]
        return {
            "url": upload.url,
            "method": upload.method,
            "headers": upload.headers,
            "expires_at": upload.expires_at.isoformat(),
        }


class DownloadSerializer(serializers.Serializer):
    url = serializers.URLField()
    expires_at = serializers.DateTimeField()


class AccessSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)

    class Meta:
        model = EvidenceAccess
        fields = ["id", "user", "at"]
