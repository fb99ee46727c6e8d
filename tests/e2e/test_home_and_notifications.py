"""On a phone, the home page says what to do now and leads there; in English, notifications read in English.

The employer's HR clerk signs in after the commission served the application: the home page lists the
defence with its date, the link opens the case at the defence form, and once the defence is filed the home
page has nothing left for them. The same clerk switches to English and reads the commission's notice in
English, though it was sent while the account was set to Chinese."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_case_pages import fits_the_phone, log_in
from tests.helpers import api, file_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def served_case(personas) -> int:
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    clerk = api(personas.clerk)
    accepted = clerk.post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk]},
        format="json",
    )
    assert accepted.status_code == 200, accepted.json()
    served = clerk.post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json")
    assert served.status_code == 200, served.json()
    return case_id


def test_the_home_page_lists_the_defence_due_and_leads_to_its_form(live_server, personas, phone_page):
    case_id = served_case(personas)
    page = phone_page
    log_in(page, live_server.url, "p-respondent")

    actions = page.get_by_test_id("my-actions")
    due = actions.locator("li[data-kind=defence]")
    expect(due).to_have_count(1)
    expect(due).to_contain_text("被申请人答辩")
    deadlines = api(personas.respondent).get(f"/api/v1/cases/{case_id}/").json()["deadlines"]
    due_on = next(d["due_on"] for d in deadlines if d["kind"] == "defence")
    expect(due.locator("time")).to_have_attribute("datetime", due_on)
    fits_the_phone(page)

    due.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/cases/{case_id}/?step=file_defence#step-file_defence")
    step = page.locator("#step-file_defence")
    expect(step).to_be_in_viewport()
    step.locator("textarea").fill("申请人主张的加班并不存在，考勤记录可证。")
    step.get_by_role("button").first.click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("my-actions").locator("li[data-kind]")).to_have_count(0)
    expect(page.get_by_test_id("my-actions")).to_contain_text("目前没有需要您办理的事项")


def test_the_english_page_shows_a_notification_sent_in_chinese_in_english(live_server, personas, phone_page):
    served_case(personas)
    page = phone_page
    log_in(page, live_server.url, "p-respondent")
    page.goto(f"{live_server.url}/notifications/")
    chinese = page.locator("main").inner_text()
    assert "仲裁申请书已向您送达，请在 10 日内提交答辩书" in chinese, chinese

    page.click("button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/notifications/")
    english = page.locator("main").inner_text()
    assert "served on you" in english, english
    assert "送达" not in english, english
    fits_the_phone(page)
