"""Serializers of the case API: input shapes validate, output shapes follow the contract."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import UserBriefSerializer, brief, user_brief
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
from core.api.serializers import LocalTimesJSONField, api_time, time_writer


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


# A list row's claims_total as the model's DecimalField gives it through DRF (a string, two places).
_MONEY = serializers.DecimalField(
    max_digits=Case._meta.get_field("claims_total").max_digits,
    decimal_places=Case._meta.get_field("claims_total").decimal_places,
)


class CaseListSerializer(serializers.ModelSerializer):
    """A list row. The fields declare the schema; ``to_representation`` builds the row by hand from a
    ``selectors.CaseListItem`` (or a case read with ``case_list_rows``): field by field through DRF it was
    ~40% of a list request's Python time (benchmarks/http_load.py)."""

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

    def to_representation(self, instance: Any) -> dict[str, Any]:
        item = (
            instance if isinstance(instance, selectors.CaseListItem) else selectors.case_list_item(instance)
        )
        request = self.context.get("request")
        write_time = self.__dict__.get("_write_time")
        if write_time is None:  # the zone asked once a page (this serializer is every row's)
            write_time = self.__dict__["_write_time"] = time_writer()
        applicant = item.first_applicant
        if item.applicant_count > 1:
            applicant = f"{applicant} 等 {item.applicant_count} 人"
        deadline = item.next_deadline
        if deadline is not None:
            kind, due_on, stored, provisional = deadline
            next_deadline: dict[str, Any] | None = {
                "kind": kind,
                "due_on": due_on.isoformat(),
                "status": selectors.deadline_status_on(stored, due_on),
                "provisional": provisional,
            }
        else:
            next_deadline = None
        group = None
        if item.group_id is not None:
            group = (
                selectors.group_brief(item.group_id, item.group_label, request.user)
                if request is not None
                else {"id": item.group_id, "label": item.group_label}
            )
        return {
            "id": item.id,
            "case_number": item.case_number,
            "status": item.status,
            "procedure": str(item.procedure) if item.accepted_at else None,
            "is_collective": item.is_collective,
            "applicant": applicant,
            "respondent": item.first_respondent,
            "claims_total": _MONEY.to_representation(item.claims_total),
            "received_at": write_time(item.received_at),
            "accepted_at": write_time(item.accepted_at),
            "closed_at": write_time(item.closed_at),
            "closure_type": item.closure_type or None,
            "next_due_on": item.next_due_on.isoformat() if item.next_due_on else None,
            "next_deadline": next_deadline,
            "presiding_arbitrator": brief(*item.presiding) if item.presiding else None,
            "priority": item.priority,
            "group": group,
        }

    # The method fields' schemas; their values come from to_representation above, never from these.
    def get_priority(self, case: Case) -> bool:
        raise NotImplementedError

    @extend_schema_field(CaseGroupBriefSerializer(allow_null=True))
    def get_group(self, case: Case) -> dict[str, Any] | None:
        raise NotImplementedError

    def get_applicant(self, case: Case) -> str | None:
        raise NotImplementedError

    def get_respondent(self, case: Case) -> str | None:
        raise NotImplementedError

    @extend_schema_field(NextDeadlineSerializer(allow_null=True))
    def get_next_deadline(self, case: Case) -> dict[str, Any] | None:
        raise NotImplementedError


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


def _amount_field(model: Any, name: str) -> serializers.DecimalField:
    """The DecimalField a ModelSerializer makes of a model's field: amounts as strings, with its places."""
    field = model._meta.get_field(name)
    return serializers.DecimalField(max_digits=field.max_digits, decimal_places=field.decimal_places)


_CLAIMS_TOTAL = _amount_field(Case, "claims_total")
_CLAIM_AMOUNT = _amount_field(Claim, "amount")


def _amount(field: serializers.DecimalField, value: Any) -> str | None:
    return None if value is None else field.to_representation(value)  # a serializer answers null as null


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

    def to_representation(self, instance: Case) -> dict[str, Any]:
        """What the fields above give, built by hand in their order (``ModelSerializer.to_representation``
        stays the reference: tests/cases/test_case_detail_by_hand.py). Through DRF, building this serializer's
        and its claims' fields afresh on every request and reading them one by one was ~1.5 ms of ~2.3
        (cProfile of a clerk's detail); the rarely filled lists still go through their serializers."""
        case = instance

        def listed(serializer: type[serializers.Serializer], rows: Any) -> list[Any]:
            return serializer(rows, many=True).data if rows else []  # type: ignore[return-value]

        return {
            "id": case.pk,
            "case_number": case.case_number,
            "status": case.status,
            "status_display": str(case.get_status_display()),
            "procedure": str(case.procedure) if case.accepted_at else None,
            "is_collective": case.is_collective,
            "applicant": self.get_applicant(case),
            "respondent": self.get_respondent(case),
            "applicants": self.get_applicants(case),
            "respondents": self.get_respondents(case),
            "agents": self.get_agents(case),
            "claims": [
                {
                    "id": claim.pk,
                    "category": claim.category,
                    "amount": _amount(_CLAIM_AMOUNT, claim.amount),
                    "description": claim.description,
                }
                for claim in case.claims.all()
            ],
            "claims_total": _amount(_CLAIMS_TOTAL, case.claims_total),
            "counter_applications": listed(CounterApplicationSerializer, case.counter_applications.all()),
            "advance_executions": listed(AdvanceExecutionSerializer, case.advance_executions.all()),
            "corrections": listed(CorrectionSerializer, case.corrections.all()),
            "facts": case.facts,
            "street": case.street,
            "received_at": api_time(case.received_at),
            "accepted_at": api_time(case.accepted_at),
            "closed_at": api_time(case.closed_at),
            "closure_type": str(case.closure_type) if case.closure_type else None,
            "hearing_at": api_time(case.hearing_at),
            "extension_days": case.extension_days,
            "mediation_organisation": self.get_mediation_organisation(case),
            "arbitrators": self.get_arbitrators(case),
            "consents": self.get_consents(case),
            "deadlines": self.get_deadlines(case),
            "next_due_on": case.next_due_on.isoformat() if case.next_due_on else None,
            "allowed_transitions": self.get_allowed_transitions(case),
            "options": self.get_options(case),
            "flags": self.get_flags(case),
            "place_of_performance": case.place_of_performance,
            "employer_registered_place": case.employer_registered_place,
            "earlier_deemed_withdrawals": self.get_earlier_deemed_withdrawals(case),
            "recusal_applications": self.get_recusal_applications(case),
            "transferred_from": self.get_transferred_from(case),
            "priority": self.get_priority(case),
            "group": self.get_group(case),
        }

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
