"""Serializers of the case API: input shapes validate, output shapes follow the contract."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer, user_brief
from accounts.models import PartyKind
from accounts.roles import PARTY_ROLES
from cases import selectors
from cases.api.schema import STEP_NAME, TRANSITION_NAME, ref
from cases.disclosure import Disclosure, party_view
from cases.flags import flags_for
from cases.models import (
    AdvanceExecution,
    Case,
    CaseEvent,
    CaseParty,
    Claim,
    ClosureType,
    CounterApplication,
    CounterClaim,
    Deadline,
    DeadlineStatus,
    DocumentCorrection,
    Mandate,
    MandateCheck,
    Procedure,
    Side,
)
from cases.options import Option, options_for
from cases.registry import STEPS
from core.api.serializers import LocalTimesJSONField, api_time


class PartyInCaseSerializer(serializers.Serializer):
    """A party as this user may see it (``cases.disclosure``): whole to the party itself, its verified
    agents and the commission's staff; what it typed to the side that named it; masked to the others."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name = serializers.CharField()
    id_number = serializers.CharField(
        allow_null=True,
        help_text="Resident ID number; masked (4401**********1234) unless `disclosure` is full.",
    )
    credit_code = serializers.CharField(
        allow_null=True, help_text="Unified social credit code (a public register)."
    )
    legal_representative = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True, help_text="Masked (138****8001) unless disclosed.")
    address = serializers.CharField(allow_null=True, help_text="null when not disclosed to this user.")
    is_representative = serializers.BooleanField()
    disclosure = serializers.ChoiceField(
        choices=[(d.value, d.value) for d in Disclosure],
        help_text="full: the registered record; stated: what your side typed; masked: the other side.",
    )
    stated_name = serializers.CharField(
        allow_null=True,
        help_text="Commission staff only: the name as typed in this case when it differs from the "
        "registered party the number belongs to; null otherwise.",
    )


class FlagSerializer(serializers.Serializer):
    """Something the commission's staff should see before acting (``cases.flags``)."""

    code = serializers.ChoiceField(
        choices=[
            (c, c)
            for c in (
                "procedure_proposal",
                "name_differs",
                "limitation",
                "jurisdiction_places",
                "jurisdiction_objection",
            )
        ]
    )
    level = serializers.ChoiceField(choices=[("info", "info"), ("warning", "warning")])
    message = serializers.CharField()
    basis = serializers.CharField(allow_blank=True)


class AgentSerializer(serializers.Serializer):
    """An agent on the case. Only one with ``mandate: verified`` acts for the party."""

    id = serializers.IntegerField()
    user = UserBriefSerializer()
    side = serializers.ChoiceField(choices=Side.choices)
    party_id = serializers.IntegerField()
    mandate = serializers.ChoiceField(choices=[Mandate.PENDING, Mandate.VERIFIED])
    mandate_checked_by = serializers.ChoiceField(choices=MandateCheck.choices, allow_null=True)
    mandate_decided_at = serializers.DateTimeField(allow_null=True)


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "category", "amount", "description"]


class CounterClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = CounterClaim
        fields = ["id", "category", "amount", "description"]


class CounterApplicationSerializer(serializers.ModelSerializer):
    """The respondent's counter-application (R Art. 36) with its own claims, apart from the applicant's."""

    claims = CounterClaimSerializer(many=True, read_only=True)

    class Meta:
        model = CounterApplication
        fields = ["id", "status", "filed_at", "facts", "claims", "decided_at", "decision_reason"]


class AdvanceExecutionSerializer(serializers.ModelSerializer):
    """An application for advance execution (L Art. 44), the tribunal's decision and the transfer to court."""

    class Meta:
        model = AdvanceExecution
        fields = [
            "id",
            "kind",
            "amount",
            "grounds",
            "applied_at",
            "status",
            "rights_clear",
            "serious_effect",
            "decision_reason",
            "decided_at",
            "court",
            "transferred_on",
        ]


class CorrectionSerializer(serializers.ModelSerializer):
    """A correction (补正) of a clerical error: the document's next version, its text and why."""

    class Meta:
        model = DocumentCorrection
        fields = ["id", "document", "version", "corrected_text", "reason", "recorded_at"]


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
        return selectors.deadline_status_today(deadline)


class NextDeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=DeadlineStatus.choices)
    provisional = serializers.BooleanField()


@extend_schema_field(ref(STEP_NAME))
class StepNameField(serializers.CharField):
    pass


