"""The figures supervisors are judged on (../shared/domain.md §7), computed in the database.

Every figure is a numerator over a denominator, and each of those is a sum of **parts**: named
conditions on one of three sources — arbitration cases, pre-filing mediation episodes, issued awards.
The same part is a conditional ``COUNT(*) FILTER (WHERE …)`` in the figures and a ``WHERE`` in the
drill-down (``drilldown.py``), so the list behind a number always has that many entries.

What counted when is read from the case's own records, never from today's status: a case is accepted at
its ``accept`` step and closed at the transition that took it to ``closed`` (the status history, stamped
on the case as ``accepted_at`` and ``closed_at`` with the timeline's events); a
pre-filing mediation concludes at its episode's ``concluded_at``; an award counts when issued. A period
in the past therefore gives the same answer however often it is computed (the overdue count reads the
ruling due dates the deadline engine stored, which only a change to the holiday table moves).

Periods are whole days in Asia/Shanghai, ``first`` to ``last`` inclusive.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from accounts.models import MediationOrganisation, User
from arbitration.models import Award, AwardItem, AwardKind, AwardStatus
from arbitration.supervision.lawsuits import cases_taken_to_court, received_award_after
from cases.models import Case, Claim, ClaimCategory, ClosureType, MediationEpisode
from cases.models.deadlines import DeadlineKind
from cases.models.mediation import MediationOutcome, MediationStage
from core import clock

TIME_GROUPS = ("month", "quarter")
GROUPS = (*TIME_GROUPS, "arbitrator", "organisation", "street", "claim_category")
# A period split by month or quarter has at most this many buckets: ten years by month.
MAX_BUCKETS = 120
PLACES = Decimal("0.0001")


# --- periods ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=clock.LEGAL_TZ)

    @property
    def ends(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=clock.LEGAL_TZ)

    @property
    def as_of(self) -> date:
        """The day open cases are counted on: the period's last day, or today in the current period."""
        return min(self.last, clock.today())


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def bucket_key(day: date, group_by: str) -> str:
    if group_by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def buckets(period: Period, group_by: str) -> list[tuple[str, Period]]:
    """The months or quarters of the period, the first and last cut to the period's own days."""
    months = 3 if group_by == "quarter" else 1
    result = []
    day = period.first
    while day <= period.last:
        start_month = day.month - (day.month - 1) % months
        end = month_end(date(day.year, start_month + months - 1, 1))
        result.append((bucket_key(day, group_by), Period(day, min(end, period.last))))
        day = end + timedelta(days=1)
    return result


def bucket_count(period: Period, group_by: str) -> int:
    months = (period.last.year - period.first.year) * 12 + period.last.month - period.first.month + 1
    return months if group_by == "month" else months // 3 + 2


