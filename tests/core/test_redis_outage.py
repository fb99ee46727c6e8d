"""Fault injection: Redis dies in the middle of 40 filings and comes back.

The test starts its own ``redis-server``, the project's server (``manage.py serve``: daphne, HTTP and
WebSocket) and a Celery worker with its beat (``celery -A config worker -B``) in subprocesses, pointed at
that Redis and at this test's database. It fires 20 filings with an ``Idempotency-Key`` and 20 without,
all at once, kills Redis (SIGKILL, no persistence: whatever it held is gone) after the first answers,
retries what failed the way a careful client does — a keyed request with the same key, an unkeyed one
only when the answer said nothing was written (503) — then starts Redis again and shows:

- every filing that was committed was answered 2xx, or 503 with nothing written (the cases in the
  database are exactly those the answers name);
- after the retries there are exactly 40 cases, none twice;
- every notification reaches the outside channel exactly once once Redis is back (the recording
  channel's own record, and one SENT delivery per notification).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
import requests
from django.conf import settings
from django.db import connection

from cases.models import Case
from core.models import Notification, NotificationDelivery, OutboxMessage
from tests.helpers import application, token_for

ROOT = Path(__file__).resolve().parents[2]
KEYED = 20
UNKEYED = 20
KILL_AFTER = 8  # answers before Redis is killed
BUDGET_SECONDS = 60

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the server and worker subprocesses share the test's PostgreSQL database",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, redis.RedisError, requests.RequestException):
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class OwnRedis:
    """A redis-server of this test's own, that the test can kill and start again on the same port."""

    def __init__(self, directory: Path) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(shutil.which("redis-server")),
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
        )
        _wait(lambda: redis.Redis.from_url(self.url).ping(), 10, "redis-server to answer")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def stack(tmp_path):
    """Redis, the server and a worker with beat, all of this test's own; yields what the test needs."""
    started = time.monotonic()
    own_redis = OwnRedis(tmp_path)
    own_redis.start()
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        database_url = database_url.replace("@", f":{db['PASSWORD']}@", 1)
    record = tmp_path / "sent.txt"
    record.touch()
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_SETTINGS", "S3_", "NOTIFICATION_"))
    }
    environ.update(
        DATABASE_URL=database_url,
        DATABASE_POOL_MAX="8",
        REDIS_URL=own_redis.url,
        NOTIFICATION_CHANNELS="tests.recording_channel.RecordingChannel",
        RECORDING_CHANNEL_FILE=str(record),
        OUTBOX_RELAY_SECONDS="1",
        OUTBOX_RETRY_MAX_SECONDS="2",
        OUTBOX_REDELIVER_SECONDS="8",
        DATA_DIR=str(tmp_path / "data"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    port = _free_port()
    logs = {name: (tmp_path / f"{name}.log").open("wb") for name in ("server", "worker")}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environ,
        stdout=logs["server"],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "-B", "--pool", "solo"),
            *("--schedule", str(tmp_path / "beat-schedule"), "--loglevel", "WARNING", "--without-heartbeat"),
            *("--without-gossip", "--without-mingle", "-n", f"outage-{port}@%h"),
        ],
        cwd=ROOT,
        env=environ,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: requests.get(f"{base}/healthz", timeout=2).status_code == 200, 30, "the server")
        yield {"base": base, "redis": own_redis, "record": record, "logs": tmp_path, "started": started}
    finally:
        for process in (worker, server):
            _stop(process)
        own_redis.stop()
        for log in logs.values():
            log.close()


@dataclass
class Filing:
    """One logical filing by the client, and every answer it got."""

    number: int
    key: str | None
    body: dict[str, Any]
    answers: list[int | str] = field(default_factory=list)  # status codes, or "connection error"
    case_id: int | None = None

    def send(self, base: str, token: str) -> None:
        headers = {"Authorization": f"Token {token}", "Accept-Language": "zh-hans"}
        if self.key:
            headers["Idempotency-Key"] = self.key
        try:
            response = requests.post(f"{base}/api/v1/cases/", json=self.body, headers=headers, timeout=15)
        except requests.RequestException:
            self.answers.append("connection error")
            return
        self.answers.append(response.status_code)
        if 200 <= response.status_code < 300:
            self.case_id = response.json()["id"]
        elif response.status_code == 503:
            assert response.json()["code"] == "unavailable", response.text

    @property
    def done(self) -> bool:
        return self.case_id is not None

    @property
    def may_retry(self) -> bool:
        """A keyed request is replayed, never repeated; an unkeyed one only when nothing was written."""
        return bool(self.key) or self.answers[-1] == 503


