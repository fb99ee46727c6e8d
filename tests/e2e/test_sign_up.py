"""A worker on a phone signs up with an SMS code (read from the console channel), resets the password the
same way, and signs in with the new one."""

from __future__ import annotations

import logging
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = "13612345678"


def test_sign_up_reset_and_sign_in_on_a_phone(live_server, phone_page, caplog):
    caplog.set_level(logging.INFO, logger="core.notifications")

    def last_code() -> str:
        texts = [r.getMessage() for r in caplog.records if r.getMessage().startswith(f"text to {PHONE}")]
        assert texts, "nothing was texted"
        return re.search(r"(?<!\d)(\d{6})(?!\d)", texts[-1]).group(1)

    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="首次使用？用手机号注册").click()
    expect(page.locator("h1")).to_have_text("注册")
    page.fill("#id_phone", "136 1234 5678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.locator(".messages")).to_contain_text(PHONE)
    page.fill("#id_code", last_code())
    page.fill("#id_password", "paper-kite-sunrise-5")
    page.fill("#id_display_name", "赵六")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("欢迎")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="退出").click()

    page.get_by_role("link", name="忘记密码？").click()
    page.fill("#id_phone", PHONE)
    page.get_by_role("button", name="获取验证码").click()
    page.fill("#id_code", last_code())
    page.fill("#id_password", "stone-bridge-autumn-8")
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("登录")
    expect(page.locator(".messages")).to_contain_text("密码已修改")

    page.fill("#id_username", PHONE)
    page.fill("#id_password", "stone-bridge-autumn-8")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("欢迎")
