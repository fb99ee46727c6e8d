"""The evidence pages through the Django test client: the case page links to them, the catalogue shows
both sides' items (404 for an outsider), the opposing party records its cross-examination opinion, the
download view logs and redirects, and the access log is the tribunal's. Items are made through the real
flow (declare → PUT to the S3 test server → finalize)."""

from __future__ import annotations

import hashlib

import pytest
import requests
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from evidence.models import CrossExamination, EvidenceAccess, EvidenceItem
from tests.evidence.conftest import PDF, PNG, submit
from tests.helpers import credit_code

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def items(personas, case):
    worker = submit(personas.applicant, case.pk, PDF, title="2026年10月工资条", purpose="证明月工资8000元")
    employer = submit(
        personas.respondent,
        case.pk,
        PNG,
        filename="考勤表.png",
        content_type="image/png",
        title="考勤记录",
        purpose="证明申请人缺勤",
    )
    return EvidenceItem.objects.get(pk=worker["id"]), EvidenceItem.objects.get(pk=employer["id"])


def test_the_case_page_links_to_the_evidence_pages_by_role(personas, case):
    party = page(client_for(personas.applicant), f"/cases/{case.pk}/")
    assert f'href="/cases/{case.pk}/evidence/"' in party
    assert f'href="/cases/{case.pk}/evidence/upload/"' in party
    assert "/evidence/tribunal/" not in party
    tribunal = page(client_for(personas.arbitrator), f"/cases/{case.pk}/")
    assert f'href="/cases/{case.pk}/evidence/tribunal/"' in tribunal


def test_the_catalogue_shows_both_sides_items_in_order_and_404_for_an_outsider(personas, case, items):
    worker_item, _employer_item = items
    for user in (personas.applicant, personas.respondent, personas.clerk, personas.arbitrator):
        html = page(client_for(user), f"/cases/{case.pk}/evidence/")
        assert "2026年10月工资条" in html and "证明月工资8000元" in html and "工资条.pdf" in html
        assert "考勤记录" in html and "考勤表.png" in html
        assert f"/evidence/{worker_item.pk}/download/" in html
        assert (
            html.index("申请人提交的证据") < html.index("2026年10月工资条") < html.index("被申请人提交的证据")
        )
    assert client_for(personas.outsider).get(f"/cases/{case.pk}/evidence/").status_code == 404
    assert client_for(personas.outsider).get(f"/evidence/{worker_item.pk}/download/").status_code == 404
    assert client_for(personas.outsider).get(f"/cases/{case.pk}/evidence/upload/").status_code == 404


def test_the_opposing_party_records_its_opinion_once_from_the_catalogue(personas, case, items):
    worker_item, employer_item = items
    employer = client_for(personas.respondent)
    html = page(employer, f"/cases/{case.pk}/evidence/")
    # A form for the worker's item only: not for its own evidence.
    assert f'action="/evidence/{worker_item.pk}/opinion/"' in html
    assert f'action="/evidence/{employer_item.pk}/opinion/"' not in html

    # Disagreeing without a reason is refused by the API's own input rules, and nothing is recorded.
    refused = employer.post(
        f"/evidence/{worker_item.pk}/opinion/",
        {"authenticity": "agree", "legality": "agree", "relevance": "disagree", "reason": ""},
    )
    assert refused.status_code == 400
    assert "请说明不认可的理由" in refused.content.decode()
    assert not CrossExamination.objects.exists()

    done = employer.post(
        f"/evidence/{worker_item.pk}/opinion/",
        {"authenticity": "agree", "legality": "agree", "relevance": "disagree", "reason": "与本案无关"},
        follow=True,
    )
    assert done.status_code == 200
    opinion = CrossExamination.objects.get(item=worker_item)
    assert (opinion.side, opinion.relevance, opinion.reason) == ("respondent", "disagree", "与本案无关")
    html = done.content.decode()
    assert f'action="/evidence/{worker_item.pk}/opinion/"' not in html  # answered: no second form
    assert "与本案无关" in html
    # The worker sees the employer's opinion on its item.
    assert "与本案无关" in page(client_for(personas.applicant), f"/cases/{case.pk}/evidence/")
    # A party cannot cross-examine its own item through the page either.
    own = client_for(personas.applicant).post(
        f"/evidence/{worker_item.pk}/opinion/",
        {"authenticity": "agree", "legality": "agree", "relevance": "agree"},
    )
    assert own.status_code == 400
    assert "当事人不对己方证据发表质证意见" in own.content.decode()
    assert CrossExamination.objects.count() == 1


def test_the_download_view_logs_and_redirects_to_the_stored_file(personas, case, items):
    worker_item, _ = items
    response = client_for(personas.respondent).get(f"/evidence/{worker_item.pk}/download/")
    assert response.status_code == 302
    fetched = requests.get(response["Location"], timeout=30)
    assert fetched.status_code == 200 and fetched.content == PDF
    access = EvidenceAccess.objects.get()
    assert (access.item_id, access.user_id) == (worker_item.pk, personas.respondent.pk)


def test_the_access_log_and_the_matrix_are_for_the_tribunal_only(personas, case, items):
    worker_item, _employer_item = items
    client_for(personas.respondent).get(f"/evidence/{worker_item.pk}/download/")
    client_for(personas.respondent).post(
        f"/evidence/{worker_item.pk}/opinion/",
        {"authenticity": "disagree", "legality": "agree", "relevance": "agree", "reason": "工资条系伪造"},
    )
    html = page(client_for(personas.arbitrator), f"/cases/{case.pk}/evidence/tribunal/")
    assert 'data-testid="matrix"' in html
    assert "工资条系伪造" in html
    assert f'data-testid="access-log-{worker_item.pk}"' in html
    assert "示例人事" in html  # who opened it
    for party in (personas.applicant, personas.respondent):
        assert client_for(party).get(f"/cases/{case.pk}/evidence/tribunal/").status_code == 403
        catalogue = page(client_for(party), f"/cases/{case.pk}/evidence/")
        assert "access-log" not in catalogue and "/evidence/tribunal/" not in catalogue
    assert client_for(personas.outsider).get(f"/cases/{case.pk}/evidence/tribunal/").status_code == 404


