"""Historical cases loaded in bulk (``manage.py import_cases``, issue 12): the case-side records of a past
dispute, written as the steps would have left them, without running the steps one by one.

Each ``HistoricalCase`` becomes a case with the columns the figures read (``accepted_at``, ``closed_at``,
``status``, ``closure_type``, presiding arbitrator, street, mediation organisation), its claim, its
tribunal, its pre-filing mediation episode, its timeline (one event per status change, as ``fire`` records
them) and its ruling deadline (the engine's period rule from acceptance; a historical record knows no
extension or suspension). Rows are written in bulk (``core.bulk``: PostgreSQL ``COPY``, new rows with ids
drawn from their sequences), inside the caller's transaction. Nothing is pushed or notified: these are past
events.

A case already imported under the same ``external_ref`` is brought in line with the new record: its
columns, claim, tribunal, episode and ruling deadline are replaced; the timeline, which is append-only,
gains the status changes it does not have yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cases import deadlines
from cases.models import (
    Case,
    CaseEvent,
    Claim,
    ClosureType,
    Deadline,
    DeadlineKind,
    EventKind,
    MediationEpisode,
    MediationOutcome,
    MediationStage,
    Procedure,
    Responsible,
    Status,
    TribunalMember,
)
from cases.services.filing import COLLECTIVE_MINIMUM
from core import clock
from core.bulk import insert_rows, reserve_ids, update_rows
from core.calendar import WorkingCalendar, period

if TYPE_CHECKING:
    from accounts.models import User

# The hour of the day each kind of record is dated at, so that records of one day keep the procedure's
# order: received, referred, mediation concluded, accepted or rejected, closed.
RECEIVED_AT = time(9, 0)
REFERRED_AT = time(9, 5)
MEDIATION_CONCLUDED_AT = time(11, 0)
DECIDED_AT = time(14, 0)
CLOSED_AT = time(16, 0)

# The step whose event a closure of each type records.
CLOSING_EVENTS = {
    ClosureType.AWARD: EventKind.ISSUE_AWARD,
    ClosureType.MEDIATION: EventKind.CLOSE_BY_MEDIATION,
    ClosureType.WITHDRAWAL: EventKind.WITHDRAW,
    ClosureType.DEEMED_WITHDRAWAL: EventKind.DEEM_WITHDRAWN,
    ClosureType.CANCELLED: EventKind.CANCEL,
    ClosureType.TRANSFERRED: EventKind.TRANSFER,
    ClosureType.OTHER: EventKind.CLOSED_OTHERWISE,
}
# How a pre-filing mediation's outcome moves the dispute (the mediation steps' transitions).
MEDIATION_EVENTS = {
    MediationOutcome.AGREEMENT: (EventKind.RECORD_MEDIATION_AGREEMENT, Status.MEDIATED),
    MediationOutcome.FAILED: (EventKind.RECORD_MEDIATION_FAILURE, Status.SUBMITTED),
    MediationOutcome.TIMEOUT: (EventKind.RECORD_MEDIATION_FAILURE, Status.SUBMITTED),
    MediationOutcome.WITHDRAWN: (EventKind.WITHDRAW, Status.WITHDRAWN),
}


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=clock.LEGAL_TZ)


@dataclass(frozen=True)
class HistoricalMediation:
    """A pre-filing mediation episode: open while ``outcome`` is empty."""

    organisation_id: int | None
    outcome: str = ""
    concluded_on: date | None = None


@dataclass(frozen=True)
class HistoricalCase:
    """One dispute of the historical records, already checked for consistency by the importer: dates in
    order, an acceptance and a rejection not both, a closure only after acceptance (or a withdrawal before
    it), a mediation ending in agreement or withdrawal not followed by anything."""

    external_ref: str
    received_on: date
    accepted_on: date | None = None
    rejected_on: date | None = None
    closed_on: date | None = None
    closure_type: str = ""
    mediation: HistoricalMediation | None = None
    arbitrator_id: int | None = None
    street: str = ""
    claim_category: str = ""
    amount: Decimal | None = None
    applicants_count: int = 1

    @property
    def status(self) -> str:
        mediation = self.mediation
        if mediation is not None and not mediation.outcome:
            return Status.PRE_MEDIATION
        if mediation is not None and mediation.outcome in (
            MediationOutcome.AGREEMENT,
            MediationOutcome.WITHDRAWN,
        ):
            return MEDIATION_EVENTS[MediationOutcome(mediation.outcome)][1]
        if self.rejected_on is not None:
            return Status.REJECTED
        if self.accepted_on is not None:
            return Status.CLOSED if self.closed_on is not None else Status.ACCEPTED
        if self.closed_on is not None:  # withdrawn before acceptance
            return Status.WITHDRAWN
        return Status.SUBMITTED

    def events(self, case_id: int, actor_id: int | None) -> list[tuple[Any, ...]]:
        """The status changes the steps would have recorded, in order, as ``EVENT_FIELDS`` rows."""
        result: list[tuple[Any, ...]] = []
        status = ""

        def add(kind: str, moment: datetime, to: str, data: dict[str, Any] | None = None) -> None:
            nonlocal status
            result.append((case_id, kind, actor_id, moment, status, to, "", data or {}))
            status = to

        received = self.received_on
        add(
            EventKind.IMPORTED,
            at(received, RECEIVED_AT),
            Status.SUBMITTED,
            {"external_ref": self.external_ref, "applicants_count": self.applicants_count},
        )
        mediation = self.mediation
        if mediation is not None:
            add(
                EventKind.REFER_TO_MEDIATION,
                at(received, REFERRED_AT),
                Status.PRE_MEDIATION,
                {"organisation": mediation.organisation_id},
            )
            if mediation.outcome and mediation.concluded_on is not None:
                kind, to = MEDIATION_EVENTS[MediationOutcome(mediation.outcome)]
                add(
                    kind,
                    at(mediation.concluded_on, MEDIATION_CONCLUDED_AT),
                    to,
                    {"outcome": mediation.outcome},
                )
        if self.rejected_on is not None:
            add(EventKind.REJECT, at(self.rejected_on, DECIDED_AT), Status.REJECTED)
        if self.accepted_on is not None:
            arbitrators = [self.arbitrator_id] if self.arbitrator_id else []
            data = {"case_number": None, "procedure": Procedure.ORDINARY, "arbitrators": arbitrators}
            add(EventKind.ACCEPT, at(self.accepted_on, DECIDED_AT), Status.ACCEPTED, data)
        if self.closed_on is not None:
            if self.accepted_on is None:
                add(EventKind.WITHDRAW, at(self.closed_on, CLOSED_AT), Status.WITHDRAWN)
            else:
                kind = CLOSING_EVENTS[ClosureType(self.closure_type)]
                add(kind, at(self.closed_on, CLOSED_AT), Status.CLOSED, {"closure_type": self.closure_type})
        return result


@dataclass
class HistoryImport:
    """What ``cases_import_history`` wrote: the case and its imported claim by external reference."""

    cases: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0


class RulingDays:
    """The ruling deadline's due date by acceptance day: the deadline engine's period rule, counted once
    per day (many cases share one)."""

    def __init__(self) -> None:
        self.calendar = WorkingCalendar()
        self.memo: dict[date, tuple[date, bool]] = {}

    def due(self, accepted_on: date) -> tuple[date, bool]:
        if accepted_on not in self.memo:
            result = period(accepted_on, deadlines.RULING_DAYS, self.calendar)
            self.memo[accepted_on] = (result.due_on, result.provisional)
        return self.memo[accepted_on]


def _chunks(items: Sequence[Any], size: int = 10_000) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The columns written, in the order of the rows below (model field names).
CASE_FIELDS = [
    "status",
    "procedure",
    "is_collective",
    "closure_type",
    "street",
    "claims_total",
    "received_at",
    "accepted_at",
    "closed_at",
    "mediation_organisation",
    "presiding_arbitrator",
    "next_due_on",
    "updated_at",
]
NEW_CASE_FIELDS = ["id", "external_ref", "facts", "created_by", "created_at", *CASE_FIELDS]
EVENT_FIELDS = ["case", "kind", "actor", "created_at", "from_status", "to_status", "reason", "data"]
EPISODE_FIELDS = ["case", "stage", "organisation", "started_at", "concluded_at", "outcome"]
EPISODE_FIELDS += ["agreement_confirmed_at"]
DEADLINE_FIELDS = ["case", "kind", "key", "starts_on", "days", "due_on", "status", "provisional"]
DEADLINE_FIELDS += ["completed_on", "responsible", "basis", "updated_at"]
SEAT_FIELDS = ["case", "arbitrator", "presiding", "position"]
CLAIM_FIELDS = ["id", "case", "category", "amount", "description", "position", "withdrawn"]


def _case_values(record: HistoricalCase, ruling: tuple[date, bool] | None, now: datetime) -> tuple[Any, ...]:
    """The ``CASE_FIELDS`` of the record's case."""
    status = record.status
    closed = status == Status.CLOSED and record.closed_on is not None
    return (
        status,
        Procedure.ORDINARY,
        record.applicants_count >= COLLECTIVE_MINIMUM,
        record.closure_type if status == Status.CLOSED else "",
        record.street,
        record.amount or Decimal("0.00"),
        at(record.received_on, RECEIVED_AT),
        at(record.accepted_on, DECIDED_AT) if record.accepted_on else None,
        at(record.closed_on, CLOSED_AT) if closed and record.closed_on else None,
        record.mediation.organisation_id if record.mediation else None,
        record.arbitrator_id if record.accepted_on else None,
        ruling[0] if ruling and status == Status.ACCEPTED else None,
        now,
    )


