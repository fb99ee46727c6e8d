from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer
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


class DeclaredSerializer(EvidenceSerializer):
    upload = serializers.SerializerMethodField()

    class Meta(EvidenceSerializer.Meta):
        fields = [*EvidenceSerializer.Meta.fields, "upload"]

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
