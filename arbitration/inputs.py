"""Input shapes of arbitration's endpoints and pages: the calculator's bodies, by kind."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arbitration.models import ChallengeKind, ChallengeResult, Decision
from cases.inputs import ReasonSerializer
from cases.models import ClaimCategory, Side
from core.inputs import IdField, MoneyField, StrictBooleanField, StrictCharField

# Fifty years of service or arrears: beyond it a date is a typing mistake, not a claim.
MAX_SPAN_DAYS = 50 * 366
TRIED = "yes"
NOT_TRIED = "no"


def Money(**kwargs: Any) -> serializers.DecimalField:
    """Yuan to the fen, never negative: ``"12000.00"`` (also as written: ``"¥12,000"``)."""
    kwargs.setdefault("min_value", 0)
    return MoneyField(max_digits=12, decimal_places=2, **kwargs)


def Hours(**kwargs: Any) -> serializers.DecimalField:
    kwargs.setdefault("min_value", 0)
    kwargs.setdefault("required", False)
    kwargs.setdefault("default", 0)
    return serializers.DecimalField(max_digits=8, decimal_places=2, **kwargs)


class CalculationKind:
    OVERTIME = "overtime"
    WAGE_ARREARS = "wage_arrears"
    TERMINATION_COMPENSATION = "termination_compensation"
    FINAL_AWARD = "final_award"
    CHOICES = [
        (OVERTIME, _("Overtime pay")),
        (WAGE_ARREARS, _("Wage arrears")),
        (TERMINATION_COMPENSATION, _("Termination compensation")),
        (FINAL_AWARD, _("Final award or not")),
    ]


class _Common(serializers.Serializer):
    # The day the final-award line is judged on (the award date); today when not given.
    on = serializers.DateField(required=False, allow_null=True, default=None)


class OvertimeInput(_Common):
    monthly_wage = Money()
    weekday_hours = Hours()
    rest_day_hours = Hours()
    holiday_hours = Hours()
    already_paid = Money(required=False, default=0)


class TerminationInput(_Common):
    average_monthly_wage = Money()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    unlawful = StrictBooleanField(required=False, default=False)
    notice_pay = StrictBooleanField(required=False, default=False)
    last_month_wage = Money(required=False, allow_null=True, default=None)
    local_average_monthly_wage = Money(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError({"end_date": [_("The end date is before the start date.")]})
        if (attrs["end_date"] - attrs["start_date"]).days > MAX_SPAN_DAYS:
            raise serializers.ValidationError(
                {"end_date": [_("A period of more than 50 years is not a claim.")]}
            )
        if attrs["notice_pay"] and attrs["last_month_wage"] is None:
            raise serializers.ValidationError(
                {"last_month_wage": [_("Give the last month's wage for the pay in lieu of notice.")]}
            )
        local = attrs["local_average_monthly_wage"]
        if local is not None and local <= 0:
            raise serializers.ValidationError(
                {"local_average_monthly_wage": [_("The local average monthly wage must be more than 0.")]}
            )
        return attrs


class _WageArrearsBase(_Common):
    monthly_wage = Money()
    already_paid = Money(required=False, default=0)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": [_("The end date is before the start date.")]})
        if (attrs["to"] - attrs["from"]).days > MAX_SPAN_DAYS:
            raise serializers.ValidationError({"to": [_("A period of more than 50 years is not a claim.")]})
        return attrs


# ``from`` is the contract's field name and a Python keyword: declared through the metaclass.
WageArrearsInput = type(
    "WageArrearsInput",
    (_WageArrearsBase,),
    {"from": serializers.DateField(), "to": serializers.DateField(), "__module__": __name__},
)


class FinalAwardInput(_Common):
    claim_category = serializers.ChoiceField(choices=ClaimCategory.choices)
    amount = Money()


BY_KIND: dict[str, type[serializers.Serializer]] = {
    CalculationKind.OVERTIME: OvertimeInput,
    CalculationKind.WAGE_ARREARS: WageArrearsInput,
    CalculationKind.TERMINATION_COMPENSATION: TerminationInput,
    CalculationKind.FINAL_AWARD: FinalAwardInput,
}


class CalculationSerializer(serializers.Serializer):
    """``kind`` picks the body's shape; its fields' errors are named as the body names them."""

    kind = serializers.ChoiceField(choices=CalculationKind.CHOICES)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        head = super().to_internal_value(data)
        shape = BY_KIND[head["kind"]](data=data)
        if not shape.is_valid():
            raise serializers.ValidationError(shape.errors)
        return {"kind": head["kind"], **shape.validated_data}


# --- the award draft ------------------------------------------------------------------------------------


class ElementSerializer(serializers.Serializer):
    """One element of an element-based ruling (要素式裁决): each side's position and the finding."""

    element = StrictCharField(max_length=200)
    applicant = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")
    respondent = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")
    # Agreed elements need no further proof; without it, the element is agreed when both positions match.
    agreed = StrictBooleanField(required=False, allow_null=True, default=None)
    finding = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["agreed"] is None:
            attrs["agreed"] = bool(attrs["applicant"]) and attrs["applicant"] == attrs["respondent"]
        return attrs


