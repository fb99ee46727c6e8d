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
    return brief(user.pk, user.username, user.role, user.display_name, user.first_name, user.last_name)


def brief(
    pk: int, username: str, role: str, display_name: str, first_name: str, last_name: str
) -> dict[str, Any]:
    """``user_brief`` of a user's fields, read as a plain row (making a User costs ~30 µs)."""
    name = User.name_from(display_name, first_name, last_name, username)
    return {"id": pk, "username": username, "role": role, "display_name": name}


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

    def to_representation(self, user: User) -> dict[str, Any]:
        # What the fields above give, built by hand: every request of the mini-program's start screen
        # asks it, and DRF built this ModelSerializer's fields anew each time (~0.3 ms of ~2 ms).
        party = user.party
        organisation = user.mediation_organisation
        return {
            **user_brief(user),
            "phone": user.phone,
            "language": user.language,
            "party": None if party is None else {name: _plain(getattr(party, name)) for name in _PARTY},
            "mediation_organisation": (
                None
                if organisation is None
                else {name: _plain(getattr(organisation, name)) for name in _ORGANISATION}
            ),
            "unread_notifications": user.unread_notifications,  # type: ignore[attr-defined]
        }


_PARTY = PartySerializer.Meta.fields
_ORGANISATION = MediationOrganisationSerializer.Meta.fields


def _plain(value: Any) -> Any:
    """A model field's value as its DRF field gives it: text as text (choices too), None and numbers kept."""
    return value if value is None or isinstance(value, int) else str(value)


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
