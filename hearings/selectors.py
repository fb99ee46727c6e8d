"""Hearing reads: the one visibility rule for sessions, their submissions and their events."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import PARTY_ROLES, has_role
from cases.selectors import acts_in_case, cases_visible_to
from core import clock
from hearings.models import HearingSession, SessionEvent, StageStatus, Submission


def sessions_visible_to(user: Any) -> QuerySet[HearingSession]:
    """Staff who may see the case see its sessions; of the parties, those who act on it (the party's own
    accounts and agents with a verified mandate). Anyone else: none (404)."""
    if not user.is_authenticated or not user.is_active:
        return HearingSession.objects.none()
    if has_role(user, PARTY_ROLES):
        # Acting in a case implies seeing it (cases.selectors): the one filter says both.
        return HearingSession.objects.filter(acts_in_case(user))
    return HearingSession.objects.filter(case__in=cases_visible_to(user).values("pk"))


def session_get(user: Any, session_id: int | str) -> HearingSession:
    try:
        pk = int(session_id)
    except (TypeError, ValueError):
        raise Http404 from None
    session = sessions_visible_to(user).select_related("case").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def viewer_side(session: HearingSession, user: Any) -> str | None:
    """The side this user acts for, or None for staff (who see everything)."""
    return session.case.side_of(user) if has_role(user, PARTY_ROLES) else None


def submissions_for(session: HearingSession, user: Any) -> QuerySet[Submission]:
    """The record as this user may read it: a sealed stage's statements of the other side stay hidden
    until its window closes."""
    subs = (
        Submission.objects.filter(session=session)
        .select_related("author", "stage")
        .prefetch_related("evidence")
        .order_by("number")
    )
    side = viewer_side(session, user)
    if side is None:
        return subs
    now = clock.now()
    hidden = (
        Q(stage__sealed=True)
        & ~Q(side__in=[side, ""])
        & ~Q(kind="answer")
        & ~Q(stage__status=StageStatus.CLOSED)
        & Q(stage__closes_at__gt=now)
    )
    return subs.exclude(hidden)


def events_for(session: HearingSession, user: Any, after: int = 0) -> QuerySet[SessionEvent]:
    events = SessionEvent.objects.filter(session=session, seq__gt=after).order_by("seq")
    side = viewer_side(session, user)
    if side is None:
        return events
    return events.filter(Q(audience="") | Q(audience=side))
