"""Issue 16, point 3: the supervisors see how long priority cases wait against the others — average and
median days from receipt to acceptance and to closure, checked against numbers computed by hand."""

from __future__ import annotations

import pytest

from tests.cases.care_helpers import accept, close
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def test_priority_cases_waiting_against_the_others(personas, travel):
    travel.move_to("2026-02-20 10:00 +0800")
    file_case(personas.applicant, migrant_wage_arrears=True)  # received before the period: not counted
    travel.move_to("2026-03-02 10:00 +0800")
    p1 = file_case(personas.applicant, migrant_wage_arrears=True)
    p2 = file_case(personas.applicant, migrant_wage_arrears=True)
    o1 = file_case(personas.applicant)
    travel.move_to("2026-03-03 10:00 +0800")
    o2 = file_case(personas.applicant)
    file_case(personas.applicant)  # o3: never accepted
    travel.move_to("2026-03-04 10:00 +0800")
    accept(personas, p1)  # 2 days
    travel.move_to("2026-03-06 10:00 +0800")
    accept(personas, p2)  # 4 days
    accept(personas, o2)  # 3 days
    travel.move_to("2026-03-09 10:00 +0800")
    p3 = file_case(personas.applicant)
    accept(personas, o1)  # 7 days
    travel.move_to("2026-03-09 11:00 +0800")
    answer = api(personas.clerk).post(
        f"/api/v1/cases/{p3}/actions/set_priority/", {"migrant_wage_arrears": True}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    travel.move_to("2026-03-10 10:00 +0800")
    accept(personas, p3)  # 1 day
    close(personas, p2)  # 8 days
    travel.move_to("2026-03-20 10:00 +0800")
    close(personas, p1)  # 18 days
    travel.move_to("2026-03-30 10:00 +0800")
    close(personas, o1)  # 28 days

    response = api(personas.supervisor).get(
        "/api/v1/metrics/waiting/", {"from": "2026-03-01", "to": "2026-03-31"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    # Priority: accepted after 2, 4, 1 days (average 7/3 = 2.33, median 2); closed after 18 and 8 days.
    assert body["priority"] == {
        "cases": 3,
        "to_acceptance": {"cases": 3, "average": "2.3", "median": "2.0"},
        "to_closure": {"cases": 2, "average": "13.0", "median": "13.0"},
    }
    # Others: accepted after 7 and 3 days (o3 not yet); o1 closed after 28 days.
    assert body["other"] == {
        "cases": 3,
        "to_acceptance": {"cases": 2, "average": "5.0", "median": "5.0"},
        "to_closure": {"cases": 1, "average": "28.0", "median": "28.0"},
    }
    assert (body["from"], body["to"]) == ("2026-03-01", "2026-03-31")

    # Supervisors only; a bad period is a 400 naming the field.
    for user in (personas.clerk, personas.arbitrator, personas.applicant, personas.outsider):
        refused = api(user).get("/api/v1/metrics/waiting/")
        assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert api().get("/api/v1/metrics/waiting/").status_code == 401
    bad = api(personas.supervisor).get("/api/v1/metrics/waiting/", {"from": "2026-04-01", "to": "2026-03-01"})
    assert bad.status_code == 400 and "from" in bad.json()["fields"]
