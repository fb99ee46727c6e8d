"""Telling the applicant of the right to go to court (L Arts. 29, 43), once for each cause.

Three causes give the applicant the right to sue over the dispute: a rejection (不予受理, L 29), an
acceptance decision the commission let lapse (逾期未作出决定, L 29) and a ruling period that lapsed
(逾期未作出仲裁裁决, L 43 ¶1). The rejection tells it at once; the periodic sweep finds the lapses. Each
cause is told once per case, and the telling is recorded on the timeline with the basis it rests on: a
rejection in its own event's data (``right_to_sue``), a lapse as an event of the system
(``right_to_sue_notified``, no actor).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import Case, Deadline, DeadlineKind, DeadlineStatus, EventKind, Side, Status
from cases.models.case import OPEN_ARBITRATION
from cases.services.kernel import lock_case, record_event, side_users, tell
from core import clock
from core.messages import Message

REJECTED = "rejected"
ACCEPTANCE_LAPSED = "acceptance_lapsed"
RULING_LAPSED = "ruling_lapsed"
BASIS = {REJECTED: "L 29", ACCEPTANCE_LAPSED: "L 29", RULING_LAPSED: "L 43"}


def right_to_sue_text(cause: str) -> str:
    if cause == REJECTED:
        return _(
            "The commission did not accept your application. You may bring the dispute before the "
            "people's court (L Art. 29)."
        )
    if cause == ACCEPTANCE_LAPSED:
        return _(
            "The commission did not decide on your application within five days of receiving it. You may "
            "bring the dispute before the people's court (L Art. 29)."
        )
    return _(
        "No award was made within the ruling period. You may bring the dispute before the people's court "
        "(L Art. 43); the arbitration continues unless you withdraw."
    )


def already_told(case: Case, cause: str) -> bool:
    return case.events.filter(kind=EventKind.RIGHT_TO_SUE_NOTIFIED, data__cause=cause).exists()


def tell_right_to_sue(case: Case, cause: str, actor: User | None, *, due_on: date | None = None) -> bool:
    """On a locked case: tell the applicant's side and record it, unless this cause was told before."""
    if already_told(case, cause):
        return False
    text = right_to_sue_text(cause)
    data = {"cause": cause, "basis": BASIS[cause]}
    if due_on is not None:
        data["due_on"] = due_on.isoformat()
    record_event(case, EventKind.RIGHT_TO_SUE_NOTIFIED, actor, reason=text, data=data)
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.right_to_sue",
        Message(gettext_noop("you may go to court")),
        text,
    )
    return True


def cases_notify_right_to_sue(*, today: date | None = None) -> int:
    """The sweep's part: applicants whose acceptance decision or ruling period lapsed, told once each."""
    today = today or clock.today()
    lapsed = Deadline.objects.filter(completed_on__isnull=True, due_on__lt=today).exclude(
        status=DeadlineStatus.PAUSED
    )
    causes = [
        (ACCEPTANCE_LAPSED, DeadlineKind.ACCEPTANCE_DECISION, [Status.SUBMITTED]),
        (RULING_LAPSED, DeadlineKind.RULING, list(OPEN_ARBITRATION)),
    ]
    told = 0
    for cause, kind, statuses in causes:
        found = lapsed.filter(kind=kind, case__status__in=statuses).exclude(
            case__events__kind=EventKind.RIGHT_TO_SUE_NOTIFIED, case__events__data__cause=cause
        )
        for case_id, due_on in found.values_list("case_id", "due_on").iterator(chunk_size=500):
            with transaction.atomic():
                case = lock_case(Case(pk=case_id))
                if case.status in statuses and tell_right_to_sue(case, cause, None, due_on=due_on):
                    told += 1
    return told
