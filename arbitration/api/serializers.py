"""Output shapes of arbitration's API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from arbitration.calculations import FigureUsed, Result, to_fen
from arbitration.finality import Finality


def money(value: Any) -> str | None:
    return None if value is None else f"{to_fen(value):f}"


# ``source`` and ``label`` are the contract's field names and attributes of DRF's Field: declared through
# the metaclass.
FigureSerializer = type(
    "FigureSerializer",
    (serializers.Serializer,),
    {
        "kind": serializers.CharField(),
        "amount": serializers.CharField(),
        "effective_from": serializers.DateField(allow_null=True),
        "region": serializers.CharField(),
        "source": serializers.CharField(),
        "__module__": __name__,
    },
)


def figure_data(figure: FigureUsed) -> dict[str, Any]:
    return {
        "kind": figure.kind,
        "amount": money(figure.amount),
        "effective_from": figure.effective_from.isoformat() if figure.effective_from else None,
        "region": figure.region,
        "source": figure.source,
    }


class FinalAwardSerializer(serializers.Serializer):
    final = serializers.BooleanField()
    reason = serializers.CharField()
    threshold = serializers.CharField(help_text="12 × the monthly minimum wage in force on the date")
    minimum_wage = FigureSerializer()


def final_award_data(finality: Finality) -> dict[str, Any]:
    return {
        "final": finality.final,
        "reason": finality.reason,
        "threshold": money(finality.threshold),
        "minimum_wage": figure_data(finality.minimum_wage),
    }


LineSerializer = type(
    "LineSerializer",
    (serializers.Serializer,),
    {
        "label": serializers.CharField(),
        "formula": serializers.CharField(),
        "amount": serializers.CharField(help_text="The line's value to the fen (the total is rounded once)"),
        "__module__": __name__,
    },
)


class CalculationOutSerializer(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.CharField(allow_null=True)
    breakdown = LineSerializer(many=True)
    figures = FigureSerializer(many=True, help_text="Every local figure the calculation used")
    final_award = FinalAwardSerializer()


def calculation_data(kind: str, result: Result | None, finality: Finality) -> dict[str, Any]:
    figures = list(result.figures) if result else []
    figures.append(finality.minimum_wage)
    return {
        "kind": kind,
        "amount": money(result.amount) if result else None,
        "breakdown": [
            {"label": line.label, "formula": line.formula, "amount": money(line.amount)}
            for line in (result.breakdown if result else [])
        ],
        "figures": [figure_data(f) for f in figures],
        "final_award": final_award_data(finality),
    }
