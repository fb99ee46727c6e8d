"""Serializers of the case API: input shapes validate, output shapes follow the contract."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import actions, clock
from cases.api.serializers import PartyInputSerializer, PartySerializer, UserBriefSerializer
from cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    Claim,
    ClaimCategory,
    Deadline,
    DeadlineStatus,
    MediationOrganisation,
    Procedure,
    Side,
    Status,
    SuspensionGround,
)
from cases.services import ClaimInput

MAX_AMOUNT = Decimal("9999999999.99")
PLAIN_MONEY = re.compile(r"^\d+(\.\d{1,2})?$")  # the contract's money: no exponents, separators or signs


class ClaimInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ClaimCategory.choices)
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX_AMOUNT,
        required=False,
        allow_null=True,
    )
    description = serializers.CharField(max_length=2000)

    def to_internal_value(self, data: Any) -> ClaimInput:
        value = super().to_internal_value(data)
        raw = data.get("amount") if isinstance(data, dict) else None
        if raw not in (None, "") and not PLAIN_MONEY.match(str(raw).strip()):
            message = _("Write the amount in yuan as plain digits, at most two decimals (e.g. 12000.00).")
            raise serializers.ValidationError({"amount": [message]})
        return ClaimInput(**value)


class ConsentsInputSerializer(serializers.Serializer):
    pre_mediation = serializers.BooleanField(required=False, allow_null=True, default=None)
    async_hearing = serializers.BooleanField(required=False, allow_null=True, default=None)
    electronic_service = serializers.BooleanField(required=False, allow_null=True, default=None)


class CaseCreateSerializer(serializers.Serializer):
    applicant = PartyInputSerializer(required=False)
    applicants = PartyInputSerializer(many=True, required=False, max_length=500)
    representatives = serializers.ListField(
        child=serializers.IntegerField(min_value=0), required=False, max_length=5
    )
    respondent = PartyInputSerializer()
    claims = ClaimInputSerializer(many=True, allow_empty=False, max_length=50)
    facts = serializers.CharField(max_length=20000)
    received_at = serializers.DateTimeField(required=False)
    consents = ConsentsInputSerializer(required=False)
    street = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class PartyInCaseSerializer(PartySerializer):
    is_representative = serializers.SerializerMethodField()

    class Meta(PartySerializer.Meta):
        fields = [*PartySerializer.Meta.fields, "is_representative"]

    def get_is_representative(self, party) -> bool:
        return bool(getattr(party, "_is_representative", False))


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "category", "amount", "description"]


def status_today(deadline: Deadline) -> str:
    """As of today: a stored "open" whose last day has passed reads "overdue" before the sweep runs."""
    if deadline.status == DeadlineStatus.OPEN and deadline.due_on < clock.today():
        return DeadlineStatus.OVERDUE
    return deadline.status


class DeadlineSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "kind",
            "due_on",
            "status",
            "provisional",
            "starts_on",
            "days",
            "completed_on",
            "responsible",
            "basis",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=DeadlineStatus.choices))
    def get_status(self, deadline: Deadline) -> str:
        return status_today(deadline)


class NextDeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=DeadlineStatus.choices)
    provisional = serializers.BooleanField()


class OptionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    is_transition = serializers.BooleanField()
    enabled = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)


def _parties(case: Case, side: str) -> list[Any]:
    rows: list[CaseParty] = [cp for cp in case.parties.all() if cp.side == side]
    for row in rows:
        row.party._is_representative = row.is_representative
    return [row.party for row in rows]


class CaseListSerializer(serializers.ModelSerializer):
    applicant = serializers.SerializerMethodField()
    respondent = serializers.SerializerMethodField()
    next_deadline = serializers.SerializerMethodField()
    presiding_arbitrator = UserBriefSerializer(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "case_number",
            "status",
            "procedure",
            "is_collective",
            "applicant",
            "respondent",
            "claims_total",
            "received_at",
            "accepted_at",
            "closed_at",
            "closure_type",
            "next_due_on",
            "next_deadline",
            "presiding_arbitrator",
        ]

    def get_applicant(self, case: Case) -> str | None:
        parties = _parties(case, Side.APPLICANT)
        if not parties:
            return None
        return parties[0].name if len(parties) == 1 else f"{parties[0].name} 等 {len(parties)} 人"

    def get_respondent(self, case: Case) -> str | None:
        parties = _parties(case, Side.RESPONDENT)
        return parties[0].name if parties else None

    @extend_schema_field(NextDeadlineSerializer(allow_null=True))
    def get_next_deadline(self, case: Case) -> dict[str, Any] | None:
        # Built by hand: a serializer per row was ~40% of a list request's Python time (benchmarks/).
        pending = getattr(case, "open_deadlines", [])
        if not pending:
            return None
        first = pending[0]
        return {
            "kind": first.kind,
            "due_on": first.due_on.isoformat(),
            "status": status_today(first),
            "provisional": first.provisional,
        }


class CaseDetailSerializer(serializers.ModelSerializer):
    applicant = serializers.SerializerMethodField()
    respondent = serializers.SerializerMethodField()
    applicants = serializers.SerializerMethodField()
    respondents = serializers.SerializerMethodField()
    agents = serializers.SerializerMethodField()
    claims = ClaimSerializer(many=True, read_only=True)
    arbitrators = serializers.SerializerMethodField()
    deadlines = DeadlineSerializer(many=True, read_only=True)
    consents = serializers.SerializerMethodField()
    mediation_organisation = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    options = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "case_number",
            "status",
            "status_display",
            "procedure",
            "is_collective",
            "applicant",
            "respondent",
            "applicants",
            "respondents",
            "agents",
            "claims",
            "claims_total",
            "facts",
            "street",
            "received_at",
            "accepted_at",
            "closed_at",
            "closure_type",
            "hearing_at",
            "extension_days",
            "mediation_organisation",
            "arbitrators",
            "consents",
            "deadlines",
            "next_due_on",
            "allowed_transitions",
            "options",
        ]

    def _user(self) -> Any:
        return self.context["request"].user

    def get_applicant(self, case: Case) -> dict[str, Any] | None:
        parties = _parties(case, Side.APPLICANT)
        return PartyInCaseSerializer(parties[0]).data if parties else None

    def get_respondent(self, case: Case) -> dict[str, Any] | None:
        parties = _parties(case, Side.RESPONDENT)
        return PartyInCaseSerializer(parties[0]).data if parties else None

    def get_applicants(self, case: Case) -> list[dict[str, Any]]:
        return PartyInCaseSerializer(_parties(case, Side.APPLICANT), many=True).data

    def get_respondents(self, case: Case) -> list[dict[str, Any]]:
        return PartyInCaseSerializer(_parties(case, Side.RESPONDENT), many=True).data

    def get_agents(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "user": UserBriefSerializer(a.user).data,
                "side": a.case_party.side,
                "party_id": a.case_party.party_id,
            }
            for a in case.agents.all()
        ]

    def get_arbitrators(self, case: Case) -> list[dict[str, Any]]:
        return [
            {**UserBriefSerializer(m.arbitrator).data, "presiding": m.presiding} for m in case.tribunal.all()
        ]

    def get_consents(self, case: Case) -> dict[str, dict[str, bool | None]]:
        result = {}
        for side in Side.values:
            consent = case.consent_for(side)
            result[side] = {
                kind: getattr(consent, kind) if consent else None
                for kind in ("pre_mediation", "async_hearing", "electronic_service")
            }
        return result

    def get_mediation_organisation(self, case: Case) -> dict[str, Any] | None:
        org = case.mediation_organisation
        return {"id": org.pk, "name": org.name} if org else None

    def _options(self, case: Case) -> list[actions.Option]:
        cache = self.context.setdefault("_options", {})
        if case.pk not in cache:
            cache[case.pk] = actions.options_for(case, self._user())
        return cache[case.pk]

    def get_allowed_transitions(self, case: Case) -> list[str]:
        return [o.name for o in self._options(case) if o.is_transition and o.enabled]

    def get_options(self, case: Case) -> list[dict[str, Any]]:
        return OptionSerializer(self._options(case), many=True).data


class EventSerializer(serializers.ModelSerializer):
    actor = UserBriefSerializer(read_only=True)
    label = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "label", "actor", "created_at", "from_status", "to_status", "reason", "data"]

    def get_label(self, event: CaseEvent) -> str:
        return str(event_label(event.kind))


EVENT_LABELS = {
    "filed": _("Application filed online"),
    "registered": _("Application registered at the counter"),
    "set_tribunal": _("Tribunal composed"),
    "record_consent": _("Consent recorded"),
    "bind_party": _("Respondent bound its account"),
    **actions.TRANSITION_LABELS,
    **{name: action.label for name, action in actions.ACTIONS.items()},
}


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


# --- transition and action inputs ------------------------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ReferSerializer(ReasonSerializer):
    mediation_organisation = serializers.PrimaryKeyRelatedField(queryset=MediationOrganisation.objects.all())


class AgreementSerializer(ReasonSerializer):
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class AcceptSerializer(ReasonSerializer):
    procedure = serializers.ChoiceField(
        choices=Procedure.choices, required=False, allow_null=True, default=None
    )
    facts_clear = serializers.BooleanField(required=False, default=False)
    parties_agree = serializers.BooleanField(required=False, default=False)
    public_interest = serializers.BooleanField(required=False, default=False)
    major_social_impact = serializers.BooleanField(required=False, default=False)
    respondent_whereabouts_unknown = serializers.BooleanField(required=False, default=False)
    arbitrators = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=3
    )


class HearingSerializer(ReasonSerializer):
    hearing_at = serializers.DateTimeField()


class SuspendSerializer(RequiredReasonSerializer):
    ground = serializers.ChoiceField(choices=SuspensionGround.choices)


class SupplementSerializer(ReasonSerializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=500),
        allow_empty=False,
        max_length=30,
        help_text="Everything the applicant must supplement, told in one go (R Art. 29).",
    )


class ServeSerializer(ReasonSerializer):
    defence_days = serializers.IntegerField(min_value=0, max_value=10, required=False, default=10)


class DefenceSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)


class ExtendSerializer(RequiredReasonSerializer):
    days = serializers.IntegerField(min_value=1, max_value=15)


class AmendClaimsSerializer(ReasonSerializer):
    claims = ClaimInputSerializer(many=True, allow_empty=False, max_length=50)


class AddPartySerializer(RequiredReasonSerializer):
    side = serializers.ChoiceField(choices=Side.choices)
    party = PartyInputSerializer()


TRANSITION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "refer_to_mediation": ReferSerializer,
    "record_mediation_agreement": AgreementSerializer,
    "record_mediation_failure": ReasonSerializer,
    "accept": AcceptSerializer,
    "reject": RequiredReasonSerializer,
    "withdraw": ReasonSerializer,
    "start_async_hearing": ReasonSerializer,
    "schedule_oral_hearing": HearingSerializer,
    "start_mediation": ReasonSerializer,
    "end_mediation": ReasonSerializer,
    "close_by_mediation": ReasonSerializer,
    "suspend": SuspendSerializer,
    "resume": ReasonSerializer,
    "conclude_hearing": ReasonSerializer,
    "issue_award": ReasonSerializer,
    "deem_withdrawn": RequiredReasonSerializer,
    "cancel": RequiredReasonSerializer,
}

ACTION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "request_supplement": SupplementSerializer,
    "complete_supplement": ReasonSerializer,
    "serve_application": ServeSerializer,
    "file_defence": DefenceSerializer,
    "serve_defence": ReasonSerializer,
    "extend_ruling": ExtendSerializer,
    "amend_claims": AmendClaimsSerializer,
    "add_party": AddPartySerializer,
}


class ConsentRequestSerializer(ConsentsInputSerializer):
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        help_text="Clerks only: the side whose counter consent is recorded.",
    )


class TribunalSerializer(serializers.Serializer):
    arbitrators = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=3
    )


class BindSerializer(serializers.Serializer):
    case_number = serializers.CharField(max_length=60)
    access_code = serializers.CharField(max_length=20)


class CaseListQuerySerializer(serializers.Serializer):
    status = serializers.CharField(required=False, help_text="one status, or several separated by commas")
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False)
    arbitrator = serializers.IntegerField(min_value=1, required=False)
    due_before = serializers.DateField(required=False)
    search = serializers.CharField(max_length=100, required=False)
    unassigned = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.CharField(required=False)

    def validate_status(self, value: str) -> list[str]:
        statuses = [s.strip() for s in value.split(",") if s.strip()]
        unknown = [s for s in statuses if s not in Status.values]
        if unknown:
            raise serializers.ValidationError(_("Unknown status: %(names)s") % {"names": ", ".join(unknown)})
        return statuses