def test_redis_killed_in_the_middle_of_40_filings(stack, personas):
    started = stack["started"]  # the budget includes starting Redis, the server and the worker
    base, own_redis, record = stack["base"], stack["redis"], stack["record"]
    token = token_for(personas.applicant)
    filings = [
        Filing(n, str(uuid.uuid4()) if n < KEYED else None, application(facts=f"第{n}号申请：拖欠工资。"))
        for n in range(KEYED + UNKEYED)
    ]

    answered = threading.Semaphore(0)
    killed_at: list[float] = []

    def first_try(filing: Filing) -> float:
        filing.send(base, token)
        answered.release()
        return time.monotonic()

    with ThreadPoolExecutor(max_workers=len(filings)) as pool:
        futures = [pool.submit(first_try, filing) for filing in filings]
        for _ in range(KILL_AFTER):
            answered.acquire(timeout=30)
        own_redis.kill()
        killed_at.append(time.monotonic())
        finished = [future.result() for future in futures]
    first_answers = Counter(filing.answers[0] for filing in filings)
    after_the_kill = sum(1 for moment in finished if moment > killed_at[0])
    assert after_the_kill >= len(filings) // 2, "Redis was not killed in the middle of the filings"

    # Retry what failed, the way a careful client does; Redis is still down.
    for _round in range(5):
        pending = [f for f in filings if not f.done and f.may_retry]
        if not pending:
            break
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda f: f.send(base, token), pending))
        time.sleep(0.2)
    unknown = [f for f in filings if not f.done]
    assert unknown == [], [(f.number, f.key, f.answers) for f in unknown]

    # Every answer reflects the commit: 2xx for a written case, 503 only when nothing was written.
    assert set(first_answers) <= {201, 503}, first_answers
    assert all(a in (201, 503) for f in filings for a in f.answers), [f.answers for f in filings]
    case_ids = sorted(Case.objects.values_list("pk", flat=True))
    assert case_ids == sorted(f.case_id for f in filings)  # no duplicates, nothing unanswered
    assert len(case_ids) == KEYED + UNKEYED

    # Redis comes back, empty; the worker reconnects and the relay delivers what waited in the outbox.
    own_redis.start()
    restarted = time.monotonic()
    notifications = set(Notification.objects.filter(kind="case.filed").values_list("pk", flat=True))
    assert len(notifications) == len(case_ids)

    def all_delivered() -> bool:
        sent = Counter(int(line) for line in record.read_text().split())
        return (
            set(sent) == notifications
            and not OutboxMessage.objects.filter(completed_at__isnull=True).exists()
        )

    try:
        _wait(all_delivered, max(5.0, BUDGET_SECONDS - (time.monotonic() - started) - 5), "every delivery")
    except AssertionError:
        for name in ("server", "worker"):
            sys.stderr.write(f"--- {name} log ---\n{(stack['logs'] / f'{name}.log').read_text()[-5000:]}\n")
        raise
    time.sleep(1)  # a duplicate run in flight would show up now
    sent = Counter(int(line) for line in record.read_text().split())
    assert sent == Counter(dict.fromkeys(notifications, 1)), "a notification went out twice"
    deliveries = Counter(
        NotificationDelivery.objects.filter(status="sent").values_list("notification_id", flat=True)
    )
    assert deliveries == Counter(dict.fromkeys(notifications, 1))
    elapsed = time.monotonic() - started
    summary = {
        "first_answers": dict(first_answers),
        "answered_after_the_kill": after_the_kill,
        "retries": sum(len(f.answers) - 1 for f in filings),
        "cases": len(case_ids),
        "notifications": len(notifications),
        "sent_once": sum(1 for count in sent.values() if count == 1),
        "delivered_seconds_after_restart": round(time.monotonic() - restarted, 1),
        "seconds_with_start_up": round(elapsed, 1),
    }
    print(json.dumps(summary))
    assert elapsed < BUDGET_SECONDS, summary
