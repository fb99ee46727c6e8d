"""The input shapes of the case's services, shared by the API and the pages so both accept and refuse
exactly the same input. Neither layer imports the other; both import these. A shape's validated data is
the keyword arguments of the service it feeds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.inputs import PartyInputSerializer
from cases.models import (
    ClaimCategory,
    Procedure,
    Rating,
    RecusalGround,
    RejectionGround,
    ServedDocument,
    ServiceMethod,
    Side,
    Status,
    SuspensionGround,
)
from cases.selectors import ORDERINGS
from cases.services.filing import ClaimInput
from core.inputs import IdField, MoneyField, StrictBooleanField, StrictCharField

MAX_AMOUNT = Decimal("9999999999.99")


class GrantOrRefuse(models.TextChoices):
    """A decision on a party's request (postponement, recusal)."""

    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class ClaimInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ClaimCategory.choices)
    amount = MoneyField(
        min_value=Decimal("0"),
        max_value=MAX_AMOUNT,
        required=False,
        allow_null=True,
    )
    description = StrictCharField(max_length=2000)

    def to_internal_value(self, data: Any) -> ClaimInput:
        return ClaimInput(**super().to_internal_value(data))


class ConsentsInputSerializer(serializers.Serializer):
    pre_mediation = StrictBooleanField(required=False, allow_null=True, default=None)
    async_hearing = StrictBooleanField(required=False, allow_null=True, default=None)
    electronic_service = StrictBooleanField(required=False, allow_null=True, default=None)


class TransferredFromSerializer(serializers.Serializer):
    """A case another commission transferred to this one (R Arts. 9, 46); clerks only."""

    commission = StrictCharField(max_length=200, help_text="The commission that transferred the case.")
    case_number = StrictCharField(max_length=100, help_text="That commission's case number.")
    received_on = serializers.DateField(
        help_text="The day this commission received the file: the ruling period runs from it (R Art. 46)."
    )


class CaseCreateSerializer(serializers.Serializer):
    applicant = PartyInputSerializer(required=False)
    # many=True passes max_length on to the ListSerializer; the stubs' __init__ does not list it.
    applicants = PartyInputSerializer(many=True, required=False, max_length=500)  # type: ignore[call-arg]
    representatives = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=500), required=False, max_length=5
    )
    respondent = PartyInputSerializer()
    # many=True passes max_length on to the ListSerializer; the stubs' __init__ does not list it.
    claims = ClaimInputSerializer(many=True, allow_empty=False, min_length=1, max_length=50)  # type: ignore[call-arg]
    facts = StrictCharField(max_length=20000)
    received_at = serializers.DateTimeField(required=False)
    consents = ConsentsInputSerializer(required=False)
    street = StrictCharField(max_length=100, required=False, allow_blank=True, default="")
    transferred_from = TransferredFromSerializer(required=False, allow_null=True, default=None)
    migrant_wage_arrears = StrictBooleanField(
        required=False,
        default=False,
        label=_("A migrant worker's unpaid wages (priority)"),
        help_text="The applicant is a migrant worker claiming wage arrears (农民工欠薪): a priority case.",
    )
    legal_aid = StrictBooleanField(
        required=False,
        default=False,
        label=_("Ask for a legal-aid referral"),
        help_text="Refer the applicant to the legal-aid centre with the application.",
    )


# --- transition and action inputs ------------------------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class RequiredReasonSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=2000)


class AcceptSerializer(ReasonSerializer):
    procedure = serializers.ChoiceField(
        choices=Procedure.choices, required=False, allow_null=True, default=None
    )
    facts_clear = StrictBooleanField(required=False, default=False)
    parties_agree = StrictBooleanField(required=False, default=False)
    public_interest = StrictBooleanField(required=False, default=False)
    major_social_impact = StrictBooleanField(required=False, default=False)
    respondent_whereabouts_unknown = StrictBooleanField(required=False, default=False)
    arbitrators = serializers.ListField(child=IdField(), required=False, max_length=3)