# --- the sources and their parts ----------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's ordered-set median; with a FILTER clause like any aggregate. Other databases have no
    such aggregate: there ``median_of`` reads the middle rows in order (``count_parts`` does it)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """Whole days from the first date to the second: date subtraction on PostgreSQL, ``julianday`` on
    SQLite (where a date is text)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, start: Any, end: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def database_median() -> bool:
    """Whether the database computes the median as an aggregate (PostgreSQL's ``PERCENTILE_CONT``)."""
    return connection.vendor == "postgresql"


def median_of(rows: QuerySet, field: str, count: int) -> float | None:
    """The median of ``field`` over ``rows`` (``count`` of them), in the database: ORDER BY with OFFSET and
    LIMIT fetch the middle row, or the middle two, whatever the number of rows."""
    if not count:
        return None
    low = (count - 1) // 2
    middle = rows.order_by(field).values_list(field, flat=True)[low : low + 2 - count % 2]
    values = [float(v) for v in middle]
    return sum(values) / len(values) if values else None


def _main_category(case_ref: str) -> Subquery:
    """A case counts under the category of its first claim still pursued (one case, one category)."""
    claims = Claim.objects.filter(case=OuterRef(case_ref), withdrawn=False).order_by("position", "id")
    return Subquery(claims.values("category")[:1])


def arbitration_cases() -> QuerySet[Case]:
    """Accepted cases with the instants their status history gives them.

    The kernel stamps ``Case.accepted_at`` at the ``accept`` step and ``Case.closed_at`` when a transition
    first takes the case to ``closed`` (``cases.services.kernel.fire``), in the same transaction as the
    timeline event, and no transition leaves ``closed``: the two columns are the status history's
    instants, read without a subquery on the timeline.
    """
    # The ruling deadline joined (one per case: unique on case, kind, key) rather than a subquery, which
    # the database would run again for every part and bucket that reads it.
    ruling = Q(deadlines__kind=DeadlineKind.RULING, deadlines__key="")
    return (
        Case.objects.filter(accepted_at__isnull=False)
        .annotate(
            ruling=FilteredRelation("deadlines", condition=ruling),
            accepted_on_record=F("accepted_at"),
            closed_on_record=F("closed_at"),
            ruling_due=F("ruling__due_on"),
        )
        .annotate(
            closed_day=TruncDate("closed_at", tzinfo=clock.LEGAL_TZ),
            days_to_close=DaysBetween(
                TruncDate("accepted_at", tzinfo=clock.LEGAL_TZ),
                TruncDate("closed_at", tzinfo=clock.LEGAL_TZ),
            ),
        )
    )


def mediation_episodes() -> QuerySet[MediationEpisode]:
    return MediationEpisode.objects.filter(stage=MediationStage.PRE_FILING)


def issued_awards() -> QuerySet[Award]:
    items = AwardItem.objects.filter(award=OuterRef("pk"))
    return Award.objects.filter(kind=AwardKind.FINAL, status=AwardStatus.ISSUED).annotate(
        has_items=Exists(items), has_item_not_final=Exists(items.exclude(final=True))
    )


def _case_parts(p: Period) -> dict[str, Q]:
    begins, ends = p.begins, p.ends
    open_until = datetime.combine(p.as_of + timedelta(days=1), time.min, tzinfo=clock.LEGAL_TZ)
    closed = Q(closed_on_record__gte=begins, closed_on_record__lt=ends)
    open_at_end = Q(accepted_on_record__lt=open_until) & (
        Q(closed_on_record__isnull=True) | Q(closed_on_record__gte=open_until)
    )
    window_over = ends - timedelta(days=settings.SUPERVISION_LAWSUIT_WINDOW_DAYS)
    # The window runs from the later receipt of the award, from closure where none is on record.
    window_passed = (
        closed & Q(closed_on_record__lt=window_over) & ~Q(pk__in=received_award_after(window_over))
    )
    return {
        "pending_at_start": Q(accepted_on_record__lt=begins)
        & (Q(closed_on_record__isnull=True) | Q(closed_on_record__gte=begins)),
        "accepted": Q(accepted_on_record__gte=begins, accepted_on_record__lt=ends),
        "closed": closed,
        "closed_by_mediation": closed & Q(closure_type=ClosureType.MEDIATION),
        "closed_on_time": closed & Q(closed_day__lte=F("ruling_due")),
        "open_at_end": open_at_end,
        "overdue_at_end": open_at_end & Q(ruling_due__lt=p.as_of),
        "window_passed": window_passed,
        "final_without_lawsuit": window_passed & ~Q(pk__in=cases_taken_to_court()),
    }


def _episode_parts(p: Period) -> dict[str, Q]:
    concluded = Q(concluded_at__gte=p.begins, concluded_at__lt=p.ends)
    return {
        "mediations_concluded": concluded,
        "mediation_agreements": concluded & Q(outcome=MediationOutcome.AGREEMENT),
    }


def _award_parts(p: Period) -> dict[str, Q]:
    issued = Q(issued_at__gte=p.begins, issued_at__lt=p.ends)
    return {"awards": issued, "final_awards": issued & Q(has_items=True, has_item_not_final=False)}


@dataclass(frozen=True)
class Source:
    name: str
    queryset: Callable[[], QuerySet]
    parts: Callable[[Period], dict[str, Q]]
    case_field: str  # the path from a row to its case
    groups: dict[str, Callable[[], Any]]


SOURCES = {
    "cases": Source(
        "cases",
        arbitration_cases,
        _case_parts,
        "pk",
        {
            "arbitrator": lambda: F("presiding_arbitrator"),
            "organisation": lambda: F("mediation_organisation"),
            "street": lambda: F("street"),
            "claim_category": lambda: _main_category("pk"),
        },
    ),
    "episodes": Source(
        "episodes",
        mediation_episodes,
        _episode_parts,
        "case_id",
        {
            "arbitrator": lambda: F("case__presiding_arbitrator"),
            "organisation": lambda: F("organisation"),
            "street": lambda: F("case__street"),
            "claim_category": lambda: _main_category("case"),
        },
    ),
    "awards": Source(
        "awards",
        issued_awards,
        _award_parts,
        "case_id",
        {
            "arbitrator": lambda: F("case__presiding_arbitrator"),
            "organisation": lambda: F("case__mediation_organisation"),
            "street": lambda: F("case__street"),
            "claim_category": lambda: _main_category("case"),
        },
    ),
}


# --- the figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    name: str
    label: Any
    numerator: tuple[tuple[str, str], ...]  # (source, part) summed
    denominator: tuple[tuple[str, str], ...]
    target_setting: str | None = None
    definition: str = ""


FIGURES = (
    Figure(
        "closure_rate",
        _("Arbitration closure rate"),
        (("cases", "closed"),),
        (("cases", "pending_at_start"), ("cases", "accepted")),
        "SUPERVISION_CLOSURE_TARGET",
        "arbitration cases closed in the period (any closure type) ÷ (arbitration cases pending at the "
        "period's start + cases accepted in the period); rejected applications and pre-filing mediations "
        "are outside it",
    ),
    Figure(
        "mediation_success_rate",
        _("Mediation success rate"),
        (("episodes", "mediation_agreements"), ("cases", "closed_by_mediation")),
        (("episodes", "mediations_concluded"), ("cases", "closed")),
        "SUPERVISION_MEDIATION_TARGET",
        "(pre-filing mediations ending in agreement in the period + arbitration cases closed by 调解书 in "
        "the period) ÷ (pre-filing mediations concluded in the period with any outcome + arbitration cases "
        "closed in the period by any type)",
    ),
    Figure(
        "final_award_share",
        _("Share of final awards"),
        (("awards", "final_awards"),),
        (("awards", "awards"),),
        None,
        "awards issued in the period whose every item is final (L Art. 47) ÷ awards issued in the period "
        "(partial awards not counted)",
    ),
    Figure(
        "finality_rate",
        _("Arbitration finality rate"),
        (("cases", "final_without_lawsuit"),),
        (("cases", "window_passed"),),
        None,
        "arbitration cases closed in the period whose lawsuit window (SUPERVISION_LAWSUIT_WINDOW_DAYS after "
        "the later of each party's receipt of the award, or after closure where no receipt is on record) "
        "ended within the period and that no lawsuit or set-aside application filed within its window "
        "followed ÷ those cases",
    ),
    Figure(
        "on_time_closure_rate",
        _("On-time closure rate"),
        (("cases", "closed_on_time"),),
        (("cases", "closed"),),
        None,
        "arbitration cases closed in the period on or before their ruling due date (45 days from "
        "acceptance or restart, + an approved extension of up to 15, suspended days excluded: the "
        "deadline engine's ruling deadline) ÷ arbitration cases closed in the period",
    ),
    Figure(
        "open_overdue",
        _("Open cases overdue"),
        (("cases", "overdue_at_end"),),
        (("cases", "open_at_end"),),
        None,
        "arbitration cases open at the period's end (or today, in the current period) whose ruling due "
        "date has passed ÷ arbitration cases open then",
    ),
)
FIGURES_BY_NAME = {f.name: f for f in FIGURES}


def _rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(PLACES, rounding=ROUND_HALF_UP)


def target_of(figure: Figure) -> Decimal | None:
    if figure.target_setting is None:
        return None
    return Decimal(getattr(settings, figure.target_setting))


def figure_result(figure: Figure, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    numerator = sum(counts[source][part] for source, part in figure.numerator)
    denominator = sum(counts[source][part] for source, part in figure.denominator)
    value = _rate(numerator, denominator)
    target = target_of(figure)
    return {
        "value": None if value is None else str(value),
        "numerator": numerator,
        "denominator": denominator,
        "target": None if target is None else str(target.quantize(Decimal("0.01"))),
        "met": None if value is None or target is None else value >= target,
        "parts": {
            "numerator": {f"{s}.{p}": counts[s][p] for s, p in figure.numerator},
            "denominator": {f"{s}.{p}": counts[s][p] for s, p in figure.denominator},
        },
    }


def _days(value: float | Decimal | None) -> str | None:
    return None if value is None else str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def results(counts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    body: dict[str, Any] = {figure.name: figure_result(figure, counts) for figure in FIGURES}
    body["days_to_close"] = {
        "average": _days(counts["cases"]["days_average"]),
        "median": _days(counts["cases"]["days_median"]),
        "cases": counts["cases"]["closed"],
    }
    return body


# --- computing: one query per source -------------------------------------------------------------------


def _aggregates(source: Source, periods: Iterable[tuple[str, Period]]) -> dict[str, Aggregate]:
    out: dict[str, Aggregate] = {}
    for index, (_key, period) in enumerate(periods):
        parts = source.parts(period)
        for part, condition in parts.items():
            out[f"b{index}_{part}"] = Count("pk", filter=condition)
        if source.name == "cases":
            out[f"b{index}_days_average"] = Avg("days_to_close", filter=parts["closed"])
            if database_median():
                out[f"b{index}_days_median"] = Median("days_to_close", filter=parts["closed"])
    return out


def _split(row: dict[str, Any], index: int) -> dict[str, Any]:
    prefix = f"b{index}_"
    return {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}


def _empty(source: Source) -> dict[str, Any]:
    counts: dict[str, Any] = dict.fromkeys(source.parts(Period(date(2000, 1, 1), date(2000, 1, 1))), 0)
    if source.name == "cases":
        counts.update(days_average=None, days_median=None)
    return counts


def count_parts(period: Period, group_by: str | None = None) -> dict[Any, dict[str, dict[str, Any]]]:
    """{group key: {source: {part: count}}} — the whole period under the key None when not grouped."""
    table: dict[Any, dict[str, dict[str, Any]]] = {}
    if group_by in TIME_GROUPS:
        periods = buckets(period, group_by)
        for name, source in SOURCES.items():
            row = source.queryset().aggregate(**_aggregates(source, periods))
            for index, (key, _p) in enumerate(periods):
                table.setdefault(key, {})[name] = _split(row, index)
        _fill_medians(table, dict(periods), None)
        return table
    if group_by is None:
        for name, source in SOURCES.items():
            row = source.queryset().aggregate(**_aggregates(source, [("", period)]))
            table.setdefault(None, {})[name] = _split(row, 0)
        _fill_medians(table, {None: period}, None)
        return table
    for name, source in SOURCES.items():
        rows = (
            source.queryset()
            .values(group_key=source.groups[group_by]())
            .annotate(**_aggregates(source, [("", period)]))
            .order_by()
        )
        for row in rows:
            table.setdefault(row["group_key"], {})[name] = _split(row, 0)
    for entry in table.values():
        for name, source in SOURCES.items():
            entry.setdefault(name, _empty(source))
    _fill_medians(table, dict.fromkeys(table, period), group_by)
    return table


def _fill_medians(
    table: dict[Any, dict[str, dict[str, Any]]], periods: dict[Any, Period], group_by: str | None
) -> None:
    """Where the database has no median aggregate: one ordered query per bucket or group with cases."""
    if database_median():
        return
    source = SOURCES["cases"]
    for key, entry in table.items():
        counts = entry["cases"]
        rows = source.queryset().filter(source.parts(periods[key])["closed"])
        if group_by is not None:
            rows = rows.annotate(group_key=source.groups[group_by]())
            rows = rows.filter(group_key__isnull=True) if key is None else rows.filter(group_key=key)
        counts["days_median"] = median_of(rows, "days_to_close", counts["closed"])


def group_labels(group_by: str, keys: Iterable[Any]) -> dict[Any, str]:
    keys = [k for k in keys if k not in (None, "")]
    if group_by == "arbitrator":
        return {u.pk: str(u) for u in User.objects.filter(pk__in=keys)}
    if group_by == "organisation":
        return dict(MediationOrganisation.objects.filter(pk__in=keys).values_list("pk", "name"))
    if group_by == "claim_category":
        return {k: str(ClaimCategory(k).label) for k in keys if k in ClaimCategory.values}
    return {k: str(k) for k in keys}


def summary(period: Period, group_by: str | None = None) -> dict[str, Any]:
    """The figures of the period, with ``groups`` when ``group_by`` is given (domain.md §7)."""
    body: dict[str, Any] = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    body.update(results(count_parts(period)[None]))
    body["group_by"] = group_by
    groups: list[dict[str, Any]] = []
    if group_by is not None:
        table = count_parts(period, group_by)
        labels = group_labels(group_by, table) if group_by not in TIME_GROUPS else {}
        for key, counts in table.items():
            key_text = "" if key is None else str(key)
            label = labels.get(key, key_text) if key not in (None, "") else str(_("Not specified"))
            groups.append({"key": key_text, "label": label, **results(counts)})
        if group_by not in TIME_GROUPS:
            groups.sort(key=lambda g: (g["key"] == "", g["label"]))
    body["groups"] = groups
    return body
