"""What a user may do on a case now: the FSM transitions plus the non-transition actions, each with
the reason when it is blocked. The case page's buttons and ``allowed_transitions`` come from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases import conditions as cond
from cases import permissions as perm
from cases.conditions import Condition
from cases.models import Case, Status, User
from cases.models.case import OPEN_ARBITRATION

TRANSITION_LABELS: dict[str, str | Promise] = {
    "refer_to_mediation": _("Refer to pre-filing mediation"),
    "record_mediation_agreement": _("Record mediation agreement"),
    "record_mediation_failure": _("Record mediation failure"),
    "accept": _("Accept the case"),
    "reject": _("Reject the application"),
    "withdraw": _("Withdraw"),
    "start_async_hearing": _("Start asynchronous hearing"),
    "schedule_oral_hearing": _("Schedule oral hearing"),
    "start_mediation": _("Start mediation"),
    "end_mediation": _("End mediation"),
    "close_by_mediation": _("Close by mediation document"),
    "suspend": _("Suspend"),
    "resume": _("Resume"),
    "conclude_hearing": _("Conclude hearing"),
    "issue_award": _("Issue award"),
    "deem_withdrawn": _("Deem withdrawn"),
    "cancel": _("Cancel the case"),
}


@dataclass(frozen=True)
class Action:
    """A step that is not a status change but is part of the procedure (service, defence, extension…)."""

    name: str
    label: str | Promise
    statuses: tuple[str, ...]
    permission: Callable[[Case, User], bool]
    conditions: tuple[Condition, ...] = ()


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "request_supplement",
            _("Ask the applicant to supplement"),
            (Status.SUBMITTED,),
            perm.intake_staff,
            (cond.not_awaiting_supplement,),
        ),
        Action(
            "complete_supplement",
            _("Record the supplement as complete"),
            (Status.SUBMITTED,),
            perm.applicant_side_or_intake,
            (cond.awaiting_supplement,),
        ),
        Action(
            "serve_application",
            _("Serve the application on the respondent"),
            tuple(OPEN_ARBITRATION),
            perm.intake_staff,
            (cond.application_not_yet_served,),
        ),
        Action(
            "file_defence",
            _("File the defence"),
            tuple(OPEN_ARBITRATION),
            perm.respondent_side_or_intake,
            (cond.application_served, cond.defence_not_yet_filed),
        ),
        Action(
            "serve_defence",
            _("Serve the defence on the applicant"),
            tuple(OPEN_ARBITRATION),
            perm.intake_staff,
            (cond.defence_filed_not_served,),
        ),
        Action(
            "extend_ruling",
            _("Extend the ruling period"),
            (*OPEN_ARBITRATION, Status.SUSPENDED),
            perm.supervisor,
            (cond.not_yet_extended,),
        ),
        Action(
            "amend_claims",
            _("Add or change claims"),
            (Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING),
            perm.amend_claims,
        ),
        Action(
            "add_party",
            _("Add a party"),
            (Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING),
            perm.intake_staff_or_presiding_arbitrator,
        ),
    ]
}


@dataclass(frozen=True)
class Option:
    name: str
    label: str | Promise
    is_transition: bool
    enabled: bool
    reason: str | Promise | None = None
    field: str | None = None


def _first_failure(conditions, case: Case) -> Condition | None:
    return next((c for c in conditions if not c(case)), None)


def options_for(case: Case, user: User) -> list[Option]:
    """Every transition and action this user may take on this case now, enabled or with why not."""
    options: list[Option] = []
    for transition in case.get_all_status_transitions():
        if transition.source != case.status or not transition.has_perm(case, user):
            continue
        failing = _first_failure(transition.conditions, case)
        options.append(
            Option(
                transition.name,
                TRANSITION_LABELS[transition.name],
                True,
                failing is None,
                failing.reason if failing else None,
                failing.field if failing else None,
            )
        )
    for action in ACTIONS.values():
        if case.status not in action.statuses or not action.permission(case, user):
            continue
        failing = _first_failure(action.conditions, case)
        options.append(
            Option(
                action.name,
                action.label,
                False,
                failing is None,
                failing.reason if failing else None,
                failing.field if failing else None,
            )
        )
    return options


def allowed_transitions(case: Case, user: User) -> list[str]:
    return [o.name for o in options_for(case, user) if o.is_transition and o.enabled]
