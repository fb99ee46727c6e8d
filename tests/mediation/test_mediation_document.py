"""The mediation document (调解书) as a Chinese PDF: the commission's, once issued on review (R Art. 74),
and the tribunal's in arbitration, which shows each party's signature for receipt and takes effect only
with both; none before it exists, none for those with no part; linked from both mediation pages."""

from __future__ import annotations

import pytest

from mediation.models import MediationAgreement
from tests.hearings.test_record import flat, pdftotext
from tests.helpers import api
from tests.mediation.conftest import ITEMS, file_dispute, post, refer
from tests.mediation.test_in_arbitration import _in_tribunal_mediation
from tests.mediation.test_pages import client_for, page

pytestmark = pytest.mark.django_db


def document(user, agreement_id: int, expect: int = 200) -> str:
    response = api(user).get(f"/api/v1/mediation-agreements/{agreement_id}/document/")
    assert response.status_code == expect, response.content[:300]
    if expect != 200:
        return ""
    assert response["Content-Type"] == "application/pdf"
    assert "调解书" in response["Content-Disposition"] or "%E8%B0%83" in response["Content-Disposition"]
    return flat(pdftotext(response.content))


def _confirmed(personas, travel) -> int:
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    agreement = post(
        personas.mediator,
        f"/api/v1/cases/{case_id}/mediation/agreement/",
        {"items": ITEMS, "terms": "双方再无其他争议。"},
        201,
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    return agreement["id"]


def test_the_commission_s_mediation_document_exists_once_issued_on_review(personas, travel):
    agreement = _confirmed(personas, travel)
    review = f"/api/v1/mediation-agreements/{agreement}/review/"
    document(personas.applicant, agreement, expect=404)  # no review yet
    travel.move_to("2026-03-10 09:00 +0800")
    post(personas.applicant, review)
    post(personas.respondent, review)
    document(personas.applicant, agreement, expect=404)  # applied for, not decided
    post(personas.clerk, f"{review}decision/", {"decision": "issued"})

    text = document(personas.respondent, agreement)
    for expected in (
        "劳动人事争议仲裁委员会",
        "调解书",
        "2026-03-02达成的调解协议",  # the agreement reviewed, and when it was reached
        "第七十四条",
        "支付2026年1月、2月工资",
        "7,800.00",
        "2026-03-20",
        "办理工作交接",
        "双方再无其他争议",
        "制作日期：2026-03-10",
    ):
        assert expected in text, expected
    assert "调解协议书" not in text  # the commission's document, not the agreement itself
    bytes_seen = {
        api(user).get(f"/api/v1/mediation-agreements/{agreement}/document/").content
        for user in (personas.applicant, personas.respondent, personas.mediator, personas.supervisor)
    }
    assert len(bytes_seen) == 1  # the same bytes for every reader
    for outsider in (personas.outsider, personas.arbitrator2):
        document(outsider, agreement, expect=404)


def test_a_refused_review_has_no_mediation_document(personas, travel):
    agreement = _confirmed(personas, travel)
    review = f"/api/v1/mediation-agreements/{agreement}/review/"
    post(personas.applicant, review)
    post(personas.respondent, review)
    post(personas.clerk, f"{review}decision/", {"decision": "refused", "reasons": "违反法律规定"})
    document(personas.applicant, agreement, expect=404)


def test_the_tribunal_s_mediation_document_shows_the_signatures_and_takes_effect_with_both(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel)
    travel.move_to("2026-03-06 15:00 +0800")
    drafted = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    agreement = drafted["id"]

    text = document(personas.arbitrator, agreement)
    assert "仲裁庭主持调解" in text and "经双方当事人签收后" in text
    assert "申请人签收：尚未签收" in text and "被申请人签收：尚未签收" in text
    assert "尚未生效" in text and "仲裁员甲" in text

    travel.move_to("2026-03-07 09:30 +0800")
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement}/confirm/")
    text = document(personas.respondent, agreement)
    assert "申请人签收：2026-03-0709:30" in text and "被申请人签收：尚未签收" in text
    assert "尚未生效" in text

    travel.move_to("2026-03-08 11:00 +0800")
    post(personas.respondent, f"/api/v1/mediation-agreements/{agreement}/confirm/")
    text = document(personas.applicant, agreement)
    assert "被申请人签收：2026-03-0811:00" in text and "生效时间：2026-03-0811:00" in text
    assert "尚未生效" not in text
    document(personas.outsider, agreement, expect=404)
    # Already a 调解书: there is nothing for the commission to review.
    refused = post(personas.applicant, f"/api/v1/mediation-agreements/{agreement}/review/", expect=409)
    assert refused["code"] == "invalid_transition"


def test_a_document_a_party_refused_to_sign_is_gone(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel)
    drafted = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.respondent, f"/api/v1/mediation-agreements/{drafted['id']}/renege/", {"reason": "反悔"})
    document(personas.applicant, drafted["id"], expect=404)


def test_both_pages_link_the_agreement_pdf_and_the_mediation_document(personas, travel):
    agreement = _confirmed(personas, travel)
    case_id = MediationAgreement.objects.get(pk=agreement).case_id
    party = client_for(personas.applicant)
    mediator = client_for(personas.mediator)
    agreement_pdf = f"/mediation-agreements/{agreement}/agreement.pdf"
    document_pdf = f"/mediation-agreements/{agreement}/document.pdf"
    for client, url in (
        (party, f"/cases/{case_id}/mediation/mine/"),
        (mediator, f"/cases/{case_id}/mediation/work/"),
    ):
        html = page(client, url)
        assert agreement_pdf in html and document_pdf not in html  # no 调解书 before the review
    assert party.get(document_pdf).status_code == 404
    travel.move_to("2026-03-10 09:00 +0800")
    review = f"/api/v1/mediation-agreements/{agreement}/review/"
    post(personas.applicant, review)
    post(personas.respondent, review)
    post(personas.clerk, f"{review}decision/", {"decision": "issued"})
    party = client_for(personas.applicant)  # signed in afresh: a session does not last the days between
    mediator = client_for(personas.mediator)
    for client, url in (
        (party, f"/cases/{case_id}/mediation/mine/"),
        (mediator, f"/cases/{case_id}/mediation/work/"),
    ):
        assert document_pdf in page(client, url)
    for path in (agreement_pdf, document_pdf):
        response = party.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert client_for(personas.outsider).get(path).status_code == 404
    assert "调解书" in flat(pdftotext(party.get(document_pdf).content))
