"""The group actions ``cases`` owns: accept, compose the tribunal, serve the application — on every member.

Each runs the member's own step (the same service as the case page and the API's per-case paths), so the
member's timeline records it as if taken on the case alone. Registered from ``CasesConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import COUNTER_ROLES, has_role
from cases import inputs
from cases.models import CaseGroup, EventKind
from cases.registry import GROUP_ACTIONS, STEPS, GroupAction
from cases.services import tribunal


def clerk_of_group(group: CaseGroup, user: User) -> bool:
    return has_role(user, COUNTER_ROLES)


def lead_of_group(group: CaseGroup, user: User) -> bool:
    """The group's lead arbitrator: who takes the hearing's, mediation's and awards' group actions."""
    return group.lead_arbitrator_id is not None and group.lead_arbitrator_id == user.pk


def _step(name: str) -> Any:
    step = STEPS.get(name)
    assert step is not None, name
    return step.service


def _accept(*, case: Any, user: User, **data: Any) -> Any:
    return _step(EventKind.ACCEPT)(case=case, user=user, **data)


def _serve(*, case: Any, user: User, **data: Any) -> Any:
    return _step(EventKind.SERVE_APPLICATION)(case=case, user=user, **data)


def _present_serve(value: Any) -> dict[str, Any]:
    step = STEPS.get(EventKind.SERVE_APPLICATION)
    return step.present(value) if step is not None and step.present is not None else {}


def _tribunal_once(*, group: CaseGroup, user: User, members: Any, arbitrators: list[int]) -> dict[str, Any]:
    """The arbitrators are looked up once for all members (400 when one is not an active arbitrator)."""
    return {"seated": tribunal.arbitrators_by_id(arbitrators)}


def _tribunal_if_named(*, group: CaseGroup, user: User, members: Any, **data: Any) -> dict[str, Any]:
    """Accepting with a tribunal: its arbitrators looked up once for all members."""
    arbitrators = data.get("arbitrators")
    if not arbitrators:
        return {}
    return _tribunal_once(group=group, user=user, members=members, arbitrators=arbitrators)


def _set_tribunal(*, case: Any, user: User, arbitrators: list[int], seated: list[User]) -> Any:
    return tribunal.case_set_tribunal(case=case, user=user, arbitrators=seated)


def _lead_from(**data: Any) -> None:
    """The presiding arbitrator named for the members leads the group."""
    group: CaseGroup = data["group"]
    arbitrators = data.get("arbitrators") or []
    if arbitrators and any(r.outcome == "done" for r in data["results"]):
        CaseGroup.objects.filter(pk=group.pk).update(lead_arbitrator_id=arbitrators[0])
        group.lead_arbitrator_id = arbitrators[0]
    return None


def register() -> None:
    for action in (
        GroupAction(
            name="accept",
            label=_("Accept every member"),
            input=inputs.AcceptSerializer,
            run=_accept,
            permission=clerk_of_group,
            prepare=_tribunal_if_named,
            after=_lead_from,
            owner="cases",
        ),
        GroupAction(
            name="set_tribunal",
            label=_("Compose every member's tribunal"),
            input=inputs.TribunalSerializer,
            run=_set_tribunal,
            permission=clerk_of_group,
            prepare=_tribunal_once,
            after=_lead_from,
            owner="cases",
        ),
        GroupAction(
            name="serve_application",
            label=_("Serve the respondent for every member"),
            input=inputs.ServeSerializer,
            run=_serve,
            permission=clerk_of_group,
            present=_present_serve,
            owner="cases",
        ),
    ):
        GROUP_ACTIONS.register(action)