class HearingSerializer(ReasonSerializer):
    hearing_at = serializers.DateTimeField()


class SuspendSerializer(RequiredReasonSerializer):
    ground = serializers.ChoiceField(choices=SuspensionGround.choices)


class SupplementSerializer(ReasonSerializer):
    items = serializers.ListField(
        child=StrictCharField(max_length=500),
        allow_empty=False,
        max_length=30,
        help_text="Everything the applicant must supplement, told in one go (R Art. 29).",
    )


class ServeSerializer(ReasonSerializer):
    defence_days = serializers.IntegerField(min_value=0, max_value=10, required=False, default=10)
    # How it was served (optional: without it the application counts as handed over today).
    method = serializers.ChoiceField(choices=ServiceMethod.choices, required=False, default="")
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    proof = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")
    confirmed = StrictBooleanField(required=False, default=False)


class RecordServiceSerializer(ReasonSerializer):
    document = serializers.ChoiceField(choices=ServedDocument.choices)
    document_id = IdField(required=False, allow_null=True, default=None, help_text="The case document's id.")
    side = serializers.ChoiceField(choices=Side.choices)
    method = serializers.ChoiceField(choices=ServiceMethod.choices)
    sent_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Default: today (or the day of receipt)."
    )
    received_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Post, in person, phone, SMS: the day of receipt.",
    )
    proof = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")
    confirmed = StrictBooleanField(
        required=False, default=False, help_text="Phone or SMS: the party confirmed receipt (R Art. 59)."
    )


class ServiceReceiptSerializer(ReasonSerializer):
    service = IdField(help_text="The service record's id.")
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    proof = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class DefenceSerializer(serializers.Serializer):
    text = StrictCharField(max_length=20000)


class ExtendSerializer(RequiredReasonSerializer):
    days = serializers.IntegerField(min_value=1, max_value=15)


class AmendClaimsSerializer(ReasonSerializer):
    # many=True passes max_length on to the ListSerializer; the stubs' __init__ does not list it.
    claims = ClaimInputSerializer(many=True, allow_empty=False, min_length=1, max_length=50)  # type: ignore[call-arg]


class AddPartySerializer(RequiredReasonSerializer):
    side = serializers.ChoiceField(choices=Side.choices)
    party = PartyInputSerializer()


class ConsentRequestSerializer(ConsentsInputSerializer):
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        help_text="Clerks only: the side whose counter consent is recorded.",
    )


class TribunalSerializer(serializers.Serializer):
    arbitrators = serializers.ListField(child=IdField(), min_length=1, max_length=3)


class MandateDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("verified", "verified"), ("rejected", "rejected")],
        help_text="verified: the agent acts for the party from now on; rejected: it never did (or no "
        "longer does, when a verified mandate is revoked).",
    )
    note = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="A clerk who verifies says what was checked (the power of attorney, the agent's ID).",
    )


class BindSerializer(serializers.Serializer):
    case_number = StrictCharField(max_length=60)
    access_code = StrictCharField(max_length=20)


# --- issue 13: rejection, simplified procedure, limitation, jurisdiction --------------------------------


class RejectSerializer(RequiredReasonSerializer):
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=RejectionGround.choices),
        allow_empty=False,
        max_length=len(RejectionGround.choices),
        label=_("Grounds (R Art. 30)"),
        help_text=_("Lack of jurisdiction alone: the applicant is told which commission to apply to."),
    )
    competent_commission = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="With no_jurisdiction: the commission the applicant is told to apply to.",
    )


class AgreeShortDefenceSerializer(ReasonSerializer):
    days = serializers.IntegerField(
        min_value=0, max_value=9, help_text="The defence period the respondent agrees to (0 waives it)."
    )


class SuspensionStretchSerializer(serializers.Serializer):
    began = serializers.DateField()
    ended = serializers.DateField()


