"""After the award (issue 11, point 6): each party's window to go to court, counted from its own receipt of
the award, and the lawsuits and set-aside applications staff record, with their results.

L Arts. 47-50: over a final award (一裁终局) the worker may sue within 15 days of receipt and the employer
may only apply to the intermediate court to set it aside, within 30 days; over a non-final award either
party may sue within 15 days. A mixed award (final and non-final items, two documents) opens both to the
employer. The receipt is the award's service on that side (``cases.models.Service``).

``court_challenges`` and ``award_windows`` are what the supervision figures read (仲裁终结率).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import PartyKind, User
from arbitration.models import Award, AwardKind, AwardStatus, ChallengeKind, ChallengeResult, CourtChallenge
from cases import permissions as perm
from cases.conditions import Condition
from cases.models import Case, CaseEvent, ClosureType, ServedDocument, Service, Status
from cases.registry import STEPS, Step
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from core import clock
from core.calendar import WorkingCalendar, period
from core.errors import Conflict, field_error
from core.messages import Message

SUE_DAYS = 15  # L Arts. 48, 50
SET_ASIDE_DAYS = 30  # L Art. 49
RECORD_COURT_CHALLENGE = "record_court_challenge"
RECORD_COURT_RESULT = "record_court_result"


@dataclass(frozen=True)
class Window:
    side: str
    kind: str
    basis: str
    days: int
    received_on: date | None
    due_on: date | None
    provisional: bool = False

    def passed(self, today: date) -> bool:
        return self.due_on is not None and today > self.due_on

    def as_dict(self, today: date) -> dict[str, Any]:
        return {
            "side": self.side,
            "kind": self.kind,
            "basis": self.basis,
            "days": self.days,
            "received_on": self.received_on.isoformat() if self.received_on else None,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "provisional": self.provisional,
            "status": "awaiting_receipt"
            if self.due_on is None
            else ("passed" if self.passed(today) else "open"),
        }


def final_award(case: Case) -> Award | None:
    return (
        Award.objects.filter(case=case, kind=AwardKind.FINAL, status=AwardStatus.ISSUED)
        .prefetch_related("items")
        .first()
    )


def _is_employer(case: Case, side: str) -> bool:
    return case.parties.filter(side=side, party__kind=PartyKind.ORGANISATION).exists()


def award_receipt(case: Case, side: str) -> date | None:
    """The day the award's service on ``side`` took effect (its first effective service)."""
    row = (
        Service.objects.filter(
            case=case, document=ServedDocument.AWARD, side=side, effective_at__isnull=False
        )
        .order_by("effective_at")
        .first()
    )
    return clock.local_date(row.effective_at) if row and row.effective_at else None


def allowed_kinds(case: Case, side: str, award: Award) -> list[tuple[str, int, str]]:
    """(kind, days, basis) open to ``side`` over ``award``."""
    items = list(award.items.all())
    has_final = any(item.final for item in items)
    has_non_final = any(not item.final for item in items) or not items
    if not _is_employer(case, side):
        return [(ChallengeKind.LAWSUIT, SUE_DAYS, "L 48" if has_final and not has_non_final else "L 50")]
    kinds: list[tuple[str, int, str]] = []
    if has_non_final:
        kinds.append((ChallengeKind.LAWSUIT, SUE_DAYS, "L 50"))
    if has_final:
        kinds.append((ChallengeKind.SET_ASIDE, SET_ASIDE_DAYS, "L 49"))
    return kinds


def award_windows(case: Case, calendar: WorkingCalendar | None = None) -> list[Window]:
    """Each side's windows over the case's final award, from its own receipt (empty without an award)."""
    award = final_award(case)
    if award is None:
        return []
    calendar = calendar or WorkingCalendar()
    windows = []
    for side in ("applicant", "respondent"):
        received = award_receipt(case, side)
        for kind, days, basis in allowed_kinds(case, side, award):
            if received is None:
                windows.append(Window(side, kind, basis, days, None, None))
                continue
            result = period(received, days, calendar)
            windows.append(Window(side, kind, basis, days, received, result.due_on, result.provisional))
    return windows


def court_challenges(case_ids: Any = None) -> QuerySet[CourtChallenge]:
    """The lawsuits and set-aside applications recorded (of ``case_ids`` when given), for the figures."""
    rows = CourtChallenge.objects.order_by("case_id", "filed_on", "pk")
    return rows if case_ids is None else rows.filter(case_id__in=case_ids)


# --- the steps -------------------------------------------------------------------------------------------

closed_by_award = Condition(
    lambda case: case.status == Status.CLOSED and case.closure_type == ClosureType.AWARD,
    gettext_lazy("Only a case closed by an award can go to court over it."),
)


