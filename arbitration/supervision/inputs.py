"""The query of the figures and of their drill-down: a period (``from``/``to``) and an optional group."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arbitration.supervision.figures import FIGURES_BY_NAME, GROUPS, MAX_BUCKETS, Period, bucket_count
from core import clock


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
