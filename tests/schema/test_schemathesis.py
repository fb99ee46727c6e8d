"""Schemathesis, with every one of its checks, against a live server (daphne, as in production) on the
demo data, signed in as demo personas in turn. Any failure fails the test, with schemathesis's report.

Bounded and repeatable: deterministic generation, a fixed number of examples per operation, one worker
(so requests, and what they change, come in the same order each time), the demo data seeded afresh for
each run in the test's own database (emptied afterwards). Unsafe methods are included: what a persona's
run changes (a case withdrawn, a calendar day marked) is part of what the next persona's run meets, the
same each time. The coverage phase (boundary and invalid values of every parameter and field) depends on
the input rather than on who sends it and is the slowest, so it runs for the clerk only; the fuzzing and
stateful phases run for every persona.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
ST = Path(sys.executable).with_name("st")
MAX_EXAMPLES = 10
# (persona, phases): the clerk first, with every phase; see the module docstring.
RUNS = [
    ("clerk", "examples,coverage,fuzzing,stateful"),
    ("applicant", "examples,fuzzing,stateful"),
    ("respondent", "examples,fuzzing,stateful"),
    ("arbitrator", "examples,fuzzing,stateful"),
    ("supervisor", "examples,fuzzing,stateful"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def live_server_on_demo_data(settings, tmp_path):
    """``manage.py serve`` in a subprocess, on the demo data seeded into this test's database."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("the schemathesis run needs PostgreSQL (a database the server process can share)")
        pytest.skip("needs PostgreSQL: the test database must be shared with the server process")
    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "S3_ENDPOINT_URL": settings.S3_ENDPOINT_URL,
        "S3_PUBLIC_ENDPOINT_URL": settings.S3_PUBLIC_ENDPOINT_URL,
        "S3_ACCESS_KEY": settings.S3_ACCESS_KEY,
        "S3_SECRET_KEY": settings.S3_SECRET_KEY,
        "S3_BUCKET": settings.S3_BUCKET,
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    env.pop("DEBUG", None)  # the production error pages, never the technical ones
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/api/schema/?format=json", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{(tmp_path / 'server.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield base, env["DATABASE_URL"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_schemathesis_finds_nothing_on_the_demo_data(live_server_on_demo_data, tmp_path):
    base, database_url = live_server_on_demo_data
    # Not in the schema (it documents JSON bodies), so schemathesis no longer sends it: a malformed
    # multipart body, which Twisted under daphne used to answer itself with an empty 400.
    malformed = requests.post(
        f"{base}/api/v1/notifications/read/",
        data=b"--c637e12e2b1a998d80d1b087531af51c--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=c637e12e2b1a998d80d1b087531af51c"},
        timeout=30,
    )
    assert malformed.status_code == 401
    assert malformed.json()["code"] == "not_authenticated"
    failures = []
    for persona, phases in RUNS:
        command = [
            str(ST),
            "--config-file",
            str(CONFIG),
            "run",
            f"{base}/api/schema/?format=json",
            "--checks",
            "all",
            "--phases",
            phases,
            "--max-examples",
            str(MAX_EXAMPLES),
            "--generation-deterministic",
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--no-color",
        ]
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            "SCHEMATHESIS_HOOKS": "tests.schema.st_hooks",
            "SCHEMATHESIS_PERSONA": persona,
        }
        # Its own folder: schemathesis keeps state in the working directory's .schemathesis/.
        cwd = tmp_path / persona
        cwd.mkdir()
        run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            failures.append(f"===== as {persona} (exit {run.returncode}) =====\n{run.stdout}\n{run.stderr}")
    assert not failures, "\n".join(failures)