def _ruling(
    case_id: int, record: HistoricalCase, due: tuple[date, bool], today: date, now: datetime
) -> tuple:
    accepted_on = record.accepted_on
    assert accepted_on is not None
    completed_on = record.closed_on if record.status == Status.CLOSED else None
    return (
        case_id,
        DeadlineKind.RULING,
        "",
        accepted_on,
        deadlines.RULING_DAYS,
        due[0],
        deadlines.status_on(due[0], completed_on, False, today),
        due[1],
        completed_on,
        Responsible.TRIBUNAL,
        deadlines.RULING_BASIS,
        now,
    )


def _episode(case_id: int, record: HistoricalCase) -> tuple | None:
    mediation = record.mediation
    if mediation is None:
        return None
    concluded = at(mediation.concluded_on, MEDIATION_CONCLUDED_AT) if mediation.concluded_on else None
    agreed = concluded if mediation.outcome == MediationOutcome.AGREEMENT else None
    started = at(record.received_on, REFERRED_AT)
    organisation = mediation.organisation_id
    return (case_id, MediationStage.PRE_FILING, organisation, started, concluded, mediation.outcome, agreed)


def cases_import_history(*, records: Sequence[HistoricalCase], user: User | None) -> HistoryImport:
    """Write (or bring up to date) the cases of ``records``; call inside a transaction.

    ``user`` is who imports them: the actor of the timeline's events and the creator of new cases."""
    result = HistoryImport()
    today, now = clock.today(), clock.now()
    ruling_days = RulingDays()
    actor_id = user.pk if user is not None else None
    existing: dict[str, int] = {}
    for chunk in _chunks([r.external_ref for r in records]):
        for ref, pk in Case.objects.filter(external_ref__in=chunk).values_list("external_ref", "pk"):
            existing[str(ref)] = pk

    due = {r.external_ref: ruling_days.due(r.accepted_on) for r in records if r.accepted_on}
    new = [r for r in records if r.external_ref not in existing]
    old = [r for r in records if r.external_ref in existing]

    # The cases themselves, new ones with the ids their sequence gives them.
    ids = reserve_ids(Case, len(new))
    insert_rows(
        Case,
        NEW_CASE_FIELDS,
        (
            (pk, r.external_ref, "", actor_id, now, *_case_values(r, due.get(r.external_ref), now))
            for pk, r in zip(ids, new, strict=True)
        ),
    )
    result.cases.update((r.external_ref, pk) for pk, r in zip(ids, new, strict=True))
    update_rows(
        Case,
        CASE_FIELDS,
        [(existing[r.external_ref], *_case_values(r, due.get(r.external_ref), now)) for r in old],
    )
    result.cases.update(existing)
    result.created, result.updated = len(new), len(old)

    # What is replaced on an update: the tribunal, the pre-filing episode, the ruling deadline.
    for chunk in _chunks([existing[r.external_ref] for r in old]):
        TribunalMember.objects.filter(case_id__in=chunk).delete()
        MediationEpisode.objects.filter(case_id__in=chunk, stage=MediationStage.PRE_FILING).delete()
        Deadline.objects.filter(case_id__in=chunk, kind=DeadlineKind.RULING, key="").delete()

    seats, episodes, rulings = [], [], []
    for record in records:
        case_id = result.cases[record.external_ref]
        if record.accepted_on and record.arbitrator_id:
            seats.append((case_id, record.arbitrator_id, True, 0))
        episode = _episode(case_id, record)
        if episode is not None:
            episodes.append(episode)
        if record.accepted_on:
            rulings.append(_ruling(case_id, record, due[record.external_ref], today, now))
    insert_rows(TribunalMember, SEAT_FIELDS, seats)
    insert_rows(MediationEpisode, EPISODE_FIELDS, episodes)
    insert_rows(Deadline, DEADLINE_FIELDS, rulings)

    _write_claims(records, existing, result)
    _write_events(records, existing, result, actor_id)
    return result


