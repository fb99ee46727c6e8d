"""Issue 16 pages: the filing wizard's priority and legal-aid choices, the case page's legal-aid section
and service review, the supervisors' follow-up page and dashboard sections; each role's view."""

from __future__ import annotations

import pytest

from cases.models import Case, LegalAidReferral, ServiceReview
from tests.cases.care_helpers import accept, close
from tests.cases.test_web_cases import APPLY, employer, page_of
from tests.helpers import file_case

pytestmark = pytest.mark.django_db


def test_the_wizard_asks_for_priority_and_legal_aid(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.applicant)
    client.post(APPLY, {"step": "respondent", "action": "next", **employer()})
    client.post(
        APPLY,
        {
            "step": "claims",
            "action": "next",
            "claim-rows": "3",
            "claim-0-category": "wage_arrears",
            "claim-0-amount": "8000",
            "claim-0-description": "工地欠薪",
        },
    )
    client.post(APPLY, {"step": "facts", "action": "next", "facts": "工程完工后未结算工资。"})
    page = page_of(client.get(f"{APPLY}?step=consents"))
    assert 'name="migrant_wage_arrears"' in page and 'name="legal_aid"' in page
    consents = {"step": "consents", "action": "next", "migrant_wage_arrears": "on", "legal_aid": "on"}
    assert client.post(APPLY, consents)["Location"] == f"{APPLY}?step=review"
    response = client.post(APPLY, {"step": "review", "action": "submit"})
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.parties.get(side="applicant").migrant_wage_arrears is True
    assert LegalAidReferral.objects.filter(case=case, status="requested").count() == 1
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert 'class="tag priority"' in page and "优先" in page
    assert 'data-testid="legal-aid"' in page and "区法律援助中心" in page


def test_the_case_page_shows_legal_aid_to_the_worker_and_staff_only(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code, legal_aid=True)
    for user, shown in (
        (personas.applicant, True),
        (personas.clerk, True),
        (personas.respondent, False),
    ):
        client.force_login(user)
        assert ('data-testid="legal-aid"' in page_of(client.get(f"/cases/{case_id}/"))) is shown, user
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case_id}/").status_code == 404
    # The clerk's steps for the outcome are offered on the case page.
    client.force_login(personas.clerk)
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert "record_legal_aid_outcome" in page and "set_priority" in page


