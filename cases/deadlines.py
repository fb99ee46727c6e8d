"""The deadline engine: the working-day calendar, the period rules, and every deadline of a case.

Period rules (CPL Art. 85 via R Art. 19, ../shared/domain.md §3): the starting day is not counted;
periods run in calendar days; when the last day is a statutory holiday or a rest day the period ends on
the first working day after it; deadlines fall at 24:00 Asia/Shanghai, so a deadline is a date.

Working days come from the holiday table (``CalendarDay``/``CalendarYear``), seeded from the
``chinese-calendar`` package and editable by supervisors. A year with no published schedule falls back
to weekends-only, and every period that touches such a year is marked *provisional*.

Deadlines are derived from the case's timeline (``CaseEvent``), stored in ``Deadline`` rows for
querying, and recomputed by ``recompute`` whenever a service records an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Min, Q

from cases import clock
from cases.models import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseEvent,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Responsible,
    Status,
)

if TYPE_CHECKING:
    from django.db.models import Model

ACCEPTANCE_DAYS = 5  # L Art. 29
SUPPLEMENT_NOTICE_DAYS = 5  # R Art. 29
SERVICE_DAYS = 5  # L Art. 30
DEFENCE_DAYS = 10  # L Art. 30
TRIBUNAL_NOTICE_DAYS = 5  # L Art. 32
RULING_DAYS = 45  # L Art. 43
MAX_EXTENSION_DAYS = 15  # L Art. 43, R Art. 45
HEARING_NOTICE_DAYS = 5  # L Art. 35
MAX_ROLL_DAYS = 40  # no run of non-working days is this long; a guard against a corrupt table


# --- the working-day calendar -----------------------------------------------------------------------


class WorkingCalendar:
    """Working days from the holiday table, loaded a year at a time.

    A day is a working day when it is a make-up working day, or a weekday that is not a holiday. A
    year with no published schedule has only weekends as rest days, and is reported as unpublished.
    """

    def __init__(self) -> None:
        self._holidays: set[date] = set()
        self._workdays: set[date] = set()
        self._published: dict[int, bool] = {}

    def _load(self, year: int) -> None:
        if year in self._published:
            return
        published = CalendarYear.objects.filter(year=year, published=True).exists()
        self._published[year] = published
        for day, kind in CalendarDay.objects.filter(date__year=year).values_list("date", "kind"):
            (self._holidays if kind == CalendarDay.Kind.HOLIDAY else self._workdays).add(day)

    def is_published(self, year: int) -> bool:
        self._load(year)
        return self._published[year]

    def is_working_day(self, day: date) -> bool:
        self._load(day.year)
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._holidays

    def first_working_day_on_or_after(self, day: date) -> date:
        for _ in range(MAX_ROLL_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day within {MAX_ROLL_DAYS} days of {day}: check the holiday table")


@dataclass(frozen=True)
class Period:
    starts_on: date
    days: int
    due_on: date
    provisional: bool


def period(starts_on: date, days: int, calendar: WorkingCalendar) -> Period:
    """The last day of a period of ``days`` calendar days counted from the day after ``starts_on``."""
    last = starts_on + timedelta(days=days)
    due = calendar.first_working_day_on_or_after(last)
    first_counted = starts_on + timedelta(days=1)
    touched = range(min(first_counted.year, due.year), due.year + 1)
    provisional = any(not calendar.is_published(year) for year in touched)
    return Period(starts_on=starts_on, days=days, due_on=due, provisional=provisional)


# --- loading the holiday table ------------------------------------------------------------------------

CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_calendar() -> tuple[dict[date, str], dict[date, str], set[int]]:
    """Holidays, make-up working days and covered years from the installed chinese-calendar package."""
    from chinese_calendar import constants

    holidays = {day: CHINESE_NAMES.get(str(name), str(name)) for day, name in constants.holidays.items()}
    workdays = {day: CHINESE_NAMES.get(str(name), str(name)) for day, name in constants.workdays.items()}
    years = set(range(min(holidays).year, max(holidays).year + 1))
    return holidays, workdays, years


def load_package_calendar(
    day_model: type[Model] = CalendarDay,
    year_model: type[Model] = CalendarYear,
    *,
    replace_edited: bool = False,
) -> list[int]:
    """Copy the package's schedule into the table for each year it covers; returns the years loaded.

    A year a supervisor already maintains (published, from another source) is left alone unless
    ``replace_edited``. Takes the models as arguments so a migration can pass its historical ones.
    """
    from chinese_calendar import __version__ as package_version

    holidays, workdays, years = package_calendar()
    source = f"chinese-calendar {package_version}"
    loaded = []
    for year in sorted(years):
        existing = year_model.objects.filter(year=year).first()
        edited_by_hand = existing is not None and not existing.source.startswith("chinese-calendar")
        if edited_by_hand and not replace_edited:
            continue
        day_model.objects.filter(date__year=year).delete()
        day_model.objects.bulk_create(
            [day_model(date=d, kind="holiday", name=n) for d, n in holidays.items() if d.year == year]
            + [day_model(date=d, kind="workday", name=n) for d, n in workdays.items() if d.year == year]
        )
        year_model.objects.update_or_create(year=year, defaults={"published": True, "source": source})
        loaded.append(year)
    return loaded


# --- the deadlines of a case ----------------------------------------------------------------------------


@dataclass
class Spec:
    kind: str
    starts_on: date
    days: int
    responsible: str
    basis: str
    key: str = ""
    completed_on: date | None = None
    paused: bool = False
    # Filled in by ``compute``.
    due_on: date | None = None
    provisional: bool = False
    status: str = DeadlineStatus.OPEN


def _day(event: CaseEvent) -> date:
    return clock.local_date(event.created_at)


class _Timeline:
    """Queries over a case's events in the order they happened."""

    def __init__(self, events: Sequence[CaseEvent]) -> None:
        self.events = sorted(events, key=_order)

    def of(self, *kinds: str, after: CaseEvent | None = None) -> list[CaseEvent]:
        return [e for e in self.events if e.kind in kinds and (after is None or _order(e) > _order(after))]

    def first(self, *kinds: str, after: CaseEvent | None = None) -> CaseEvent | None:
        found = self.of(*kinds, after=after)
        return found[0] if found else None

    def last(self, *kinds: str, after: CaseEvent | None = None) -> CaseEvent | None:
        found = self.of(*kinds, after=after)
        return found[-1] if found else None

    def until(self, event: CaseEvent | None) -> _Timeline:
        """The events up to and including ``event`` (all of them when None)."""
        if event is None:
            return self
        return _Timeline([e for e in self.events if _order(e) <= _order(event)])


