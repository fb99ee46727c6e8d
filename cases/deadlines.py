"""The deadline engine: every deadline of a case, as the sum of the registered deadline providers.

The period rule and the working-day calendar are in ``core.calendar``.

Deadlines are derived from the case's timeline (``CaseEvent``), stored in ``Deadline`` rows for
querying, and recomputed by ``recompute`` whenever a service records an event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q

from cases.conditions import hearing_key
from cases.models import (
    Case,
    CaseEvent,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    EventKind,
    Responsible,
    Status,
)
from cases.models.case import TERMINAL
from core import clock
from core.calendar import WorkingCalendar, period, working_calendar

ACCEPTANCE_DAYS = 5  # L Art. 29
SUPPLEMENT_NOTICE_DAYS = 5  # R Art. 29
SERVICE_DAYS = 5  # L Art. 30
DEFENCE_DAYS = 10  # L Art. 30
TRIBUNAL_NOTICE_DAYS = 5  # L Art. 32
RULING_DAYS = 45  # L Art. 43
MAX_EXTENSION_DAYS = 15  # L Art. 43, R Art. 45
HEARING_NOTICE_DAYS = 5  # L Art. 35
RULING_BASIS = "L 43, R 45-46"


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
    # A due date set by the law rather than counted forward (the hearing notice: 5 days before the hearing).
    fixed_due: date | None = None
    # Filled in by ``compute``.
    due_on: date | None = None
    provisional: bool = False
    status: str = DeadlineStatus.OPEN


def event_day(event: CaseEvent) -> date:
    return clock.local_date(event.created_at)


class Timeline:
    """Queries over a case's events in the order they happened (what providers compute from)."""

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

    def until(self, event: CaseEvent | None) -> Timeline:
        """The events up to and including ``event`` (all of them when None)."""
        if event is None:
            return self
        return Timeline([e for e in self.events if _order(e) <= _order(event)])


def _order(event: CaseEvent) -> tuple:
    return (event.created_at, event.pk or 0)


RESTART_EVENTS = (EventKind.AMEND_CLAIMS, EventKind.ADD_PARTY)
MEDIATION_OUTCOMES = (
    EventKind.RECORD_MEDIATION_AGREEMENT,
    EventKind.RECORD_MEDIATION_FAILURE,
    EventKind.WITHDRAW,
)


def _intake_specs(case: Case, t: Timeline) -> list[Spec]:
    """Acceptance decision, supplement notice and pre-filing mediation: the phase before acceptance."""
    specs: list[Spec] = []
    decision = t.first(EventKind.ACCEPT, EventKind.REJECT)
    ended = t.first(EventKind.RECORD_MEDIATION_AGREEMENT) or next(
        (e for e in t.of(EventKind.WITHDRAW) if e.to_status == Status.WITHDRAWN), None
    )
    closing = decision or ended
    intake = t.until(closing)
    still_open = closing is None
    in_mediation = still_open and case.status == Status.PRE_MEDIATION

    # After a failed pre-filing mediation the application is reviewed afresh from its return.
    received = clock.local_date(case.received_at)
    returned = intake.last(EventKind.RECORD_MEDIATION_FAILURE)
    review_start = max(received, event_day(returned)) if returned else received
    requested = intake.first(EventKind.REQUEST_SUPPLEMENT, after=returned)
    if requested is not None or still_open:
        specs.append(
            Spec(
                DeadlineKind.SUPPLEMENT_NOTICE,
                review_start,
                SUPPLEMENT_NOTICE_DAYS,
                Responsible.COMMISSION,
                "R 29",
                completed_on=event_day(requested) if requested else None,
                paused=in_mediation,
            )
        )
    if decision is not None or still_open:
        # R 29: after a supplement is asked for, receipt counts from the completed supplement. What is
        # missing is asked for in one go: a later request neither pauses nor restarts the clock, which
        # runs from the first completed supplement.
        supplied = intake.first(EventKind.COMPLETE_SUPPLEMENT, after=requested) if requested else None
        specs.append(
            Spec(
                DeadlineKind.ACCEPTANCE_DECISION,
                max(review_start, event_day(supplied)) if supplied else review_start,
                ACCEPTANCE_DAYS,
                Responsible.COMMISSION,
                "L 29",
                completed_on=event_day(decision) if decision else None,
                paused=in_mediation or (still_open and case.awaiting_supplement and supplied is None),
            )
        )
    referral = intake.last(EventKind.REFER_TO_MEDIATION)
    if referral is not None:
        outcome = t.first(*MEDIATION_OUTCOMES, after=referral)
        specs.append(
            Spec(
                DeadlineKind.PRE_MEDIATION,
                event_day(referral),
                settings.PRE_MEDIATION_DAYS,
                Responsible.MEDIATOR,
                "L 14",
                completed_on=event_day(outcome) if outcome else None,
            )
        )
    return specs


