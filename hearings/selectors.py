"""Hearing reads: the one visibility rule for sessions, their submissions and their events."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import PARTY_ROLES, has_role
from cases.selectors import acts_in_case, cases_visible_to
from core import clock
from hearings.models import HearingSession, SessionEvent, Stage, StageStatus, Submission


def sessions_visible_to(user: Any) -> QuerySet[HearingSession]:
    """Staff who may see the case see its sessions; of the parties, those who act on it (the party's own
    accounts and agents with a verified mandate). Anyone else: none (404)."""
    if not user.is_authenticated or not user.is_active:
        return HearingSession.objects.none()
    if has_role(user, PARTY_ROLES):
        # Acting in a case implies seeing it (cases.selectors): the one filter says both.
        return HearingSession.objects.filter(acts_in_case(user))
    return HearingSession.objects.filter(case__in=cases_visible_to(user).values("pk"))


def session_get(user: Any, session_id: int | str, *, with_case: bool = True) -> HearingSession:
    """The session if this user may see it (else 404); ``with_case=False`` leaves its case to be read when
    asked for (the record's list rarely does: the case's ~40 columns were a quarter of this query's cost)."""
    try:
        pk = int(session_id)
    except (TypeError, ValueError):
        raise Http404 from None
    sessions = sessions_visible_to(user).filter(pk=pk)
    if with_case:
        sessions = sessions.select_related("case")
    # By its key, unordered: ``first()`` would add the default ordering, whose compiling cost every read of
    # a session ~0.2 ms (of ~1.5 ms for this query).
    session = next(iter(sessions.order_by()[:1]), None)
    if session is None:
        raise Http404
    return session


def viewer_side(session: HearingSession, user: Any) -> str | None:
    """The side this user acts for, or None for staff (who see everything)."""
    return session.case.side_of(user) if has_role(user, PARTY_ROLES) else None


def submissions_for(
    session: HearingSession, user: Any, stages: Iterable[Stage] | None = None
) -> QuerySet[Submission]:
    """The record as this user may read it, with what the record's page and PDF show of each entry."""
    return (
        submissions_visible_to(session, user, stages)
        .select_related("author", "stage")
        .prefetch_related("evidence")
    )


def submissions_visible_to(
    session: HearingSession, user: Any, stages: Iterable[Stage] | None = None
) -> QuerySet[Submission]:
    """The record as this user may read it: a sealed stage's statements of the other side stay hidden
    until its window closes. ``stages``: the session's stages, when the caller has just read them."""
    subs = Submission.objects.filter(session=session).order_by("number")
    if not has_role(user, PARTY_ROLES):
        return subs  # staff and the tribunal read everything
    # The sealed windows still open, told from the stages rather than joined to every submission: a
    # session without one (most) asks neither the viewer's side nor more of the database.
    now = clock.now()
    sealed = [
        stage.pk
        for stage in (session.stages.all() if stages is None else stages)
        if stage.sealed and stage.status != StageStatus.CLOSED and stage.closes_at > now
    ]
    if not sealed:
        return subs
    side = viewer_side(session, user)
    if side is None:
        return subs
    return subs.exclude(Q(stage_id__in=sealed) & ~Q(side__in=[side, ""]) & ~Q(kind="answer"))


def events_for(session: HearingSession, user: Any, after: int = 0) -> QuerySet[SessionEvent]:
    events = SessionEvent.objects.filter(session=session, seq__gt=after).order_by("seq")
    side = viewer_side(session, user)
    if side is None:
        return events
    return events.filter(Q(audience="") | Q(audience=side))
