"""The case's formal documents (文书): made as the steps are taken, kept with their SHA-256, made again to
the same bytes, listed and downloaded by those who may read them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arbitration.documents import document_bytes, document_regenerate, document_verify
from arbitration.models import CaseDocument
from cases.models import Case
from tests.arbitration.conftest import case_in_deliberation
from tests.arbitration.test_award_drafting import issue, items, put
from tests.hearings.conftest import hearing_case  # noqa: F401 (a fixture)
from tests.hearings.test_record import closed_session  # noqa: F401 (a fixture)
from tests.helpers import api, application, credit_code

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (make poppler) is missing"),
]

COMMISSION = "广州市天河区劳动人事争议仲裁委员会"


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return "".join(result.stdout.decode().split())  # without the breaks the layout put in long lines


def documents(user, case_id: int, expect: int = 200):
    response = api(user).get(f"/api/v1/cases/{case_id}/documents/")
    assert response.status_code == expect, response.content[:300]
    return response.json() if expect == 200 else None


def download(user, document_id: int, expect: int = 200) -> bytes | None:
    """The PDF through the contract's two calls: the link, then the link itself."""
    link = api(user).get(f"/api/v1/documents/{document_id}/download/")
    assert link.status_code == expect, link.content[:300]
    if expect != 200:
        return None
    body = link.json()
    assert set(body) == {"url", "expires_at"}
    pdf = api().get(path_of(body["url"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    return pdf.content


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def kinds(listed) -> list[str]:
    return [d["kind"] for d in listed]


def stored(case_id: int, kind: str) -> list[CaseDocument]:
    return list(CaseDocument.objects.filter(case_id=case_id, kind=kind).order_by("id"))


def step(user, case_id: int, name: str, body=None, kind: str = "transitions"):
    response = api(user).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def _against_the_personas_employer(personas) -> int:
    body = application(personas.respondent.party.credit_code)
    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


# --- each document, as the steps are taken --------------------------------------------------------------


def test_each_step_makes_its_document_with_the_commission_and_the_case_number(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    receipt = stored(case_id, "application_receipt")
    assert len(receipt) == 1
    text = pdftotext(document_bytes(receipt[0]))
    assert COMMISSION in text and "仲裁申请收件回执" in text and f"申请编号{case_id}" in text
    assert "张三" in text and personas.respondent.party.name in text

    accepted = step(
        personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]}
    )
    number = accepted["case_number"]
    (notice,) = stored(case_id, "acceptance_notice")
    text = pdftotext(document_bytes(notice))
    assert COMMISSION in text and "受理通知书" in text and number in text and "2026年3月2日" in text

    step(personas.clerk, case_id, "serve_application", kind="actions")
    (respondent_notice,) = stored(case_id, "respondent_notice")
    text = pdftotext(document_bytes(respondent_notice))
    assert "应诉通知书" in text and number in text and "10日内" in text
    assert "已有本会网上仲裁平台账户" in text  # the employer has an account: no code is printed

    step(personas.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-20T09:30:00+08:00"})
    (hearing_notice,) = stored(case_id, "hearing_notice")
    text = pdftotext(document_bytes(hearing_notice))
    assert "开庭通知书" in text and number in text and "2026年3月20日9时30分" in text and "仲裁员甲" in text
    assert "三日前请求延期开庭" in text

    # Each is kept with its fingerprint and made again to the same bytes.
    for document in CaseDocument.objects.filter(case_id=case_id):
        content = document_bytes(document)
        assert hashlib.sha256(content).hexdigest() == document.sha256 and document.size == len(content)
        assert hashlib.sha256(document_regenerate(document)).hexdigest() == document.sha256
        assert document_verify(document)

    listed = documents(personas.applicant, case_id)
    assert kinds(listed) == ["application_receipt", "acceptance_notice", "hearing_notice"]
    assert set(listed[0]) >= {"id", "kind", "title", "sha256", "created_at"}
    assert listed[1]["title"] == "受理通知书" and listed[1]["sha256"] == notice.sha256
    assert download(personas.applicant, notice.pk) == document_bytes(notice)


def test_the_step_keeps_the_text_and_the_job_after_its_commit_lays_out_the_pdf(
    personas, travel, django_capture_on_commit_callbacks
):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        step(
            personas.clerk,
            case_id,
            "accept",
            {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
        )
    # Committed with the step: the notice and its text, addressed and titled; its PDF not laid out yet.
    (notice,) = stored(case_id, "acceptance_notice")
    assert "受理通知书" in notice.markup and notice.title == "受理通知书"
    assert notice.content is None and notice.sha256 == "" and notice.size is None
    for callback in after_commit:  # what the commit sets off: the outbox hands the job to the worker
        callback()
    notice.refresh_from_db()
    laid_out = bytes(notice.content)
    assert hashlib.sha256(laid_out).hexdigest() == notice.sha256 and notice.size == len(laid_out)
    assert "受理通知书" in pdftotext(laid_out)

    # A reader who comes before the job gets the PDF laid out on the spot: the same bytes the job gives.
    with django_capture_on_commit_callbacks(execute=False):
        step(personas.clerk, case_id, "serve_application", kind="actions")
    (served,) = stored(case_id, "respondent_notice")
    assert served.sha256 == ""
    (listed,) = [d for d in documents(personas.clerk, case_id) if d["kind"] == "respondent_notice"]
    served.refresh_from_db()
    assert listed["sha256"] == served.sha256 != "" and listed["size"] == served.size
    assert download(personas.clerk, served.pk) == bytes(served.content)
    assert document_regenerate(served) == bytes(served.content)


def test_a_rejection_notice_gives_the_reasons_and_the_right_to_sue(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    body = {"reason": "申请人与被申请人之间不存在劳动关系争议。", "grounds": ["out_of_scope"]}
    step(personas.clerk, case_id, "reject", body)
    (notice,) = stored(case_id, "rejection_notice")
    text = pdftotext(document_bytes(notice))
    assert COMMISSION in text and "不予受理通知书" in text and f"申请编号{case_id}" in text
    assert "不存在劳动关系争议" in text and "向人民法院提起诉讼" in text and "第二十九条" in text
    assert "第三十条" in text  # the ground of R Art. 30 it fails
    assert kinds(documents(personas.applicant, case_id))[-1] == "rejection_notice"
    assert document_verify(notice)


def test_lack_of_jurisdiction_alone_names_the_competent_commission_and_no_lawsuit(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    body = {
        "reason": "用人单位注册地和劳动合同履行地均在海珠区。",
        "grounds": ["no_jurisdiction"],
        "competent_commission": "广州市海珠区劳动人事争议仲裁委员会",
    }
    step(personas.clerk, case_id, "reject", body)
    (notice,) = stored(case_id, "rejection_notice")
    text = pdftotext(document_bytes(notice))
    assert "广州市海珠区劳动人事争议仲裁委员会" in text and "第三十一条" in text
    assert "向人民法院提起诉讼" not in text


# --- the respondent's notice and its access code ---------------------------------------------------------


def test_the_notice_to_a_respondent_without_an_account_prints_its_access_code(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    code = credit_code()
    body = application(code)
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    number = step(personas.clerk, case_id, "accept", {"procedure": "ordinary"})["case_number"]
    served = step(personas.clerk, case_id, "serve_application", kind="actions")
    (issued,) = served["access_codes"]

    (notice,) = stored(case_id, "respondent_notice")
    assert notice.case_party.party_id == issued["party_id"]
    text = pdftotext(document_bytes(notice))
    assert issued["access_code"] in text and number in text and "绑定案件" in text
    # Made again from what was kept: the same bytes, code included.
    assert document_verify(notice)

    # The code is not on the timeline, and the other side never reads the notice.
    events = api(personas.clerk).get(f"/api/v1/cases/{case_id}/events/").content.decode()
    assert issued["access_code"] not in events
    assert "respondent_notice" not in kinds(documents(personas.applicant, case_id))
    download(personas.applicant, notice.pk, expect=404)
    # The commission that serves it does.
    assert "respondent_notice" in kinds(documents(personas.clerk, case_id))
    assert issued["access_code"] in pdftotext(download(personas.clerk, notice.pk))

    # The employer's new account binds with the printed code, and then reads its own notice.
    from accounts.models import Role
    from tests.helpers import make_user

    newcomer = make_user("p-new-employer", Role.RESPONDENT)
    bound = api(newcomer).post(
        "/api/v1/cases/bind/", {"case_number": number, "access_code": issued["access_code"]}, format="json"
    )
    assert bound.status_code == 200, bound.json()
    assert kinds(documents(newcomer, case_id)) == ["respondent_notice"]


# --- the award ----------------------------------------------------------------------------------------------


def _issued(personas, case, *, granted_wages: str) -> None:
    body = {"items": items(case, granted_wages=granted_wages), "costs": "本案不收费。"}
    assert put(personas.arbitrator, case, body).status_code == 200
    response = issue(personas.arbitrator, case)
    assert response.status_code == 200, response.json()


def test_an_award_whose_items_are_all_final_is_one_document(personas, deliberating):
    _issued(personas, deliberating, granted_wages="18000.00")
    (award,) = stored(deliberating.pk, "award")
    text = pdftotext(document_bytes(award))
    assert COMMISSION in text and "裁决书" in text and deliberating.case_number in text
    assert "张三" in text and "广州裁决测试有限公司" in text
    # Each item's result.
    assert "2025年1月至3月工资" in text and "支持" in text and "18,000.00" in text
    assert "休息日加班工资" in text and "部分支持" in text and "600.00" in text
    assert "未休年休假工资" in text and "驳回" in text
    # Final: effective when made; the worker may sue, the employer apply to set aside.
    assert "本裁决为终局裁决" in text and "十五日内向人民法院提起诉讼" in text
    assert "三十日内" in text and "申请撤销裁决" in text
    assert document_verify(award)


def test_a_mixed_award_gives_two_documents_each_with_its_own_remedies(personas, deliberating):
    # 36,000 yuan of wages is above 12 × Guangzhou's minimum wage: that item is not final; the rest are.
    _issued(personas, deliberating, granted_wages="36000.00")
    final, non_final = stored(deliberating.pk, "award")
    assert (final.source.endswith(":final"), non_final.source.endswith(":non_final")) == (True, True)

    final_text, non_final_text = pdftotext(document_bytes(final)), pdftotext(document_bytes(non_final))
    for text in (final_text, non_final_text):
        assert deliberating.case_number in text and "张三" in text and "广州裁决测试有限公司" in text
    assert "（终局裁决事项）" in final_text and "（非终局裁决事项）" in non_final_text
    # Each holds its own items.
    assert "休息日加班工资" in final_text and "未休年休假工资" in final_text
    assert "2025年1月至3月工资" not in final_text
    assert "2025年1月至3月工资" in non_final_text and "36,000.00" in non_final_text
    assert "休息日加班工资" not in non_final_text
    # And its own remedies (L Arts. 48-50).
    assert "本裁决为终局裁决" in final_text and "申请撤销裁决" in final_text
    assert "期满不起诉的，本裁决书发生法律效力" in non_final_text
    assert "申请撤销裁决" not in non_final_text and "本裁决为终局裁决" not in non_final_text
    assert "另以非终局裁决书裁决" in final_text and "另以终局裁决书裁决" in non_final_text

    for document in (final, non_final):
        assert document_verify(document)
    listed = documents(personas.applicant, deliberating.pk)
    assert kinds(listed).count("award") == 2


# --- who reads them -----------------------------------------------------------------------------------------


def test_who_reads_the_documents_of_a_case(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case = case_in_deliberation(personas)
    _issued(personas, case, granted_wages="18000.00")
    every = {d.kind for d in CaseDocument.objects.filter(case=case)}
    assert every == {
        "application_receipt",
        "acceptance_notice",
        "respondent_notice",
        "hearing_notice",
        "award",
    }
    # The notice to the respondent prints its access code: intake staff and that respondent only.
    shared = every - {"respondent_notice"}
    assert set(kinds(documents(personas.applicant, case.pk))) == shared  # its own side's and both sides'
    assert set(kinds(documents(personas.arbitrator, case.pk))) == shared
    for user in (personas.clerk, personas.supervisor, personas.admin):
        assert set(kinds(documents(user, case.pk))) == every, user.username
    # Who does not see the case gets a 404, for the list and for each document.
    award = stored(case.pk, "award")[0]
    for user in (
        personas.outsider,
        personas.respondent,
        personas.agent,
        personas.arbitrator2,
        personas.mediator,
    ):
        documents(user, case.pk, expect=404)
        download(user, award.pk, expect=404)
    assert api().get(f"/api/v1/cases/{case.pk}/documents/").status_code == 401
    download(personas.applicant, award.pk)


def test_the_respondent_reads_its_side_and_both_sides_documents(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    step(
        personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]}
    )
    step(personas.clerk, case_id, "serve_application", kind="actions")
    step(personas.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-20T09:30:00+08:00"})
    assert kinds(documents(personas.respondent, case_id)) == ["respondent_notice", "hearing_notice"]
    assert kinds(documents(personas.applicant, case_id)) == [
        "application_receipt",
        "acceptance_notice",
        "hearing_notice",
    ]
    # The tribunal reads all but the notice addressed to one party.
    assert "respondent_notice" not in kinds(documents(personas.arbitrator, case_id))
    notice = stored(case_id, "acceptance_notice")[0]
    download(personas.respondent, notice.pk, expect=404)


def test_a_download_link_expires(personas, travel):
    from datetime import timedelta

    from core import clock

    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    (receipt,) = stored(case_id, "application_receipt")
    link = api(personas.applicant).get(f"/api/v1/documents/{receipt.pk}/download/").json()
    path = path_of(link["url"])
    assert api().get(path).status_code == 200
    travel.move_to(clock.now() + timedelta(minutes=6))
    assert api().get(path).status_code == 404
    assert api().get(path[:-3] + "xx/").status_code == 404


def test_the_list_takes_the_same_queries_however_many_documents(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            listed = documents(personas.respondent, case_id)
        return len(captured), len(listed)

    step(
        personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]}
    )
    step(personas.clerk, case_id, "serve_application", kind="actions")
    few, one = count()
    step(personas.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-20T09:30:00+08:00"})
    more, three = count()
    assert (one, three) == (1, 2)
    assert few == more, "the list's queries grow with its documents"
    assert more <= 12


# --- other apps' documents join the list ------------------------------------------------------------------


def test_the_mediation_document_that_closed_the_case_joins_the_list(personas, travel):
    from tests.mediation.conftest import ITEMS, post
    from tests.mediation.test_in_arbitration import _in_tribunal_mediation

    case_id = _in_tribunal_mediation(personas, travel)
    agreement = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    assert not stored(case_id, "mediation_document")  # not in effect yet
    post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    assert Case.objects.get(pk=case_id).closure_type == "mediation"

    (document,) = stored(case_id, "mediation_document")
    text = pdftotext(document_bytes(document))
    assert "调解书" in text and Case.objects.get(pk=case_id).case_number in text
    assert document_verify(document)
    assert "mediation_document" in kinds(documents(personas.respondent, case_id))
    # The same bytes as the mediation app's own download.
    same = api(personas.applicant).get(f"/api/v1/mediation-agreements/{agreement['id']}/document/")
    assert hashlib.sha256(same.content).hexdigest() == document.sha256


def test_the_record_of_a_closed_hearing_session_joins_the_list(personas, closed_session, hearing_case):  # noqa: F811
    (record,) = stored(hearing_case.pk, "hearing_record")
    assert record.source == f"session:{closed_session['id']}"
    # The same bytes as the hearing's own record download, and made again to them.
    same = api(personas.arbitrator).get(f"/api/v1/hearing-sessions/{closed_session['id']}/record.pdf")
    assert hashlib.sha256(same.content).hexdigest() == record.sha256
    assert document_verify(record)
    for user in (personas.applicant, personas.respondent, personas.arbitrator):
        assert "hearing_record" in kinds(documents(user, hearing_case.pk)), user.username


# --- the parties' page ------------------------------------------------------------------------------------


def test_the_parties_read_and_download_their_documents_on_the_page(personas, client, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = _against_the_personas_employer(personas)
    step(
        personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]}
    )
    step(personas.clerk, case_id, "serve_application", kind="actions")

    # The case page links to it, in Chinese.
    client.force_login(personas.applicant)
    case_page = client.get(f"/cases/{case_id}/").content.decode()
    assert f'href="/cases/{case_id}/documents/"' in case_page and "文书" in case_page

    page = client.get(f"/cases/{case_id}/documents/")
    html = page.content.decode()
    assert page.status_code == 200 and "案件文书" in html
    assert html.count('data-testid="document"') == 2  # the receipt and the acceptance notice
    assert "受理通知书" in html and "应诉通知书" not in html
    notice = stored(case_id, "acceptance_notice")[0]
    assert notice.sha256 in html
    pdf = client.get(f"/cases/{case_id}/documents/{notice.pk}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;") and pdf.content == document_bytes(notice)

    # The respondent sees its notice, not the applicant's; the applicant cannot fetch the respondent's.
    respondent_notice = stored(case_id, "respondent_notice")[0]
    assert client.get(f"/cases/{case_id}/documents/{respondent_notice.pk}.pdf").status_code == 404
    client.force_login(personas.respondent)
    html = client.get(f"/cases/{case_id}/documents/").content.decode()
    assert "应诉通知书" in html and "受理通知书" not in html

    # Outsiders see nothing; signed-out users are sent to sign in.
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case_id}/documents/").status_code == 404
    assert client.get(f"/cases/{case_id}/documents/{notice.pk}.pdf").status_code == 404
    client.logout()
    assert client.get(f"/cases/{case_id}/documents/").status_code == 302


def test_a_partial_award_is_its_own_document_before_the_award(personas, deliberating):
    case = deliberating
    body = {"partial_award": True, "items": items(case)[:1]}
    assert put(personas.arbitrator, case, body).status_code == 200
    partial_issued = api(personas.arbitrator).post(
        f"/api/v1/cases/{case.pk}/award/partial/", {}, format="json"
    )
    assert partial_issued.status_code == 200, partial_issued.json()
    (partial,) = stored(case.pk, "award")
    text = pdftotext(document_bytes(partial))
    assert "先行裁决书" in text and case.case_number in text and "2025年1月至3月工资" in text
    assert "休息日加班工资" not in text

    assert put(personas.arbitrator, case, {"items": items(case)[1:]}).status_code == 200
    assert issue(personas.arbitrator, case).status_code == 200
    _partial, award = stored(case.pk, "award")
    text = pdftotext(document_bytes(award))
    assert "先行裁决书" not in text and "休息日加班工资" in text and "2025年1月至3月工资" not in text
    assert [d["title"] for d in documents(personas.applicant, case.pk) if d["kind"] == "award"] == [
        "先行裁决书",
        "裁决书",
    ]