def _order(event: CaseEvent) -> tuple:
    return (event.created_at, event.pk or 0)


RESTART_EVENTS = ("amend_claims", "add_party")
MEDIATION_OUTCOMES = ("record_mediation_agreement", "record_mediation_failure", "withdraw")


def _intake_specs(case: Case, t: _Timeline) -> list[Spec]:
    """Acceptance decision, supplement notice and pre-filing mediation: the phase before acceptance."""
    specs: list[Spec] = []
    decision = t.first("accept", "reject")
    ended = t.first("record_mediation_agreement") or next(
        (e for e in t.of("withdraw") if e.to_status == Status.WITHDRAWN), None
    )
    closing = decision or ended
    intake = t.until(closing)
    still_open = closing is None
    in_mediation = still_open and case.status == Status.PRE_MEDIATION

    # After a failed pre-filing mediation the application is reviewed afresh from its return.
    received = clock.local_date(case.received_at)
    returned = intake.last("record_mediation_failure")
    review_start = max(received, _day(returned)) if returned else received
    requested = intake.first("request_supplement", after=returned)
    if requested is not None or still_open:
        specs.append(
            Spec(
                DeadlineKind.SUPPLEMENT_NOTICE,
                review_start,
                SUPPLEMENT_NOTICE_DAYS,
                Responsible.COMMISSION,
                "R 29",
                completed_on=_day(requested) if requested else None,
                paused=in_mediation,
            )
        )
    if decision is not None or still_open:
        # R 29: after a supplement is asked for, receipt counts from the completed supplement.
        supplied = intake.last("complete_supplement", after=requested) if requested else None
        specs.append(
            Spec(
                DeadlineKind.ACCEPTANCE_DECISION,
                max(review_start, _day(supplied)) if supplied else review_start,
                ACCEPTANCE_DAYS,
                Responsible.COMMISSION,
                "L 29",
                completed_on=_day(decision) if decision else None,
                paused=in_mediation or (still_open and case.awaiting_supplement),
            )
        )
    referral = intake.last("refer_to_mediation")
    if referral is not None:
        outcome = t.first(*MEDIATION_OUTCOMES, after=referral)
        specs.append(
            Spec(
                DeadlineKind.PRE_MEDIATION,
                _day(referral),
                settings.PRE_MEDIATION_DAYS,
                Responsible.MEDIATOR,
                "L 14",
                completed_on=_day(outcome) if outcome else None,
            )
        )
    return specs


def _same_event(event: CaseEvent, key: str) -> CaseEvent | None:
    """``accept`` with arbitrators also composes the tribunal."""
    return event if event.data.get(key) else None


