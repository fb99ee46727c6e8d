"""Service of the hearing notice on each side (L Art. 35): how, when it reached the party, and whether
that is proof of receipt (R Art. 59: phone and SMS only in the simplified procedure, and only once the
party confirmed).

A deemed withdrawal and a default award rest on this record: they need proof that the written notice of
the current hearing reached the absent side at least 5 days before it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.conditions import PROOF_METHODS, hearing_key
from cases.deadlines import HEARING_NOTICE_DAYS
from cases.models import Case, EventKind, ServedDocument, Service
from cases.services.delivery import check_method, day_start
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from core import clock
from core.errors import field_error
from core.messages import Message


def latest_service_day(hearing_day: date) -> date:
    """The last day a notice may reach a party for a hearing on ``hearing_day`` (5 clear days, L 35)."""
    return hearing_day - timedelta(days=HEARING_NOTICE_DAYS)


@transaction.atomic
def case_serve_hearing_notice(
    *,
    case: Case,
    user: User,
    side: str,
    method: str,
    received_on: date,
    confirmed: bool = False,
    reason: str = "",
) -> Case:
    case = lock_case(case)
    check_action(case, EventKind.SERVE_HEARING_NOTICE, user)
    assert case.hearing_at is not None  # the step's condition
    if received_on > clock.today():
        raise field_error("received_on", _("The notice cannot have reached the party after today."))
    # The general rules of service: electronic only with consent; phone and SMS only in the simplified
    # procedure (R Art. 59).
    check_method(case, document=ServedDocument.HEARING_NOTICE, side=side, method=method)
    hearing_day = clock.local_date(case.hearing_at)
    proof = method in PROOF_METHODS or confirmed
    timely = received_on <= latest_service_day(hearing_day)
    # The general service record beside the notice's own event (cases.services.delivery).
    Service.objects.create(
        case=case,
        document=ServedDocument.HEARING_NOTICE,
        side=side,
        method=method,
        sent_at=min(clock.now(), day_start(received_on)),
        effective_at=day_start(received_on) if proof else None,
        effective_by=("receipt" if method in PROOF_METHODS else "confirmed") if proof else "",
        confirmed=confirmed,
        proof=reason,
        recorded_by=user,
        recorded_at=clock.now(),
    )
    record_event(
        case,
        EventKind.SERVE_HEARING_NOTICE,
        user,
        reason=reason,
        data={
            "side": side,
            "method": method,
            "received_on": received_on.isoformat(),
            "confirmed": confirmed,
            "proof": proof,
            "timely": timely,
            "hearing_at": hearing_key(case.hearing_at),
        },
    )
    when = case.hearing_at.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
    tell(
        case,
        side_users(case, side),
        "case.hearing_notice",
        Message(gettext_noop("the notice of the hearing on %(when)s has been served on you"), when=when),
    )
    return finish(case)