def _same_event(event: CaseEvent, key: str) -> CaseEvent | None:
    """``accept`` with arbitrators also composes the tribunal."""
    return event if event.data.get(key) else None


def _arbitration_specs(case: Case, t: Timeline) -> list[Spec]:
    """Service, defence, tribunal notice and the ruling: the phase after acceptance."""
    accepted = t.first(EventKind.ACCEPT)
    if accepted is None:
        return []
    specs: list[Spec] = []
    accepted_on = event_day(accepted)
    closed = case.status == Status.CLOSED
    closed_on = clock.local_date(case.closed_at) if case.closed_at else None

    def keep(spec: Spec) -> None:
        # A duty the closure made moot is dropped; one met, or the ruling, stays on the record.
        if spec.completed_on is not None or not closed:
            specs.append(spec)

    # A respondent added later (R Art. 46) is served afresh: the service duty restarts from its addition.
    added = [e for e in t.of(EventKind.ADD_PARTY, after=accepted) if e.data.get("side") == "respondent"]
    service_from = added[-1] if added else accepted
    served = t.first(EventKind.SERVE_APPLICATION, after=service_from) or (
        None if added else t.first(EventKind.SERVE_APPLICATION)
    )
    keep(
        Spec(
            DeadlineKind.SERVE_RESPONDENT,
            event_day(service_from),
            SERVICE_DAYS,
            Responsible.COMMISSION,
            "L 30",
            completed_on=event_day(served) if served else None,
        )
    )
    tribunal = t.first(EventKind.SET_TRIBUNAL, after=accepted) or _same_event(accepted, "arbitrators")
    keep(
        Spec(
            DeadlineKind.TRIBUNAL_NOTICE,
            accepted_on,
            TRIBUNAL_NOTICE_DAYS,
            Responsible.COMMISSION,
            "L 32",
            completed_on=event_day(tribunal) if tribunal else None,
        )
    )

    restart = t.last(*RESTART_EVENTS, after=accepted)
    if served is not None and case.defence_days > 0:
        served = (
            t.last(EventKind.SERVE_APPLICATION) or served
        )  # the latest service opens the latest defence period
        # The defence runs from the respondent's receipt (L 30): a recorded service's effective day; an
        # electronic one not yet opened (nor receipted) has not reached the respondent yet.
        receipt = receipt_day(t, "application", "respondent", since=served)
        waiting = receipt is None and bool(served.data.get("awaiting_receipt"))
        defence_start = receipt or event_day(served)
        if restart is not None and event_day(restart) > defence_start:
            defence_start = event_day(restart)
        defence = next(
            (e for e in t.of(EventKind.FILE_DEFENCE, after=served) if event_day(e) >= defence_start), None
        )
        if not waiting:
            keep(
                Spec(
                    DeadlineKind.DEFENCE,
                    defence_start,
                    case.defence_days,
                    Responsible.RESPONDENT,
                    "L 30",
                    completed_on=event_day(defence) if defence else None,
                )
            )
    filed = t.last(EventKind.FILE_DEFENCE)
    if filed is not None:
        served_defence = t.first(EventKind.SERVE_DEFENCE, after=filed)
        keep(
            Spec(
                DeadlineKind.SERVE_DEFENCE,
                event_day(filed),
                SERVICE_DAYS,
                Responsible.COMMISSION,
                "L 30",
                completed_on=event_day(served_defence) if served_defence else None,
            )
        )

    notice = _hearing_notice_spec(case, t)
    if notice is not None:
        keep(notice)

    # A counter-application joined to the case restarts the ruling period too (R 36, R 46), not the defence.
    joined = [e for e in t.of(EventKind.DECIDE_COUNTER_APPLICATION, after=accepted) if e.data.get("accepted")]
    restarts = [e for e in (restart, joined[-1] if joined else None) if e is not None]
    restart = max(restarts, key=_order) if restarts else None
    # A case transferred here runs from this commission's receipt of the file (R 46), not its acceptance.
    ruling_from = case.transferred_received_on or accepted_on
    clock_start = max(ruling_from, event_day(restart)) if restart else ruling_from
    # A restart (R 46) gives a fresh 45 days and a fresh right to one extension: earlier ones lapse with it.
    extension = sum(int(e.data.get("days", 0)) for e in t.of(EventKind.EXTEND_RULING, after=restart))
    ruling_days = RULING_DAYS + extension
    paused = False
    calendar = working_calendar()  # reads the holiday table only if a suspension asks for a due date
    for suspension in t.of(EventKind.SUSPEND):
        began = event_day(suspension)
        if began > period(clock_start, ruling_days, calendar).due_on:
            continue  # the period had already run out: a suspension stops nothing, the case stays overdue
        resumed = t.first(EventKind.RESUME, after=suspension)
        if resumed is None:
            paused = case.status == Status.SUSPENDED
            continue
        ended = event_day(resumed)
        # Only days inside the current 45-day clock count as suspended.
        ruling_days += max(0, (ended - max(began, clock_start)).days)
    ruling_days += public_notice_days(t, clock_start, closed_on)
    specs.append(
        Spec(
            DeadlineKind.RULING,
            clock_start,
            ruling_days,
            Responsible.TRIBUNAL,
            RULING_BASIS,
            completed_on=closed_on if closed else None,
            paused=paused,
        )
    )
    return specs


