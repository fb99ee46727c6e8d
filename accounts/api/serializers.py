from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from accounts.models import MediationOrganisation, Party, User
from core.inputs import StrictCharField


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = [
            "id",
            "kind",
            "name",
            "id_number",
            "credit_code",
            "legal_representative",
            "phone",
            "address",
        ]


class MediationOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = MediationOrganisation
        fields = ["id", "name", "kind", "street"]


class UserBriefSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(source="name")

    class Meta:
        model = User
        fields = ["id", "username", "role", "display_name"]


def user_brief(user: User) -> dict[str, Any]:
    """What ``UserBriefSerializer`` gives, built by hand for the places that show many users in one
    answer (a case's agents and tribunal): a serializer instance per user costs more than the rest."""
    return {"id": user.pk, "username": user.username, "role": user.role, "display_name": str(user.name)}


class MeSerializer(UserBriefSerializer):
    party = PartySerializer(read_only=True, allow_null=True)
    mediation_organisation = MediationOrganisationSerializer(read_only=True, allow_null=True)
    unread_notifications = serializers.IntegerField(read_only=True)

    class Meta(UserBriefSerializer.Meta):
        fields = [
            *UserBriefSerializer.Meta.fields,
            "phone",
            "language",
            "party",
            "mediation_organisation",
            "unread_notifications",
        ]


class MeUpdateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        help_text="The language notifications, SMS and e-mails reach this user in.",
    )


class TokenRequestSerializer(serializers.Serializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=128, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`; shown once.")
    expiry = serializers.DateTimeField(
        allow_null=True, help_text="When the token lapses unless used (each use renews it)."
    )
    user = UserBriefSerializer()
