"""The simplified procedure after acceptance: a shorter defence period by the respondent's agreement
(R Art. 58), and conversion to the ordinary procedure (R Art. 61)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.deadlines import DEFENCE_DAYS
from cases.models import Case, EventKind, Procedure, Side
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_users,
    tell,
    tribunal_users,
)
from core.errors import field_error
from core.messages import Message


@transaction.atomic
def case_agree_short_defence(*, case: Case, user: User, days: int, reason: str = "") -> Case:
    """The respondent agrees (online, or in writing at the counter, recorded by a clerk) to a defence
    period of ``days`` (0 waives it). Once the application is served the agreed period applies at once."""
    if not 0 <= days < DEFENCE_DAYS:
        raise field_error("days", _("An agreed defence period is shorter than 10 days (0 waives it)."))
    case = lock_case(case)
    check_action(case, EventKind.AGREE_SHORT_DEFENCE, user)
    case.defence_agreed_days = days
    applied = case.served_at is not None
    if applied:
        case.defence_days = days
    case.save()
    record_event(
        case,
        EventKind.AGREE_SHORT_DEFENCE,
        user,
        reason=reason,
        data={"days": days, "applied": applied, "side": case.side_of(user) or ""},
    )
    tell(
        case,
        side_users(case, Side.RESPONDENT),
        "case.defence_agreed",
        Message(gettext_noop("your agreement to a defence period of %(days)s days was recorded"), days=days),
    )
    return finish(case)


@transaction.atomic
def case_convert_to_ordinary(*, case: Case, user: User, reason: str) -> Case:
    """R 61: the simplified procedure proves unsuitable. The ruling period still runs from the original
    acceptance (no restart); a shortened defence period not yet used up returns to the full 10 days from
    service."""
    if not reason.strip():
        raise field_error("reason", _("Say why the simplified procedure is unsuitable."))
    case = lock_case(case)
    check_action(case, EventKind.CONVERT_TO_ORDINARY, user)
    before = case.defence_days
    case.procedure = Procedure.ORDINARY
    if case.defence_filed_at is None:
        case.defence_days = DEFENCE_DAYS
    case.save()
    record_event(
        case,
        EventKind.CONVERT_TO_ORDINARY,
        user,
        reason=reason,
        data={"defence_days": {"before": before, "after": case.defence_days}},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(
        case,
        everyone,
        "case.converted",
        Message(
            gettext_noop(
                "the case continues under the ordinary procedure; the time limit still runs from acceptance"
            )
        ),
        reason,
    )
    return finish(case)
