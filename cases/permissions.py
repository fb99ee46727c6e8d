"""Who may fire each transition or action on a case: a role, and for some roles a place on the case.

Each function takes ``(case, user)`` and returns a bool, as django-fsm's ``permission`` expects. A user
without permission does not see the action at all; a user with permission whose action is blocked by a
condition sees it disabled with the condition's reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.roles import COUNTER_ROLES, Role, has_role

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case


def _role(user: User, *roles: str) -> bool:
    return has_role(user, frozenset(roles))


def intake_staff(case: Case, user: User) -> bool:
    """Clerks register, accept and serve; supervisors may stand in for them."""
    return has_role(user, COUNTER_ROLES)


def supervisor(case: Case, user: User) -> bool:
    """The commission's head (or the delegated institute head) approves suspensions and extensions."""
    return _role(user, Role.SUPERVISOR)


def presiding_arbitrator(case: Case, user: User) -> bool:
    """The sole arbitrator, or the presiding one of a three-member tribunal, runs the procedure."""
    return _role(user, Role.ARBITRATOR) and case.presiding_arbitrator_id == user.pk


def presiding_arbitrator_or_supervisor(case: Case, user: User) -> bool:
    """The presiding arbitrator, or a supervisor, cancels a wrongly accepted case (R Art. 32)."""
    return presiding_arbitrator(case, user) or supervisor(case, user)


def referred_mediator_or_intake(case: Case, user: User) -> bool:
    """A mediator of the organisation the dispute was referred to, or a clerk recording its outcome."""
    if _role(user, Role.MEDIATOR):
        return (
            case.mediation_organisation_id is not None
            and case.mediation_organisation_id == user.mediation_organisation_id
        )
    return intake_staff(case, user)


def acts_for_applicants(case: Case, user: User) -> bool:
    """The applicant (or its agent); in a collective dispute only an elected representative (R Art. 63)."""
    from cases.models.collective import acts_as_representative

    if case.side_of(user) != "applicant":
        return False
    return not case.is_collective or acts_as_representative(case, user)


def applicant_side_or_intake(case: Case, user: User) -> bool:
    """The applicant (or its agent) withdraws; a clerk may record a withdrawal made at the counter."""
    return acts_for_applicants(case, user) or intake_staff(case, user)


def respondent_side_or_intake(case: Case, user: User) -> bool:
    """The respondent (or its agent) files its defence; a clerk may record one handed in at the counter."""
    return case.side_of(user) == "respondent" or intake_staff(case, user)


def amend_claims(case: Case, user: User) -> bool:
    """The applicant (or its agent), a clerk, or the presiding arbitrator records changed claims."""
    return acts_for_applicants(case, user) or intake_staff(case, user) or presiding_arbitrator(case, user)


def intake_staff_or_presiding_arbitrator(case: Case, user: User) -> bool:
    """A clerk or supervisor, or the presiding arbitrator, decides to add a party (R Art. 46)."""
    return intake_staff(case, user) or presiding_arbitrator(case, user)


def may_compose_tribunal(case: Case, user: User) -> bool:
    """Clerks and supervisors compose (or recompose) the tribunal of an accepted, open case."""
    from cases.models.case import TRIBUNAL_STATUSES

    return intake_staff(case, user) and case.status in TRIBUNAL_STATUSES


def party_side(case: Case, user: User) -> bool:
    """A party (or its agent with a verified mandate): asks to postpone, applies for recusal."""
    return case.side_of(user) is not None


def party_side_or_intake(case: Case, user: User) -> bool:
    """A party (or its agent); or a clerk recording, for a named side, a request made in person or on
    paper (postponement, recusal)."""
    return party_side(case, user) or intake_staff(case, user)