# --- service (送达): receipts and public notices, from the events cases/services/delivery.py records ----

SERVICE_EVENTS = (EventKind.SERVE_APPLICATION, EventKind.RECORD_SERVICE, EventKind.SERVICE_EFFECTIVE)


def receipt_day(t: Timeline, document: str, side: str, *, since: CaseEvent | None = None) -> date | None:
    """The first day a service of ``document`` on ``side`` took effect (recorded at or after ``since``)."""
    days = []
    for event in t.of(*SERVICE_EVENTS):
        data = event.data or {}
        if since is not None and _order(event) < _order(since):
            continue
        if data.get("effective_on") and (
            (data.get("document"), data.get("side")) == (document, side)
            or (
                event.kind == EventKind.SERVE_APPLICATION
                and document == "application"
                and side == "respondent"
            )
        ):
            days.append(date.fromisoformat(data["effective_on"]))
    return min(days) if days else None


def public_notice_days(t: Timeline, clock_start: date, closed_on: date | None) -> int:
    """Days of public-notice service inside the ruling clock: they do not count (R Art. 46). Notices that
    overlap count their shared days once."""
    excluded: set[date] = set()
    for event in t.of(EventKind.RECORD_SERVICE, EventKind.SERVE_APPLICATION):
        data = event.data or {}
        if not data.get("notice_to"):
            continue
        day = max(date.fromisoformat(data["notice_from"]), clock_start)
        last = date.fromisoformat(data["notice_to"])
        if closed_on is not None:
            last = min(last, closed_on)
        while day < last:
            excluded.add(day)
            day += timedelta(days=1)
    return len(excluded)