def _write_claims(records: Sequence[HistoricalCase], existing: dict[str, int], result: HistoryImport) -> None:
    """One claim per imported case; a category dropped on re-import withdraws it (an award may cite it)."""
    first_claims: dict[int, tuple[int, str, Decimal | None]] = {}
    for chunk in _chunks(list(existing.values())):
        claims = Claim.objects.filter(case_id__in=chunk).order_by("case_id", "position", "id")
        for case_id, pk, category, amount in claims.values_list("case_id", "pk", "category", "amount"):
            first_claims.setdefault(case_id, (pk, category, amount))
    created: list[tuple[str, int, HistoricalCase]] = []
    changed: list[tuple[Any, ...]] = []
    for record in records:
        case_id = result.cases[record.external_ref]
        claim = first_claims.get(case_id)
        if claim is None:
            if record.claim_category:
                created.append((record.external_ref, case_id, record))
            continue
        claim_id, category, amount = claim
        if record.claim_category:
            changed.append((claim_id, record.claim_category, record.amount, False))
        else:
            changed.append((claim_id, category, amount, True))
        result.claims[record.external_ref] = claim_id
    ids = reserve_ids(Claim, len(created))
    insert_rows(
        Claim,
        CLAIM_FIELDS,
        (
            (pk, case_id, r.claim_category, r.amount, "", 0, False)
            for pk, (_ref, case_id, r) in zip(ids, created, strict=True)
        ),
    )
    result.claims.update((ref, pk) for pk, (ref, _case, _r) in zip(ids, created, strict=True))
    update_rows(Claim, ["category", "amount", "withdrawn"], changed)


def _write_events(
    records: Sequence[HistoricalCase], existing: dict[str, int], result: HistoryImport, actor_id: int | None
) -> None:
    """New cases get their whole timeline; an updated case the status changes it has no event of yet."""
    recorded: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for chunk in _chunks(list(existing.values())):
        rows = CaseEvent.objects.filter(case_id__in=chunk).values_list("case_id", "kind", "to_status")
        for case_id, kind, to_status in rows:
            recorded[case_id].add((kind, to_status))
    events: list[tuple[Any, ...]] = []
    for record in records:
        case_id = result.cases[record.external_ref]
        seen = recorded.get(case_id, set())
        events.extend(e for e in record.events(case_id, actor_id) if (e[1], e[5]) not in seen)
    insert_rows(CaseEvent, EVENT_FIELDS, events)
