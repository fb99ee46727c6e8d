"""In a browser: the arbitrator opens the award workbench of a case heard asynchronously, finds each side's
element positions filled in from their statements (the agreed ones ticked) and the statements themselves,
and watches each item's amount recomputed as the figures are typed and changed; saving keeps it."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from arbitration.models import Award
from tests.arbitration.test_award_positions import heard_with_statements
from tests.e2e.test_case_pages import fits_the_phone, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_workbench_prefills_the_positions_and_recomputes_live(live_server, personas, phone_page):
    # The hearing took place in March (frozen time only while it is set up: the browser runs in real time).
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as traveller:
        case, _sid = heard_with_statements(personas, traveller)
    page = phone_page
    log_in(page, live_server.url, "p-arbitrator")
    page.goto(f"{live_server.url}/cases/{case.pk}/award/")
    expect(page.locator("h1")).to_have_text("裁决工作台")

    # The positions from the statements: 月工资 agreed (ticked), 加班时长 disputed (not ticked).
    wages, overtime = page.get_by_test_id("item-0"), page.get_by_test_id("item-1")
    expect(wages.locator('[name="i0-e0-element"]')).to_have_value("月工资")
    expect(wages.locator('[name="i0-e0-applicant"]')).to_have_value("12000")
    expect(wages.locator('[name="i0-e0-respondent"]')).to_have_value("12000")
    expect(wages.locator('[name="i0-e0-agreed"]')).to_be_checked()
    expect(wages.locator('[name="i0-e1-element"]')).to_have_value("入职时间")
    expect(overtime.locator('[name="i1-e0-applicant"]')).to_have_value("36小时")
    expect(overtime.locator('[name="i1-e0-respondent"]')).to_have_value("0")
    expect(overtime.locator('[name="i1-e0-agreed"]')).not_to_be_checked()
    # The statements, folded until asked for.
    statements = page.get_by_test_id("statements-0")
    expect(statements.get_by_text("月工资确为12000元", exact=False)).to_be_hidden()
    statements.locator("summary").click()
    expect(statements.get_by_text("月工资确为12000元", exact=False)).to_be_visible()
    fits_the_phone(page)

    # The wages: three whole months at 12000 → 36000.00; the monthly wage found at 10000 → 30000.00.
    computed = page.get_by_test_id("computed-0")
    expect(computed).to_have_text("—")
    wages.locator("#i0-kind").select_option("wage_arrears")
    wages.locator("#i0-c-wage_arrears-monthly_wage").fill("12000")
    wages.locator("#i0-c-wage_arrears-from").fill("2025-01-01")
    wages.locator("#i0-c-wage_arrears-to").fill("2025-03-31")
    expect(computed).to_have_text("36000.00")
    wages.locator("#i0-c-wage_arrears-monthly_wage").fill("10000")
    expect(computed).to_have_text("30000.00")
    # A period that ends before it starts: no amount, and the reason beside it.
    wages.locator("#i0-c-wage_arrears-to").fill("2024-12-31")
    expect(computed).to_have_text("—")
    expect(wages.locator("[data-computed-error]")).not_to_be_empty()
    wages.locator("#i0-c-wage_arrears-to").fill("2025-03-31")
    expect(computed).to_have_text("30000.00")

    # Overtime: 4350 ÷ 21.75 ÷ 8 = 25 an hour, 200% on rest days: 16 h → 800.00, 36 h → 1800.00.
    overtime.locator("#i1-kind").select_option("overtime")
    overtime.locator("#i1-c-overtime-monthly_wage").fill("4350")
    overtime.locator("#i1-c-overtime-rest_day_hours").fill("16")
    expect(page.get_by_test_id("computed-1")).to_have_text("800.00")
    overtime.locator("#i1-c-overtime-rest_day_hours").fill("36")
    expect(page.get_by_test_id("computed-1")).to_have_text("1800.00")
    expect(computed).to_have_text("30000.00")  # the other item untouched

    # Saved: the server computes the same amounts, and the positions are the draft's now.
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("computed-0")).to_have_text("30000.00")
    expect(page.get_by_test_id("computed-1")).to_have_text("1800.00")
    draft = Award.objects.get(case=case, status="draft")
    first = draft.items.get(position=0)
    assert first.computed_amount == 30000
    assert [(e["element"], e["applicant"], e["respondent"], e["agreed"]) for e in first.elements] == [
        ("月工资", "12000", "12000", True),
        ("入职时间", "2024-05-01", "2024-05-01", True),
    ]
