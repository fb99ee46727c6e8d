"""With a keyboard alone: sign in, skip past the header and the navigation, follow the home page's due
action and file the defence. Every control shows where the focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_home_and_notifications import served_case
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {id: el.id, tag: el.tagName, text: (el.textContent || '').trim(),
          href: el.getAttribute('href') || '',
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def tab_to(page: Page, found, limit: int = 40) -> dict:
    """Press Tab until ``found(focused)`` holds; each control passed on the way shows a focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["ring"], f"no visible focus on {focused}"
        if found(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_a_keyboard_alone_signs_in_and_files_the_defence_due(live_server, personas, browser):
    case_id = served_case(personas)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        assert page.evaluate("document.activeElement.id") == "id_username"  # typing can start at once
        page.keyboard.type("p-respondent")
        tab_to(page, lambda f: f["id"] == "id_password", limit=1)
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text("欢迎")

        skip = tab_to(page, lambda f: True, limit=1)
        assert skip["text"] == "跳到正文", skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content"
        tab_to(page, lambda f: "step=file_defence" in f["href"])
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{live_server.url}/cases/{case_id}/?step=file_defence#step-file_defence")
        tab_to(page, lambda f: f["id"] == "id_file_defence_text")
        page.keyboard.type("考勤记录显示申请人并无加班。")
        tab_to(page, lambda f: f["tag"] == "BUTTON" and "答辩" in f["text"], limit=3)
        page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_be_visible()
        expect(page.locator("#timeline")).to_contain_text("考勤记录显示申请人并无加班。")
    finally:
        context.close()
