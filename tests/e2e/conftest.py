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


# --- axe-core on every page the browser tests open ------------------------------------------------------
# Every browser context the tests make gets axe-core as an init script: each HTML document runs the check
# itself once it has loaded and reports through a binding, so no page a test visits goes unchecked and the
# tests need not call it. A serious or critical violation on any of them fails the test at teardown, and so
# does a row or badge coloured as overdue or due soon that does not also say so in words.
AXE = ROOT / "tests" / "e2e" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_ON_LOAD = """
if (window.top === window) {
  window.addEventListener('load', () => setTimeout(async () => {
    if (document.contentType !== 'text/html' || typeof axe === 'undefined') return;
    const result = await axe.run(document, {runOnly: {type: 'tag', values: %s}});
    const serious = result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({rule: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    // Colour is never the only signal: whatever is coloured as overdue or due soon also says so in words.
    const coloured = '.row-overdue, .row-soon, .deadline-overdue, .tag.overdue, .tag.soon';
    const marked = document.querySelectorAll(coloured);
    const mute = [...marked].filter(el => {
      const tag = el.classList.contains('tag') ? el : el.querySelector('.tag.overdue, .tag.soon');
      return !tag || !tag.innerText.trim();
    });
    if (mute.length) {
      const nodes = mute.slice(0, 5).map(el => el.outerHTML.slice(0, 120));
      serious.push({rule: 'colour-only', impact: 'serious', nodes});
    }
    await window.__axeReport({url: location.pathname + location.search, violations: serious});
  }, 0));
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "axe-core is required for the browser tests' accessibility check (make axe installs it)"
            )
        pytest.skip("axe-core is not installed (make axe installs it)")
    return AXE.read_text()


@pytest.fixture(autouse=True)
def axe_on_every_page(request, monkeypatch):
    """Checks each page a browser test loads; yields the list of reports (url, violations) so far."""
    if "browser" not in request.fixturenames and "phone_page" not in request.fixturenames:
        yield []
        return
    source = request.getfixturevalue("axe_source")
    browser = request.getfixturevalue("browser")
    reports: list[dict] = []
    make_context = browser.new_context

    def new_context(**kwargs):
        context = make_context(**kwargs)
        context.expose_binding("__axeReport", lambda _source, report: reports.append(report))
        context.add_init_script(script=source + "\n" + AXE_ON_LOAD % AXE_TAGS)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield reports
    failing = [report for report in reports if report["violations"]]
    assert not failing, f"axe found serious or critical violations: {failing}"
