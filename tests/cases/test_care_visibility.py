"""Issue 16: who sees what — every persona against the legal-aid referrals, the service review and the
supervisors' views. A case a user may not see is a 404 everywhere; seeing it is not enough to act."""

from __future__ import annotations

import pytest

from tests.cases.care_helpers import accept, close
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db

PERSONAS = (
    "applicant",
    "respondent",
    "agent",
    "clerk",
    "mediator",
    "arbitrator",
    "arbitrator2",
    "supervisor",
    "admin",
    "outsider",
)


def test_every_role_sees_only_its_share(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code, legal_aid=True)
    accept(personas, case_id)
    close(personas, case_id)
    for name in PERSONAS:
        user = getattr(personas, name)
        client = api(user)
        sees = client.get(f"/api/v1/cases/{case_id}/").status_code == 200
        legal_aid = client.get(f"/api/v1/cases/{case_id}/legal-aid/").status_code
        review = client.post(
            f"/api/v1/cases/{case_id}/review/", {"rating": "good"}, format="json"
        ).status_code
        if not sees:
            assert (legal_aid, review) == (404, 404), name
        elif name == "applicant":
            assert (legal_aid, review) == (200, 201), name
        elif name == "respondent":
            assert (legal_aid, review) == (403, 201), name
        else:  # the commission's staff who see the case: the referrals, but no rating of their own
            assert (legal_aid, review) == (200, 403), name
        oversight = name in ("supervisor", "admin")
        for url in ("/api/v1/metrics/waiting/", "/api/v1/metrics/ratings/", "/api/v1/service-reviews/"):
            assert client.get(url).status_code == (200 if oversight else 403), (name, url)
    # The ones that must not see the case do not.
    for name in ("agent", "outsider"):
        assert api(getattr(personas, name)).get(f"/api/v1/cases/{case_id}/").status_code == 404
    assert api().get(f"/api/v1/cases/{case_id}/legal-aid/").status_code == 401
