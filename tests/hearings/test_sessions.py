"""Asynchronous hearing sessions through the API: windows, consent, submissions, waivers, the record."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Case
from core import clock
from hearings.models import HearingSession, Submission, Waiver
from tests.evidence.conftest import submit as submit_evidence
from tests.helpers import api

pytestmark = pytest.mark.django_db

T0 = "2026-03-02 09:00 +0800"


def windows(*kinds: str, start_hours: int = 1, hours: int = 24) -> list[dict]:
    now = clock.now()
    out = []
    for i, kind in enumerate(kinds):
        opens = now + timedelta(hours=start_hours + i * hours)
        out.append(
            {
                "stage": kind,
                "opens_at": opens.isoformat(),
                "closes_at": (opens + timedelta(hours=hours)).isoformat(),
            }
        )
    return out


def open_session(personas, case, *kinds: str, **kwargs) -> dict:
    response = api(personas.arbitrator).post(
        f"/api/v1/cases/{case.pk}/hearing-sessions/", {"stages": windows(*kinds, **kwargs)}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def consent(user, session_id: int, agree: bool = True):
    return api(user).post(f"/api/v1/hearing-sessions/{session_id}/consent/", {"agree": agree}, format="json")


def post(user, session_id: int, **body):
    return api(user).post(f"/api/v1/hearing-sessions/{session_id}/submissions/", body, format="json")


def test_a_whole_session_from_opening_to_deliberation(personas, hearing_case, travel):
    session = open_session(personas, hearing_case, "statements", "evidence", "inquiry", "final_statements")
    sid = session["id"]
    assert [s["stage"] for s in session["stages"]] == [
        "statements",
        "evidence",
        "inquiry",
        "final_statements",
    ]
    assert session["current_stage"] is None
    assert consent(personas.applicant, sid).status_code == 200
    assert consent(personas.respondent, sid).json()["consents"] == {"applicant": True, "respondent": True}

    early = post(personas.applicant, sid, kind="statement", text="我要陈述")
    assert (early.status_code, early.json()["code"]) == (409, "stage_not_open")

    travel.move_to(clock.now() + timedelta(hours=2))  # statements open
    stmt = post(personas.applicant, sid, kind="statement", text="被申请人拖欠我三个月工资共24000元。")
    assert stmt.status_code == 201, stmt.json()
    defence = post(personas.respondent, sid, kind="defence", text="工资已部分支付。")
    assert defence.status_code == 201
    wrong = post(personas.applicant, sid, kind="final_statement", text="最后陈述")
    assert wrong.status_code == 400 and "kind" in wrong.json()["fields"]
    assert post(personas.arbitrator, sid, kind="statement", text="x").status_code == 400
    question = post(
        personas.arbitrator, sid, kind="question", text="请申请人说明入职时间。", to_side="applicant"
    )
    assert question.status_code == 201
    answer = post(
        personas.applicant, sid, kind="answer", text="2024年3月入职。", in_reply_to=question.json()["id"]
    )
    assert answer.status_code == 201
    not_theirs = post(
        personas.respondent, sid, kind="answer", text="我来答", in_reply_to=question.json()["id"]
    )
    assert not_theirs.status_code == 400

    travel.move_to(clock.now() + timedelta(hours=24))  # evidence open; statements closed
    late = post(personas.respondent, sid, stage=session["stages"][0]["id"], kind="statement", text="补充答辩")
    assert (late.status_code, late.json()["code"]) == (409, "stage_closed")
    item = submit_evidence(personas.applicant, hearing_case.pk)
    assert (
        post(personas.applicant, sid, kind="evidence", text="提交工资条", evidence=[item["id"]]).status_code
        == 201
    )
    theirs = post(personas.respondent, sid, kind="evidence", text="用对方的证据", evidence=[item["id"]])
    assert theirs.status_code == 400 and "evidence" in theirs.json()["fields"]

    travel.move_to(clock.now() + timedelta(hours=48))  # evidence and inquiry closed: waivers
    detail = api(personas.arbitrator).get(f"/api/v1/hearing-sessions/{sid}/").json()
    by_kind = {s["stage"]: s for s in detail["stages"]}
    assert by_kind["evidence"]["waived"] == ["respondent"]  # it never submitted evidence
    assert by_kind["inquiry"]["waived"] == []  # nothing was asked in it
    assert Waiver.objects.filter(stage_id=by_kind["evidence"]["id"], side="respondent").exists()
    # A waiver is not a deemed withdrawal: the case goes on.
    assert Case.objects.get(pk=hearing_case.pk).status == "async_hearing"

    assert (
        post(personas.applicant, sid, kind="final_statement", text="请求支持全部仲裁请求。").status_code
        == 201
    )
    early_close = api(personas.arbitrator).post(f"/api/v1/hearing-sessions/{sid}/close/", {}, format="json")
    assert early_close.status_code == 409
    for user in (personas.applicant, personas.respondent):
        assert (
            api(user).post(f"/api/v1/hearing-sessions/{sid}/nothing-to-add/", {}, format="json").status_code
            == 200
        )
    closed = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/close/", {"reason": "事实清楚"}, format="json"
    )
    assert closed.status_code == 200, closed.json()
    assert closed.json()["status"] == "closed"
    assert Case.objects.get(pk=hearing_case.pk).status == "deliberation"

    # The record: numbered events for a reconnecting client, and a chain that verifies.
    events = api(personas.applicant).get(f"/api/v1/hearing-sessions/{sid}/events/?after=0").json()
    seqs = [e["seq"] for e in events["results"]]
    assert seqs == sorted(seqs) and "submission.created" in [e["type"] for e in events["results"]]
    after = api(personas.applicant).get(f"/api/v1/hearing-sessions/{sid}/events/?after={seqs[-3]}").json()
    assert [e["seq"] for e in after["results"]] == seqs[-2:]
    out = StringIO()
    call_command("verify_hearing_record", str(sid), stdout=out)
    assert "chain intact" in out.getvalue()
    sub = Submission.objects.filter(session_id=sid).order_by("number")[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE hearings_submission SET text = %s WHERE id = %s", ["工资已全部支付。", sub.pk])
    with pytest.raises(CommandError):
        call_command("verify_hearing_record", str(sid), stdout=StringIO(), stderr=StringIO())


def test_submissions_are_immutable(personas, hearing_case, travel):
    sid = open_session(personas, hearing_case, "statements")["id"]
    consent(personas.applicant, sid)
    travel.move_to(clock.now() + timedelta(hours=2))
    post(personas.applicant, sid, kind="statement", text="原文")
    sub = Submission.objects.get(session_id=sid)
    sub.text = "改过"
    with pytest.raises(PermissionDenied):
        sub.save()
    with pytest.raises(PermissionDenied):
        Submission.objects.filter(pk=sub.pk).update(text="改过")
    assert Submission.objects.get(pk=sub.pk).text == "原文"


def test_consent_is_needed_to_submit_and_its_withdrawal_converts_the_session(personas, hearing_case, travel):
    session = open_session(personas, hearing_case, "statements", start_hours=1)
    sid = session["id"]
    travel.move_to(clock.now() + timedelta(hours=2))
    unconsented = post(personas.applicant, sid, kind="statement", text="陈述")
    assert (unconsented.status_code, unconsented.json()["code"]) == (409, "consent_required")
    consent(personas.applicant, sid)
    # While a stage is open, consent cannot be withdrawn.
    assert consent(personas.applicant, sid, agree=False).status_code == 409


def test_withdrawing_consent_before_a_stage_opens_converts_and_asks_for_an_oral_hearing(
    personas, hearing_case
):
    sid = open_session(personas, hearing_case, "statements", start_hours=5)["id"]
    consent(personas.applicant, sid)
    withdrawn = consent(personas.respondent, sid, agree=False)
    assert withdrawn.status_code == 200, withdrawn.json()
    assert withdrawn.json()["status"] == "converted"
    case = Case.objects.get(pk=hearing_case.pk)
    assert case.events.filter(kind="hearing_converted").exists()
    options = {
        o["name"]: o for o in api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/").json()["options"]
    }
    assert options["schedule_oral_hearing"]["enabled"]
    from core.models import Notification

    assert Notification.objects.filter(user=personas.arbitrator, kind="hearing.converted").exists()


def test_withdrawing_the_case_level_async_consent_converts_the_live_session(personas, hearing_case):
    sid = open_session(personas, hearing_case, "statements", start_hours=5)["id"]
    response = api(personas.respondent).post(
        f"/api/v1/cases/{hearing_case.pk}/consents/",
        {"async_hearing": False, "electronic_service": True},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert HearingSession.objects.get(pk=sid).status == "converted"


def test_outsiders_and_bad_input(personas, hearing_case, travel, settings):
    sid = open_session(personas, hearing_case, "statements")["id"]
    for user in (personas.outsider, personas.arbitrator2, personas.mediator):
        assert api(user).get(f"/api/v1/hearing-sessions/{sid}/").status_code == 404, user.username
        assert post(user, sid, kind="statement", text="x").status_code == 404
    assert (
        api(personas.applicant)
        .post(f"/api/v1/cases/{hearing_case.pk}/hearing-sessions/", {}, format="json")
        .status_code
        == 409
    )
    consent(personas.applicant, sid)
    travel.move_to(clock.now() + timedelta(hours=2))
    settings.HEARING_TEXT_LIMIT = 100
    long = post(personas.applicant, sid, kind="statement", text="字" * 101)
    assert long.status_code == 400 and "100" in long.json()["fields"]["text"][0]
    assert post(personas.applicant, sid, kind="statement", text="   ").status_code == 400
    assert post(personas.applicant, sid, kind="shout", text="x").status_code == 400
    # A retried submission with the same Idempotency-Key is one submission.
    client = api(personas.applicant)
    for _ in range(2):
        r = client.post(
            f"/api/v1/hearing-sessions/{sid}/submissions/",
            {"kind": "statement", "text": "一次"},
            format="json",
            HTTP_IDEMPOTENCY_KEY="9b1c0e7e-1111-4a4a-8888-123456789abc",
        )
        assert r.status_code == 201
    assert Submission.objects.filter(session_id=sid, text="一次").count() == 1


def test_the_tribunal_extends_skips_and_repeats_with_reasons(personas, hearing_case, travel):
    session = open_session(personas, hearing_case, "statements", "evidence")
    sid, first, second = session["id"], session["stages"][0], session["stages"][1]
    later = (clock.now() + timedelta(hours=30)).isoformat()
    no_reason = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/stages/{first['id']}/",
        {"action": "extend", "closes_at": later},
        format="json",
    )
    assert no_reason.status_code == 400
    extended = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/stages/{first['id']}/",
        {"action": "extend", "closes_at": later, "reason": "当事人申请延长"},
        format="json",
    )
    assert extended.status_code == 200, extended.json()
    from datetime import datetime

    assert datetime.fromisoformat(extended.json()["stages"][0]["closes_at"]) == datetime.fromisoformat(later)
    skipped = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/stages/{second['id']}/",
        {"action": "skip", "reason": "无需举证"},
        format="json",
    )
    assert skipped.json()["stages"][1]["status"] == "skipped"
    assert (
        api(personas.applicant)
        .post(
            f"/api/v1/hearing-sessions/{sid}/stages/{first['id']}/",
            {"action": "skip", "reason": "x"},
            format="json",
        )
        .status_code
        == 403
    )


def test_a_client_may_name_the_stage_as_the_contract_does(personas, hearing_case, travel):
    session = open_session(personas, hearing_case, "statements", "final_statements")
    sid = session["id"]
    consent(personas.applicant, sid)
    travel.move_to(clock.now() + timedelta(hours=2))
    by_name = post(personas.applicant, sid, stage="statements", kind="statement", text="按名称提交")
    assert by_name.status_code == 201, by_name.json()
    assert by_name.json()["stage"] == session["stages"][0]["id"]
    not_yet = post(personas.applicant, sid, stage="final_statements", kind="final_statement", text="太早")
    assert (not_yet.status_code, not_yet.json()["code"]) == (409, "stage_not_open")
    unknown = post(personas.applicant, sid, stage="debate", kind="statement", text="x")
    assert unknown.status_code == 400 and "stage" in unknown.json()["fields"]
    missing = post(personas.applicant, sid, stage="inquiry", kind="statement", text="x")
    assert missing.status_code == 400 and "stage" in missing.json()["fields"]
