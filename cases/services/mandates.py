"""Agents' mandates (授权委托书): an agent acts for a party only once its authority is verified.

An agent who files an application is recorded as the applicant's agent with its mandate *pending*:
it sees the case it filed (with only what it typed about the parties, see ``cases.disclosure``) but
cannot act for the party, is not told the party's business, and is not counted as the party's side.
The mandate becomes *verified* when a clerk records that the signed power of attorney was checked, or
when the party itself confirms it from its own account; either of them may reject it, and the party
(or a clerk) may later revoke a verified mandate. Every decision is on the case's timeline.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.roles import COUNTER_ROLES, has_role
from cases.models import Case, CaseAgent, EventKind, Mandate, MandateCheck, Side
from cases.services.kernel import finish, lock_case, record_event, side_users, tell
from core import clock
from core.errors import Conflict, Forbidden, NotFound, field_error
from core.messages import Message

# The decisions a request may ask for, and the states each may be taken from.
DECISIONS: dict[str, set[str]] = {
    Mandate.VERIFIED: {Mandate.PENDING},
    Mandate.REJECTED: {Mandate.PENDING, Mandate.VERIFIED},
}


def principal_users(agency: CaseAgent) -> list[User]:
    """The accounts of the party the agent claims to act for."""
    return list(User.objects.filter(party_id=agency.case_party.party_id, is_active=True))


def mandate_requested(case: Case, agency: CaseAgent) -> None:
    """Tell the party (when it has an account) that someone claims to act for it."""
    tell(
        case,
        principal_users(agency),
        "case.mandate_requested",
        Message(
            gettext_noop("%(agent)s says they are your agent in this case; please confirm or reject"),
            agent=agency.user,
        ),
    )


def may_decide(agency: CaseAgent, user: User) -> str | None:
    """How ``user`` may decide this mandate (``clerk`` or ``party``), or None when it may not."""
    if has_role(user, COUNTER_ROLES):
        return MandateCheck.CLERK
    if (
        user.party_id is not None
        and user.party_id == agency.case_party.party_id
        and user.pk != agency.user_id
    ):
        return MandateCheck.PARTY
    return None


@transaction.atomic
def case_decide_mandate(*, case: Case, agent_id: int, user: User, decision: str, note: str = "") -> CaseAgent:
    """Verify or reject (or revoke) an agent's mandate; by a clerk who checked the power of attorney, or
    by the party itself."""
    case = lock_case(case)
    agency = (
        CaseAgent.objects.select_for_update(of=("self",))
        .select_related("case_party", "user")
        .filter(case=case, pk=agent_id)
        .first()
    )
    if agency is None:
        raise NotFound(_("This case has no such agent."))
    how = may_decide(agency, user)
    if how is None:
        raise Forbidden(
            _("Only the party itself or a clerk of the filing window decides an agent's mandate.")
        )
    if decision not in DECISIONS:
        raise field_error("decision", _("Choose verified or rejected."))
    if agency.mandate not in DECISIONS[decision]:
        raise Conflict(_("This mandate is already %(state)s.") % {"state": agency.get_mandate_display()})
    if decision == Mandate.VERIFIED and how == MandateCheck.CLERK and not note.strip():
        raise field_error(
            "note", _("Say what was checked, e.g. the signed power of attorney and the agent's ID.")
        )
    before = agency.mandate
    agency.mandate = decision
    agency.mandate_checked_by = how
    agency.mandate_decided_by = user
    agency.mandate_decided_at = clock.now()
    agency.mandate_note = note.strip()
    agency.save(
        update_fields=[
            "mandate",
            "mandate_checked_by",
            "mandate_decided_by",
            "mandate_decided_at",
            "mandate_note",
        ]
    )
    record_event(
        case,
        EventKind.DECIDE_MANDATE,
        user,
        reason=agency.mandate_note,
        data={
            "agent": agency.user_id,
            "side": agency.case_party.side,
            "party": agency.case_party.party_id,
            "from": before,
            "to": decision,
            "checked_by": how,
        },
    )
    side_label = Side(agency.case_party.side).label
    if decision == Mandate.VERIFIED:
        title = Message(gettext_noop("your mandate to act for the %(side)s is verified"), side=side_label)
    elif before == Mandate.VERIFIED:
        title = Message(gettext_noop("your mandate to act for the %(side)s was revoked"), side=side_label)
    else:
        title = Message(gettext_noop("your mandate to act for the %(side)s was rejected"), side=side_label)
    tell(case, [agency.user], "case.mandate_decided", title)
    if how == MandateCheck.CLERK:
        tell(
            case,
            [u for u in side_users(case, agency.case_party.side) if u.pk != agency.user_id],
            "case.mandate_decided",
            Message(
                gettext_noop("the filing window recorded the mandate of %(agent)s: %(state)s"),
                agent=agency.user,
                state=Mandate(agency.mandate).label,
            ),
        )
    finish(case)
    return agency
