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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from accounts.models import MediationOrganisation, User
from arbitration.models import Award, AwardItem, AwardKind, AwardStatus
from arbitration.supervision.lawsuits import cases_taken_to_court, late_award_receipts, received_award_after
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


# What a closed case is counted as besides closed, whichever period it closed in.
CLOSED_BY_MEDIATION = Q(closure_type=ClosureType.MEDIATION)
CLOSED_ON_TIME = Q(closed_day__lte=F("ruling_due"))
MEDIATION_AGREEMENT = Q(outcome=MediationOutcome.AGREEMENT)
FINAL_AWARD = Q(has_items=True, has_item_not_final=False)


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
        "closed_by_mediation": closed & CLOSED_BY_MEDIATION,
        "closed_on_time": closed & CLOSED_ON_TIME,
        "open_at_end": open_at_end,
        "overdue_at_end": open_at_end & Q(ruling_due__lt=p.as_of),
        "window_passed": window_passed,
        "final_without_lawsuit": window_passed & ~Q(pk__in=cases_taken_to_court()),
    }


def _episode_parts(p: Period) -> dict[str, Q]:
    concluded = Q(concluded_at__gte=p.begins, concluded_at__lt=p.ends)
    return {
        "mediations_concluded": concluded,
        "mediation_agreements": concluded & MEDIATION_AGREEMENT,
    }


def _award_parts(p: Period) -> dict[str, Q]:
    issued = Q(issued_at__gte=p.begins, issued_at__lt=p.ends)
    return {"awards": issued, "final_awards": issued & FINAL_AWARD}


# Episodes and awards: (the instant that counts, the part counting every row, [(part, condition)]).
# A condition on the row's own columns is counted with FILTER in the same query; the awards' finality
# (EXISTS on the items) goes in a WHERE of its own, where PostgreSQL joins the items once.
EVENT_PARTS = {
    "episodes": ("concluded_at", "mediations_concluded", {"mediation_agreements": MEDIATION_AGREEMENT}, {}),
    "awards": ("issued_at", "awards", {}, {"final_awards": FINAL_AWARD}),
}


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


# --- computing: positions on a time line ----------------------------------------------------------------
#
# Every part is a comparison of a row's instants with its period's bounds. So rather than one COUNT FILTER
# per part *and per bucket* (which PostgreSQL evaluates for every row: twelve months made it 12 × 9
# conditions a case), each query reads a row's instants once, as **positions** among the bounds of all
# the periods asked — how many bounds lie at or before the instant (``WIDTH_BUCKET``) — and groups the
# rows by them. Python then applies each part's comparisons to the positions of each group of rows: a
# few hundred groups instead of a million rows. The conditions that are not comparisons with a bound
# (closure type, on time, lawsuit) are counted in the database among the cases closed in the period,
# grouped by the bucket they closed in and by their days to close (for the average and median). The
# drill-down applies the parts themselves (``_case_parts``) as a WHERE, and the tests check that both
# agree.


class Position(Func):
    """How many of the sorted ``points`` lie at or before the value; NULL for NULL. PostgreSQL's
    ``WIDTH_BUCKET`` over an array; elsewhere a sum of comparisons."""

    output_field = IntegerField()

    def __init__(self, expression: Any, points: list[Any], field: Any) -> None:
        super().__init__(expression)
        self.points = points
        self.point_field = field

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        sql, params = compiler.compile(self.source_expressions[0])
        compiled = [compiler.compile(Value(p, output_field=self.point_field)) for p in self.points]
        if connection.vendor == "postgresql":
            cast = "timestamptz" if isinstance(self.point_field, DateTimeField) else "date"
            array = ", ".join(c[0] for c in compiled)
            out = f"WIDTH_BUCKET({sql}, ARRAY[{array}]::{cast}[])"
            return out, (*params, *(p for c in compiled for p in c[1]))
        terms = " + ".join(f"CASE WHEN {sql} >= {c[0]} THEN 1 ELSE 0 END" for c in compiled)
        terms_params = [p for c in compiled for p in (*params, *c[1])]
        return f"(CASE WHEN {sql} IS NULL THEN NULL ELSE ({terms}) END)", (*params, *terms_params)


@dataclass(frozen=True)
class Line:
    """Sorted bounds: a value's ``Position`` among them is below ``rank(bound)`` when it lies before it."""

    points: tuple[Any, ...]

    @classmethod
    def of(cls, values: Iterable[Any]) -> Line:
        return cls(tuple(sorted(set(values))))

    def rank(self, bound: Any) -> int:
        return self.points.index(bound) + 1


def _open_until(p: Period) -> datetime:
    return datetime.combine(p.as_of + timedelta(days=1), time.min, tzinfo=clock.LEGAL_TZ)


