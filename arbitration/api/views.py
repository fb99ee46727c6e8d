"""Thin views of arbitration's API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from arbitration import selectors
from arbitration.api.serializers import CalculationOutSerializer, calculation_data
from arbitration.inputs import CalculationSerializer
from core.api.base import ApiView


class CalculationView(ApiView):
    @extend_schema(
        request=CalculationSerializer,
        responses={200: CalculationOutSerializer},
        summary="Calculate a claim: overtime, wage arrears, termination compensation, or final or not",
        description=(
            "Bodies by `kind` (money and hours as decimal strings, dates `YYYY-MM-DD`; `on`, the day the "
            "final-award line is judged on, defaults to today):\n"
            "- `overtime`: `monthly_wage`, `weekday_hours`, `rest_day_hours`, `holiday_hours`, "
            "`already_paid`;\n"
            "- `wage_arrears`: `monthly_wage`, `from`, `to`, `already_paid`;\n"
            "- `termination_compensation`: `average_monthly_wage`, `start_date`, `end_date`, `unlawful`, "
            "`notice_pay`, `last_month_wage` (with `notice_pay`), optional `local_average_monthly_wage`;\n"
            "- `final_award`: `claim_category`, `amount`.\n"
            "The amount is rounded to the fen once, at the end; `figures` names every local figure used.\n\n"
            "Who may call: any signed-in user; no case is needed.\n\n"
            "Errors: 400 naming the field for an unknown `kind`, a negative or non-decimal amount, an end "
            "date before the start date, or no local figure in force on the date; 401 when not signed in."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = CalculationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kind = serializer.validated_data["kind"]
        result, finality = selectors.calculate(serializer.validated_data)
        return Response(calculation_data(kind, result, finality))
