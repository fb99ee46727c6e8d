from __future__ import annotations

from rest_framework import serializers

from accounts.models import MediationOrganisation, Party, User


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


class MeSerializer(UserBriefSerializer):
    party = PartySerializer(read_only=True)
    mediation_organisation = MediationOrganisationSerializer(read_only=True)
    unread_notifications = serializers.IntegerField(read_only=True)

    class Meta(UserBriefSerializer.Meta):
        fields = [
            *UserBriefSerializer.Meta.fields,
            "phone",
            "party",
            "mediation_organisation",
            "unread_notifications",
        ]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`; shown once.")
    expiry = serializers.DateTimeField(
        allow_null=True, help_text="When the token lapses unless used (each use renews it)."
    )
    user = UserBriefSerializer()