class OptionSerializer(serializers.Serializer):
    """A step this user may take now, or may not yet take (``enabled`` false) and why (``reason``)."""

    name = StepNameField()
    # A field named like Field's own ``label``: DRF's metaclass moves declared fields off the class.
    label = serializers.CharField()  # type: ignore[assignment]
    is_transition = serializers.BooleanField()
    enabled = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)


class TribunalMemberSerializer(UserBriefSerializer):
    presiding = serializers.BooleanField()

    class Meta(UserBriefSerializer.Meta):
        fields = [*UserBriefSerializer.Meta.fields, "presiding"]


class ArbitratorSerializer(UserBriefSerializer):
    open_cases = serializers.IntegerField(
        read_only=True, help_text="Cases not yet ended (suspended ones included) on whose tribunal it sits."
    )

    class Meta(UserBriefSerializer.Meta):
        fields = [*UserBriefSerializer.Meta.fields, "open_cases"]


class SideConsentsSerializer(serializers.Serializer):
    """A side's consents: true, false, or null while it has not answered."""

    pre_mediation = serializers.BooleanField(allow_null=True)
    async_hearing = serializers.BooleanField(allow_null=True)
    electronic_service = serializers.BooleanField(allow_null=True)


class CaseConsentsSerializer(serializers.Serializer):
    applicant = SideConsentsSerializer()
    respondent = SideConsentsSerializer()


class OrganisationBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _parties(case: Case, side: str) -> list[CaseParty]:
    return [cp for cp in case.parties.all() if cp.side == side]


def _party_views(serializer: serializers.Serializer, case: Case, side: str) -> list[dict[str, Any]]:
    user = serializer.context["request"].user
    return [party_view(case, cp, user).as_dict() for cp in _parties(case, side)]


def _stated_name(case_party: CaseParty) -> str:
    """The name as the application gives it (what a list row shows to everyone who sees the case)."""
    return case_party.stated_name or case_party.party.name


class ClosureTypeField(serializers.ChoiceField):
    """How the case ended: the model keeps "" until it ends; the API says null (and its schema, nullable)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ClosureType.choices, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value: Any) -> Any:  # the stubs say str; this answers None for ""
        return str(value) if value else None


class ProcedureField(serializers.ChoiceField):
    """The procedure chosen at acceptance (simplified or ordinary): null before the case is accepted, and for
    an application that never was (the model's default is no decision)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Procedure.choices, allow_null=True, read_only=True, source="*", **kwargs)

    def to_representation(self, case: Any) -> Any:  # source="*": the case itself; None before acceptance
        return str(case.procedure) if case.accepted_at else None


class CaseGroupBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null for a party: it sees no group.")
    # A field named like Field's own ``label``: DRF's metaclass moves declared fields off the class.
    label = serializers.CharField()  # type: ignore[assignment]


GROUP_HELP = (
    "The group of linked cases (串案) this case is handled with: staff get its id and label; a party only "
    "that its case is handled jointly (id null), never the other members. Null when not linked."
)


def _group_brief(serializer: serializers.Serializer, case: Case) -> dict[str, Any] | None:
    if case.case_group_id is None:
        return None
    request = serializer.context.get("request")
    if request is None:
        group = case.case_group
        return {"id": case.case_group_id, "label": group.label if group else ""}
    return selectors.case_group_brief(case, request.user)


class CaseListSerializer(serializers.ModelSerializer):
    priority = serializers.SerializerMethodField(
        help_text="A priority case (a migrant worker's wage arrears): listed first at the same due date."
    )
    group = serializers.SerializerMethodField(help_text=GROUP_HELP)
    applicant = serializers.SerializerMethodField()
    respondent = serializers.SerializerMethodField()
    next_deadline = serializers.SerializerMethodField()
    presiding_arbitrator = UserBriefSerializer(read_only=True, allow_null=True)
    procedure = ProcedureField()
    closure_type = ClosureTypeField()

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
            "priority",
            "group",
        ]

    def get_priority(self, case: Case) -> bool:
        return bool(getattr(case, "priority", False))

    @extend_schema_field(CaseGroupBriefSerializer(allow_null=True))
    def get_group(self, case: Case) -> dict[str, Any] | None:
        return _group_brief(self, case)

    def get_applicant(self, case: Case) -> str | None:
        parties = _parties(case, Side.APPLICANT)
        if not parties:
            return None
        first = _stated_name(parties[0])
        return first if len(parties) == 1 else f"{first} 等 {len(parties)} 人"

    def get_respondent(self, case: Case) -> str | None:
        parties = _parties(case, Side.RESPONDENT)
        return _stated_name(parties[0]) if parties else None

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
            "status": selectors.deadline_status_today(first),
            "provisional": first.provisional,
        }


class EarlierCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case_number = serializers.CharField(allow_null=True)
    closed_at = serializers.DateTimeField()


class RecusalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.CharField()
    arbitrator = UserBriefSerializer()
    ground = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    applied_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    replacement = UserBriefSerializer(allow_null=True)


class TransferredFromOutSerializer(serializers.Serializer):
    commission = serializers.CharField()
    case_number = serializers.CharField()
    received_on = serializers.DateField()


class CaseDetailSerializer(serializers.ModelSerializer):
    priority = serializers.SerializerMethodField(
        help_text="A priority case (a migrant worker's wage arrears): listed first at the same due date."
    )
    group = serializers.SerializerMethodField(help_text=GROUP_HELP)
    applicant = serializers.SerializerMethodField()
    respondent = serializers.SerializerMethodField()
    applicants = serializers.SerializerMethodField()
    respondents = serializers.SerializerMethodField()
    agents = serializers.SerializerMethodField()
    claims = ClaimSerializer(many=True, read_only=True)
    counter_applications = CounterApplicationSerializer(many=True, read_only=True)
    advance_executions = AdvanceExecutionSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)
    arbitrators = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    consents = serializers.SerializerMethodField()
    mediation_organisation = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    options = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    procedure = ProcedureField()
    closure_type = ClosureTypeField()
    earlier_deemed_withdrawals = serializers.SerializerMethodField(
        help_text="Staff only: earlier cases of the same parties on overlapping claims that closed as "
        "deemed withdrawn (L Art. 36); empty for the parties."
    )
    recusal_applications = serializers.SerializerMethodField()
    transferred_from = serializers.SerializerMethodField(
        help_text="A case another commission transferred here (R Arts. 9, 46): that commission, its case "
        "number and the day the file was received, from which the ruling period runs; null otherwise."
    )

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
            "counter_applications",
            "advance_executions",
            "corrections",
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
            "flags",
            "place_of_performance",
            "employer_registered_place",
            "earlier_deemed_withdrawals",
            "recusal_applications",
            "transferred_from",
            "priority",
            "group",
        ]

    def get_priority(self, case: Case) -> bool:
        return bool(getattr(case, "priority", False))

    def _user(self) -> Any:
        return self.context["request"].user

    @extend_schema_field(CaseGroupBriefSerializer(allow_null=True))
    def get_group(self, case: Case) -> dict[str, Any] | None:
        return _group_brief(self, case)

    @extend_schema_field(EarlierCaseSerializer(many=True))
    def get_earlier_deemed_withdrawals(self, case: Case) -> list[dict[str, Any]]:
        if self._user().role in PARTY_ROLES:
            return []
        earlier = selectors.earlier_deemed_withdrawals([case]).get(case.pk, [])
        return EarlierCaseSerializer(earlier, many=True).data  # type: ignore[return-value]

    @extend_schema_field(TransferredFromOutSerializer(allow_null=True))
    def get_transferred_from(self, case: Case) -> dict[str, Any] | None:
        if case.transferred_received_on is None:
            return None
        return {
            "commission": case.transferred_from_commission,
            "case_number": case.transferred_from_number,
            "received_on": case.transferred_received_on.isoformat(),
        }

    @extend_schema_field(RecusalSerializer(many=True))
    def get_recusal_applications(self, case: Case) -> list[dict[str, Any]]:
        return RecusalSerializer(selectors.recusal_applications(case), many=True).data  # type: ignore[return-value]

    @extend_schema_field(PartyInCaseSerializer(allow_null=True))
    def get_applicant(self, case: Case) -> dict[str, Any] | None:
        views = _party_views(self, case, Side.APPLICANT)
        return views[0] if views else None

    @extend_schema_field(PartyInCaseSerializer(allow_null=True))
    def get_respondent(self, case: Case) -> dict[str, Any] | None:
        views = _party_views(self, case, Side.RESPONDENT)
        return views[0] if views else None

    @extend_schema_field(PartyInCaseSerializer(many=True))
    def get_applicants(self, case: Case) -> list[dict[str, Any]]:
        return _party_views(self, case, Side.APPLICANT)

    @extend_schema_field(PartyInCaseSerializer(many=True))
    def get_respondents(self, case: Case) -> list[dict[str, Any]]:
        return _party_views(self, case, Side.RESPONDENT)

    @extend_schema_field(AgentSerializer(many=True))
    def get_agents(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "id": a.pk,
                "user": user_brief(a.user),
                "side": a.case_party.side,
                "party_id": a.case_party.party_id,
                "mandate": a.mandate,
                "mandate_checked_by": a.mandate_checked_by or None,
                "mandate_decided_at": api_time(a.mandate_decided_at),
            }
            for a in case.agents.all()
            if a.mandate != Mandate.REJECTED
        ]

    @extend_schema_field(TribunalMemberSerializer(many=True))
    def get_arbitrators(self, case: Case) -> list[dict[str, Any]]:
        return [{**user_brief(m.arbitrator), "presiding": m.presiding} for m in case.tribunal.all()]

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case: Case) -> list[dict[str, Any]]:
        # What DeadlineSerializer gives, built by hand: a case has many deadlines (benchmarks/http_load.py).
        return [
            {
                "kind": d.kind,
                "due_on": d.due_on.isoformat(),
                "status": selectors.deadline_status_today(d),
                "provisional": d.provisional,
                "starts_on": d.starts_on.isoformat(),
                "days": d.days,
                "completed_on": d.completed_on.isoformat() if d.completed_on else None,
                "responsible": d.responsible,
                "basis": d.basis,
            }
            for d in case.deadlines.all()
        ]

    @extend_schema_field(CaseConsentsSerializer)
    def get_consents(self, case: Case) -> dict[str, dict[str, bool | None]]:
        result = {}
        for side in Side.values:
            consent = case.consent_for(side)
            result[side] = {
                kind: getattr(consent, kind) if consent else None
                for kind in ("pre_mediation", "async_hearing", "electronic_service")
            }
        return result

    @extend_schema_field(OrganisationBriefSerializer(allow_null=True))
    def get_mediation_organisation(self, case: Case) -> dict[str, Any] | None:
        org = case.mediation_organisation
        return {"id": org.pk, "name": org.name} if org else None

    def _options(self, case: Case) -> list[Option]:
        # The context is the dict the view passed in; the stubs type it as a read-only Mapping.
        cache = self.context.setdefault("_options", {})  # type: ignore[attr-defined]
        if case.pk not in cache:
            cache[case.pk] = options_for(case, self._user())
        return cache[case.pk]

    @extend_schema_field({"type": "array", "items": ref(TRANSITION_NAME)})
    def get_allowed_transitions(self, case: Case) -> list[str]:
        return [o.name for o in self._options(case) if o.is_transition and o.enabled]

    @extend_schema_field(OptionSerializer(many=True))
    def get_options(self, case: Case) -> list[dict[str, Any]]:
        # What OptionSerializer gives, built by hand: every registered step is an option.
        return [
            {
                "name": o.name,
                "label": str(o.label),
                "is_transition": o.is_transition,
                "enabled": o.enabled,
                "reason": None if o.reason is None else str(o.reason),
            }
            for o in self._options(case)
        ]

    @extend_schema_field(FlagSerializer(many=True))
    def get_flags(self, case: Case) -> list[dict[str, Any]]:
        return [flag.as_dict() for flag in flags_for(case, self._user())]


class EventSerializer(serializers.ModelSerializer):
    actor = UserBriefSerializer(read_only=True, allow_null=True, help_text="null for the system's own steps")
    # A field named like Field's own ``label``: DRF's metaclass moves declared fields off the class.
    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    # Named like Serializer's own ``data``: DRF's metaclass moves declared fields off the class.
    data = LocalTimesJSONField(  # type: ignore[assignment]
        source="shown_data",
        read_only=True,
        help_text=(
            "What the step recorded; its dates and times are given in +08:00, and the texts the system "
            "composed (e.g. `procedure_reason`) in the request's language."
        ),
    )
    reason = serializers.CharField(
        source="shown_reason",
        read_only=True,
        help_text="As its author typed it; in the request's language if the system wrote it.",
    )

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "label", "actor", "created_at", "from_status", "to_status", "reason", "data"]

    def get_label(self, event: CaseEvent) -> str:
        return str(event_label(event.kind))


def event_label(kind: str) -> str:
    return STEPS.event_label(kind)
