"""Hearing reads: the one visibility rule for sessions, their submissions and their events."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.http import Http404

from accounts.roles import PARTY_ROLES, has_role
from cases.selectors import acts_in_case, cases_visible_to, user_key
from core import clock
from core.prepared import AnyOf, prepared_once
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


_SESSION_FIELDS = tuple(field.attname for field in HearingSession._meta.concrete_fields)
_STAGE_FIELDS = tuple(field.attname for field in Stage._meta.concrete_fields)
_STAGE_SESSION = Stage._meta.get_field("session")


def session_read(user: Any, session_id: int | str) -> tuple[HearingSession, list[Stage]]:
    """``session_get(user, session_id, with_case=False)`` and its stages in order, as ``tick_read`` reads
    them: one query, compiled once per ``user_key`` (the visibility rule reads nothing else of the user).
    Building and compiling the rule and the stages' query was ~1 ms of Python of every read of the record
    (benchmarks/http_load.py's submissions, 100,000 cases), a round trip ~0.2 ms."""
    try:
        pk = int(session_id)
    except (TypeError, ValueError):
        raise Http404 from None
    statement = prepared_once(
        ("hearings-session", *user_key(user)),
        lambda ids: (
            sessions_visible_to(user)
            .filter(AnyOf(F("pk"), ids))
            .order_by("stages__position", "stages__id")
            .values_list(*_SESSION_FIELDS, *(f"stages__{name}" for name in _STAGE_FIELDS))
        ),
    )
    rows = statement.rows([pk])
    if not rows:
        raise Http404
    width = len(_SESSION_FIELDS)
    session = HearingSession.from_db("default", _SESSION_FIELDS, rows[0][:width])
    stages = []
    for row in rows:
        if row[width] is None:  # a session without stages (the outer join's one empty row)
            continue
        stage = Stage.from_db("default", _STAGE_FIELDS, row[width:])
        _STAGE_SESSION.set_cached_value(stage, session)  # as ``session.stages.all()`` leaves them
        stages.append(stage)
    return session, stages


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
    hidden = _sealed_away(session, user, stages)
    return subs if hidden is None else subs.exclude(hidden)


def _sealed_away(session: HearingSession, user: Any, stages: Iterable[Stage] | None) -> Q | None:
    """What of the record this user may not read yet (``submissions_visible_to``), or None: all of it."""
    if not has_role(user, PARTY_ROLES):
        return None  # staff and the tribunal read everything
    # The sealed windows still open, told from the stages rather than joined to every submission: a
    # session without one (most) asks neither the viewer's side nor more of the database.
    now = clock.now()
    sealed = [
        stage.pk
        for stage in (session.stages.all() if stages is None else stages)
        if stage.sealed and stage.status != StageStatus.CLOSED and stage.closes_at > now
    ]
    if not sealed:
        return None
    side = viewer_side(session, user)
    if side is None:
        return None
    return Q(stage_id__in=sealed) & ~Q(side__in=[side, ""]) & ~Q(kind="answer")


def submission_page(
    session: HearingSession,
    user: Any,
    stages: Iterable[Stage],
    columns: tuple[str, ...],
    start: int,
    size: int,
) -> list[tuple[Any, ...]]:
    """Rows ``start`` to ``start + size`` of ``submissions_visible_to`` as ``columns``, each followed by the
    count of the whole list (``COUNT(*) OVER ()``, as ``CountedPagination`` reads it). With no sealed
    window hiding anything (nearly always) in SQL compiled once per page shape: building and compiling
    the page's query was ~0.9 ms of Python a request, longer than running it."""

    def page(subs: QuerySet[Submission]) -> QuerySet[Any, Any]:
        counted = subs.order_by("number").annotate(rows_in_list=Window(Count("*")))
        return counted.values_list(*columns, "rows_in_list")[start : start + size]

    hidden = _sealed_away(session, user, stages)
    if hidden is not None:  # constants of this session and side: compiled for this request only
        return list(page(Submission.objects.filter(session=session).exclude(hidden)))
    statement = prepared_once(
        ("hearings-submissions", columns, start, size),
        lambda ids: page(Submission.objects.filter(AnyOf(F("session_id"), ids))),
    )
    return statement.rows([session.pk])


def events_for(session: HearingSession, user: Any, after: int = 0) -> QuerySet[SessionEvent]:
    events = SessionEvent.objects.filter(session=session, seq__gt=after).order_by("seq")
    side = viewer_side(session, user)
    if side is None:
        return events
    return events.filter(Q(audience="") | Q(audience=side))
