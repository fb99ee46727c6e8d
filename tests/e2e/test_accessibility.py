"""An automated accessibility check (axe-core) of the pages a party and a clerk use on a phone: no serious or
critical violation. The check itself runs on every page any browser test opens (tests/e2e/conftest.py);
here it is shown to catch a violation, and the main pages are visited in both languages. axe-core comes
from tests/e2e/js (``make axe``, locked in its package-lock.json); nothing is downloaded while the tests
run."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.test_case_pages import log_in
from tests.helpers import file_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def checked(page: Page, reports: list[dict], path: str, since: int = 0) -> dict:
    """The axe report of the page at ``path`` (loaded after report number ``since``), waiting for the page's
    own check to finish."""
    for _ in range(100):
        found = [report for report in reports[since:] if report["url"] == path]
        if found:
            return found[-1]
        page.wait_for_timeout(50)
    raise AssertionError(f"{path} was not checked; checked: {[r['url'] for r in reports]}")


def test_a_violation_on_any_page_a_browser_test_opens_is_reported(live_server, phone_page, axe_on_every_page):
    """The conftest's hook runs axe-core on every page load, with no call from the test: a planted image
    without a text alternative is reported, and so is a row coloured as overdue that does not say so in
    words; a real page next to them is clean."""
    page = phone_page
    planted = (
        '<html lang="en"><head><title>planted</title></head>'
        '<body><main><img src="x.png"><table><tr class="row-overdue"><td>2026-03-12</td></tr></table>'
        "</main></body></html>"
    )
    page.route("**/planted/", lambda route: route.fulfill(status=200, content_type="text/html", body=planted))
    page.goto(f"{live_server.url}/planted/")
    found = checked(page, axe_on_every_page, "/planted/")["violations"]
    assert [v["rule"] for v in found] == ["image-alt", "colour-only"]
    page.goto(f"{live_server.url}/help/")
    assert checked(page, axe_on_every_page, "/help/")["violations"] == []
    axe_on_every_page.clear()  # the planted violation is this test's point, not a failure


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pages_a_party_and_a_clerk_use_pass_axe(
    live_server, personas, phone_page, axe_on_every_page, language
):
    page = phone_page
    case_id = file_case(personas.applicant)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    assert checked(page, axe_on_every_page, "/accounts/login/")["violations"] == []
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
            since = len(axe_on_every_page)
            page.goto(f"{base}{path}")
            assert checked(page, axe_on_every_page, path, since)["violations"] == [], (username, path)
