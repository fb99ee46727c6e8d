"""The hearing's steps on a case: starting the asynchronous hearing and concluding it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import (
    Case,
    EventKind,
    Side,
)
from cases.services.kernel import (
    finish,
    fire,
    lock_case,
    side_users,
    simple_transition,
    tell,
)
from core.messages import Message


@transaction.atomic
def case_start_async_hearing(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    fire(case, EventKind.START_ASYNC_HEARING, user, reason=reason)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    tell(
        case,
        everyone,
        "case.async_hearing",
        Message(gettext_noop("the asynchronous online hearing has started")),
    )
    return finish(case)


case_conclude_hearing = simple_transition(
    EventKind.CONCLUDE_HEARING, "case.deliberation", Message(gettext_noop("the hearing has concluded"))
)
