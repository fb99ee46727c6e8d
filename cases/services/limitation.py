"""Recording the limitation dates (仲裁时效, L Art. 27) and the respondent's limitation defence.

The commission records the facts and shows the result (``cases.flags``); it never rejects or refuses to
accept on limitation of its own motion: that is for the respondent to raise, and the tribunal to decide.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.limitation import LimitationResult, Suspension, limitation_period
from cases.models import Case, EventKind, LimitationFacts, Side
from cases.services.kernel import check_action, finish, lock_case, record_event, tell, tribunal_users
from core import calendar as working_days
from core import clock
from core.errors import field_error
from core.messages import Message


def limitation_of(
    case: Case, calendar: working_days.WorkingCalendar | None = None
) -> LimitationResult | None:
    if Case.limitation.is_cached(case):  # read with the case (selectors.case_detail_get)
        facts = getattr(case, "limitation", None)
    else:
        facts = LimitationFacts.objects.filter(case=case).first()
    if facts is None:
        return None
    return limitation_period(
        knew_on=facts.knew_on,
        unpaid_wages=facts.unpaid_wages,
        employment_ended_on=facts.employment_ended_on,
        interruptions=[date.fromisoformat(d) for d in facts.interruptions],
        suspensions=[
            Suspension(date.fromisoformat(s["began"]), date.fromisoformat(s["ended"]))
            for s in facts.suspensions
        ],
        calendar=calendar or working_days.WorkingCalendar(),
    )


@transaction.atomic
def case_record_limitation(
    *,
    case: Case,
    user: User,
    arose_on: date,
    knew_on: date,
    unpaid_wages: bool = False,
    employment_ended_on: date | None = None,
    interruptions: list[date] | None = None,
    suspensions: list[dict[str, date]] | None = None,
    reason: str = "",
) -> Case:
    today = clock.today()
    for name, day in (
        ("arose_on", arose_on),
        ("knew_on", knew_on),
        ("employment_ended_on", employment_ended_on),
    ):
        if day is not None and day > today:
            raise field_error(name, _("This date cannot be in the future."))
    if knew_on < arose_on:
        raise field_error("knew_on", _("The worker cannot have known of the claim before it arose."))
    interruptions = sorted(interruptions or [])
    if any(d > today for d in interruptions):
        raise field_error("interruptions", _("An interruption cannot be in the future."))
    suspensions = sorted(suspensions or [], key=lambda s: s["began"])
    for stretch in suspensions:
        if stretch["ended"] < stretch["began"] or stretch["ended"] > today:
            raise field_error(
                "suspensions", _("A suspension ends on or after it began, and not in the future.")
            )
    case = lock_case(case)
    check_action(case, EventKind.RECORD_LIMITATION, user)
    values: dict[str, Any] = {
        "arose_on": arose_on,
        "knew_on": knew_on,
        "unpaid_wages": unpaid_wages,
        "employment_ended_on": employment_ended_on,
        "interruptions": [d.isoformat() for d in interruptions],
        "suspensions": [
            {"began": s["began"].isoformat(), "ended": s["ended"].isoformat()} for s in suspensions
        ],
    }
    LimitationFacts.objects.update_or_create(
        case=case, defaults={**values, "updated_at": clock.now(), "updated_by": user}
    )
    result = limitation_of(case)
    assert result is not None
    data = {
        **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()},
        "runs_from": result.runs_from.isoformat() if result.runs_from else None,
        "expires_on": result.expires_on.isoformat() if result.expires_on else None,
    }
    record_event(case, EventKind.RECORD_LIMITATION, user, reason=reason, data=data)
    return finish(case)


@transaction.atomic
def case_raise_limitation(*, case: Case, user: User, reason: str) -> Case:
    """The respondent pleads that the application was made out of time; the tribunal is told."""
    if not reason.strip():
        raise field_error("reason", _("Say why the application is out of time."))
    case = lock_case(case)
    check_action(case, EventKind.RAISE_LIMITATION, user)
    record_event(case, EventKind.RAISE_LIMITATION, user, reason=reason, data={"side": Side.RESPONDENT})
    tell(
        case,
        tribunal_users(case),
        "case.limitation_raised",
        Message(gettext_noop("the respondent raised limitation")),
        reason,
    )
    return finish(case)


def limitation_raised(case: Case) -> bool:
    return case.events.filter(kind=EventKind.RAISE_LIMITATION).exists()