def _hearing_notice_spec(case: Case, t: Timeline) -> Spec | None:
    """The commission serves the notice of the oral hearing on both sides at least 5 days before it
    (L Art. 35): due 5 days before the hearing, met when both have been served with proof of receipt. A
    postponement sets a new date, and the notice is due afresh."""
    if case.hearing_at is None or case.status not in (
        Status.ORAL_HEARING,
        Status.DELIBERATION,
        Status.CLOSED,
    ):
        return None
    setting = [
        e
        for e in t.of(EventKind.SCHEDULE_ORAL_HEARING, EventKind.DECIDE_POSTPONEMENT)
        if e.kind == EventKind.SCHEDULE_ORAL_HEARING or e.data.get("decision") == "granted"
    ]
    if not setting:
        return None
    key = hearing_key(case.hearing_at)
    served: dict[str, date] = {}
    for event in t.of(EventKind.SERVE_HEARING_NOTICE, after=setting[-1]):
        if event.data.get("hearing_at") == key and event.data.get("proof"):
            side, received = str(event.data.get("side")), date.fromisoformat(event.data["received_on"])
            served[side] = min(received, served.get(side, received))
    starts_on = event_day(setting[-1])
    due = clock.local_date(case.hearing_at) - timedelta(days=HEARING_NOTICE_DAYS)
    return Spec(
        DeadlineKind.HEARING_NOTICE,
        starts_on,
        max(0, (due - starts_on).days),
        Responsible.COMMISSION,
        "L 35",
        completed_on=max(served.values()) if len(served) == 2 else None,
        fixed_due=due,
    )


def _suspended_spans(case: Case, timeline: Timeline) -> list[tuple[date, date | None]]:
    """Each suspension's first day and the day it ended (None: the case is still suspended)."""
    spans = []
    for suspension in timeline.of(EventKind.SUSPEND):
        resumed = timeline.first(EventKind.RESUME, after=suspension)
        if resumed is None and case.status != Status.SUSPENDED:
            continue
        spans.append((event_day(suspension), event_day(resumed) if resumed else None))
    return spans


def _suspend(spec: Spec, spans: list[tuple[date, date | None]], calendar: WorkingCalendar) -> None:
    """Periods stop while the case is suspended (R Art. 47): a period running when the suspension began
    is paused and, on resumption, runs on for the days it had not used. One already lapsed stays lapsed.
    (The ruling period has its own rule in ``_arbitration_specs``; a date fixed by a hearing is kept.)"""
    if spec.kind == DeadlineKind.RULING or spec.fixed_due is not None:
        return
    for began, ended in spans:
        assert spec.due_on is not None
        if not spec.starts_on <= began <= spec.due_on:
            continue
        if spec.completed_on is not None and spec.completed_on < began:
            continue
        if ended is None:
            spec.paused = spec.completed_on is None
            return
        spec.days += (ended - began).days
        result = period(spec.starts_on, spec.days, calendar)
        spec.due_on, spec.provisional = result.due_on, result.provisional


# --- deadline providers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineProvider:
    """Computes the deadlines of the kinds it owns from a case and its timeline.

    Each app registers its provider from ``AppConfig.ready()``. ``recompute`` stores what the providers
    compute and replaces only the kinds they own: a deadline of a kind no provider owns (one an app
    stores itself) is left alone.
    """

    name: str
    kinds: frozenset[str]
    specs: Callable[[Case, Timeline], list[Spec]]


class DeadlineProviders:
    def __init__(self) -> None:
        self._providers: dict[str, DeadlineProvider] = {}

    def register(self, provider: DeadlineProvider) -> DeadlineProvider:
        for other in self._providers.values():
            if other.name != provider.name and other.kinds & provider.kinds:
                raise ValueError(
                    f"deadline kinds {sorted(other.kinds & provider.kinds)} are owned by {other.name!r}"
                )
        self._providers[provider.name] = provider
        return provider

    def all(self) -> list[DeadlineProvider]:
        return list(self._providers.values())

    def owned_kinds(self) -> set[str]:
        return {kind for provider in self._providers.values() for kind in provider.kinds}

    @contextmanager
    def scoped(self) -> Iterator[DeadlineProviders]:
        """Registrations made inside the block are undone after it (for tests that plug in a provider)."""
        saved = dict(self._providers)
        try:
            yield self
        finally:
            self._providers = saved


PROVIDERS = DeadlineProviders()

