"""The review pages (R Art. 74): each party applies on its phone within 15 days of the agreement (a late
one is told why), the commission finds the joint applications and issues a 调解书 or refuses with reasons;
the same services as the API, Chinese by default, and nothing for those with no part."""

from __future__ import annotations

import pytest

from mediation.models import AgreementReview, MediationAgreement
from tests.mediation.test_mediation_document import _confirmed
from tests.mediation.test_pages import client_for, page

pytestmark = pytest.mark.django_db


def test_the_parties_apply_and_the_commission_issues_a_mediation_document(personas, travel):
    agreement = _confirmed(personas, travel)
    review_url = f"/mediation-agreements/{agreement}/review/"
    travel.move_to("2026-03-10 09:00 +0800")
    applicant = client_for(personas.applicant)
    case_id = MediationAgreement.objects.get(pk=agreement).case_id
    assert review_url in page(applicant, f"/cases/{case_id}/mediation/mine/")  # linked from the party page

    html = page(applicant, review_url)
    assert 'data-testid="apply-form"' in html and "2026-03-17" in html  # the last day to apply
    assert "申请" in html and 'data-testid="decision-form"' not in html  # Chinese by default
    response = applicant.post(f"{review_url}apply/")
    assert response.status_code == 302
    html = page(applicant, review_url)
    assert 'data-testid="apply-form"' not in html  # applied once
    assert AgreementReview.objects.get(agreement_id=agreement).status == "applying"

    respondent = client_for(personas.respondent)
    respondent.post(f"{review_url}apply/")
    assert AgreementReview.objects.get(agreement_id=agreement).status == "pending"

    clerk = client_for(personas.clerk)
    assert review_url in page(clerk, "/mediation/reviews/")
    html = page(clerk, review_url)
    assert 'data-testid="decision-form"' in html
    # A refusal without reasons is refused at its field, with nothing written.
    refused = clerk.post(f"{review_url}decision/", {"decision": "refused", "reasons": ""})
    assert refused.status_code == 400
    assert (
        "id_review_reasons" in refused.content.decode() and "请写明不予确认的理由" in refused.content.decode()
    )
    assert AgreementReview.objects.get(agreement_id=agreement).status == "pending"

    assert respondent.post(f"{review_url}decision/", {"decision": "issued"}).status_code == 403
    assert clerk.post(f"{review_url}decision/", {"decision": "issued"}).status_code == 302
    review = AgreementReview.objects.get(agreement_id=agreement)
    assert (review.status, review.decided_by) == ("issued", personas.clerk)
    html = page(applicant, review_url)
    assert f"/mediation-agreements/{agreement}/document.pdf" in html
    assert review_url not in page(clerk, "/mediation/reviews/")  # decided: off the list


def test_a_refusal_shows_its_reasons_to_the_parties(personas, travel):
    agreement = _confirmed(personas, travel)
    review_url = f"/mediation-agreements/{agreement}/review/"
    client_for(personas.applicant).post(f"{review_url}apply/")
    client_for(personas.respondent).post(f"{review_url}apply/")
    supervisor = client_for(personas.supervisor)
    supervisor.post(f"{review_url}decision/", {"decision": "refused", "reasons": "协议内容违反法律规定"})
    html = page(client_for(personas.respondent), review_url)
    assert "协议内容违反法律规定" in html and 'data-testid="refusal"' in html
    assert "document.pdf" not in html


def test_a_late_application_is_told_why(personas, travel):
    agreement = _confirmed(personas, travel)
    review_url = f"/mediation-agreements/{agreement}/review/"
    travel.move_to("2026-03-18 09:00 +0800")  # confirmed 2026-03-02: the last day was 2026-03-17
    applicant = client_for(personas.applicant)
    html = page(applicant, review_url)
    assert 'data-testid="late"' in html and "2026-03-17" in html and "15日" in html
    assert 'data-testid="apply-form"' not in html
    refused = applicant.post(f"{review_url}apply/")  # a form left open from the day before
    assert refused.status_code == 400 and "2026-03-17" in refused.content.decode()
    assert not AgreementReview.objects.filter(agreement_id=agreement).exists()


def test_the_review_pages_are_for_those_with_a_part(personas, travel):
    agreement = _confirmed(personas, travel)
    review_url = f"/mediation-agreements/{agreement}/review/"
    outsider = client_for(personas.outsider)
    assert outsider.get(review_url).status_code == 404
    assert outsider.post(f"{review_url}apply/").status_code == 404
    assert client_for(personas.mediator).get("/mediation/reviews/").status_code == 403
    assert client_for(personas.applicant).get("/mediation/reviews/").status_code == 403
