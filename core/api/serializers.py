"""Serializers of the platform's API: the inbox and the error envelope."""

from __future__ import annotations

from rest_framework import serializers

from core.inputs import IdField
from core.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()
    title = serializers.CharField(
        source="shown_title", read_only=True, help_text="In the request's language."
    )
    body = serializers.CharField(source="shown_body", read_only=True, help_text="In the request's language.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "read"]

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), required=False, max_length=500)


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications this request marked read.")
    unread = serializers.IntegerField(help_text="How many are still unread.")


class ErrorSerializer(serializers.Serializer):
    """The error envelope of every 4xx response."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # A field named like Field's own ``fields``: DRF's metaclass moves declared fields off the class.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