CASE_KINDS = frozenset(
    {
        DeadlineKind.ACCEPTANCE_DECISION,
        DeadlineKind.SUPPLEMENT_NOTICE,
        DeadlineKind.PRE_MEDIATION,
        DeadlineKind.SERVE_RESPONDENT,
        DeadlineKind.DEFENCE,
        DeadlineKind.SERVE_DEFENCE,
        DeadlineKind.TRIBUNAL_NOTICE,
        DeadlineKind.RULING,
        DeadlineKind.HEARING_NOTICE,
    }
)


def _case_specs(case: Case, timeline: Timeline) -> list[Spec]:
    return _intake_specs(case, timeline) + _arbitration_specs(case, timeline)


def register() -> None:
    """The case domain's own deadlines: intake, service and defence, tribunal, ruling."""
    PROVIDERS.register(DeadlineProvider("cases", CASE_KINDS, _case_specs))


def compute(case: Case, events: Iterable[CaseEvent], today: date, calendar: WorkingCalendar) -> list[Spec]:
    """Every deadline of the case as of ``today``, from its events: the sum of the registered providers."""
    timeline = Timeline(list(events))
    specs: list[Spec] = []
    for provider in PROVIDERS.all():
        provided = provider.specs(case, timeline)
        strays = {spec.kind for spec in provided} - provider.kinds
        if strays:
            raise ValueError(f"provider {provider.name!r} computed kinds it does not own: {sorted(strays)}")
        specs += provided
    spans = _suspended_spans(case, timeline) if timeline.of(EventKind.SUSPEND) else []
    for spec in specs:
        if spec.fixed_due is not None:
            spec.due_on, spec.provisional = spec.fixed_due, False
        else:
            result = period(spec.starts_on, spec.days, calendar)
            spec.due_on, spec.provisional = result.due_on, result.provisional
        _suspend(spec, spans, calendar)
        spec.status = status_on(spec.due_on, spec.completed_on, spec.paused, today)
    return specs


def status_on(due_on: date, completed_on: date | None, paused: bool, today: date) -> str:
    if completed_on is not None:
        return DeadlineStatus.MET if completed_on <= due_on else DeadlineStatus.OVERDUE
    if paused:
        return DeadlineStatus.PAUSED
    return DeadlineStatus.OVERDUE if today > due_on else DeadlineStatus.OPEN


PENDING = Q(completed_on__isnull=True, status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE])


def _pending(deadline: Deadline) -> bool:
    """``PENDING``, read on a row in hand."""
    return deadline.completed_on is None and deadline.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


def recompute(
    case: Case, *, calendar: WorkingCalendar | None = None, today: date | None = None
) -> list[Deadline]:
    """Bring the stored deadlines and ``case.next_due_on`` in line with the case's events."""
    today = today or clock.today()
    specs = compute(case, case.events.all(), today, calendar or working_calendar())
    owned = PROVIDERS.owned_kinds()
    stored = list(case.deadlines.all())
    existing = {(d.kind, d.key): d for d in stored if d.kind in owned}
    wanted = {(s.kind, s.key) for s in specs}
    stale = [d.pk for k, d in existing.items() if k not in wanted]
    if stale:
        Deadline.objects.filter(pk__in=stale).delete()
    result = []
    new: list[Deadline] = []
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
            deadline = Deadline(case=case, kind=spec.kind, key=spec.key, **values)
            new.append(deadline)
        elif any(getattr(deadline, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(deadline, name, value)
            deadline.save()
        result.append(deadline)
    if new:
        Deadline.objects.bulk_create(new)
    # A closed case has nothing left to be late for, whatever an app stored for it (no badge, no list).
    # The first pending due date: of the deadlines just brought in line, and of those other apps keep.
    others = [d for d in stored if d.kind not in owned]
    next_due = (
        None
        if case.status in TERMINAL
        else min((d.due_on for d in [*result, *others] if _pending(d)), default=None)
    )
    if next_due != case.next_due_on:
        Case.objects.filter(pk=case.pk).update(next_due_on=next_due)
        case.next_due_on = next_due
    return result
