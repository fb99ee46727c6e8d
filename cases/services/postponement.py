"""A party's request to postpone the oral hearing (L Art. 35: at least 3 days before it), decided by the
tribunal; a granted request sets the new date, and the parties must be notified of it afresh."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.conditions import hearing_key
from cases.models import Case, EventKind, Side
from cases.services.hearing import check_hearing_notice_time
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_acted_for,
    side_users,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import ApplicationError, field_error
from core.messages import Message

POSTPONEMENT_DAYS = 3  # L Art. 35


def last_day_to_request(hearing_day: date) -> date:
    return hearing_day - timedelta(days=POSTPONEMENT_DAYS)


def _local(moment: datetime) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def case_request_postponement(*, case: Case, user: User, reason: str, side: str | None = None) -> Case:
    """A party asks online; a clerk records, for the side named, a request made in person or on paper."""
    if not reason.strip():
        raise field_error("reason", _("Give the reason for postponing the hearing."))
    case = lock_case(case)
    check_action(case, EventKind.REQUEST_POSTPONEMENT, user)
    side, at_counter = side_acted_for(case, user, side)
    assert case.hearing_at is not None  # the step's condition
    last_day = last_day_to_request(clock.local_date(case.hearing_at))
    if clock.today() > last_day:
        raise ApplicationError(
            _(
                "A postponement must be requested at least 3 days before the hearing (L Art. 35): the last "
                "day was %(date)s."
            )
            % {"date": last_day.isoformat()},
            code="postponement_too_late",
            fields={"hearing_at": [_("Less than 3 days before the hearing (L Art. 35).")]},
        )
    record_event(
        case,
        EventKind.REQUEST_POSTPONEMENT,
        user,
        reason=reason,
        data={"side": side, "at_counter": at_counter, "hearing_at": hearing_key(case.hearing_at)},
    )
    tell(
        case,
        tribunal_users(case),
        "case.postponement_requested",
        Message(
            gettext_noop("a party asks to postpone the hearing of %(when)s"), when=_local(case.hearing_at)
        ),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_decide_postponement(
    *, case: Case, user: User, decision: str, reason: str, hearing_at: datetime | None = None
) -> Case:
    if not reason.strip():
        raise field_error("reason", _("A decision on postponement must give its reasons."))
    if decision == "granted":
        if hearing_at is None:
            raise field_error("hearing_at", _("A postponement that is granted sets the new hearing date."))
        check_hearing_notice_time(hearing_at)
    elif hearing_at is not None:
        raise field_error("hearing_at", _("A refused postponement keeps the hearing date."))
    case = lock_case(case)
    check_action(case, EventKind.DECIDE_POSTPONEMENT, user)
    assert case.hearing_at is not None
    previous = case.hearing_at
    data: dict[str, object] = {"decision": decision, "previous": hearing_key(previous)}
    if decision == "granted":
        assert hearing_at is not None
        case.hearing_at = hearing_at
        case.save()
        data["hearing_at"] = hearing_key(hearing_at)
    record_event(case, EventKind.DECIDE_POSTPONEMENT, user, reason=reason, data=data)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    if decision == "granted":
        assert hearing_at is not None
        title = Message(
            gettext_noop("the hearing is postponed to %(when)s; a new notice will be served"),
            when=_local(hearing_at),
        )
    else:
        title = Message(
            gettext_noop("the request to postpone the hearing was refused; the hearing stays on %(when)s"),
            when=_local(previous),
        )
    tell(case, everyone, "case.postponement_decided", title, reason)
    return finish(case)
