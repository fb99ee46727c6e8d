"""An automated accessibility check (axe-core) of the pages a party and a clerk use on a phone: no serious or
critical violation. axe-core comes from tests/e2e/js (``make axe``, locked in its package-lock.json); nothing
is downloaded while the tests run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.test_case_pages import log_in
from tests.helpers import file_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.x A and AA rules; only what axe rates serious or critical fails the test.
RUN_AXE = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({rule: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
}"""


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is required for the accessibility test (make axe installs it)")
        pytest.skip("axe-core is not installed (make axe installs it)")
    return AXE.read_text()


def violations(page: Page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pages_a_party_and_a_clerk_use_pass_axe(live_server, personas, phone_page, axe_source, language):
    page = phone_page
    case_id = file_case(personas.applicant)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    assert violations(page, axe_source) == [], "login"
    for username, paths in (
        (
            "p-applicant",
            ["/", "/help/", "/help/contact/", "/help/privacy/", f"/cases/{case_id}/", "/notifications/"],
        ),
        ("p-clerk", ["/", f"/cases/{case_id}/"]),
    ):
        page.context.clear_cookies()
        log_in(page, base, username)
        if language == "en":
            page.click("button[value=en]")
        for path in paths:
            page.goto(f"{base}{path}")
            assert violations(page, axe_source) == [], (username, path)
