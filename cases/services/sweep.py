"""Deadlines over time: overdue marking, reminders before, escalation after.

Run by periodic jobs; safe under retries and overlapping runs because every send is claimed by a
conditional UPDATE first.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from cases import deadlines
from cases.models import (
    Case,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Responsible,
    Side,
    Status,
)
from cases.models.case import TERMINAL
from cases.services.kernel import (
    case_url,
    side_users,
    tribunal_users,
)
from core import calendar as working_days
from core import clock
from core.messages import Message
from core.notify import notify

REMINDER_DAYS = (3, 1)
ESCALATED = (Responsible.COMMISSION, Responsible.TRIBUNAL, Responsible.MEDIATOR)
STOPPED = (*TERMINAL, Status.SUSPENDED)


def responsible_users(deadline: Deadline) -> list[User]:
    case = deadline.case
    if deadline.responsible == Responsible.COMMISSION:
        if case.clerk is not None and case.clerk.is_active:
            return [case.clerk]
        return list(User.objects.filter(role=Role.CLERK, is_active=True))
    if deadline.responsible == Responsible.TRIBUNAL:
        return tribunal_users(case)
    if deadline.responsible == Responsible.MEDIATOR:
        return list(
            User.objects.filter(mediation_organisation_id=case.mediation_organisation_id, is_active=True)
        )
    if deadline.responsible == Responsible.RESPONDENT:
        return side_users(case, Side.RESPONDENT)
    return side_users(case, Side.APPLICANT, Side.RESPONDENT)


def deadlines_mark_overdue(*, today: date | None = None) -> int:
    """Open deadlines whose last day has passed become overdue (one UPDATE)."""
    today = today or clock.today()
    # A suspended or closed case's periods do not run (its deadlines are paused or moot): none turns overdue.
    return (
        Deadline.objects.filter(status=DeadlineStatus.OPEN, completed_on__isnull=True, due_on__lt=today)
        .exclude(case__status__in=STOPPED)
        .update(status=DeadlineStatus.OVERDUE)
    )


def reminder_bucket(days_left: int) -> int:
    """The reminder a deadline this many days away is due for: the nearest of ``REMINDER_DAYS`` at or
    beyond it (1 day left → the 1-day reminder, 2 or 3 → the 3-day one)."""
    return min(days for days in REMINDER_DAYS if days_left <= days)


def deadlines_send_reminders(*, today: date | None = None) -> int:
    """Remind whoever must act 3 days and again 1 day before a deadline; each reminder once, and at most
    one per deadline per sweep (a deadline first seen one day away gets the 1-day reminder only)."""
    today = today or clock.today()
    sent = 0
    due = Deadline.objects.filter(
        status=DeadlineStatus.OPEN,
        completed_on__isnull=True,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
    ).filter(Q(reminded_days_before__isnull=True) | Q(reminded_days_before__gt=min(REMINDER_DAYS)))
    due = due.exclude(case__status__in=STOPPED)
    for deadline in due.select_related("case", "case__clerk").iterator(chunk_size=500):
        left = (deadline.due_on - today).days
        bucket = reminder_bucket(left)
        claimed = (
            Deadline.objects.filter(pk=deadline.pk, due_on=deadline.due_on)
            .filter(Q(reminded_days_before__isnull=True) | Q(reminded_days_before__gt=bucket))
            .update(reminded_days_before=bucket)
        )
        if not claimed:
            continue  # already reminded for this stretch, or another run got it
        notify(
            responsible_users(deadline),
            kind="deadline.reminder",
            title=Message(
                gettext_noop("%(case)s: “%(kind)s” is due on %(date)s (%(left)s days left)"),
                case=deadline.case,
                kind=DeadlineKind(deadline.kind).label,
                date=deadline.due_on.isoformat(),
                left=left,
            ),
            url=case_url(deadline.case),
            dedupe_key=f"remind:{deadline.pk}:{deadline.due_on}:{bucket}",
        )
        sent += 1
    return sent


def deadline_escalate(
    *, case: Case, deadline_id: int, kind: str, due_on: date, supervisors: list[User]
) -> bool:
    """Tell the supervisors that the deadline ``deadline_id`` of ``case`` (due on ``due_on``) was missed,
    once: the conditional update of its ``escalated_at`` claims it, so whichever job comes first (this
    sweep, or the supervision alerts for a lapsed ruling period) tells them and any other does not.
    False when it was claimed already."""
    claimed = Deadline.objects.filter(pk=deadline_id, due_on=due_on, escalated_at__isnull=True).update(
        escalated_at=clock.now()
    )
    if not claimed:
        return False
    notify(
        supervisors,
        kind="deadline.overdue",
        title=Message(
            gettext_noop("Overdue: %(case)s — “%(kind)s” was due on %(date)s"),
            case=case,
            kind=DeadlineKind(kind).label,
            date=due_on.isoformat(),
        ),
        url=case_url(case),
        dedupe_key=f"overdue:{deadline_id}:{due_on}",
    )
    return True


def deadlines_escalate_overdue() -> int:
    """Tell the supervisors once about each overdue deadline the commission, tribunal or mediators missed."""
    supervisors = list(User.objects.filter(role=Role.SUPERVISOR, is_active=True))
    overdue = Deadline.objects.filter(
        status=DeadlineStatus.OVERDUE,
        completed_on__isnull=True,
        escalated_at__isnull=True,
        responsible__in=ESCALATED,
    ).exclude(case__status__in=TERMINAL)
    return sum(
        deadline_escalate(
            case=deadline.case,
            deadline_id=deadline.pk,
            kind=deadline.kind,
            due_on=deadline.due_on,
            supervisors=supervisors,
        )
        for deadline in overdue.select_related("case").iterator(chunk_size=500)
    )


def deadlines_recompute_for_year(year: int) -> int:
    """After the holiday table of ``year`` changes: recompute every case with a deadline it can touch."""
    window = Q(due_on__gte=date(year - 1, 12, 1), due_on__lte=date(year + 1, 1, 31)) | Q(starts_on__year=year)
    case_ids = Deadline.objects.filter(window).values_list("case_id", flat=True).distinct()
    calendar = working_days.WorkingCalendar()
    count = 0
    for case in Case.objects.filter(pk__in=case_ids).iterator(chunk_size=200):
        with transaction.atomic():
            deadlines.recompute(case, calendar=calendar)
        count += 1
    return count
