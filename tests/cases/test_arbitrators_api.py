"""GET /api/v1/arbitrators/: the staff's list of whom to seat on a tribunal, with their open cases."""

from __future__ import annotations

import pytest

from accounts.models import Role
from tests.helpers import api, file_case, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/arbitrators/"
# The token (with its user), the count, the page.
QUERIES = 3


def accept(clerk, case_id, arbitrators):
    response = api(clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [a.pk for a in arbitrators]},
        format="json",
    )
    assert response.status_code == 200, response.json()


def test_staff_see_each_active_arbitrator_by_name_with_open_cases(personas):
    retired = make_user("p-retired", Role.ARBITRATOR, display_name="仲裁员丙")
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    # Two open cases for 甲, one for 乙; a third, withdrawn after acceptance, counts for none. The order is
    # the database's (C collation: 乙 U+4E59 before 甲 U+7532).
    accept(personas.clerk, file_case(personas.applicant), [personas.arbitrator])
    accept(personas.clerk, file_case(personas.applicant), [personas.arbitrator2])
    accept(personas.clerk, file_case(personas.applicant), [personas.arbitrator])
    ended = file_case(personas.applicant)
    accept(personas.clerk, ended, [personas.arbitrator2])
    withdrawn = api(personas.applicant).post(
        f"/api/v1/cases/{ended}/transitions/withdraw/", {"reason": "已和解"}, format="json"
    )
    assert withdrawn.status_code == 200, withdrawn.json()

    for user in (personas.clerk, personas.mediator, personas.arbitrator, personas.supervisor, personas.admin):
        response = api(user).get(URL)
        assert response.status_code == 200, (user.username, response.json())
        assert response.json() == {
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {
                    "id": personas.arbitrator2.pk,
                    "username": "p-arbitrator2",
                    "role": "arbitrator",
                    "display_name": "仲裁员乙",
                    "open_cases": 1,
                },
                {
                    "id": personas.arbitrator.pk,
                    "username": "p-arbitrator",
                    "role": "arbitrator",
                    "display_name": "仲裁员甲",
                    "open_cases": 2,
                },
            ],
        }


def test_parties_are_refused_and_strangers_must_sign_in(personas):
    for user in (personas.applicant, personas.respondent, personas.agent):
        response = api(user).get(URL)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    response = api().get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_pages_and_a_fixed_number_of_queries(personas, django_assert_num_queries):
    for n in range(3):
        make_user(f"p-more-{n}", Role.ARBITRATOR, display_name=f"仲裁员{n}")
    client = api(personas.clerk)
    first = client.get(URL, {"page_size": 2}).json()
    assert first["count"] == 5
    assert [a["display_name"] for a in first["results"]] == ["仲裁员0", "仲裁员1"]
    assert first["next"].endswith("page=2&page_size=2")
    last = client.get(URL, {"page_size": 2, "page": 3}).json()
    assert [a["display_name"] for a in last["results"]] == ["仲裁员甲"]
    assert client.get(URL, {"page": 4, "page_size": 2}).status_code == 404
    bad = client.get(URL, {"page_size": "abc"})
    assert bad.status_code == 400 and "page_size" in bad.json()["fields"]
    # Token check and its renewal, the count, the page: not one query per arbitrator.
    with django_assert_num_queries(QUERIES):
        assert client.get(URL, {"page_size": 5}).status_code == 200