def _window_over(p: Period) -> datetime:
    return p.ends - timedelta(days=settings.SUPERVISION_LAWSUIT_WINDOW_DAYS)


def _bucket_of(field: str, periods: list[tuple[Any, Period]]) -> Position:
    """1 for a row of the first period, 2 for the second …; 0 before them, len + 1 after (contiguous)."""
    bounds = [p.begins for _k, p in periods] + [periods[-1][1].ends]
    return Position(F(field), bounds, DateTimeField())


def _per_bucket(periods: list[tuple[Any, Period]], value: Callable[[Period], Any], field: Any) -> Any:
    if len(periods) == 1:
        return Value(value(periods[0][1]), output_field=field)
    whens = [
        When(bucket=i + 1, then=Value(value(p), output_field=field)) for i, (_k, p) in enumerate(periods)
    ]
    return models.Case(*whens, output_field=field)


def _group_fields(source: Source, group_by: str | None) -> dict[str, Any]:
    if group_by is None or group_by in TIME_GROUPS:
        return {}
    return {"group_key": source.groups[group_by]()}


def _whole(periods: list[tuple[Any, Period]]) -> Period:
    return Period(periods[0][1].first, periods[-1][1].last)


# Where a row's counts go: ``counts(group key, index)``, the index of its period in the buckets, or WHOLE
# for the whole period when it is split by time.
WHOLE = -1
Counts = Callable[[Any, int], dict[str, Any]]


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


# One group only (``only``: (group_by, key)), the way the drill-down picks one.
Only = tuple[str, str] | None


def group_condition(group_by: str, group: str) -> Q:
    """The rows of one group's ``key`` (as the summary gives it), on the annotation ``group_value``."""
    if group_by in ("arbitrator", "organisation"):
        if group == "":
            return Q(group_value__isnull=True)
        return Q(group_value=int(group)) if group.isdigit() else Q(pk__in=[])
    if group == "":
        return Q(group_value__isnull=True) | Q(group_value="")
    return Q(group_value=group)


def _only(source: Source, rows: QuerySet, only: Only) -> QuerySet:
    if only is None:
        return rows
    group_by, group = only
    return rows.annotate(group_value=source.groups[group_by]()).filter(group_condition(group_by, group))


