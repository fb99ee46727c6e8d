"""Input shapes of arbitration's endpoints and pages: the calculator's bodies, by kind."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import ClaimCategory
from core.inputs import StrictBooleanField


def Money(**kwargs: Any) -> serializers.DecimalField:
    """Yuan to the fen, never negative: ``"12000.00"``."""
    kwargs.setdefault("min_value", 0)
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


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
