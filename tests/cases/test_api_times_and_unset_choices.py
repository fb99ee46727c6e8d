"""What the mini-program reads: every time in +08:00 (the timeline's data too), and a case's `procedure` and
`closure_type` null until they are decided, never ""."""

from __future__ import annotations

import pytest

from core.api.serializers import local_times
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def fire(user, case_id, name, body=None):
    response = api(user).post(f"/api/v1/cases/{case_id}/transitions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def listed(user, case_id):
    return next(row for row in api(user).get("/api/v1/cases/").json()["results"] if row["id"] == case_id)


def test_procedure_and_closure_type_are_null_until_decided(personas, travel):
    case_id = file_case(personas.applicant)
    detail = api(personas.applicant).get(f"/api/v1/cases/{case_id}/").json()
    assert (detail["procedure"], detail["closure_type"]) == (None, None)
    row = listed(personas.applicant, case_id)
    assert (row["procedure"], row["closure_type"]) == (None, None)

    # A 9000-yuan wage claim with clear facts: the simplified procedure, chosen at acceptance.
    accepted = fire(personas.clerk, case_id, "accept")
    assert (accepted["procedure"], accepted["closure_type"]) == ("simplified", None)
    closed = fire(personas.applicant, case_id, "withdraw", {"reason": "双方和解"})
    shown = (closed["status"], closed["procedure"], closed["closure_type"])
    assert shown == ("closed", "simplified", "withdrawal")
    row = listed(personas.clerk, case_id)
    assert (row["procedure"], row["closure_type"]) == ("simplified", "withdrawal")

    # Withdrawn before acceptance: no procedure was ever chosen, and the case did not close as 结案.
    early = file_case(personas.applicant)
    withdrawn = fire(personas.applicant, early, "withdraw", {"reason": "已与单位和解"})
    shown = (withdrawn["status"], withdrawn["procedure"], withdrawn["closure_type"])
    assert shown == ("withdrawn", None, None)


def test_times_are_in_shanghai_time_in_the_case_and_in_the_timelines_data(personas, travel):
    # 09:00 in Guangzhou is 01:00 UTC: the stored event data says +00:00, the answer +08:00.
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    detail = api(personas.applicant).get(f"/api/v1/cases/{case_id}/").json()
    assert detail["received_at"] == "2026-03-02T09:00:00+08:00"
    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()
    events = events["results"] if isinstance(events, dict) else events
    [filed] = [e for e in events if e["kind"] == "filed"]
    assert filed["created_at"] == "2026-03-02T09:00:00+08:00"
    assert filed["data"]["received_at"] == "2026-03-02T09:00:00+08:00"


def test_only_date_and_time_strings_are_restated():
    data = {
        "at": "2026-03-01T17:30:00.250000+00:00",
        "z": "2026-03-01T16:00:00Z",
        "on": "2026-03-02",
        "note": "2026-03-01T17:30:00+00:00 is when it was sent",
        "rows": [{"closes_at": "2026-03-10T23:59:00-01:00"}, 3, None],
    }
    assert local_times(data) == {
        "at": "2026-03-02T01:30:00.250000+08:00",
        "z": "2026-03-02T00:00:00+08:00",
        "on": "2026-03-02",
        "note": "2026-03-01T17:30:00+00:00 is when it was sent",
        "rows": [{"closes_at": "2026-03-11T08:59:00+08:00"}, 3, None],
    }
