"""What a user may do on a case now: every registered step, enabled or with the reason it is blocked.

The case page's buttons, the API's ``options`` and ``allowed_transitions`` all come from ``options_for``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.utils.functional import Promise

from accounts.models import User
from cases.conditions import Condition
from cases.models import Case
from cases.registry import STEPS


@dataclass(frozen=True)
class Option:
    name: str
    label: str | Promise
    is_transition: bool
    enabled: bool
    reason: str | Promise | None = None
    field: str | None = None


def _first_failure(conditions: Iterable[Condition], case: Case) -> Condition | None:
    return next((c for c in conditions if not c(case)), None)


def _option(name: str, label: str | Promise, is_transition: bool, failing: Condition | None) -> Option:
    return Option(
        name,
        label,
        is_transition,
        failing is None,
        failing.reason if failing else None,
        failing.field if failing else None,
    )


def options_for(case: Case, user: User) -> list[Option]:
    """Every step this user may take on this case now, enabled or with why not; transitions first."""
    options: list[Option] = []
    status = case.status  # read once: through django-fsm's descriptor on every step, ~80 reads a call
    for transition in case.get_all_status_transitions():
        step = STEPS.get(transition.name)
        if step is None or not step.transition:
            continue  # a transition no app offers as a step
        if transition.source != status or not transition.has_perm(case, user):
            continue
        # The case's transitions are guarded by Conditions only (``transition`` in cases/models/case.py).
        conditions = cast("list[Condition]", transition.conditions)
        options.append(_option(step.name, step.label, True, _first_failure(conditions, case)))
    for step in STEPS.actions():
        if status not in step.statuses or step.permission is None or not step.permission(case, user):
            continue
        options.append(_option(step.name, step.label, False, _first_failure(step.conditions, case)))
    return options


def allowed_transitions(case: Case, user: User) -> list[str]:
    return [o.name for o in options_for(case, user) if o.is_transition and o.enabled]
