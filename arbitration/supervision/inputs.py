"""The query of the figures and of their drill-down: a period (``from``/``to``) and an optional group."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arbitration.models import ReportKind
from arbitration.supervision.figures import (
    FIGURES_BY_NAME,
    GROUPS,
    MAX_BUCKETS,
    Period,
    bucket_count,
    month_end,
)
from core import clock

# A special-case report covers a chosen few cases.
MAX_SPECIAL_CASES = 20


class FiguresQuerySerializer(serializers.Serializer):
    # ``from`` is a Python keyword: declared below under its real name.
    to = serializers.DateField(required=False, help_text="Last day of the period (default: today).")
    group_by = serializers.ChoiceField(choices=GROUPS, required=False, allow_blank=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(
            required=False, help_text="First day of the period (default: 1 January of the year of `to`)."
        )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        last: date = attrs.get("to") or clock.today()
        first: date = attrs.get("from") or date(last.year, 1, 1)
        if first > last:
            raise serializers.ValidationError({"from": [_("The period cannot start after it ends.")]})
        attrs["period"] = Period(first, last)
        group_by = attrs.get("group_by") or None
        attrs["group_by"] = group_by
        if group_by in ("month", "quarter") and bucket_count(attrs["period"], group_by) > MAX_BUCKETS:
            raise serializers.ValidationError({"group_by": [_("Too many months: choose a shorter period.")]})
        return attrs


class DrilldownQuerySerializer(FiguresQuerySerializer):
    figure = serializers.ChoiceField(choices=sorted(FIGURES_BY_NAME))
    part = serializers.ChoiceField(choices=["numerator", "denominator"])
    group = serializers.CharField(required=False, allow_blank=True, max_length=100)
    export = serializers.ChoiceField(choices=["json", "csv"], required=False, default="json")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "group" in attrs and not attrs["group_by"]:
            raise serializers.ValidationError({"group": [_("Give group_by with group.")]})
        return attrs


class ReportRequestSerializer(serializers.Serializer):
    """What a report is asked for with: its kind and, by kind, its period or cases."""

    kind = serializers.ChoiceField(choices=ReportKind.choices)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(required=False, min_value=1, max_value=4)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)
    amount_at_least = serializers.DecimalField(
        required=False, max_digits=14, decimal_places=2, min_value=Decimal("0.00")
    )
    cases = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        min_length=1,
        max_length=MAX_SPECIAL_CASES,
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def _required(self, attrs: dict[str, Any], *names: str) -> None:
        missing = {
            name: [_("Required for this kind of report.")] for name in names if attrs.get(name) is None
        }
        if missing:
            raise serializers.ValidationError(missing)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["kind"]
        today = clock.today()
        parameters: dict[str, Any] = {}
        period: Period | None = None
        if kind == ReportKind.QUARTERLY_BULLETIN:
            self._required(attrs, "year", "quarter")
            first = date(attrs["year"], 3 * attrs["quarter"] - 2, 1)
            period = Period(first, month_end(date(first.year, first.month + 2, 1)))
            parameters = {"year": attrs["year"], "quarter": attrs["quarter"]}
        elif kind == ReportKind.MAJOR_CASES:
            self._required(attrs, "year", "month")
            first = date(attrs["year"], attrs["month"], 1)
            period = Period(first, month_end(first))
            amount = attrs.get("amount_at_least")
            if amount is None:
                amount = Decimal(settings.SUPERVISION_LARGE_AMOUNT)
            parameters = {"year": attrs["year"], "month": attrs["month"], "amount_at_least": f"{amount:.2f}"}
        else:
            self._required(attrs, "cases")
            parameters = {
                "cases": list(dict.fromkeys(attrs["cases"])),
                "title": attrs.get("title", ""),
                "note": attrs.get("note", ""),
            }
        if period is not None and period.first > today:
            field = "quarter" if kind == ReportKind.QUARTERLY_BULLETIN else "month"
            raise serializers.ValidationError({field: [_("The period has not begun yet.")]})
        return {"kind": kind, "period": period, "parameters": parameters}
