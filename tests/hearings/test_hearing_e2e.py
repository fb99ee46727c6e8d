"""End to end: a whole asynchronous hearing against the real server (daphne, channels-redis) in a subprocess.

The tribunal opens a session with windows of a few seconds (time cannot be frozen across processes), both
parties consent, and each stage is used through the HTTP API while the other party's WebSocket receives
every ``submission.created``; a late submission is refused; a party that does not act in a stage is
recorded as having waived it; the session closes and the case goes to deliberation; the record PDF holds
the submissions' text (``pdftotext``); the hash chain verifies, and fails once a row is altered in the
database behind the application's back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import requests
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Case
from core import clock
from hearings.models import Submission, Waiver
from tests.hearings.helpers import case_in_async_hearing
from tests.helpers import token_for

ROOT = Path(__file__).resolve().parents[2]
WINDOW = 5.0  # seconds per stage: long enough for a loaded 2-core machine to post within it
LEAD = 4.0  # seconds before the first stage opens: the consents and the sockets go in first

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql") or not settings.REDIS_URL,
        reason="the server subprocess shares the test's PostgreSQL database and Redis channel layer",
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
    ),
]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


@pytest.fixture
def server(tmp_path):
    """``manage.py serve`` (daphne) on this test's database and the worker's Redis database."""
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        database_url = database_url.replace("@", f":{db['PASSWORD']}@", 1)
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_SETTINGS", "S3_", "NOTIFICATION_"))
    }
    environ.update(
        DATABASE_URL=database_url,
        DATABASE_POOL_MAX="8",
        REDIS_URL=settings.REDIS_URL,  # the pytest-xdist worker's own database (tests/conftest.py)
        DATA_DIR=str(tmp_path / "data"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve", "--port", str(port)],
            cwd=ROOT,
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(lambda: requests.get(f"{base}/healthz", timeout=2).status_code == 200, 30, "the server")
            yield {"base": base, "ws": f"ws://127.0.0.1:{port}", "log": log_path}
        except BaseException:
            sys.stderr.write(f"--- server log ---\n{log_path.read_text(errors='replace')[-5000:]}\n")
            raise
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


class Client:
    """One participant: the API with its token, and its WebSocket on the session read by a thread."""

    def __init__(self, base: str, user: Any) -> None:
        self.base = base
        self.token = token_for(user)
        self.http = requests.Session()
        self.http.headers.update({"Authorization": f"Token {self.token}", "Accept-Language": "zh-hans"})
        self.events: list[dict[str, Any]] = []
        self._socket: Any = None
        self._sockets = ExitStack()

    def post(self, path: str, body: dict[str, Any]) -> requests.Response:
        return self.http.post(f"{self.base}/api/v1/{path}", json=body, timeout=15)

    def get(self, path: str) -> requests.Response:
        return self.http.get(f"{self.base}/api/v1/{path}", timeout=15)

    def watch(self, ws_base: str, session_id: int) -> None:
        from websockets.sync.client import connect

        self._socket = self._sockets.enter_context(
            connect(
                f"{ws_base}/ws/hearing-sessions/{session_id}/?token={self.token}",
                origin=self.base,  # type: ignore[arg-type]
                open_timeout=10,
            )
        )

        def read() -> None:
            from websockets.exceptions import ConnectionClosed

            try:
                for message in self._socket:
                    self.events.append(json.loads(message))
            except ConnectionClosed:
                pass

        threading.Thread(target=read, daemon=True).start()

    def close(self) -> None:
        self._sockets.close()

    def submissions_seen(self) -> set[int]:
        return {e["submission"] for e in list(self.events) if e.get("type") == "submission.created"}


def _until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - clock.now()).total_seconds()))


def test_a_whole_asynchronous_hearing_against_the_real_server(personas, server):
    started = time.monotonic()
    case = case_in_async_hearing(personas)
    tribunal = Client(server["base"], personas.arbitrator)
    worker = Client(server["base"], personas.applicant)
    employer = Client(server["base"], personas.respondent)
    sides = {"applicant": worker, "respondent": employer}

    first = clock.now() + timedelta(seconds=LEAD)
    kinds = ["statements", "evidence", "inquiry", "final_statements"]
    windows = [
        (first + timedelta(seconds=WINDOW * i), first + timedelta(seconds=WINDOW * (i + 1)))
        for i in range(len(kinds))
    ]
    opened = tribunal.post(
        f"cases/{case.pk}/hearing-sessions/",
        {
            "stages": [
                {"stage": kind, "opens_at": opens.isoformat(), "closes_at": closes.isoformat()}
                for kind, (opens, closes) in zip(kinds, windows, strict=True)
            ]
        },
    )
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    stage_ids = {s["stage"]: s["id"] for s in opened.json()["stages"]}
    for client in (tribunal, worker, employer):
        client.watch(server["ws"], sid)
    for client in (worker, employer):
        answer = client.post(f"hearing-sessions/{sid}/consent/", {"agree": True})
        assert answer.status_code == 200, answer.text
    assert answer.json()["consents"] == {"applicant": True, "respondent": True}

    texts: list[str] = []
    posted: dict[str, list[int]] = {"applicant": [], "respondent": []}

    def submit(side: str, stage: str, kind: str, text: str, **extra: Any) -> dict[str, Any]:
        response = sides[side].post(
            f"hearing-sessions/{sid}/submissions/",
            {"stage": stage_ids[stage], "kind": kind, "text": text, **extra},
        )
        assert response.status_code == 201, (stage, side, response.text)
        texts.append(text)
        posted[side].append(response.json()["id"])
        return response.json()

    def in_window(index: int) -> None:
        _until(windows[index][0] + timedelta(milliseconds=150))
        assert clock.now() < windows[index][1] - timedelta(seconds=1), (
            "the machine is too slow for the windows"
        )

    # Statements and defence: both sides.
    in_window(0)
    submit("applicant", "statements", "statement", "被申请人拖欠我2026年7月至9月工资共24600元。")
    submit("respondent", "statements", "defence", "拖欠属实，系项目回款延迟所致，同意分期支付。")
    # Evidence: only the worker acts; the employer will be recorded as having waived it.
    in_window(1)
    late = worker.post(
        f"hearing-sessions/{sid}/submissions/",
        {"stage": stage_ids["statements"], "kind": "statement", "text": "补充陈述"},
    )
    assert (late.status_code, late.json()["code"]) == (409, "stage_closed")
    submit("applicant", "evidence", "statement", "工资条和银行流水证明每月应发8200元、实发为零。")
    # Questions and answers: the tribunal asks both; both answer.
    in_window(2)
    question = tribunal.post(
        f"hearing-sessions/{sid}/submissions/",
        {
            "stage": stage_ids["inquiry"],
            "kind": "question",
            "text": "双方对欠薪数额有无异议？",
            "to_side": "both",
        },
    )
    assert question.status_code == 201, question.text
    texts.append("双方对欠薪数额有无异议？")
    qid = question.json()["id"]
    submit("applicant", "inquiry", "answer", "没有异议，就是24600元。", in_reply_to=qid)
    submit("respondent", "inquiry", "answer", "数额无异议，请求分三期支付。", in_reply_to=qid)
    # Final statements: both.
    in_window(3)
    submit("applicant", "final_statements", "final_statement", "请求裁决一次性支付拖欠工资。")
    submit("respondent", "final_statements", "final_statement", "请求准许分期支付。")

    # Each party's socket received every submission of the other side.
    for side, other in (("applicant", "respondent"), ("respondent", "applicant")):
        _wait(
            lambda side=side, other=other: set(posted[other]) <= sides[side].submissions_seen(),
            10,
            f"the {side}'s socket to receive the {other}'s submissions",
        )
    assert set(posted["applicant"]) | set(posted["respondent"]) | {qid} <= tribunal.submissions_seen()

    # Every window over: the tribunal closes; the waiver was recorded when the evidence window closed.
    _until(windows[-1][1] + timedelta(milliseconds=200))
    closed = tribunal.post(f"hearing-sessions/{sid}/close/", {"reason": "事实清楚，径行裁决"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    by_kind = {s["stage"]: s for s in closed.json()["stages"]}
    assert by_kind["evidence"]["waived"] == ["respondent"]
    assert [s["waived"] for k, s in by_kind.items() if k != "evidence"] == [[], [], []]
    assert list(Waiver.objects.filter(stage__session_id=sid).values_list("side", flat=True)) == ["respondent"]
    assert Case.objects.get(pk=case.pk).status == "deliberation"
    for client in (worker, employer):
        _wait(lambda c=client: any(e.get("type") == "session.closed" for e in c.events), 10, "session.closed")

    # The record holds every submission's text.
    pdf = worker.get(f"hearing-sessions/{sid}/record.pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    flat = "".join(extracted.split())
    missing = [text for text in texts if "".join(text.split()) not in flat]
    assert missing == [], missing

    # The chain verifies; a row altered behind the application's back breaks it.
    out = StringIO()
    call_command("verify_hearing_record", str(sid), stdout=out)
    assert "chain intact" in out.getvalue()
    target = Submission.objects.filter(session_id=sid, side="respondent").order_by("number").first()
    assert target is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE hearings_submission SET text = %s WHERE id = %s", ["工资已全部付清。", target.pk]
        )
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_hearing_record", str(sid), stdout=StringIO(), stderr=errors)
    assert f"#{target.number}" in errors.getvalue()

    for client in (tribunal, worker, employer):
        client.close()
    assert time.monotonic() - started < 60
