"""The tribunal's award workbench and the clerk's service desk, through the pages (issue 11, point 9)."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from arbitration.models import Award, CaseDocument, DocumentKind
from cases.models import Case, Service, Status
from core import clock
from tests.arbitration.test_documents import pdftotext
from tests.cases.test_service_delivery import accepted, deadline, ok, post
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def form(case, *, wages="6000.00", granted="18000.00", decide_all=True):
    """The workbench form as the tribunal fills it: three claims and one free-form item."""
    wages_claim, overtime, leave = [c.pk for c in case.claims.order_by("position", "id")]
    data = {
        "count": "4",
        "costs": "本案不收费。",
        "i0-claim": str(wages_claim),
        "i0-elements": "2",
        "i0-e0-element": "月工资",
        "i0-e0-applicant": "6000元",
        "i0-e0-respondent": "6000元",
        "i0-e1-element": "欠薪期间",
        "i0-e1-applicant": "2025年1月至3月",
        "i0-e1-respondent": "2025年2月至3月",
        "i0-e1-finding": "2025年1月至3月",
        "i0-kind": "wage_arrears",
        "i0-c-wage_arrears-monthly_wage": wages,
        "i0-c-wage_arrears-from": "2025-01-01",
        "i0-c-wage_arrears-to": "2025-03-31",
        "i0-granted": granted,
        "i0-decision": "upheld",
        "i0-finding": "被申请人未支付2025年1月至3月工资。",
        "i0-reasoning": "用人单位应当按月足额支付劳动报酬。",
        "i1-claim": str(overtime),
        "i1-elements": "0",
        "i1-kind": "overtime",
        "i1-c-overtime-monthly_wage": "4350.00",
        "i1-c-overtime-rest_day_hours": "16",
        "i1-granted": "600.00",
        "i1-decision": "partly_upheld",
        "i1-finding": "申请人休息日加班12小时。",
        "i2-claim": str(leave),
        "i2-elements": "0",
        "i2-decision": "dismissed" if decide_all else "",
        "i2-finding": "年休假已安排。",
        "i3-elements": "0",
        "i3-title": "",
    }
    return data


def test_the_tribunal_drafts_on_the_workbench_and_sees_the_computed_amounts(personas, client, deliberating):
    case = deliberating
    client.force_login(personas.arbitrator)
    page = client.get(f"/cases/{case.pk}/award/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "裁决" in html and "2025年1月至3月工资" in html  # Chinese, the claims listed
    assert f'href="/cases/{case.pk}/award/"' in client.get(f"/cases/{case.pk}/").content.decode()

    saved = client.post(f"/cases/{case.pk}/award/", form(case), follow=True)
    assert saved.status_code == 200
    html = saved.content.decode()
    assert 'data-testid="computed-0">18000.00<' in html  # 3 whole months of 6000
    assert 'data-testid="computed-1">800.00<' in html  # 4350 ÷ 21.75 ÷ 8 × 200% × 16
    award = Award.objects.get(case=case, status="draft")
    first = award.items.get(position=0)
    assert first.computed_amount == 18000 and first.elements[0]["agreed"] is True
    assert first.elements[1]["agreed"] is False and first.elements[1]["finding"] == "2025年1月至3月"
    assert award.items.count() == 3  # the untouched free-form row is left out

    # A changed finding changes the computed amount.
    client.post(f"/cases/{case.pk}/award/", form(case, wages="5000.00", granted="15000.00"))
    assert award.items.get(position=0).computed_amount == 15000


def test_bad_input_shows_the_fields_errors_and_saves_nothing(personas, client, deliberating):
    case = deliberating
    client.force_login(personas.arbitrator)
    data = form(case, granted="-5")
    data["i0-c-wage_arrears-to"] = "2024-12-01"  # before the start
    data["i3-title"] = "仲裁费用"  # a free-form item without its category
    page = client.post(f"/cases/{case.pk}/award/", data)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'data-testid="error-i0-granted"' in html
    assert 'data-testid="error-i3-category"' in html
    assert "-5" in html and "仲裁费用" in html  # what was typed is shown again
    assert not Award.objects.filter(case=case).exists()

    data = form(case)
    data["i0-c-wage_arrears-to"] = "2024-12-01"
    page = client.post(f"/cases/{case.pk}/award/", data)
    assert page.status_code == 400
    assert re.search(r'data-testid="error-i0-calc-(to|from)"', page.content.decode())
    assert not Award.objects.filter(case=case).exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (make poppler) is missing")
def test_the_preview_is_the_drafts_award_as_a_pdf_and_keeps_nothing(personas, client, deliberating):
    case = deliberating
    client.force_login(personas.arbitrator)
    assert client.get(f"/cases/{case.pk}/award/preview.pdf").status_code == 404  # no draft yet
    client.post(f"/cases/{case.pk}/award/", form(case))
    before = CaseDocument.objects.filter(case=case).count()
    preview = client.get(f"/cases/{case.pk}/award/preview.pdf")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    text = pdftotext(preview.content)
    assert "裁决书" in text and "2025年1月至3月工资" in text and "休息日加班工资" in text
    assert "18,000.00" in text or "18000.00" in text
    assert CaseDocument.objects.filter(case=case).count() == before


def test_issuing_from_the_page_closes_the_case(personas, client, deliberating):
    case = deliberating
    client.force_login(personas.arbitrator)
    client.post(f"/cases/{case.pk}/award/", form(case, decide_all=False))
    refused = client.post(f"/cases/{case.pk}/award/issue/", {"mediation_tried": "no"})
    assert refused.status_code == 400 and 'data-testid="issue-error"' in refused.content.decode()
    refused = client.post(
        f"/cases/{case.pk}/award/issue/", {"mediation_tried": "no", "mediation_not_tried_reason": "拒绝调解"}
    )
    assert refused.status_code == 400 and "年休假" in refused.content.decode()  # the undecided claim
    assert Case.objects.get(pk=case.pk).status == Status.DELIBERATION

    client.post(f"/cases/{case.pk}/award/", form(case))
    issued = client.post(
        f"/cases/{case.pk}/award/issue/", {"mediation_tried": "no", "mediation_not_tried_reason": "拒绝调解"}
    )
    assert issued.status_code == 302 and issued["Location"] == f"/cases/{case.pk}/"
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED
    assert Award.objects.get(case=case).status == "issued"
    assert CaseDocument.objects.filter(case=case, kind=DocumentKind.AWARD).exists()


def test_only_the_tribunal_reaches_the_workbench(personas, client, deliberating):
    case = deliberating
    outsider = make_user("p-other-arbitrator", "arbitrator")
    for user in (personas.applicant, personas.respondent, personas.clerk, outsider):
        client.force_login(user)
        for path in ("", "preview.pdf"):
            assert client.get(f"/cases/{case.pk}/award/{path}").status_code == 404, (user, path)
        assert client.post(f"/cases/{case.pk}/award/", form(case)).status_code == 404
        assert client.post(f"/cases/{case.pk}/award/issue/", {"mediation_tried": "no"}).status_code == 404
        assert f'href="/cases/{case.pk}/award/"' not in client.get(f"/cases/{case.pk}/").content.decode()
    assert not Award.objects.filter(case=case).exists()


def test_the_service_desk_records_a_postal_service(personas, client, travel):
    case_id = accepted(personas, travel, consent=False)
    notice = CaseDocument.objects.get(case_id=case_id, kind=DocumentKind.ACCEPTANCE_NOTICE)
    client.force_login(personas.clerk)
    desk = client.get("/service-desk/")
    assert desk.status_code == 200
    assert f'data-testid="pending-{notice.pk}-applicant"' in desk.content.decode()

    travel.move_to("2026-03-05 10:00 +0800")
    client.force_login(personas.clerk)  # a fresh session after the days passed
    body = {
        "action": "service",
        "case": case_id,
        "document": "acceptance_notice",
        "document_id": notice.pk,
        "side": "applicant",
        "method": "post",
        "received_on": "2026-03-04",
        "proof": "",
    }
    refused = client.post("/service-desk/", body)
    assert refused.status_code == 400 and 'data-testid="error-proof"' in refused.content.decode()
    assert not Service.objects.filter(case_id=case_id).exists()
    done = client.post("/service-desk/", dict(body, proof="EMS回执 1234"))
    assert done.status_code == 302
    row = Service.objects.get(case_id=case_id)
    assert (row.method, row.document_id, row.proof, row.effective_by) == (
        "post",
        notice.pk,
        "EMS回执 1234",
        "receipt",
    )
    assert clock.local_date(row.effective_at) == date(2026, 3, 4)
    assert f'data-testid="pending-{notice.pk}-applicant"' not in client.get("/service-desk/").content.decode()

    client.force_login(personas.applicant)  # parties never see the desk
    assert client.get("/service-desk/").status_code == 404


def test_opening_an_electronically_served_document_on_the_page_takes_effect(personas, client, travel):
    case_id = accepted(personas, travel)
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/"))
    notice = CaseDocument.objects.get(case_id=case_id, kind=DocumentKind.RESPONDENT_NOTICE)
    client.force_login(personas.clerk)
    body = {
        "action": "service",
        "case": case_id,
        "document": "application",
        "document_id": notice.pk,
        "side": "respondent",
        "method": "electronic",
    }
    assert client.post("/service-desk/", body).status_code == 302
    row = Service.objects.get(case_id=case_id, document_id=notice.pk)
    assert row.effective_at is None
    assert f'data-testid="awaiting-{row.pk}"' in client.get("/service-desk/").content.decode()
    # Staff reading it changes nothing.
    assert client.get(f"/cases/{case_id}/documents/{notice.pk}.pdf").status_code == 200
    row.refresh_from_db()
    assert row.opened_at is None

    travel.move_to("2026-03-10 20:15 +0800")  # a Tuesday
    client.force_login(personas.respondent)
    listed = client.get(f"/cases/{case_id}/documents/").content.decode()
    assert f"/cases/{case_id}/documents/{notice.pk}.pdf" in listed
    assert client.get(f"/cases/{case_id}/documents/{notice.pk}.pdf").status_code == 200
    row.refresh_from_db()
    assert row.effective_by == "opened" and row.opened_by == personas.respondent
    assert deadline(personas.clerk, case_id, "defence")["due_on"] == "2026-03-20"  # ten days from the opening
    travel.move_to("2026-03-12 09:00 +0800")
    client.force_login(personas.respondent)
    client.get(f"/cases/{case_id}/documents/{notice.pk}.pdf")
    row.refresh_from_db()
    assert (
        row.effective_by == "opened"
        and deadline(personas.clerk, case_id, "defence")["due_on"] == "2026-03-20"
    )
