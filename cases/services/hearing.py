"""The hearing stage and closure: oral hearings, suspension, extension, changed claims and parties."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.services import party_from_input
from cases.deadlines import HEARING_NOTICE_DAYS, MAX_EXTENSION_DAYS
from cases.models import (
    Case,
    CaseParty,
    Claim,
    EventKind,
    Side,
    SuspensionGround,
)
from cases.services.filing import ClaimInput
from cases.services.kernel import (
    check_action,
    finish,
    fire,
    lock_case,
    record_event,
    side_users,
    simple_transition,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import ApplicationError, field_error
from core.messages import Message


def check_hearing_notice_time(hearing_at: datetime) -> None:
    """A hearing is set at least 5 days ahead, so that its notice can reach the parties (L Art. 35)."""
    earliest = clock.today() + timedelta(days=HEARING_NOTICE_DAYS)
    if clock.local_date(hearing_at) < earliest:
        raise ApplicationError(
            _("The parties must be notified at least 5 days before the hearing: choose %(date)s or later.")
            % {"date": earliest.isoformat()},
            code="deadline_too_soon",
            fields={"hearing_at": [_("At least 5 days ahead (L Art. 35).")]},
        )


@transaction.atomic
def case_schedule_oral_hearing(*, case: Case, user: User, hearing_at: datetime, reason: str = "") -> Case:
    check_hearing_notice_time(hearing_at)
    case = lock_case(case)
    case.hearing_at = hearing_at
    fire(
        case,
        EventKind.SCHEDULE_ORAL_HEARING,
        user,
        reason=reason,
        data={"hearing_at": hearing_at.isoformat()},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    when = timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M")
    tell(
        case,
        everyone,
        "case.oral_hearing",
        Message(gettext_noop("an oral hearing is scheduled for %(when)s"), when=when),
    )
    return finish(case)


case_deem_withdrawn = simple_transition(
    EventKind.DEEM_WITHDRAWN,
    "case.closed",
    Message(gettext_noop("the application is deemed withdrawn")),
    reason_required=True,
)
case_cancel = simple_transition(
    EventKind.CANCEL, "case.closed", Message(gettext_noop("the case was cancelled")), reason_required=True
)
case_resume = simple_transition(
    EventKind.RESUME, "case.resumed", Message(gettext_noop("the suspended case has resumed"))
)


@transaction.atomic
def case_suspend(*, case: Case, user: User, ground: str, reason: str) -> Case:
    if ground not in SuspensionGround.values:
        raise field_error("ground", _("Choose a ground for suspension."))
    if not reason.strip():
        raise field_error("reason", _("A suspension must give its reasons."))
    case = lock_case(case)
    fire(case, EventKind.SUSPEND, user, reason=reason, data={"ground": ground})
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(case, everyone, "case.suspended", Message(gettext_noop("the case is suspended")), reason)
    return finish(case)


@transaction.atomic
def case_extend_ruling(*, case: Case, user: User, days: int, reason: str) -> Case:
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise field_error("days", _("The ruling period may be extended by 1 to 15 days."))
    if not reason.strip():
        raise field_error("reason", _("An extension must give its reasons."))
    case = lock_case(case)
    check_action(case, EventKind.EXTEND_RULING, user)
    case.extension_days = days
    case.save()
    record_event(case, EventKind.EXTEND_RULING, user, reason=reason, data={"days": days})
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(
        case,
        everyone,
        "case.extended",
        Message(gettext_noop("the ruling period has been extended by %(days)s days"), days=days),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_amend_claims(*, case: Case, user: User, claims: list[ClaimInput], reason: str = "") -> Case:
    """Add or change claims before the evidence period ends: the 45-day clock restarts (R Art. 46) and the
    respondent gets a new defence period."""
    if not claims:
        raise field_error("claims", _("State at least one claim."))
    case = lock_case(case)
    check_action(case, EventKind.AMEND_CLAIMS, user)
    before = [
        {
            "category": c.category,
            "amount": str(c.amount) if c.amount is not None else None,
            "description": c.description,
        }
        for c in case.claims.filter(withdrawn=False)
    ]
    case.claims.update(withdrawn=True)
    Claim.objects.bulk_create(
        Claim(case=case, category=c.category, amount=c.amount, description=c.description, position=i)
        for i, c in enumerate(claims)
    )
    case.claims_total = sum((c.amount or Decimal("0")) for c in claims)
    case.defence_filed_at = None
    case.defence_served_at = None
    case.extension_days = 0  # the restart (R 46) gives a fresh right to one extension
    case.save()
    record_event(
        case, EventKind.AMEND_CLAIMS, user, reason=reason, data={"before": before, "count": len(claims)}
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(
        case,
        everyone,
        "case.claims_amended",
        Message(gettext_noop("the claims were changed; the time limit restarts from today")),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_add_party(*, case: Case, user: User, side: str, party: dict[str, Any], reason: str) -> Case:
    """Add an applicant or a respondent to an accepted case: the 45-day clock restarts from this
    decision (R Art. 46), and a new respondent is served afresh."""
    if not reason.strip():
        raise field_error("reason", _("Give the reason for adding the party."))
    case = lock_case(case)
    check_action(case, EventKind.ADD_PARTY, user)
    added = party_from_input(party, "party")
    if case.parties.filter(party=added).exists():
        raise field_error("party", _("This party is already in the case."))
    position = case.parties.filter(side=side).count()
    CaseParty.objects.create(case=case, party=added, side=side, position=position)
    case.extension_days = 0  # the restart (R 46) gives a fresh right to one extension
    if side == Side.RESPONDENT:
        case.served_at = None  # the new respondent must be served: service and defence start again
        case.defence_filed_at = None
        case.defence_served_at = None
    case.save()
    record_event(
        case,
        EventKind.ADD_PARTY,
        user,
        reason=reason,
        data={"side": side, "party": added.pk, "name": added.name},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(
        case,
        everyone,
        "case.party_added",
        Message(gettext_noop("%(name)s was added to the case; the time limit restarts"), name=added.name),
        reason,
    )
    return finish(case)