def _case_counts(
    periods: list[tuple[Any, Period]], group_by: str | None, counts: Counts, only: Only = None
) -> None:
    source = SOURCES["cases"]
    grouping = _group_fields(source, group_by)
    whole = _whole(periods)
    split_by_time = group_by in TIME_GROUPS
    # The whole period is a period of its own when split by time (its pending, open and lawsuit window
    # are not sums of the months'); otherwise the groups add up to it (``_tally``).
    own: list[tuple[int, Period]] = [(i, p) for i, (_k, p) in enumerate(periods)]
    if split_by_time:
        own.append((WHOLE, whole))
    times = Line.of(t for _i, p in own for t in (p.begins, p.ends, _open_until(p)))
    days = Line.of(p.as_of for _i, p in own)
    whole_over = _window_over(whole)
    closed_in_period = Q(closed_on_record__gte=whole.begins, closed_on_record__lt=whole.ends)
    taken = Q(pk__in=cases_taken_to_court())
    # One pass over the cases that count anywhere in the period (a case closed before it or accepted
    # after it counts in none of the parts): where each stands against every bound — pending, accepted,
    # closed, open, overdue — and, for those closed in the period, their days to close (the histogram
    # gives the average and median), closure type, whether on time, and whether their own bucket's
    # lawsuit window (and the whole period's) is over.
    flags: dict[str, Any] = {
        "by_mediation": _flag(closed_in_period & CLOSED_BY_MEDIATION),
        "on_time": _flag(closed_in_period & CLOSED_ON_TIME),
        "window": _flag(closed_in_period & Q(closed_on_record__lt=F("window_over"))),
        "taken": _flag(closed_in_period & taken),
    }
    if split_by_time:
        flags["whole_window"] = _flag(closed_in_period & Q(closed_on_record__lt=whole_over))
    rows = (
        _only(source, source.queryset(), only)
        .filter(accepted_on_record__lt=whole.ends)
        .filter(Q(closed_on_record__isnull=True) | Q(closed_on_record__gte=whole.begins))
        .annotate(bucket=_bucket_of("closed_on_record", periods))
        .annotate(window_over=_per_bucket(periods, _window_over, DateTimeField()))
        .values(
            **grouping,
            a=Position(F("accepted_on_record"), list(times.points), DateTimeField()),
            c=Position(F("closed_on_record"), list(times.points), DateTimeField()),
            r=Position(F("ruling_due"), list(days.points), DateField()),
            closed_bucket=models.Case(When(closed_in_period, then=F("bucket")), output_field=IntegerField()),
            days=models.Case(When(closed_in_period, then=F("days_to_close")), output_field=IntegerField()),
            **flags,
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    # A value at position x lies before the bound of rank k when x < k (NULL: before nothing).
    ranks = [
        (i, times.rank(p.begins), times.rank(p.ends), times.rank(_open_until(p)), days.rank(p.as_of))
        for i, p in own
    ]
    for row in rows:
        a, c, r, n, key = row["a"], row["c"], row["r"], row["n"], row.get("group_key")
        never_closed = c is None
        for index, begins, ends, until, as_of in ranks:
            entry = counts(key, index)
            if a < begins and (never_closed or c >= begins):
                entry["pending_at_start"] += n
            if begins <= a < ends:
                entry["accepted"] += n
            if not never_closed and begins <= c < ends:
                entry["closed"] += n
            if a < until and (never_closed or c >= until):
                entry["open_at_end"] += n
                if r is not None and r < as_of:
                    entry["overdue_at_end"] += n
        if row["closed_bucket"] is None:
            continue
        for index in [row["closed_bucket"] - 1] + ([WHOLE] if split_by_time else []):
            entry = counts(key, index)
            entry["closed_by_mediation"] += n * row["by_mediation"]
            entry["closed_on_time"] += n * row["on_time"]
            entry["_days"][row["days"]] += n
            if row["whole_window" if index == WHOLE else "window"]:
                entry["window_passed"] += n
                entry["final_without_lawsuit"] += 0 if row["taken"] else n

    # The window runs from the later receipt of the award where one is on record: take out the cases a
    # side received it only after the window's start (few), as ``received_award_after`` does.
    late = _late_receipts(periods, whole_over, split_by_time)
    if late and only is not None:
        mine = set(
            _only(source, Case.objects.filter(pk__in={c for c, _i in late}), only).values_list(
                "pk", flat=True
            )
        )
        late = {(case_id, index) for case_id, index in late if case_id in mine}
    if not late:
        return
    ids = {case_id for case_id, _i in late}
    court = set(cases_taken_to_court().filter(case_id__in=ids).values_list("case_id", flat=True))
    keys: dict[int, Any] = {}
    if grouping:
        keyed = Case.objects.filter(pk__in=ids).values_list("pk", grouping["group_key"]).order_by()
        keys = dict(keyed)
    for case_id, index in late:
        entry = counts(keys.get(case_id), index)
        entry["window_passed"] -= 1
        if case_id not in court:
            entry["final_without_lawsuit"] -= 1


def _late_receipts(
    periods: list[tuple[Any, Period]], whole_over: datetime, split_by_time: bool
) -> set[tuple[int, int]]:
    """(case, bucket index or WHOLE) of the cases closed in the period before their window's start
    whose award a side first received at that start or later."""
    whole = _whole(periods)
    closed = late_award_receipts().filter(
        case__accepted_at__isnull=False, case__closed_at__gte=whole.begins, case__closed_at__lt=whole.ends
    )
    found: set[tuple[int, int]] = set()
    # Each bucket's own window (for months, only the cases closed in its first day or two).
    own = (
        closed.annotate(bucket=_bucket_of("case__closed_at", periods))
        .annotate(window_over=_per_bucket(periods, _window_over, DateTimeField()))
        .filter(case__closed_at__lt=F("window_over"))
    )
    if len(periods) == 1:
        # One instant: only the cases with a receipt at or after it can be late (an index range).
        own = own.filter(case__in=late_award_receipts().filter(effective_at__gte=whole_over).values("case"))
    own = (
        own.values("case_id", "side", "bucket", "window_over")
        .annotate(first=Min("effective_at"))
        .filter(first__gte=F("window_over"))
        .values_list("case_id", "bucket")
        .order_by()
    )
    found.update((case_id, bucket - 1) for case_id, bucket in own)
    if split_by_time:
        whole_late = (
            closed.filter(case__closed_at__lt=whole_over)
            .filter(case__in=late_award_receipts().filter(effective_at__gte=whole_over).values("case"))
            .values("case_id", "side")
            .annotate(first=Min("effective_at"))
            .filter(first__gte=whole_over)
            .values_list("case_id", flat=True)
            .order_by()
        )
        found.update((case_id, WHOLE) for case_id in whole_late)
    return found


def _average_and_median(histogram: Counter[int]) -> tuple[float | None, float | None]:
    """What AVG and PERCENTILE_CONT(0.5) give over the values the histogram counts."""
    total = sum(histogram.values())
    if not total:
        return None, None
    average = sum(value * n for value, n in histogram.items()) / total
    ordered = sorted(histogram.items())

    def nth(k: int) -> int:  # the k-th value in order, from 0
        seen = 0
        for value, n in ordered:
            seen += n
            if k < seen:
                return value
        raise IndexError(k)

    low, high = nth((total - 1) // 2), nth(total // 2)
    return average, low + (high - low) * 0.5


def _event_counts(
    name: str, periods: list[tuple[Any, Period]], group_by: str | None, counts: Counts, only: Only = None
) -> None:
    """Episodes and awards count when one instant (concluded, issued) falls in the period."""
    source = SOURCES[name]
    field, total, filtered, separate = EVENT_PARTS[name]
    grouping = _group_fields(source, group_by)
    whole = _whole(periods)
    rows = _only(source, source.queryset(), only)
    rows = rows.filter(**{f"{field}__gte": whole.begins, f"{field}__lt": whole.ends})
    rows = rows.annotate(bucket=_bucket_of(field, periods))
    queries = [(rows, {total: Count("pk"), **{k: Count("pk", filter=q) for k, q in filtered.items()}})]
    queries += [(rows.filter(q), {part: Count("pk")}) for part, q in separate.items()]
    for query, aggregates in queries:
        for row in query.values("bucket", **grouping).annotate(**aggregates).order_by():
            for part in aggregates:
                counts(row.get("group_key"), row["bucket"] - 1)[part] += row[part]
                if group_by in TIME_GROUPS:
                    counts(None, WHOLE)[part] += row[part]


def _empty(source: Source) -> dict[str, Any]:
    counts: dict[str, Any] = dict.fromkeys(source.parts(Period(date(2000, 1, 1), date(2000, 1, 1))), 0)
    if source.name == "cases":
        counts.update(days_average=None, days_median=None, _days=Counter())
    return counts


def _entry() -> dict[str, dict[str, Any]]:
    return {name: _empty(source) for name, source in SOURCES.items()}


def _tally(
    period: Period, group_by: str | None, only: Only = None
) -> tuple[dict[str, dict[str, Any]], dict[Any, Any]]:
    """The counts of the whole period, and of each group (none when not split)."""
    periods: list[tuple[Any, Period]] = (
        list(buckets(period, group_by)) if group_by in TIME_GROUPS else [(None, period)]
    )
    whole = _entry()
    table: dict[Any, dict[str, dict[str, Any]]] = {}
    if group_by in TIME_GROUPS:
        table = {key: _entry() for key, _p in periods}

    def counter(name: str) -> Counts:
        def counts(group_key: Any, index: int) -> dict[str, Any]:
            if index == WHOLE or group_by is None:
                return whole[name]
            key = periods[index][0] if group_by in TIME_GROUPS else group_key
            if key not in table:
                table[key] = _entry()
            return table[key][name]

        return counts

    _case_counts(periods, group_by, counter("cases"), only)
    for name in ("episodes", "awards"):
        _event_counts(name, periods, group_by, counter(name), only)
    if group_by is not None and group_by not in TIME_GROUPS:
        # The groups split every row once: the whole period is their sum.
        for entry in table.values():
            for name, counts in entry.items():
                for part, value in counts.items():
                    if part == "_days":
                        whole[name][part].update(value)
                    elif not part.startswith("days_"):
                        whole[name][part] += value
    for entry in [whole, *table.values()]:
        cases = entry["cases"]
        cases["days_average"], cases["days_median"] = _average_and_median(cases.pop("_days"))
    return whole, table


def group_labels(group_by: str, keys: Iterable[Any]) -> dict[Any, str]:
    keys = [k for k in keys if k not in (None, "")]
    if group_by == "arbitrator":
        return {u.pk: str(u) for u in User.objects.filter(pk__in=keys)}
    if group_by == "organisation":
        return dict(MediationOrganisation.objects.filter(pk__in=keys).values_list("pk", "name"))
    if group_by == "claim_category":
        return {k: str(ClaimCategory(k).label) for k in keys if k in ClaimCategory.values}
    return {k: str(k) for k in keys}


def summary(period: Period, group_by: str | None = None, only: Only = None) -> dict[str, Any]:
    """The figures of the period, with ``groups`` when ``group_by`` is given (domain.md §7); of one
    group's rows only when ``only`` = (group_by, key) is given."""
    body: dict[str, Any] = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    whole, table = _tally(period, group_by, only)
    body.update(results(whole))
    body["group_by"] = group_by
    groups: list[dict[str, Any]] = []
    if group_by is not None:
        labels = group_labels(group_by, table) if group_by not in TIME_GROUPS else {}
        for key, counts in table.items():
            key_text = "" if key is None else str(key)
            label = labels.get(key, key_text) if key not in (None, "") else str(_("Not specified"))
            groups.append({"key": key_text, "label": label, **results(counts)})
        if group_by not in TIME_GROUPS:
            groups.sort(key=lambda g: (g["key"] == "", g["label"]))
    body["groups"] = groups
    return body
