"""The joint asynchronous hearing of a group of linked cases (串案).

The group action ``open_hearing`` (registered in ``cases.registry.GROUP_ACTIONS``) starts every member's
asynchronous hearing where it has not started and opens a session with the same stages in each, all tied
to one ``JointHearing``. Every worker still submits and reads in their own case's session only; the
employer writes a common submission once (``joint_submission_create``), which is entered in each member's
session through the member's own ``submission_create`` — so each case's record, hash chain and timeline
stay whole and no worker sees another's case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import PARTY_ROLES, has_role
from cases import selectors as case_selectors
from cases.group_actions import lead_of_group
from cases.models import Case, CaseGroup, Side, Status
from cases.registry import GROUP_ACTIONS, GroupAction
from core import clock
from core.errors import ApplicationError
from hearings import sessions
from hearings.inputs import SessionOpenSerializer
from hearings.models import HearingSession, JointHearing, SessionStatus
from hearings.services import case_start_async_hearing


def _prepare(
    *,
    group: CaseGroup,
    user: User,
    members: list[Case],
    stages: list[dict[str, Any]] | None = None,
    **rest: Any,
) -> dict[str, Any]:
    if not stages:
        from core.errors import field_error

        raise field_error("stages", _("Give the stages with their windows."))
    joint = JointHearing.objects.create(
        group=group,
        opened_by=user,
        created_at=clock.now(),
        stages=[
            {**stage, "opens_at": stage["opens_at"].isoformat(), "closes_at": stage["closes_at"].isoformat()}
            for stage in stages
        ],
    )
    return {"joint": joint}


def _open_member(
    *, case: Case, user: User, stages: list[dict[str, Any]], joint: JointHearing, reason: str = ""
) -> HearingSession:
    """The member's own steps: start its asynchronous hearing (if it has not started), open its session."""
    if case.status == Status.ACCEPTED:
        case_start_async_hearing(case=case, user=user, reason=reason)
    session = sessions.session_open(case=Case.objects.get(pk=case.pk), user=user, stages=stages)
    HearingSession.objects.filter(pk=session.pk).update(joint=joint)
    return session


def _joint_present(session: Any) -> dict[str, Any]:
    return {"session": session.pk}


def _after(*, group: CaseGroup, user: User, results: Any, joint: JointHearing, **rest: Any) -> dict[str, Any]:
    return {"joint_hearing": joint.pk}


def register() -> None:
    GROUP_ACTIONS.register(
        GroupAction(
            name="open_hearing",
            label=gettext_lazy("Open one asynchronous hearing for every member"),
            input=SessionOpenSerializer,
            run=_open_member,
            permission=lead_of_group,
            prepare=_prepare,
            after=_after,
            present=_joint_present,
            owner="hearings",
        )
    )


# --- reads --------------------------------------------------------------------------------------------


def joint_hearing_get(user: User, pk: int | str) -> JointHearing:
    """Staff who see the group, and the employer's side (the respondent of its members), see the joint
    hearing; a worker does not (it sees its own session only)."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    joint = JointHearing.objects.select_related("group").filter(pk=key).first()
    if joint is None:
        raise Http404
    if not has_role(user, PARTY_ROLES):
        if not case_selectors.case_groups_visible_to(user).filter(pk=joint.group_id).exists():
            raise Http404
        return joint
    if not respondent_sessions(joint, user):
        raise Http404
    return joint


def joint_sessions(joint: JointHearing, user: User) -> list[HearingSession]:
    """The member sessions this user may see (staff: those of cases it may see; a party: its own)."""
    from hearings.selectors import sessions_visible_to

    return list(
        sessions_visible_to(user).filter(joint=joint).select_related("case").order_by("case_id", "pk")
    )


def respondent_sessions(joint: JointHearing, user: User) -> list[HearingSession]:
    return [s for s in joint_sessions(joint, user) if s.case.side_of(user) == Side.RESPONDENT]


# --- the employer's common submission ------------------------------------------------------------------


@dataclass
class JointResult:
    session: HearingSession
    outcome: str
    status: int | None = None
    code: str = ""
    detail: str = ""
    submission: int | None = None


def joint_submission_create(
    *, joint: JointHearing, user: User, kind: str, text: str, stage: int | str | None = None
) -> list[JointResult]:
    """The employer's submission, made once, entered in every live member session it is respondent in.

    Each entry is the member session's own ``submission_create`` in a savepoint: a session where it cannot
    go (closed window, no consent) is refused alone and the others still get it."""
    if isinstance(stage, int):
        raise ApplicationError(
            _("Name the stage (statements, evidence…): each member's session has its own stage ids."),
            fields={"stage": [_("Name the stage by its kind.")]},
        )
    targets = respondent_sessions(joint, user)
    if not targets:
        raise Http404
    results: list[JointResult] = []
    with transaction.atomic():
        for session in targets:
            if session.status != SessionStatus.OPEN or session.case.status != Status.ASYNC_HEARING:
                results.append(JointResult(session=session, outcome="left"))
                continue
            try:
                with transaction.atomic():
                    sub = sessions.submission_create(
                        session=session, user=user, kind=kind, text=text, stage=stage
                    )
            except ApplicationError as error:
                results.append(
                    JointResult(
                        session=session,
                        outcome="refused",
                        status=error.status_code,
                        code=error.code,
                        detail=str(error.detail),
                    )
                )
            else:
                results.append(JointResult(session=session, outcome="done", status=201, submission=sub.pk))
    return results
