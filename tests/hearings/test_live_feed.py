"""The session's live feed, sealed statements, reminders and the cross-examination window."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from knox.models import AuthToken

from core import clock
from core.models import Notification
from hearings.models import HearingSession
from hearings.sessions import session_consent, session_open, submission_create, tick
from tests.evidence.conftest import submit as submit_evidence
from tests.helpers import api

ORIGIN = [(b"origin", b"http://127.0.0.1")]


def _windows(*kinds, sealed=False, start=timedelta(hours=1), length=timedelta(hours=24)):
    now = clock.now()
    return [
        {
            "stage": k,
            "opens_at": now + start + i * length,
            "closes_at": now + start + (i + 1) * length,
            "sealed": sealed,
        }
        for i, k in enumerate(kinds)
    ]


async def _socket(user, session_id):
    from config.asgi import application

    token = await sync_to_async(lambda: AuthToken.objects.create(user=user)[1])()
    socket = WebsocketCommunicator(
        application, f"/ws/hearing-sessions/{session_id}/?token={token}", headers=ORIGIN
    )
    connected, code = await socket.connect()
    return socket, connected, code


@pytest.mark.django_db(transaction=True)
async def test_the_other_party_sees_each_submission_live_and_outsiders_are_refused(personas, hearing_case):
    def opened():
        session = session_open(
            case=hearing_case, user=personas.arbitrator, stages=_windows("statements", start=timedelta(0))
        )
        for user in (personas.applicant, personas.respondent):
            session_consent(session=session, user=user, agree=True)
        return session.pk

    sid = await sync_to_async(opened)()
    socket, connected, _ = await _socket(personas.respondent, sid)
    assert connected
    for user in (personas.outsider, personas.arbitrator2, personas.mediator):
        _s, ok, code = await _socket(user, sid)
        assert not ok and code == 4404, user.username
    response = await sync_to_async(
        lambda: api(personas.applicant).post(
            f"/api/v1/hearing-sessions/{sid}/submissions/",
            {"kind": "statement", "text": "陈述"},
            format="json",
        )
    )()
    assert response.status_code == 201, response.json()
    event = await socket.receive_json_from(timeout=5)
    assert (event["type"], event["side"], event["kind"], event["session"]) == (
        "submission.created",
        "applicant",
        "statement",
        sid,
    )
    assert event["seq"] == await sync_to_async(lambda: HearingSession.objects.get(pk=sid).last_seq)()
    await socket.disconnect()
    await sync_to_async(connections.close_all)()


@pytest.mark.django_db
def test_sealed_statements_stay_hidden_from_the_other_side_until_the_window_closes(personas, hearing_case):
    session = session_open(
        case=hearing_case,
        user=personas.arbitrator,
        stages=_windows("statements", sealed=True, start=timedelta(0)),
    )
    for user in (personas.applicant, personas.respondent):
        session_consent(session=session, user=user, agree=True)
    submission_create(session=session, user=personas.applicant, kind="statement", text="申请人的密封陈述")
    submission_create(session=session, user=personas.respondent, kind="defence", text="被申请人的密封答辩")

    def texts(user):
        rows = api(user).get(f"/api/v1/hearing-sessions/{session.pk}/submissions/").json()["results"]
        return sorted(r["text"] for r in rows)

    assert texts(personas.applicant) == ["申请人的密封陈述"]
    assert texts(personas.respondent) == ["被申请人的密封答辩"]
    assert len(texts(personas.arbitrator)) == 2
    events = api(personas.respondent).get(f"/api/v1/hearing-sessions/{session.pk}/events/").json()["results"]
    assert [e["data"]["side"] for e in events if e["type"] == "submission.created"] == ["respondent"]
    with time_machine.travel(clock.now() + timedelta(hours=25), tick=False):
        assert len(texts(personas.respondent)) == 2  # revealed when the window closed


@pytest.mark.django_db
def test_a_reminder_goes_24_hours_before_a_window_closes_to_who_has_not_acted(personas, hearing_case):
    session = session_open(
        case=hearing_case,
        user=personas.arbitrator,
        stages=_windows("statements", start=timedelta(0), length=timedelta(hours=48)),
    )
    for user in (personas.applicant, personas.respondent):
        session_consent(session=session, user=user, agree=True)
    submission_create(session=session, user=personas.applicant, kind="statement", text="已陈述")
    with time_machine.travel(clock.now() + timedelta(hours=25), tick=False):
        tick(session)
        tick(session)  # once only
    assert Notification.objects.filter(user=personas.respondent, kind="hearing.reminder").count() == 1
    assert not Notification.objects.filter(user=personas.applicant, kind="hearing.reminder").exists()


@pytest.mark.django_db
def test_cross_examination_opinions_are_limited_to_their_window(personas, hearing_case):
    item = submit_evidence(personas.applicant, hearing_case.pk)
    second = submit_evidence(personas.applicant, hearing_case.pk, title="考勤记录")
    session = session_open(
        case=hearing_case,
        user=personas.arbitrator,
        stages=_windows("evidence", "cross_examination", start=timedelta(hours=1)),
    )
    body = {"authenticity": "agree", "legality": "agree", "relevance": "agree"}
    early = api(personas.respondent).post(f"/api/v1/evidence/{item['id']}/opinions/", body, format="json")
    assert (early.status_code, early.json()["code"]) == (409, "stage_not_open")
    with time_machine.travel(clock.now() + timedelta(hours=26), tick=False):
        inside = api(personas.respondent).post(
            f"/api/v1/evidence/{item['id']}/opinions/", body, format="json"
        )
        assert inside.status_code == 201, inside.json()
    with time_machine.travel(clock.now() + timedelta(hours=60), tick=False):
        late = api(personas.respondent).post(
            f"/api/v1/evidence/{second['id']}/opinions/", body, format="json"
        )
        assert (late.status_code, late.json()["code"]) == (409, "stage_closed")
    assert session.stages.filter(kind="cross_examination").exists()


@pytest.mark.django_db(transaction=True)
async def test_a_user_who_loses_access_stops_receiving(personas, hearing_case):
    from cases.models import CaseAgent, CaseParty
    from cases.services import case_decide_mandate

    def setup():
        case_party = CaseParty.objects.get(case=hearing_case, side="applicant")
        agency = CaseAgent.objects.create(case=hearing_case, case_party=case_party, user=personas.agent)
        case_decide_mandate(
            case=hearing_case, agent_id=agency.pk, user=personas.applicant, decision="verified"
        )
        session = session_open(
            case=hearing_case, user=personas.arbitrator, stages=_windows("statements", start=timedelta(0))
        )
        for user in (personas.applicant, personas.respondent):
            session_consent(session=session, user=user, agree=True)
        return session, agency

    session, agency = await sync_to_async(setup)()
    socket, connected, _ = await _socket(personas.agent, session.pk)
    assert connected
    await sync_to_async(submission_create)(
        session=session, user=personas.respondent, kind="defence", text="答辩一"
    )
    assert (await socket.receive_json_from(timeout=5))["type"] == "submission.created"
    await sync_to_async(case_decide_mandate)(
        case=hearing_case, agent_id=agency.pk, user=personas.applicant, decision="rejected"
    )
    await sync_to_async(submission_create)(
        session=session, user=personas.respondent, kind="statement", text="答辩二"
    )
    assert await socket.receive_nothing(timeout=1)
    await socket.disconnect()
    await sync_to_async(connections.close_all)()


@pytest.mark.django_db(transaction=True)
async def test_one_users_sockets_share_one_access_check_per_event(personas, hearing_case, monkeypatch):
    """The page open on several devices: each event is checked once for the user, after it was sent, and
    every socket gets it; the next event is checked afresh."""
    from hearings import consumers

    checks: list[int] = []
    real = consumers._audience_of

    async def counted(user, session_id):
        checks.append(user.pk)
        return await real(user, session_id)

    def opened():
        session = session_open(
            case=hearing_case, user=personas.arbitrator, stages=_windows("statements", start=timedelta(0))
        )
        for user in (personas.applicant, personas.respondent):
            session_consent(session=session, user=user, agree=True)
        return session

    session = await sync_to_async(opened)()
    sockets = [(await _socket(personas.respondent, session.pk))[0] for _ in range(3)]
    monkeypatch.setattr(consumers, "_audience_of", counted)
    for n, text in enumerate(("陈述一", "陈述二"), start=1):
        sub = await sync_to_async(submission_create)(
            session=session, user=personas.applicant, kind="statement", text=text
        )
        for socket in sockets:
            event = await socket.receive_json_from(timeout=5)
            assert (event["type"], event["submission"]) == ("submission.created", sub.pk)
        assert checks == [personas.respondent.pk] * n
    for socket in sockets:
        await socket.disconnect()
    await sync_to_async(connections.close_all)()
