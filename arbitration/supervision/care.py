"""Issue 16 for the supervisors: how long priority cases wait against the others, and the service ratings
(好差评) by arbitrator, mediator and month. Both are aggregated in the database.

**Waiting.** The cases received in the period (Asia/Shanghai days), split by the one priority rule
(``cases.selectors.priority_expression``): how many, and the calendar days from receipt to acceptance (of
those accepted) and from receipt to closure (of those closed), each as average and median. The database
groups the cases by priority and by their number of days (a histogram, a few rows per group); the average
and median are read from it exactly as AVG and PERCENTILE_CONT(0.5) would give them (``figures``).

**Ratings.** The ratings given in the period: per presiding arbitrator and per mediator at the time of the
rating, and per month, each with the count, the average score (very good 5 … very bad 1), the count of
each grade, and the bad ratings with their follow-ups pending.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth

from arbitration.supervision.figures import DaysBetween, Period, _average_and_median, _days
from cases.models import BAD_RATINGS, Case, Rating, ServiceReview
from cases.selectors import priority_expression
from core import clock

GROUPS = ("priority", "other")


def _received_in(period: Period) -> Any:  # QuerySet[Case] with the annotations below
    received_day = TruncDate("received_at", tzinfo=clock.LEGAL_TZ)
    return (
        Case.objects.filter(received_at__gte=period.begins, received_at__lt=period.ends)
        .annotate(
            priority=priority_expression(),
            to_acceptance=DaysBetween(received_day, TruncDate("accepted_at", tzinfo=clock.LEGAL_TZ)),
            to_closure=DaysBetween(received_day, TruncDate("closed_at", tzinfo=clock.LEGAL_TZ)),
        )
        .order_by()
    )


def waiting(period: Period) -> dict[str, Any]:
    """``{priority: {...}, other: {...}}``, each ``{cases, to_acceptance: {cases, average, median},
    to_closure: {...}}`` (days as decimal strings with one place, null when no case counts)."""
    cases = _received_in(period)
    counts = {row["priority"]: row["n"] for row in cases.values("priority").annotate(n=Count("id"))}
    body: dict[str, Any] = {}
    histograms: dict[str, dict[bool, Counter[int]]] = {}
    for measure in ("to_acceptance", "to_closure"):
        histograms[measure] = {True: Counter(), False: Counter()}
        rows = (
            cases.filter(**{f"{measure}__isnull": False}).values("priority", measure).annotate(n=Count("id"))
        )
        for row in rows:
            histograms[measure][row["priority"]][row[measure]] += row["n"]
    for name, flag in (("priority", True), ("other", False)):
        entry: dict[str, Any] = {"cases": counts.get(flag, 0)}
        for measure in ("to_acceptance", "to_closure"):
            histogram = histograms[measure][flag]
            average, median = _average_and_median(histogram)
            entry[measure] = {
                "cases": sum(histogram.values()),
                "average": _days(average),
                "median": _days(median),
            }
        body[name] = entry
    return body


# --- ratings --------------------------------------------------------------------------------------------


def _aggregates() -> dict[str, Any]:
    return {
        "count": Count("id"),
        "average": Avg("score"),
        **{grade: Count("id", filter=Q(rating=grade)) for grade in Rating.values},
        "bad": Count("id", filter=Q(rating__in=BAD_RATINGS)),
        "follow_up_pending": Count("id", filter=Q(needs_follow_up=True, followed_up_at__isnull=True)),
    }


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    average = row["average"]
    return {
        "count": row["count"],
        "average": None if average is None else f"{average:.2f}",
        "grades": {grade: row[grade] for grade in Rating.values},
        "bad": row["bad"],
        "follow_up_pending": row["follow_up_pending"],
    }


def ratings(period: Period) -> dict[str, Any]:
    """The ratings given in the period, in total and by arbitrator, mediator and month (one query each)."""
    given = ServiceReview.objects.filter(created_at__gte=period.begins, created_at__lt=period.ends).order_by()
    total = _entry(given.aggregate(**_aggregates()))
    body: dict[str, Any] = {"total": total}
    for key in ("arbitrator", "mediator"):
        shown, login = f"{key}__display_name", f"{key}__username"
        rows = given.values(key, shown, login).annotate(**_aggregates()).order_by(F(key).asc(nulls_last=True))
        body[f"by_{key}"] = [
            {"id": row[key], "name": (row[shown] or row[login]) if row[key] else None, **_entry(row)}
            for row in rows
        ]
    months = (
        given.annotate(month=TruncMonth("created_at", tzinfo=clock.LEGAL_TZ))
        .values("month")
        .annotate(**_aggregates())
        .order_by("month")
    )
    body["by_month"] = [{"month": row["month"].strftime("%Y-%m"), **_entry(dict(row))} for row in months]
    return body


__all__ = ["GROUPS", "ratings", "waiting"]
