"""Browser tests: Debian's Chromium driven by Playwright (it cannot download its own browsers here).

Run in their own pytest invocation (``make test`` does): once Playwright's sync loop has run, async
tests later in the same process fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is required for the browser tests (make browser installs it)")
        pytest.skip("chromium is not installed (make browser installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def phone_page(browser):
    """A page the size of a common phone screen."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


# --- the project's own ASGI server, for pages with a live WebSocket ------------------------------------
# pytest-django's ``live_server`` speaks WSGI only, so pages whose socket matters are served by
# ``manage.py serve`` (daphne) in a subprocess pointed at the test's database. The test database is
# transactional, so what the test makes is committed and the server sees it; the server is stopped before
# the database is flushed. The channel layer is whatever the run's settings choose (channels-redis with
# ``REDIS_URL``, in-memory without: then only pushes made in the server process reach its sockets).


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    """The test database as a URL for the server process."""
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the ASGI server subprocess needs PostgreSQL (DATABASE_URL) to share the test database")
    base = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(base._replace(path=f"/{settings['NAME']}"))


@pytest.fixture
def asgi_server(transactional_db, tmp_path):
    """``manage.py serve`` (daphne, HTTP and WebSocket) on the test database; its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DATABASE_POOL": "false",  # no idle pooled connections to the test database when it is flushed
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONUNBUFFERED": "1",
    }
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail("the ASGI server exited:\n" + (tmp_path / "serve.log").read_text())
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code < 500:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the ASGI server did not answer:\n" + (tmp_path / "serve.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