class AwardItemSerializer(serializers.Serializer):
    claim = IdField(required=False, allow_null=True, default=None)
    # A free-form item (no ``claim``) names what it decides.
    category = serializers.ChoiceField(
        choices=ClaimCategory.choices, required=False, allow_null=True, default=None
    )
    title = StrictCharField(max_length=300, required=False, allow_blank=True, default="")
    elements = ElementSerializer(many=True, required=False, default=list)
    calculation = serializers.JSONField(required=False, allow_null=True, default=None)
    granted = Money(required=False, allow_null=True, default=None)
    decision = serializers.ChoiceField(choices=Decision.choices, required=False, allow_blank=True, default="")
    finding = StrictCharField(max_length=10000, required=False, allow_blank=True, default="")
    reasoning = StrictCharField(max_length=10000, required=False, allow_blank=True, default="")

    def validate_calculation(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        shape = CalculationSerializer(data=value)
        if not shape.is_valid():
            raise serializers.ValidationError(shape.errors)
        if shape.validated_data["kind"] == CalculationKind.FINAL_AWARD:
            raise serializers.ValidationError({"kind": [_("An item's calculation computes an amount.")]})
        return {"body": value, "validated": shape.validated_data}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["claim"] is None:
            if attrs["category"] is None:
                raise serializers.ValidationError({"category": [_("A free-form item needs its category.")]})
            if not attrs["title"].strip():
                raise serializers.ValidationError({"title": [_("A free-form item needs a title.")]})
        if attrs["decision"] == Decision.DISMISSED and attrs["granted"]:
            raise serializers.ValidationError({"granted": [_("A dismissed claim grants nothing.")]})
        return attrs


class DissentSerializer(serializers.Serializer):
    arbitrator = IdField()
    opinion = StrictCharField(max_length=10000)


class AwardDraftSerializer(serializers.Serializer):
    # ``partial`` is a serializer's own attribute: the flag is ``partial_award``.
    partial_award = StrictBooleanField(required=False, default=False)
    items = AwardItemSerializer(many=True)
    costs = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")
    dissents = DissentSerializer(many=True, required=False, default=list)

    def validate_items(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > 200:
            raise serializers.ValidationError(_("At most 200 items."))
        return value

    def validate_dissents(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > 2:
            raise serializers.ValidationError(_("At most two members of a tribunal dissent."))
        return value


class IssueAwardSerializer(ReasonSerializer):
    """The award screen asks whether mediation was tried before ruling (L Art. 42), and if not, why."""

    mediation_tried = serializers.ChoiceField(
        choices=[(TRIED, _("Yes, mediation was tried")), (NOT_TRIED, _("No, it was not tried"))],
        label=_("Was mediation tried before the award? (L Art. 42)"),
    )
    mediation_not_tried_reason = StrictCharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        label=_("If not, why not"),
    )
    default_award = StrictBooleanField(
        required=False,
        default=False,
        help_text=_(
            "A default award: the respondent, notified in writing, did not attend the hearing (L Art. 36)."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["mediation_tried"] == NOT_TRIED and not attrs.get("mediation_not_tried_reason", "").strip():
            raise serializers.ValidationError(
                {"mediation_not_tried_reason": [_("Say why mediation was not tried.")]}
            )
        return attrs


# --- publication and recommendation letters (arbitration.publication, arbitration.recommendations) --------


class AwardPublishSerializer(serializers.Serializer):
    text = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100_000,
        trim_whitespace=False,
        help_text="The anonymised text corrected by hand; left out, the award is anonymised automatically.",
    )
    typical = StrictBooleanField(
        required=False, default=False, help_text="Flag it a typical case (典型案例)."
    )


class TypicalSerializer(serializers.Serializer):
    typical = StrictBooleanField()


class SearchTextField(serializers.CharField):
    """Words typed into a search box: control characters (a NUL pasted in, which PostgreSQL's text cannot
    hold) are dropped rather than refused."""

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, str):
            data = "".join(ch for ch in data if ch >= " " or ch in "\t\n")
        return super().to_internal_value(data)


class PublicSearchSerializer(serializers.Serializer):
    """The public search's query string (the page's form and the API's parameters)."""

    q = SearchTextField(required=False, allow_blank=True, default="", max_length=100)
    claim_category = serializers.ChoiceField(
        choices=ClaimCategory.choices, required=False, allow_blank=True, default=""
    )
    year = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1990, max_value=2100
    )
    typical = serializers.BooleanField(required=False, default=False)


class _RecurringQuery(serializers.Serializer):
    minimum = serializers.IntegerField(
        required=False, default=2, min_value=2, max_value=100, help_text="At least this many cases."
    )


# ``from`` is a Python keyword: declared through the metaclass, as for the calculator.
RecurringQuerySerializer = type(
    "RecurringQuerySerializer",
    (_RecurringQuery,),
    {
        "from": serializers.DateField(required=False, help_text="Default: a year before `to`."),
        "to": serializers.DateField(required=False, help_text="Default: today."),
        "__module__": __name__,
    },
)


class RecommendationLetterSerializer(serializers.Serializer):
    credit_code = StrictCharField(max_length=18)
    addressee = StrictCharField(max_length=200)
    text = StrictCharField(max_length=20_000)
    letter_date = serializers.DateField()


# --- after the award (issue 11, point 6) ------------------------------------------------------------------


class CourtChallengeSerializer(ReasonSerializer):
    side = serializers.ChoiceField(choices=Side.choices)
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    filed_on = serializers.DateField()
    court = StrictCharField(max_length=200)
    note = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class CourtResultSerializer(ReasonSerializer):
    challenge = IdField(help_text="The lawsuit or application's id.")
    result = serializers.ChoiceField(choices=ChallengeResult.choices)
    result_on = serializers.DateField()
