"""The award's step on a case."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases.conditions import hearing_notice_proof
from cases.models import Case, EventKind, Side
from cases.services.kernel import finish, fire, lock_case, side_users, tell
from core import clock
from core.errors import field_error


@transaction.atomic
def case_issue_award(*, case: Case, user: User, reason: str = "", default_award: bool = False) -> Case:
    """Issue the award. A default award (缺席裁决) is recorded as such: it needs an oral hearing whose date
    has passed and proof that its written notice reached the respondent in time (L Arts. 35-36)."""
    case = lock_case(case)
    if default_award:
        if case.hearing_at is None or case.hearing_at > clock.now():
            raise field_error(
                "default_award",
                _("A default award follows an oral hearing the respondent missed: none has been held."),
            )
        if hearing_notice_proof(case, Side.RESPONDENT) is None:
            raise field_error(
                "default_award",
                _(
                    "There is no proof that the written hearing notice reached the respondent at least "
                    "5 days before the hearing (a notice by phone or SMS counts only once confirmed, "
                    "R Art. 59)."
                ),
            )
    fire(
        case,
        EventKind.ISSUE_AWARD,
        user,
        reason=reason,
        data={"default_award": True} if default_award else None,
    )
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    message = _("a default award has been issued") if default_award else _("the award has been issued")
    tell(case, everyone, "case.closed", message, reason)
    return finish(case)


def describe_award(event: object) -> list[str]:
    data = getattr(event, "data", None) or {}
    if data.get("default_award"):
        return [_("Default award: the respondent, notified in writing, did not attend the hearing")]
    return []
