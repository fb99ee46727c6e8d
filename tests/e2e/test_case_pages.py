"""On a phone: a worker files an application through the wizard; a clerk accepts it from the intake queue."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD, credit_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("欢迎")


def test_a_worker_files_on_a_phone_and_a_clerk_accepts(live_server, personas, phone_page, browser):
    page = phone_page
    log_in(page, live_server.url, "p-applicant")
    page.get_by_role("link", name="提交仲裁申请").first.click()

    expect(page.get_by_test_id("wizard-progress")).to_contain_text("第 1 步，共 5 步")
    fits_the_phone(page)
    page.fill("#id_name", "广州市云帆信息科技有限公司")
    page.fill("#id_credit_code", "not-a-code")
    page.get_by_role("button", name="下一步").click()
    expect(page.locator(".field-error")).to_be_visible()  # refused on its own step
    page.fill("#id_credit_code", credit_code())
    page.get_by_role("button", name="下一步").click()

    expect(page.get_by_test_id("wizard-progress")).to_contain_text("第 2 步，共 5 步")
    page.select_option("#id_claim-0-category", "wage_arrears")
    page.fill("#id_claim-0-amount", "12000")
    page.fill("#id_claim-0-description", "2026年8月至10月工资")
    page.get_by_role("button", name="再加一项").click()
    expect(page.locator("fieldset.claim-row")).to_have_count(4)
    page.select_option("#id_claim-1-category", "overtime")
    page.fill("#id_claim-1-description", "延长工作时间加班费")
    fits_the_phone(page)
    page.get_by_role("button", name="下一步").click()

    expect(page.get_by_test_id("wizard-progress")).to_contain_text("第 3 步，共 5 步")
    page.fill("#id_facts", "申请人于2024年3月入职，任软件测试员，月工资4000元；被申请人拖欠三个月工资。")
    page.get_by_role("button", name="下一步").click()

    expect(page.get_by_test_id("wizard-progress")).to_contain_text("第 4 步，共 5 步")
    page.check("#id_async_hearing")
    page.check("#id_electronic_service")
    page.get_by_role("button", name="下一步").click()

    expect(page.get_by_test_id("wizard-progress")).to_contain_text("第 5 步，共 5 步")
    expect(page.locator("form.wizard")).to_contain_text("广州市云帆信息科技有限公司")
    expect(page.locator("form.wizard")).to_contain_text("¥12000.00")
    fits_the_phone(page)
    page.get_by_role("button", name="提交仲裁申请").click()

    expect(page.get_by_test_id("case-label")).to_contain_text("申请编号")
    expect(page.get_by_test_id("case-status")).to_have_text("已提交")
    expect(page.locator(".messages")).to_contain_text("您的申请已提交")
    expect(page.locator("#claims")).to_contain_text("延长工作时间加班费")
    fits_the_phone(page)
    case_url = page.url

    # The clerk, on a phone of their own.
    context = browser.new_context(**PHONE)
    try:
        clerk = context.new_page()
        log_in(clerk, live_server.url, "p-clerk")
        clerk.get_by_role("link", name="立案审查").first.click()
        expect(clerk.locator("h1")).to_have_text("立案审查")
        fits_the_phone(clerk)
        clerk.locator("table.cases").get_by_role("link", name="申请编号").first.click()
        assert clerk.url == case_url

        accept = clerk.locator("#step-accept")
        accept.locator("summary").click()
        accept.locator("#id_accept_procedure").select_option("simplified")
        accept.locator("#id_accept_facts_clear").check()
        accept.locator("#id_accept_arbitrator_1").select_option(label="仲裁员甲")
        fits_the_phone(clerk)
        accept.get_by_role("button", name="受理立案").click()

        expect(clerk.get_by_test_id("case-status")).to_have_text("已受理")
        expect(clerk.get_by_test_id("case-number")).to_contain_text("穗天劳人仲案字〔")
        expect(clerk.get_by_test_id("case-label")).to_contain_text("号")
        expect(clerk.locator("#tribunal")).to_contain_text("仲裁员甲")
        expect(clerk.locator("#timeline")).to_contain_text("受理立案")
        fits_the_phone(clerk)
    finally:
        context.close()
