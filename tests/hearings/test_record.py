"""The hearing record (笔录) as a PDF and the parties' confirmation of it."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from pypdf import PdfReader
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from core import clock
from hearings.api.serializers import SubmissionSerializer
from hearings.models import RecordConfirmation, Submission
from tests.evidence.conftest import submit as submit_evidence
from tests.hearings.test_sessions import consent, open_session, post
from tests.helpers import api

pytestmark = pytest.mark.django_db

STATEMENT = "被申请人拖欠我三个月工资共24000元，请求支付。"
DEFENCE = "工资已于十月部分支付，余额同意分期支付。"
QUESTION = "请申请人说明入职时间及月工资标准。"
ANSWER = "2024年3月入职，月工资8000元。"


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def flat(text: str) -> str:
    """Extracted text without the line breaks the layout put inside long sentences."""
    return "".join(text.split())


@pytest.fixture
def closed_session(personas, hearing_case, travel):
    """A session used by both sides (statement, defence, evidence, a question to both that only the
    applicant answers, so the respondent waived the inquiry), closed."""
    session = open_session(personas, hearing_case, "statements", "inquiry", hours=24)
    sid = session["id"]
    assert consent(personas.applicant, sid).status_code == 200
    assert consent(personas.respondent, sid).status_code == 200
    travel.move_to(clock.now() + timedelta(hours=2))
    item = submit_evidence(personas.applicant, hearing_case.pk)
    assert (
        post(personas.applicant, sid, kind="statement", text=STATEMENT, evidence=[item["id"]]).status_code
        == 201
    )
    assert post(personas.respondent, sid, kind="defence", text=DEFENCE).status_code == 201
    travel.move_to(clock.now() + timedelta(hours=24))  # the inquiry
    question = post(personas.arbitrator, sid, kind="question", text=QUESTION, to_side="both")
    assert question.status_code == 201
    answer = post(personas.applicant, sid, kind="answer", text=ANSWER, in_reply_to=question.json()["id"])
    assert answer.status_code == 201
    travel.move_to(clock.now() + timedelta(hours=48))  # every window over
    closed = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/close/", {"reason": "事实清楚"}, format="json"
    )
    assert closed.status_code == 200, closed.json()
    return {"id": sid, "evidence_title": item["title"]}


def record(user, sid: int) -> bytes:
    response = api(user).get(f"/api/v1/hearing-sessions/{sid}/record.pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def confirm(user, sid: int, sha256: str):
    return api(user).post(
        f"/api/v1/hearing-sessions/{sid}/record/confirm/", {"sha256": sha256}, format="json"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_record_holds_every_submission_in_chinese(personas, hearing_case, closed_session):
    pdf = record(personas.applicant, closed_session["id"])
    text = flat(pdftotext(pdf))
    for expected in (STATEMENT, DEFENCE, QUESTION, ANSWER, closed_session["evidence_title"]):
        assert flat(expected) in text
    assert "异步" in text and "笔录" in text  # the title, in Chinese
    assert "张三" in text and "仲裁员甲" in text  # a party and the tribunal
    assert "答辩" in text  # the kinds
    assert "放弃" in text  # the respondent did not answer the question put to both: waived
    assert "事实清楚" in text  # how it ended


def test_the_record_reads_the_same_with_pypdf_and_is_the_same_bytes_for_everyone(
    personas, closed_session, travel
):
    sid = closed_session["id"]
    pdf = record(personas.applicant, sid)
    text = flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert flat(STATEMENT) in text and flat(ANSWER) in text
    travel.move_to(clock.now() + timedelta(days=3))  # another day, another reader, another language
    again = api(personas.respondent, language="en").get(f"/api/v1/hearing-sessions/{sid}/record.pdf").content
    assert again == pdf
    assert record(personas.arbitrator, sid) == pdf


def test_each_party_confirms_the_record_it_read_once(personas, closed_session):
    sid = closed_session["id"]
    sha = hashlib.sha256(record(personas.applicant, sid)).hexdigest()

    changed = confirm(personas.applicant, sid, "0" * 64)
    assert (changed.status_code, changed.json()["code"]) == (409, "record_changed")
    assert confirm(personas.applicant, sid, "not a hash").status_code == 400

    mine = confirm(personas.applicant, sid, sha)
    assert mine.status_code == 201, mine.json()
    assert (mine.json()["side"], mine.json()["pdf_sha256"]) == ("applicant", sha)
    twice = confirm(personas.applicant, sid, sha)
    assert (twice.status_code, twice.json()["code"]) == (409, "already_confirmed")
    # The first confirmation does not change the document the other side confirms.
    assert hashlib.sha256(record(personas.respondent, sid)).hexdigest() == sha
    assert confirm(personas.respondent, sid, sha.upper()).status_code == 201
    assert confirm(personas.arbitrator, sid, sha).status_code == 403  # the tribunal does not confirm
    stored = RecordConfirmation.objects.filter(session_id=sid).order_by("side")
    assert [(c.side, c.pdf_sha256) for c in stored] == [("applicant", sha), ("respondent", sha)]
    events = api(personas.arbitrator).get(f"/api/v1/hearing-sessions/{sid}/events/").json()["results"]
    assert [e["data"]["side"] for e in events if e["type"] == "record.confirmed"] == [
        "applicant",
        "respondent",
    ]


def test_no_confirmation_before_the_session_closed(personas, hearing_case, travel):
    session = open_session(personas, hearing_case, "statements")
    sid = session["id"]
    assert consent(personas.applicant, sid).status_code == 200
    travel.move_to(clock.now() + timedelta(hours=2))
    assert post(personas.applicant, sid, kind="statement", text=STATEMENT).status_code == 201
    sha = hashlib.sha256(record(personas.applicant, sid)).hexdigest()
    early = confirm(personas.applicant, sid, sha)
    assert (early.status_code, early.json()["code"]) == (409, "invalid_transition")
    assert not RecordConfirmation.objects.exists()


def test_the_record_rows_built_by_hand_are_what_the_declared_fields_give(personas, closed_session):
    """SubmissionSerializer builds its rows by hand (a page's Python time); its fields, which the schema
    shows, must give the same: evidence, a question to both, an answer to it, the tribunal's side."""
    sid = closed_session["id"]
    for user in (personas.applicant, personas.arbitrator):
        rows = api(user).get(f"/api/v1/hearing-sessions/{sid}/submissions/").json()["results"]
        subs = Submission.objects.filter(session_id=sid).order_by("number")
        by_fields = [
            serializers.ModelSerializer.to_representation(SubmissionSerializer(), sub) for sub in subs
        ]
        assert rows == json.loads(JSONRenderer().render(by_fields)), user.username
        assert [r["kind"] for r in rows] == ["statement", "defence", "question", "answer"]
        assert rows[0]["evidence"] and rows[3]["in_reply_to"] == rows[2]["id"] and rows[2]["side"] == ""


def test_outsiders_get_404(personas, closed_session):
    sid = closed_session["id"]
    outsider = api(personas.outsider)
    assert outsider.get(f"/api/v1/hearing-sessions/{sid}/record.pdf").status_code == 404
    assert confirm(personas.outsider, sid, "0" * 64).status_code == 404
    assert api().get(f"/api/v1/hearing-sessions/{sid}/record.pdf").status_code in (401, 403)