def test_a_correction_is_shown_as_such(personas, case, items):
    worker_item, _ = items
    newer = PDF + b"\n% corrected"
    corrected = submit(
        personas.applicant,
        case.pk,
        newer,
        title="2026年10月工资条（更正）",
        supersedes=worker_item.pk,
        sha256=hashlib.sha256(newer).hexdigest(),
    )
    html = page(client_for(personas.respondent), f"/cases/{case.pk}/evidence/")
    assert "更正第 1 号证据" in html and "已由第 2 号更正" in html
    assert EvidenceItem.objects.get(pk=corrected["id"]).supersedes_id == worker_item.pk


def test_the_upload_page_declares_and_finalizes_through_the_page_endpoints(personas, case):
    worker = client_for(personas.applicant)
    html = page(worker, f"/cases/{case.pk}/evidence/upload/")
    assert 'capture="environment"' in html and "evidence/upload.js" in html
    body = {
        "title": "劳动合同",
        "purpose": "证明劳动关系",
        "filename": "合同.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(),
    }
    declared = worker.post(f"/cases/{case.pk}/evidence/declare/", body)
    assert declared.status_code == 201, declared.json()
    upload = declared.json()["upload"]
    assert requests.put(upload["url"], data=PDF, headers=upload["headers"], timeout=30).status_code == 200
    done = worker.post(declared.json()["finalize_url"])
    assert done.status_code == 200 and done.json()["status"] == "available"

    too_big = worker.post(f"/cases/{case.pk}/evidence/declare/", {**body, "size": 21 * 2**20})
    assert too_big.status_code == 413 and too_big.json()["code"] == "too_large"
    bad = worker.post(f"/cases/{case.pk}/evidence/declare/", {**body, "sha256": "xyz"})
    assert bad.status_code == 400 and "sha256" in bad.json()["fields"]
    wrong_type = worker.post(
        f"/cases/{case.pk}/evidence/declare/", {**body, "content_type": "application/x-msdownload"}
    )
    assert wrong_type.status_code == 400 and "content_type" in wrong_type.json()["fields"]
    # Nothing uploaded yet: the page's finalize says so (the script then re-sends the bytes).
    pending = worker.post(f"/cases/{case.pk}/evidence/declare/", body)
    missing = worker.post(pending.json()["finalize_url"])
    assert missing.status_code == 422 and missing.json()["code"] == "missing_object"


def test_after_filing_online_the_case_page_offers_to_add_evidence(personas):
    worker = client_for(personas.applicant)
    apply = "/cases/apply/"
    respondent = {"kind": "organisation", "name": "广州市示例科技有限公司", "credit_code": credit_code()}
    steps = [
        {"step": "respondent", **respondent},
        {
            "step": "claims",
            "claim-rows": "1",
            "claim-0-category": "wage_arrears",
            "claim-0-amount": "12000.00",
            "claim-0-description": "拖欠三个月工资",
        },
        {"step": "facts", "facts": "申请人于2024年3月入职，被申请人拖欠工资。"},
        {"step": "consents"},
    ]
    for data in steps:
        assert worker.post(apply, {"action": "next", **data}).status_code == 302
    filed = worker.post(apply, {"step": "review", "action": "submit"})
    case = Case.objects.get()
    assert filed["Location"] == f"/cases/{case.pk}/"

    html = page(worker, filed["Location"])
    assert 'data-testid="after-filing"' in html
    assert f'href="/cases/{case.pk}/evidence/upload/"' in html
    assert 'data-testid="after-filing"' not in page(worker, filed["Location"])  # offered once
    # The filer may add evidence to the new, not yet accepted, case.
    assert worker.get(f"/cases/{case.pk}/evidence/upload/").status_code == 200


def test_the_catalogue_and_the_tribunal_view_take_as_many_queries_for_many_items_as_for_few(
    personas, case, items
):
    def queries(user, url: str) -> list[str]:
        client = client_for(user)
        client.get(url)  # warm the session and the caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    catalogue, tribunal = f"/cases/{case.pk}/evidence/", f"/cases/{case.pk}/evidence/tribunal/"
    before = (queries(personas.respondent, catalogue), queries(personas.arbitrator, tribunal))
    for n in range(3):
        data = PDF + f"\n% copy {n}".encode()
        item = submit(personas.applicant, case.pk, data, sha256=hashlib.sha256(data).hexdigest())
        client_for(personas.respondent).get(f"/evidence/{item['id']}/download/")
        client_for(personas.respondent).post(
            f"/evidence/{item['id']}/opinion/",
            {"authenticity": "agree", "legality": "agree", "relevance": "agree"},
        )
    after = (queries(personas.respondent, catalogue), queries(personas.arbitrator, tribunal))
    for old, new in zip(before, after, strict=True):
        assert len(new) == len(old), "\n".join(new)


def test_the_catalogue_page_offers_the_pdf(personas, case, client):
    from tests.evidence.conftest import submit as submit_item

    submit_item(personas.applicant, case.pk, title="工资条PDF测试")
    client.force_login(personas.respondent)
    page = client.get(f"/cases/{case.pk}/evidence/").content.decode()
    assert f"/cases/{case.pk}/evidence/catalogue.pdf" in page
    pdf = client.get(f"/cases/{case.pk}/evidence/catalogue.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case.pk}/evidence/catalogue.pdf").status_code == 404
