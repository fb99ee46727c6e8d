"""Issue 16 under concurrency (PostgreSQL): simultaneous ratings of one party, follow-ups of one rating,
legal-aid requests of one case — exactly one wins, the others get 409 (or the guard's refusal)."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, LegalAidReferral, ServiceReview
from tests.cases.care_helpers import accept, close
from tests.cases.test_concurrency import race
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db(transaction=True)

N = 8


def test_simultaneous_ratings_and_follow_ups(personas):
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    accept(personas, case_id)
    close(personas, case_id)

    def rate():
        return api(personas.applicant).post(
            f"/api/v1/cases/{case_id}/review/", {"rating": "bad"}, format="json"
        )

    statuses = sorted(r.status_code for r in race([rate] * N))
    assert statuses == [201] + [409] * (N - 1)
    assert ServiceReview.objects.count() == 1
    assert CaseEvent.objects.filter(case_id=case_id, kind="service_reviewed").count() == 1
    review = ServiceReview.objects.get()

    def follow_up():
        return api(personas.supervisor).post(
            f"/api/v1/service-reviews/{review.pk}/follow-up/", {"note": "已回访"}, format="json"
        )

    statuses = sorted(r.status_code for r in race([follow_up] * N))
    assert statuses == [200] + [409] * (N - 1)


def test_simultaneous_legal_aid_requests(personas):
    case_id = file_case(personas.applicant)

    def ask():
        return api(personas.applicant).post(
            f"/api/v1/cases/{case_id}/actions/request_legal_aid/", {}, format="json"
        )

    statuses = sorted(r.status_code for r in race([ask] * N))
    assert statuses[0] == 200 and statuses.count(200) == 1 and set(statuses[1:]) <= {400, 409}
    assert LegalAidReferral.objects.filter(case_id=case_id).count() == 1