@transaction.atomic
def case_record_court_challenge(
    *,
    case: Case,
    user: User,
    side: str,
    kind: str,
    filed_on: date,
    court: str,
    note: str = "",
    reason: str = "",
) -> Case:
    """Staff record that a party sued over the award, or applied to set it aside."""
    case = lock_case(case)
    check_action(case, RECORD_COURT_CHALLENGE, user)
    award = final_award(case)
    if award is None:
        raise field_error("kind", _("This case has no issued award."))
    open_to = {k: (days, basis) for k, days, basis in allowed_kinds(case, side, award)}
    if kind not in open_to:
        message = (
            _("An employer cannot sue over a final award; it may apply to set it aside (L Art. 49).")
            if kind == ChallengeKind.LAWSUIT
            else _("Only the employer may apply to set aside a final award (L Art. 49).")
        )
        raise field_error("kind", message)
    if filed_on > clock.today():
        raise field_error("filed_on", _("A filing cannot be dated after today."))
    if award.issued_at and filed_on < clock.local_date(award.issued_at):
        raise field_error("filed_on", _("A filing cannot be dated before the award was issued."))
    if not court.strip():
        raise field_error("court", _("Name the court."))
    window = next((w for w in award_windows(case) if (w.side, w.kind) == (side, kind)), None)
    within = None if window is None or window.due_on is None else filed_on <= window.due_on
    challenge = CourtChallenge.objects.create(
        case=case,
        side=side,
        kind=kind,
        filed_on=filed_on,
        court=court.strip(),
        within_window=within,
        note=note,
        recorded_by=user,
        recorded_at=clock.now(),
    )
    record_event(
        case,
        RECORD_COURT_CHALLENGE,
        user,
        reason=reason,
        data={
            "challenge": challenge.pk,
            "side": side,
            "kind": kind,
            "filed_on": filed_on.isoformat(),
            "court": challenge.court,
            "within_window": within,
        },
    )
    other = "respondent" if side == "applicant" else "applicant"
    tell(
        case,
        side_users(case, other),
        "case.court_challenge",
        Message(gettext_noop("the other party has gone to court over the award")),
    )
    return finish(case)


@transaction.atomic
def case_record_court_result(
    *, case: Case, user: User, challenge: int, result: str, result_on: date, reason: str = ""
) -> Case:
    case = lock_case(case)
    check_action(case, RECORD_COURT_RESULT, user)
    row = CourtChallenge.objects.select_for_update().filter(case=case, pk=challenge).first()
    if row is None:
        raise field_error("challenge", _("No such lawsuit or application in this case."))
    if row.result != ChallengeResult.PENDING:
        raise Conflict(_("Its result is already recorded."))
    if result == ChallengeResult.PENDING:
        raise field_error("result", _("Give the court's result."))
    if result == ChallengeResult.SET_ASIDE and row.kind != ChallengeKind.SET_ASIDE:
        raise field_error("result", _("Only a set-aside application ends with the award set aside."))
    if result_on > clock.today():
        raise field_error("result_on", _("A result cannot be dated after today."))
    if result_on < row.filed_on:
        raise field_error("result_on", _("A result cannot come before the filing."))
    row.result, row.result_on = result, result_on
    row.save(update_fields=["result", "result_on"])
    record_event(
        case,
        RECORD_COURT_RESULT,
        user,
        reason=reason,
        data={"challenge": row.pk, "result": result, "result_on": result_on.isoformat()},
    )
    return finish(case)


def _challenge_lines(event: CaseEvent) -> list[str]:
    data = event.data or {}
    return [str(v) for v in (data.get("court"), data.get("filed_on"), data.get("result")) if v]


def register() -> None:
    from arbitration import inputs

    statuses = (Status.CLOSED,)
    STEPS.register(
        Step(
            name=RECORD_COURT_CHALLENGE,
            label=gettext_lazy("Record a lawsuit or set-aside application over the award"),
            service=case_record_court_challenge,
            input=inputs.CourtChallengeSerializer,
            statuses=statuses,
            permission=perm.intake_staff,
            conditions=(closed_by_award,),
            fields=("side", "kind", "filed_on", "court", "note", "reason"),
            describe=_challenge_lines,
            owner="arbitration",
        )
    )
    STEPS.register(
        Step(
            name=RECORD_COURT_RESULT,
            label=gettext_lazy("Record the court's result"),
            service=case_record_court_result,
            input=inputs.CourtResultSerializer,
            statuses=statuses,
            permission=perm.intake_staff,
            conditions=(closed_by_award,),
            fields=("challenge", "result", "result_on", "reason"),
            describe=_challenge_lines,
            owner="arbitration",
        )
    )
