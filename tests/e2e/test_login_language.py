"""A worker on a phone logs in (Chinese by default), switches to English, and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_and_language_switch_on_a_phone(live_server, personas, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("登录")
    page.fill("#id_username", "p-applicant")
    page.fill("#id_password", "wrong password")
    page.click("button.primary")
    expect(page.locator(".error")).to_be_visible()

    page.fill("#id_username", "p-applicant")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("欢迎")
    expect(page.locator("nav.mainnav")).to_contain_text("通知")
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click("button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Welcome")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.click("button[value=zh-hans]")
    expect(page.locator("h1")).to_contain_text("欢迎")
    page.get_by_role("button", name="退出").click()
    expect(page.locator("h1")).to_have_text("登录")