class RecordLimitationSerializer(ReasonSerializer):
    arose_on = serializers.DateField(help_text="The day the claim arose.")
    knew_on = serializers.DateField(help_text="The day the worker knew or should have known of it.")
    unpaid_wages = StrictBooleanField(
        required=False, default=False, help_text="Wages unpaid during employment (L Art. 27 ¶4)."
    )
    employment_ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    interruptions = serializers.ListField(
        child=serializers.DateField(), required=False, default=list, max_length=20
    )
    # many=True passes max_length on to the ListSerializer; the stubs' __init__ does not list it.
    suspensions = SuspensionStretchSerializer(many=True, required=False, default=list, max_length=20)  # type: ignore[call-arg]


class JurisdictionSerializer(ReasonSerializer):
    place_of_performance = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    employer_registered_place = StrictCharField(max_length=200, required=False, allow_blank=True, default="")


class JurisdictionDecisionSerializer(RequiredReasonSerializer):
    decision = serializers.ChoiceField(choices=[("upheld", "upheld"), ("dismissed", "dismissed")])
    competent_commission = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="When upheld: the commission the case is transferred to.",
    )


class TransferSerializer(RequiredReasonSerializer):
    competent_commission = StrictCharField(max_length=200)


def _ordering_message() -> str:
    return _("Order by one of: %(names)s") % {"names": ", ".join(ORDERINGS)}


@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/CaseStatusEnum"}, "minItems": 1}
)
class StatusListField(serializers.CharField):
    """One status or several, comma-separated in the query (``?status=accepted,async_hearing``)."""


class CaseListQuerySerializer(serializers.Serializer):
    status = StatusListField(required=False, help_text="One status, or several separated by commas.")
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False)
    arbitrator = IdField(required=False, help_text="Cases this arbitrator sits on (a user id).")
    due_before = serializers.DateField(
        required=False, help_text="Cases with an open deadline due on or before this date."
    )
    search = StrictCharField(
        max_length=100, required=False, help_text="Part of a case number or of a party's name."
    )
    unassigned = serializers.BooleanField(
        required=False, help_text="true: only cases with no tribunal yet; false: only cases with one."
    )
    ordering = serializers.ChoiceField(
        choices=list(ORDERINGS),
        required=False,
        help_text="The order of the list (default next_due_on); a leading - reverses it.",
        error_messages={"invalid_choice": lazy(_ordering_message, str)()},
    )

    def validate_status(self, value: str) -> list[str]:
        statuses = [s.strip() for s in value.split(",") if s.strip()]
        unknown = [s for s in statuses if s not in Status.values]
        if unknown:
            raise serializers.ValidationError(_("Unknown status: %(names)s") % {"names": ", ".join(unknown)})
        return statuses


# --- hearing notice, postponement, recusal (issue 13, points 8 and 14) --------------------------------

SERVICE_METHODS = [
    ("in_person", _("In person, against a signed receipt")),
    ("post", _("By post, with a return receipt")),
    ("electronic", _("Electronically (the party agreed to electronic service)")),
    ("phone", _("By phone")),
    ("sms", _("By SMS")),
]


class HearingNoticeSerializer(ReasonSerializer):
    side = serializers.ChoiceField(choices=Side.choices)
    method = serializers.ChoiceField(choices=SERVICE_METHODS)
    received_on = serializers.DateField(help_text="The day the notice reached the party.")
    confirmed = StrictBooleanField(
        required=False,
        default=False,
        help_text="Electronic, phone or SMS service: the party confirmed receipt (R Art. 59).",
    )


COUNTER_SIDE_HELP = (
    "Clerks only: the side whose request, made in person or on paper, is recorded on its behalf; a party "
    "acts for its own side and leaves it out."
)


class PostponementRequestSerializer(RequiredReasonSerializer):
    side = serializers.ChoiceField(
        choices=Side.choices, required=False, allow_null=True, default=None, help_text=COUNTER_SIDE_HELP
    )