def test_a_party_rates_from_the_case_page_and_a_supervisor_follows_up(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    accept(personas, case_id)
    client.force_login(personas.respondent)
    assert 'data-testid="service-review"' not in page_of(client.get(f"/cases/{case_id}/"))
    close(personas, case_id)

    page = page_of(client.get(f"/cases/{case_id}/"))
    assert 'data-testid="service-review"' in page and 'name="rating"' in page
    response = client.post(f"/cases/{case_id}/review/", {"rating": "very_bad", "comment": "等待太久"})
    assert response.status_code == 302 and response["Location"].endswith("#review")
    review = ServiceReview.objects.get()
    assert (review.rating, review.side, review.needs_follow_up) == ("very_bad", "respondent", True)
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert 'name="rating"' not in page and "非常不满意" in page
    # A second rating is refused with the reason; nothing changes.
    client.post(f"/cases/{case_id}/review/", {"rating": "good"})
    assert ServiceReview.objects.get().rating == "very_bad"
    # Staff see no form and are refused; an outsider gets 404.
    client.force_login(personas.clerk)
    assert 'name="rating"' not in page_of(client.get(f"/cases/{case_id}/"))
    client.post(f"/cases/{case_id}/review/", {"rating": "good"})
    assert ServiceReview.objects.count() == 1
    client.force_login(personas.outsider)
    assert client.post(f"/cases/{case_id}/review/", {"rating": "good"}).status_code == 404

    # The supervisor's follow-up page: listed, a note recorded.
    for user in (personas.clerk, personas.arbitrator, personas.applicant, personas.outsider):
        client.force_login(user)
        assert client.get("/service-reviews/").status_code == 403
        assert (
            client.post(f"/service-reviews/{review.pk}/follow-up/", {f"r{review.pk}-note": "x"}).status_code
            == 403
        )
    client.force_login(personas.supervisor)
    page = page_of(client.get("/service-reviews/"))
    assert f'id="review-{review.pk}"' in page and "等待太久" in page
    client.post(f"/service-reviews/{review.pk}/follow-up/", {f"r{review.pk}-note": ""})
    assert ServiceReview.objects.get().followed_up_at is None
    client.post(f"/service-reviews/{review.pk}/follow-up/", {f"r{review.pk}-note": "已回访，解释了期限"})
    review.refresh_from_db()
    assert review.follow_up_note == "已回访，解释了期限" and review.followed_up_by == personas.supervisor
    assert "已回访，解释了期限" in page_of(client.get("/service-reviews/"))

    # The dashboard shows the waiting comparison and the ratings.
    page = page_of(client.get("/supervision/", {"from": "2026-03-01", "to": "2026-03-31"}))
    assert 'data-testid="waiting"' in page and 'data-testid="waiting-priority"' in page
    assert 'data-testid="ratings"' in page and "仲裁员甲" in page


def test_the_clerk_takes_the_care_steps_from_the_case_page(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    client.force_login(personas.clerk)
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert 'name="migrant_wage_arrears"' in page
    client.post(f"/cases/{case_id}/steps/set_priority/", {"migrant_wage_arrears": "on", "reason": "农民工"})
    assert Case.objects.get(pk=case_id).parties.get(side="applicant").migrant_wage_arrears is True
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert 'class="tag priority"' in page
    # The worker asks for legal aid from the page; the clerk records the assignment.
    client.force_login(personas.applicant)
    client.post(f"/cases/{case_id}/steps/request_legal_aid/", {"note": "经济困难"})
    assert LegalAidReferral.objects.get(case_id=case_id).note == "经济困难"
    client.force_login(personas.clerk)
    client.post(
        f"/cases/{case_id}/steps/record_legal_aid_outcome/",
        {"outcome": "assigned", "lawyer_name": "李律师", "lawyer_phone": "13700001111"},
    )
    referral = LegalAidReferral.objects.get(case_id=case_id)
    assert (referral.status, referral.lawyer_name) == ("assigned", "李律师")
    # The clerk binds the lawyer's account, chosen from the agents' accounts: the mandate pending.
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert f'<option value="{personas.agent.pk}">代理律师（p-agent）</option>' in page
    client.post(f"/cases/{case_id}/steps/bind_legal_aid_lawyer/", {"agent": str(personas.agent.pk)})
    agency = LegalAidReferral.objects.get(case_id=case_id).agency
    assert agency is not None and (agency.user, agency.mandate) == (personas.agent, "pending")
    client.force_login(personas.applicant)
    page = page_of(client.get(f"/cases/{case_id}/"))
    assert "李律师" in page and "13700001111" in page
    # English on request.
    client.cookies["django_language"] = "en"
    page = page_of(client.get(f"/cases/{case_id}/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Legal aid" in page and "Priority" in page


def test_the_mediators_queue_puts_priority_first_at_the_same_day(client, personas, travel):
    from tests.mediation.conftest import dispute_body, refer

    travel.move_to("2026-03-02 09:00 +0800")
    ids = []
    for migrant in (False, True):
        response = client_api_file(personas, {**dispute_body(personas), "migrant_wage_arrears": migrant})
        ids.append(response)
        refer(personas, response, mediation_organisation=personas.mediator.mediation_organisation_id)
    plain, urgent = ids
    client.force_login(personas.mediator)
    page = page_of(client.get("/mediation/"))
    assert page.index(f"/cases/{urgent}/mediation/") < page.index(f"/cases/{plain}/mediation/")
    assert page.count('class="tag priority"') == 1


def client_api_file(personas, body):
    from tests.helpers import api

    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]