def _arbitration_specs(case: Case, t: _Timeline) -> list[Spec]:
    """Service, defence, tribunal notice and the ruling: the phase after acceptance."""
    accepted = t.first("accept")
    if accepted is None:
        return []
    specs: list[Spec] = []
    accepted_on = _day(accepted)
    closed = case.status == Status.CLOSED
    closed_on = clock.local_date(case.closed_at) if case.closed_at else None

    def keep(spec: Spec) -> None:
        # A duty the closure made moot is dropped; one met, or the ruling, stays on the record.
        if spec.completed_on is not None or not closed:
            specs.append(spec)

    # A respondent added later (R Art. 46) is served afresh: the service duty restarts from its addition.
    added = [e for e in t.of("add_party", after=accepted) if e.data.get("side") == "respondent"]
    service_from = added[-1] if added else accepted
    served = t.first("serve_application", after=service_from) or (
        None if added else t.first("serve_application")
    )
    keep(
        Spec(
            DeadlineKind.SERVE_RESPONDENT,
            _day(service_from),
            SERVICE_DAYS,
            Responsible.COMMISSION,
            "L 30",
            completed_on=_day(served) if served else None,
        )
    )
    tribunal = t.first("set_tribunal", after=accepted) or _same_event(accepted, "arbitrators")
    keep(
        Spec(
            DeadlineKind.TRIBUNAL_NOTICE,
            accepted_on,
            TRIBUNAL_NOTICE_DAYS,
            Responsible.COMMISSION,
            "L 32",
            completed_on=_day(tribunal) if tribunal else None,
        )
    )

    restart = t.last(*RESTART_EVENTS, after=accepted)
    if served is not None and case.defence_days > 0:
        served = t.last("serve_application")  # the latest service opens the latest defence period
        defence_start = _day(served)
        if restart is not None and _day(restart) > defence_start:
            defence_start = _day(restart)
        defence = next((e for e in t.of("file_defence", after=served) if _day(e) >= defence_start), None)
        keep(
            Spec(
                DeadlineKind.DEFENCE,
                defence_start,
                case.defence_days,
                Responsible.RESPONDENT,
                "L 30",
                completed_on=_day(defence) if defence else None,
            )
        )
    filed = t.last("file_defence")
    if filed is not None:
        served_defence = t.first("serve_defence", after=filed)
        keep(
            Spec(
                DeadlineKind.SERVE_DEFENCE,
                _day(filed),
                SERVICE_DAYS,
                Responsible.COMMISSION,
                "L 30",
                completed_on=_day(served_defence) if served_defence else None,
            )
        )

    clock_start = max(accepted_on, _day(restart)) if restart else accepted_on
    extension = sum(int(e.data.get("days", 0)) for e in t.of("extend_ruling"))
    suspended_days = 0
    paused = False
    for suspension in t.of("suspend"):
        began = _day(suspension)
        resumed = t.first("resume", after=suspension)
        if resumed is None:
            paused = case.status == Status.SUSPENDED
            continue
        ended = _day(resumed)
        # Only days inside the current 45-day clock count as suspended.
        suspended_days += max(0, (ended - max(began, clock_start)).days)
    specs.append(
        Spec(
            DeadlineKind.RULING,
            clock_start,
            RULING_DAYS + extension + suspended_days,
            Responsible.TRIBUNAL,
            "L 43, R 45-46",
            completed_on=closed_on if closed else None,
            paused=paused,
        )
    )
    return specs


def compute(case: Case, events: Iterable[CaseEvent], today: date, calendar: WorkingCalendar) -> list[Spec]:
    """Every deadline of the case as of ``today``, from its events."""
    timeline = _Timeline(list(events))
    specs = _intake_specs(case, timeline) + _arbitration_specs(case, timeline)
    for spec in specs:
        result = period(spec.starts_on, spec.days, calendar)
        spec.due_on, spec.provisional = result.due_on, result.provisional
        spec.status = status_on(spec.due_on, spec.completed_on, spec.paused, today)
    return specs


def status_on(due_on: date, completed_on: date | None, paused: bool, today: date) -> str:
    if completed_on is not None:
        return DeadlineStatus.MET if completed_on <= due_on else DeadlineStatus.OVERDUE
    if paused:
        return DeadlineStatus.PAUSED
    return DeadlineStatus.OVERDUE if today > due_on else DeadlineStatus.OPEN


PENDING = Q(completed_on__isnull=True, status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE])


def recompute(
    case: Case, *, calendar: WorkingCalendar | None = None, today: date | None = None
) -> list[Deadline]:
    """Bring the stored deadlines and ``case.next_due_on`` in line with the case's events."""
    today = today or clock.today()
    specs = compute(case, case.events.all(), today, calendar or WorkingCalendar())
    existing = {(d.kind, d.key): d for d in case.deadlines.all()}
    wanted = {(s.kind, s.key) for s in specs}
    stale = [d.pk for k, d in existing.items() if k not in wanted]
    if stale:
        Deadline.objects.filter(pk__in=stale).delete()
    result = []
    for spec in specs:
        values = {
            "starts_on": spec.starts_on,
            "days": spec.days,
            "due_on": spec.due_on,
            "status": spec.status,
            "provisional": spec.provisional,
            "completed_on": spec.completed_on,
            "responsible": spec.responsible,
            "basis": spec.basis,
        }
        deadline = existing.get((spec.kind, spec.key))
        if deadline is not None and deadline.due_on != spec.due_on:
            values.update(reminded_days_before=None, escalated_at=None)
        if deadline is None:
            deadline = Deadline.objects.create(case=case, kind=spec.kind, key=spec.key, **values)
        elif any(getattr(deadline, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(deadline, name, value)
            deadline.save()
        result.append(deadline)
    next_due = case.deadlines.filter(PENDING).aggregate(first=Min("due_on"))["first"]
    if next_due != case.next_due_on:
        Case.objects.filter(pk=case.pk).update(next_due_on=next_due)
        case.next_due_on = next_due
    return result
