"""On a phone: the worker uploads a pay slip through the evidence page and sees it in the catalogue; the
employer sees it too.

The browser PUTs straight to the S3 test server (moto over HTTP, the run's ``s3_endpoint``), an origin
other than the live server's, so this is a real cross-origin upload with a preflight (the PUT carries a
Content-Type). moto's server answers it: its S3 handler gives 200 to OPTIONS on an existing bucket, and
its global flask-cors (in the dev dependencies) adds ``Access-Control-Allow-Origin`` and the allowed
methods and headers to that answer and to the PUT's, so the bucket needs no CORS configuration here and
the local-disk fallback is not needed. Production MinIO allows any origin unless configured otherwise.
"""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Route, expect

from cases import services
from cases.models import Case
from evidence.models import EvidenceItem
from tests.e2e.test_case_pages import PHONE, fits_the_phone, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + "工资条 2026-10".encode() * 40000
)


@pytest.fixture
def case(personas) -> Case:
    employer = personas.respondent.party
    case = services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts="拖欠工资",
    )
    services.take_step(case=case, user=personas.clerk, name="accept", data={"procedure": "ordinary"})
    return Case.objects.get(pk=case.pk)


def test_a_worker_uploads_a_pay_slip_from_a_phone_and_both_sides_see_it(
    live_server, personas, case, phone_page, browser, tmp_path
):
    page = phone_page
    slip = tmp_path / "2026年10月工资条.pdf"
    slip.write_bytes(PDF)

    # The first PUT to storage is cut off, as a train's tunnel would: the retry must resume.
    cut = {"count": 0}

    def drop_first_put(route: Route) -> None:
        if route.request.method == "PUT" and cut["count"] == 0:
            cut["count"] += 1
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/test-evidence/cases/**", drop_first_put)
    # On a slow network the page shows before its script arrives, and the worker picks the file at once:
    # the script is held back until the file is chosen.
    held: list[Route] = []
    page.route("**/evidence/upload.js", lambda route: held.append(route))

    log_in(page, live_server.url, "p-applicant")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.locator('[data-testid="case-links"]').get_by_role("link", name="提交证据").click()
    expect(page.locator("h1")).to_have_text("提交证据")
    fits_the_phone(page)

    page.set_input_files("#evidence-files", str(slip))
    page.wait_for_timeout(100)
    assert len(held) == 1
    held[0].continue_()
    row = page.locator(".evidence-row")
    expect(row).to_have_count(1)
    expect(row.locator(".title")).to_have_value("2026年10月工资条")
    row.locator(".purpose").fill("证明申请人月工资为8000元")
    fits_the_phone(page)
    page.get_by_role("button", name="上传", exact=True).click()

    expect(row.locator(".row-status")).to_contain_text("网络连接中断")
    retry = row.get_by_role("button", name="重试")
    expect(retry).to_be_visible()
    fits_the_phone(page)
    retry.click()

    expect(row.locator(".row-status")).to_contain_text("完成", timeout=20_000)
    expect(row.locator(".percent")).to_have_text("100%")
    assert row.locator("progress").evaluate("bar => bar.value") == 100
    fits_the_phone(page)
    # The retry re-sent the bytes under the same declaration: one item, available, with the phone's hash.
    item = EvidenceItem.objects.get()
    assert (item.status, item.number, item.sha256) == ("available", 1, hashlib.sha256(PDF).hexdigest())
    assert cut["count"] == 1

    page.get_by_test_id("to-catalogue").click()
    mine = page.get_by_test_id("catalogue-applicant").get_by_test_id("evidence-item")
    expect(mine).to_have_count(1)
    expect(mine).to_have_attribute("data-status", "available")
    expect(mine).to_contain_text("第 1 号")
    expect(mine).to_contain_text("证明申请人月工资为8000元")
    expect(mine.get_by_test_id("download")).to_have_text("2026年10月工资条.pdf")
    fits_the_phone(page)

    # The employer, on a phone of its own, sees it and may cross-examine it.
    context = browser.new_context(**PHONE)
    try:
        employer = context.new_page()
        log_in(employer, live_server.url, "p-respondent")
        employer.goto(f"{live_server.url}/cases/{case.pk}/evidence/")
        theirs = employer.get_by_test_id("catalogue-applicant").get_by_test_id("evidence-item")
        expect(theirs).to_have_count(1)
        expect(theirs).to_contain_text("2026年10月工资条")
        theirs.locator("summary").click()
        form = theirs.get_by_test_id("opinion-form")
        form.locator(f"#id_opinion_{item.pk}_authenticity_0").check()
        form.locator(f"#id_opinion_{item.pk}_legality_0").check()
        form.locator(f"#id_opinion_{item.pk}_relevance_1").check()
        form.locator("textarea").fill("该工资条未加盖公司印章")
        fits_the_phone(employer)
        form.get_by_role("button", name="提交质证意见").click()
        expect(employer.locator(".messages")).to_contain_text("质证意见已记录")
        expect(theirs.get_by_test_id("opinion")).to_contain_text("该工资条未加盖公司印章")
        expect(theirs.get_by_test_id("opinion-form")).to_have_count(0)
        fits_the_phone(employer)
    finally:
        context.close()