class PostponementDecisionSerializer(RequiredReasonSerializer):
    decision = serializers.ChoiceField(choices=GrantOrRefuse.choices)
    hearing_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="The new hearing date, when granted."
    )


class RecusalApplicationSerializer(RequiredReasonSerializer):
    arbitrator = IdField(help_text="The arbitrator whose recusal is sought (a user id).")
    ground = serializers.ChoiceField(choices=RecusalGround.choices)
    side = serializers.ChoiceField(
        choices=Side.choices, required=False, allow_null=True, default=None, help_text=COUNTER_SIDE_HELP
    )


class RecusalDecisionSerializer(RequiredReasonSerializer):
    application = IdField(help_text="The recusal application decided.")
    decision = serializers.ChoiceField(choices=GrantOrRefuse.choices)
    replacement = IdField(
        required=False, allow_null=True, default=None, help_text="The arbitrator who replaces, when granted."
    )


# --- care for the worker (issue 16): priority, legal aid, the service review ---------------------------


class SetPrioritySerializer(ReasonSerializer):
    migrant_wage_arrears = StrictBooleanField(
        label=_("A migrant worker's unpaid wages (priority)"),
        help_text="true marks the applicants as migrant workers claiming wage arrears; false removes it.",
    )


class LegalAidRequestSerializer(ReasonSerializer):
    note = StrictCharField(
        max_length=1000, required=False, allow_blank=True, default="", label=_("Note for the centre")
    )


class LegalAidOutcome(models.TextChoices):
    ASSIGNED = "assigned", _("Lawyer assigned")
    DECLINED = "declined", _("Declined")


class LegalAidOutcomeSerializer(ReasonSerializer):
    outcome = serializers.ChoiceField(choices=LegalAidOutcome.choices, label=_("Outcome"))
    lawyer_name = StrictCharField(
        max_length=100, required=False, allow_blank=True, default="", label=_("Lawyer")
    )
    lawyer_phone = StrictCharField(
        max_length=20, required=False, allow_blank=True, default="", label=_("Lawyer's phone")
    )
    decline_reason = StrictCharField(
        max_length=1000, required=False, allow_blank=True, default="", label=_("Why the centre declined")
    )


class BindLawyerSerializer(ReasonSerializer):
    agent = IdField(label=_("The lawyer's account (user id)"), help_text="The assigned lawyer's user id.")


class ServiceReviewSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices, label=_("Rating"))
    comment = StrictCharField(
        max_length=2000, required=False, allow_blank=True, default="", label=_("Comment (optional)")
    )


class FollowUpSerializer(serializers.Serializer):
    note = StrictCharField(max_length=2000, label=_("Follow-up"))


# --- linked cases (串案, issue 16) --------------------------------------------------------------------


class GroupCreateSerializer(serializers.Serializer):
    cases = serializers.ListField(
        child=IdField(),
        min_length=2,
        max_length=1000,
        help_text="The cases to link (all against one employer).",
    )
    label = StrictCharField(max_length=200, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    lead_arbitrator = IdField(required=False, allow_null=True, default=None)
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class GroupLeadSerializer(serializers.Serializer):
    lead_arbitrator = IdField(help_text="The arbitrator who leads the group from now on (active).")


class GroupAddSerializer(serializers.Serializer):
    cases = serializers.ListField(child=IdField(), min_length=1, max_length=1000)
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class GroupUnlinkSerializer(serializers.Serializer):
    case = IdField(help_text="The member to take out of the group.")
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class ProposalConfirmSerializer(serializers.Serializer):
    cases = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=1000,
        help_text="The proposal's cases to link (default: all of them).",
    )
    label = StrictCharField(max_length=200, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    lead_arbitrator = IdField(required=False, allow_null=True, default=None)


class ProposalDismissSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class ProposalQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["pending", "confirmed", "dismissed", "all"], required=False, default="pending"
    )
