"""The case app's home sections (``core.web.home``): what a party must do, and the staff's work of the day.

Each section runs a fixed number of queries whatever the number of cases: the party's deadlines in one
query with their cases joined, the staff's lists as two capped pages of docket rows and two counts.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.models import User
from accounts.roles import OVERSIGHT_ROLES, PARTY_ROLES, Role
from cases import selectors
from cases.deadlines import PENDING
from cases.models import (
    Case,
    CaseAgent,
    CaseParty,
    Deadline,
    DeadlineKind,
    EventKind,
    Mandate,
)
from cases.models.case import TERMINAL
from cases.registry import PARTY_ACTIONS
from cases.selectors import PARTY_DUTIES
from cases.web.case_pages import PAGE_SIZE, case_label, case_rows, urgency
from core import clock
from core.web.home import HOME

# Where on the case page each party deadline is met.
STEP_OF_KIND = {DeadlineKind.DEFENCE: EventKind.FILE_DEFENCE}
WORK_ROLES = frozenset({Role.CLERK, Role.MEDIATOR, Role.ARBITRATOR, *OVERSIGHT_ROLES})


def _sides(user: User) -> dict[int, set[str]]:
    """The sides this user acts for, by case: as the party itself, or as its agent with a verified mandate."""
    sides: dict[int, set[str]] = {}
    if user.party_id:
        for case_id, side in CaseParty.objects.filter(party_id=user.party_id).values_list("case_id", "side"):
            sides.setdefault(case_id, set()).add(side)
    agencies = CaseAgent.objects.filter(user=user, mandate=Mandate.VERIFIED)
    for case_id, side in agencies.values_list("case_id", "case_party__side"):
        sides.setdefault(case_id, set()).add(side)
    return sides


def party_actions(user: User) -> dict[str, Any]:
    """The party's pending deadlines, soonest first, each with its date and the place it is met."""
    sides = _sides(user)
    deadlines = (
        Deadline.objects.filter(PENDING, case_id__in=list(sides), responsible__in=list(PARTY_DUTIES))
        .exclude(case__status__in=TERMINAL)
        .select_related("case")
        .order_by("due_on", "id")
    )
    today = clock.today()
    actions: list[dict[str, Any]] = []
    for deadline in deadlines:
        if not sides[deadline.case_id] & PARTY_DUTIES[deadline.responsible]:
            continue
        step = STEP_OF_KIND.get(DeadlineKind(deadline.kind)) if deadline.kind in DeadlineKind.values else None
        anchor = f"?step={step.value}#step-{step.value}" if step else "#deadlines"
        actions.append(
            {
                "kind": deadline.kind,
                "label": deadline.get_kind_display(),
                "due_on": deadline.due_on,
                "case_label": case_label(deadline.case),
                "url": reverse("case-detail", args=[deadline.case_id]) + anchor,
                "urgency": urgency(deadline.due_on, today),
            }
        )
    # What the other apps keep (an agreement to confirm…), with their cases read in one more query.
    others = PARTY_ACTIONS.actions(user, sides) if sides else []
    cases = Case.objects.in_bulk({a.case_id for a in others}) if others else {}
    for action in others:
        actions.append(
            {
                "kind": action.kind,
                "label": action.label,
                "due_on": action.due_on,
                "case_label": case_label(cases[action.case_id]),
                "url": action.url,
                "urgency": urgency(action.due_on, today),
            }
        )
    # Soonest first; an action with no date after every dated one.
    actions.sort(key=lambda a: (a["due_on"] is None, a["due_on"] or today))
    return {"actions": actions}


def work_of_the_day(user: User) -> dict[str, Any]:
    """Cases whose next deadline falls today, and those whose deadline has passed, from the docket rows."""
    visible = selectors.case_list_queryset(user)
    if user.role == Role.ARBITRATOR:
        visible = selectors.docket_split(visible)[1]
    # A suspended case's running periods are paused (no next_due_on); one that lapsed before the suspension
    # stays late (issue 13, point 2), as on the docket.
    visible = visible.exclude(status__in=TERMINAL)
    today = clock.today()
    ordering = selectors.ORDERINGS["next_due_on"]
    due_today = visible.filter(next_due_on=today).order_by(*ordering)
    overdue = visible.filter(next_due_on__lt=today).order_by(*ordering)
    return {
        "today": case_rows(due_today[:PAGE_SIZE], today),
        "today_count": due_today.count(),
        "overdue": case_rows(overdue[:PAGE_SIZE], today),
        "overdue_count": overdue.count(),
        "list_url": reverse("docket" if user.role in {Role.ARBITRATOR, *OVERSIGHT_ROLES} else "case-list"),
    }


def register() -> None:
    HOME.add("party-actions", "cases/home_party.html", party_actions, PARTY_ROLES, position=10)
    HOME.add("work-of-the-day", "cases/home_work.html", work_of_the_day, WORK_ROLES, position=20)
