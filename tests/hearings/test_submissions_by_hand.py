"""The record's page as ``SessionSubmissionsView`` reads and writes it, against the reference ways:

- ``selectors.submission_page`` (plain rows, SQL compiled once) written by ``submission_rows`` against
  DRF's field-by-field ``ModelSerializer.to_representation`` of ``SubmissionSerializer``'s declared fields
  over ``submissions_visible_to``: byte for byte, keys in order, for every kind of reader, while a sealed
  window hides the other side's statements and after it closed, page by page;
- ``selectors.session_read`` (the session and its stages in one query) against ``session_get`` and the
  stages ``tick_read`` reads itself.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Model
from django.http import Http404
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from core import clock
from hearings import selectors, sessions
from hearings.api.serializers import SUBMISSION_ROW, SubmissionSerializer, submission_rows
from hearings.models import HearingSession
from tests.evidence.conftest import submit as submit_evidence
from tests.helpers import api

pytestmark = pytest.mark.django_db

READERS = ["applicant", "respondent", "arbitrator", "clerk", "supervisor"]


def render(data: Any) -> bytes:
    return JSONRenderer().render(data)


def reference(session: HearingSession, user: Any) -> list[dict[str, Any]]:
    subs = selectors.submissions_visible_to(session, user).select_related("author")
    return [serializers.ModelSerializer.to_representation(SubmissionSerializer(), sub) for sub in subs]


def by_hand(session: HearingSession, user: Any, start: int, size: int) -> tuple[list[tuple[Any, ...]], bytes]:
    stages = list(session.stages.order_by("position", "id"))
    rows = selectors.submission_page(session, user, stages, SUBMISSION_ROW, start, size)
    return rows, render(submission_rows(rows))


@pytest.fixture
def record(personas, hearing_case, travel) -> HearingSession:
    """A sealed statements window open now (each side's statement with evidence and element positions),
    then an inquiry window."""
    now = clock.now()
    day = timedelta(hours=24)
    session = sessions.session_open(
        case=hearing_case,
        user=personas.arbitrator,
        stages=[
            {"stage": "statements", "opens_at": now, "closes_at": now + day, "sealed": True},
            {"stage": "inquiry", "opens_at": now + day, "closes_at": now + 2 * day},
        ],
    )
    for user in (personas.applicant, personas.respondent):
        sessions.session_consent(session=session, user=user, agree=True)
    item = submit_evidence(personas.applicant, hearing_case.pk)
    claim = hearing_case.claims.order_by("position", "id").first()
    assert claim is not None
    path = f"/api/v1/hearing-sessions/{session.pk}/submissions/"
    stated = api(personas.applicant).post(
        path,
        {
            "kind": "statement",
            "text": "被申请人拖欠我三个月工资。",
            "evidence": [item["id"]],
            "elements": [{"claim": claim.pk, "element": "月工资", "position": "8000元"}],
        },
        format="json",
    )
    assert stated.status_code == 201, stated.json()
    defence = api(personas.respondent).post(path, {"kind": "defence", "text": "工资已付。"}, format="json")
    assert defence.status_code == 201, defence.json()
    return HearingSession.objects.get(pk=session.pk)


def check(personas, session: HearingSession, expected_counts: dict[str, int]) -> None:
    for role in READERS:
        user = getattr(personas, role)
        expected = reference(session, user)
        assert len(expected) == expected_counts[role], role
        rows, whole = by_hand(session, user, 0, 100)
        assert whole == render(expected), role
        one_by_one = [
            SubmissionSerializer(sub).data
            for sub in selectors.submissions_visible_to(session, user).select_related("author")
        ]
        assert render(one_by_one) == whole, role  # one entry (a submission's answer) is written the same way
        assert all(row[-1] == len(expected) for row in rows), role  # the list's count on every row
        for entry in json.loads(whole):  # the keys in the declared order
            assert list(entry) == SubmissionSerializer.Meta.fields
        for start, size in ((0, 1), (1, 1), (1, 2), (len(expected), 5)):
            _rows, part = by_hand(session, user, start, size)
            assert part == render(expected[start : start + size]), (role, start, size)
        answer = api(user).get(f"/api/v1/hearing-sessions/{session.pk}/submissions/", {"page_size": 2})
        assert answer.status_code == 200, answer.json()
        assert answer.json()["count"] == len(expected)
        assert render(answer.json()["results"]) == render(expected[:2]), role


def test_the_page_by_hand_is_what_the_serializer_fields_give_sealed_and_revealed(personas, record, travel):
    # The sealed window is open: each party reads only its own statement (the per-request query).
    check(personas, record, {"applicant": 1, "respondent": 1, "arbitrator": 2, "clerk": 2, "supervisor": 2})
    travel.move_to(clock.now() + timedelta(hours=25))  # the inquiry: the statements are revealed
    sessions.tick(HearingSession.objects.get(pk=record.pk))
    path = f"/api/v1/hearing-sessions/{record.pk}/submissions/"
    question = api(personas.arbitrator).post(
        path, {"kind": "question", "text": "请说明月工资。", "to_side": "both"}, format="json"
    )
    assert question.status_code == 201, question.json()
    answer = api(personas.applicant).post(
        path, {"kind": "answer", "text": "8000元。", "in_reply_to": question.json()["id"]}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    check(personas, record, dict.fromkeys(READERS, 4))
    rows = reference(record, personas.respondent)
    assert rows[0]["evidence"] and rows[0]["elements"] and rows[2]["side"] == ""
    assert rows[3]["in_reply_to"] == rows[2]["id"]


def fields(obj: Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_session_and_its_stages_in_one_query_are_what_session_get_and_tick_read_give(
    personas, record, hearing_case, django_assert_num_queries
):
    for role in READERS:
        user = getattr(personas, role)
        with django_assert_num_queries(1):
            session, stages = selectors.session_read(user, record.pk)
        theirs, their_stages = sessions.tick_read(selectors.session_get(user, record.pk, with_case=False))
        assert fields(session) == fields(theirs), role
        assert [fields(s) for s in stages] == [fields(s) for s in their_stages], role
        assert [s.kind for s in stages] == ["statements", "inquiry"]
        assert all(s.session is session for s in stages)  # as the related manager leaves them
    for outsider in (personas.outsider, personas.agent, personas.mediator):
        with pytest.raises(Http404):
            selectors.session_read(outsider, record.pk)
    for bad in ("abc", None, 10**12):
        with pytest.raises(Http404):
            selectors.session_read(personas.arbitrator, bad)  # type: ignore[arg-type]


def test_a_session_without_stages_reads_with_none(personas, hearing_case):
    applied = sessions.session_apply(case=hearing_case, user=personas.applicant, reason="希望书面审理")
    session, stages = selectors.session_read(personas.respondent, applied.pk)
    assert fields(session) == fields(HearingSession.objects.get(pk=applied.pk)) and stages == []
    answer = api(personas.applicant).get(f"/api/v1/hearing-sessions/{applied.pk}/submissions/")
    assert answer.status_code == 200 and answer.json()["count"] == 0 and answer.json()["results"] == []
