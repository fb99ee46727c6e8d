"""How far the current period is from each target, and what it would take to reach it by the period's end.

Closure rate: with C cases closed of D counted (pending at the start + accepted so far), reaching the
target T needs ``ceil(T × D) − C`` more closures — if no more cases are accepted — out of the P cases
pending now. Mediation success rate: with M resolved by mediation of N concluded, each more mediated
resolution adds one to both, so it needs the least y with (M + y) ÷ (N + y) ≥ T, i.e.
``ceil((T × N − M) ÷ (1 − T))``. Exact decimal arithmetic: exactly on the target needs 0.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from arbitration.supervision.figures import FIGURES_BY_NAME, Period, summary, target_of
from core import clock

PERIODS = ("year", "quarter", "month")


def current_period(kind: str, today: date | None = None) -> Period:
    today = today or clock.today()
    if kind == "month":
        first = today.replace(day=1)
    elif kind == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    else:
        first = date(today.year, 1, 1)
    months = {"year": 12, "quarter": 3, "month": 1}[kind]
    month = first.month + months
    year = first.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = date(year, month, 1).toordinal() - 1
    return Period(first, date.fromordinal(last))


def _ceil(value: Decimal) -> int:
    return max(0, int(value.to_integral_value(rounding=ROUND_CEILING)))


def closure_gap(closed: int, counted: int, target: Decimal, pending: int) -> dict[str, Any]:
    needed = _ceil(target * counted - closed)
    return {
        "target": str(target),
        "closed": closed,
        "counted": counted,
        "pending": pending,
        "needed": needed,
        "reachable": needed <= pending,
        "arithmetic": f"ceil({target} × {counted}) − {closed} = {needed} (pending: {pending})",
    }


def mediation_gap(resolved: int, concluded: int, target: Decimal) -> dict[str, Any]:
    if target >= 1:
        needed = 0 if resolved == concluded else None
        arithmetic = "target 1: every concluded dispute must be mediated"
    else:
        needed = _ceil((target * concluded - resolved) / (1 - target))
        arithmetic = f"ceil(({target} × {concluded} − {resolved}) ÷ (1 − {target})) = {needed}"
    return {
        "target": str(target),
        "resolved": resolved,
        "concluded": concluded,
        "needed": needed,
        "arithmetic": arithmetic,
    }


def gap(kind: str = "year") -> dict[str, Any]:
    period = current_period(kind)
    figures = summary(period)
    closure, mediation = figures["closure_rate"], figures["mediation_success_rate"]
    trend = summary(Period(period.first, min(period.last, clock.today())), "month")["groups"]
    return {
        "period": kind,
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "as_of": clock.today().isoformat(),
        "closure_rate": {
            "value": closure["value"],
            **closure_gap(
                closure["numerator"],
                closure["denominator"],
                target_of(FIGURES_BY_NAME["closure_rate"]) or Decimal(0),
                figures["open_overdue"]["denominator"],
            ),
        },
        "mediation_success_rate": {
            "value": mediation["value"],
            **mediation_gap(
                mediation["numerator"],
                mediation["denominator"],
                target_of(FIGURES_BY_NAME["mediation_success_rate"]) or Decimal(0),
            ),
        },
        "trend": [
            {
                "month": g["key"],
                "closure_rate": g["closure_rate"]["value"],
                "mediation_success_rate": g["mediation_success_rate"]["value"],
            }
            for g in trend
        ],
    }
