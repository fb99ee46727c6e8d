"""Output shapes of the mediation API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer
from accounts.models import MediationOrganisation
from cases.models import MediationEpisode, MediationOutcome
from mediation.models import (
    AgreementItem,
    AgreementPayment,
    AgreementReview,
    MediationAgreement,
    MediationMessage,
)


class OrganisationSerializer(serializers.ModelSerializer):
    streets = serializers.SerializerMethodField()

    class Meta:
        model = MediationOrganisation
        fields = ["id", "name", "kind", "streets"]

    def get_streets(self, organisation: MediationOrganisation) -> list[str]:
        """The streets it covers (the contract's list; an organisation covers one street today)."""
        return [organisation.street] if organisation.street else []


class AgreementItemOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementItem
        fields = ["id", "obligor", "kind", "amount", "due_on", "description"]


class AgreementOutSerializer(serializers.ModelSerializer):
    items = AgreementItemOutSerializer(many=True, read_only=True)

    class Meta:
        model = MediationAgreement
        fields = [
            "id",
            "case",
            "status",
            "terms",
            "items",
            "created_at",
            "applicant_confirmed_at",
            "respondent_confirmed_at",
            "confirmed_at",
        ]


class EpisodeSerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer(read_only=True, allow_null=True)
    mediator = UserBriefSerializer(read_only=True, allow_null=True)
    started = serializers.DateTimeField(source="started_at")
    concluded = serializers.DateTimeField(source="concluded_at", allow_null=True)
    outcome = serializers.SerializerMethodField()
    agreements = AgreementOutSerializer(many=True, read_only=True)

    class Meta:
        model = MediationEpisode
        fields = [
            "id",
            "stage",
            "organisation",
            "mediator",
            "started",
            "concluded",
            "outcome",
            "outcome_detail",
            "agreements",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=MediationOutcome.choices, allow_null=True))
    def get_outcome(self, episode: MediationEpisode) -> str | None:
        return episode.outcome or None


class MessageOutSerializer(serializers.ModelSerializer):
    author = UserBriefSerializer(read_only=True)

    class Meta:
        model = MediationMessage
        fields = ["id", "author", "author_side", "to", "text", "created_at"]


class PaymentOutSerializer(serializers.ModelSerializer):
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = AgreementPayment
        fields = ["id", "item", "amount", "paid_on", "evidence", "recorded_at"]

    def get_evidence(self, payment: AgreementPayment) -> list[int]:
        return sorted(e.pk for e in payment.evidence.all())


class ReviewOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementReview
        fields = [
            "id",
            "agreement",
            "status",
            "applicant_applied_at",
            "respondent_applied_at",
            "decided_at",
            "reasons",
        ]


class PerformanceRowSerializer(serializers.ModelSerializer):
    """One confirmed agreement's performance: promised, paid, and where it stands."""

    case_number = serializers.CharField(source="case.case_number", allow_null=True)
    stage = serializers.CharField(source="episode.stage")
    organisation = serializers.CharField(source="episode.organisation.name", allow_null=True, default=None)
    due = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    performance = serializers.ChoiceField(choices=["performed", "partly_performed", "not_performed"])
    overdue = serializers.BooleanField()

    class Meta:
        model = MediationAgreement
        fields = [
            "id",
            "case",
            "case_number",
            "stage",
            "organisation",
            "confirmed_at",
            "due",
            "paid",
            "performance",
            "overdue",
        ]


class PerformanceCountsSerializer(serializers.Serializer):
    performed = serializers.IntegerField()
    partly_performed = serializers.IntegerField()
    not_performed = serializers.IntegerField()
    overdue = serializers.IntegerField(
        help_text="Of them, those with a payment item unpaid past its due date."
    )
