"""Pinned query counts of a hearing session's lists (submissions, events) and detail, which must not grow
with the submissions: two sessions side by side, one getting one submission per side before each
request, its twin three (see tests/cases/test_query_counts.py for the case's own endpoints). Reading a
session whose windows are not due takes no lock and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import clock
from hearings import sessions
from hearings.models import HearingSession
from tests.hearings.helpers import case_in_async_hearing
from tests.helpers import api

pytestmark = pytest.mark.django_db

# (role, path) -> queries; {session} is the session's id.
PINNED = {
    # The token, the session with its stages, the page with its total (no sealed window open: a party's
    # side and the session's case are read only when one is).
    ("applicant", "/api/v1/hearing-sessions/{session}/submissions/"): 3,
    ("arbitrator", "/api/v1/hearing-sessions/{session}/submissions/"): 3,
    ("applicant", "/api/v1/hearing-sessions/{session}/events/"): 6,
    ("arbitrator", "/api/v1/hearing-sessions/{session}/"): 10,
}


def submit(personas, session_id: int, times: int) -> None:
    for n in range(times):
        for user in (personas.applicant, personas.respondent):
            sessions.submission_create(
                session=HearingSession.objects.get(pk=session_id),
                user=user,
                kind="statement",
                text=f"陈述{n}",
            )


@pytest.mark.parametrize(("role", "path"), list(PINNED))
def test_a_sessions_reads_cost_the_same_queries_however_many_submissions(personas, travel, role, path):
    travel.move_to("2026-03-02 09:00 +0800")
    ids = []
    for facts in ("拖欠工资", "拖欠加班费"):
        case = case_in_async_hearing(personas, facts)
        now = clock.now()
        session = sessions.session_open(
            case=case,
            user=personas.arbitrator,
            stages=[{"stage": "statements", "opens_at": now, "closes_at": now + timedelta(days=10)}],
        )
        sessions.session_consent(session=session, user=personas.applicant, agree=True)
        sessions.session_consent(session=session, user=personas.respondent, agree=True)
        ids.append(session.pk)
    sessions.tick(HearingSession.objects.get(pk=ids[0]))
    sessions.tick(HearingSession.objects.get(pk=ids[1]))
    user = getattr(personas, role)
    counts = []
    for _round in range(2):
        for session_id, times in zip(ids, (1, 3), strict=True):
            submit(personas, session_id, times)
            client = api(user)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path.format(session=session_id))
            assert response.status_code == 200, response.json()
            assert not any("FOR UPDATE" in q["sql"] for q in captured.captured_queries), "a read took a lock"
            counts.append(len(captured))
    listing = "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(captured.captured_queries, 1))
    assert counts == [PINNED[role, path]] * 4, (
        f"{role} GET {path}: {counts}, pinned {PINNED[role, path]}\n{listing}"
    )
