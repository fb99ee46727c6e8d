"""On phones: the mediator opens the workspace, writes to the applicant and draws up an agreement (a
negative amount refused at its field first); the applicant, in another browser context, reads the
message on its mediation page and confirms the agreement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cases import services as case_services
from cases.models import Case
from core import clock
from mediation.models import MediationAgreement
from tests.e2e.test_case_pages import PHONE, fits_the_phone, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dispute(personas) -> Case:
    employer = personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[case_services.ClaimInput(category="wage_arrears", description="拖欠三个月工资")],
        facts="拖欠三个月工资。",
        street="测试街",
        consents={"pre_mediation": True, "async_hearing": True, "electronic_service": True},
    )
    case_services.take_step(case=case, user=personas.clerk, name="refer_to_mediation", data={})
    return Case.objects.get(pk=case.pk)


def test_the_mediator_writes_and_drafts_and_the_applicant_reads_and_confirms(
    live_server, personas, dispute, phone_page, browser
):
    page = phone_page
    log_in(page, live_server.url, "p-mediator")
    page.locator('.mainnav a[href="/mediation/"]').click()
    expect(page.locator("h1")).to_have_text("调解工作台")
    expect(page.get_by_test_id("queue-days")).to_contain_text("天")
    fits_the_phone(page)
    page.locator(f'tr[data-case="{dispute.pk}"] a').click()

    form = page.get_by_test_id("message-form")
    form.locator('input[name="to"][value="applicant"]').check()
    form.locator("textarea").fill("请于本周内上传工资条和考勤记录。")
    form.get_by_role("button").click()
    expect(page.get_by_test_id("thread")).to_contain_text("请于本周内上传工资条和考勤记录。")
    expect(page.locator(".chip.active")).to_have_attribute("data-thread", "applicant")
    fits_the_phone(page)

    due = (clock.today() + timedelta(days=10)).isoformat()
    agreement = page.get_by_test_id("agreement-form")
    agreement.locator("#id_item-0-obligor").select_option("respondent")
    agreement.locator("#id_item-0-kind").select_option("payment")
    agreement.locator("#id_item-0-amount").fill("-7800")
    agreement.locator("#id_item-0-due_on").fill(due)
    agreement.locator("#id_item-0-description").fill("支付拖欠工资")
    agreement.get_by_role("button").click()
    expect(page.locator(".field.invalid #id_item-0-amount")).to_be_visible()
    expect(page.locator(".field.invalid .field-error")).to_contain_text("金额不能为负数")
    assert not MediationAgreement.objects.exists()
    fits_the_phone(page)

    agreement = page.get_by_test_id("agreement-form")
    agreement.locator("#id_item-0-amount").fill("7800")
    agreement.get_by_role("button").click()
    expect(page.get_by_test_id("agreement-status")).to_be_visible()
    expect(page.get_by_test_id("agreement-item")).to_contain_text("¥7800.00")
    fits_the_phone(page)

    context = browser.new_context(**PHONE)
    try:
        worker = context.new_page()
        log_in(worker, live_server.url, "p-applicant")
        worker.goto(f"{live_server.url}/cases/{dispute.pk}/")
        worker.locator(f'a[href="/cases/{dispute.pk}/mediation/"]').first.click()
        expect(worker.get_by_test_id("thread")).to_contain_text("请于本周内上传工资条和考勤记录。")
        expect(worker.get_by_test_id("days-left")).to_contain_text("天")
        fits_the_phone(worker)
        worker.get_by_test_id("confirm-form").get_by_role("button").click()
        expect(worker.get_by_test_id("confirmation-applicant")).to_contain_text("已确认")
        expect(worker.get_by_test_id("confirm-form")).to_have_count(0)
        fits_the_phone(worker)
    finally:
        context.close()
    agreement_row = MediationAgreement.objects.get()
    assert agreement_row.applicant_confirmed_at is not None and agreement_row.respondent_confirmed_at is None
