"""The arbitration finality rate (仲裁终结率) reads the lawsuits recorded after the award and counts each
case's window from the parties' receipt of the award, not from closure."""

from __future__ import annotations

import pytest

from tests.arbitration.test_after_award import awarded, post, serve_award
from tests.helpers import api

pytestmark = pytest.mark.django_db


def finality(user, first, last):
    response = api(user).get("/api/v1/metrics/summary/", {"from": first, "to": last})
    assert response.status_code == 200, response.json()
    figure = response.json()["finality_rate"]
    return figure["numerator"], figure["denominator"], figure["value"]


def drilldown(user, first, last, part):
    params = {"from": first, "to": last, "figure": "finality_rate", "part": part}
    response = api(user).get("/api/v1/metrics/cases/", params)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_a_lawsuit_filed_within_the_window_makes_the_case_non_final(personas, travel):
    case_id = awarded(personas, travel)  # the award issued and the case closed on 1 September 2026
    travel.move_to("2026-09-22 10:00 +0800")
    serve_award(personas, case_id, "applicant", "2026-09-14")
    serve_award(personas, case_id, "respondent", "2026-09-21")
    travel.move_to("2026-11-02 10:00 +0800")
    boss = personas.supervisor

    # From closure the 30 days ended on 1 October; from the later receipt (21 September) on 21 October.
    assert finality(boss, "2026-09-01", "2026-10-15") == (0, 0, None)
    assert finality(boss, "2026-09-01", "2026-10-31") == (1, 1, "1.0000")

    body = {"side": "applicant", "kind": "lawsuit", "filed_on": "2026-09-22", "court": "广州市天河区人民法院"}
    response = post(personas.clerk, f"cases/{case_id}/actions/record_court_challenge/", body)
    assert response.status_code == 200, response.json()
    assert finality(boss, "2026-09-01", "2026-10-31") == (0, 1, "0.0000")
    assert drilldown(boss, "2026-09-01", "2026-10-31", "denominator") == [case_id]
    assert drilldown(boss, "2026-09-01", "2026-10-31", "numerator") == []


def test_a_lawsuit_filed_after_the_window_leaves_the_award_final(personas, travel):
    case_id = awarded(personas, travel)
    travel.move_to("2026-09-15 10:00 +0800")
    serve_award(personas, case_id, "applicant", "2026-09-14")
    serve_award(personas, case_id, "respondent", "2026-09-14")
    travel.move_to("2026-11-02 10:00 +0800")
    # The worker's 15 days from 14 September ended on the 29th: a lawsuit on 30 October is too late.
    body = {"side": "applicant", "kind": "lawsuit", "filed_on": "2026-10-30", "court": "广州市天河区人民法院"}
    response = post(personas.clerk, f"cases/{case_id}/actions/record_court_challenge/", body)
    assert response.status_code == 200, response.json()
    assert finality(personas.supervisor, "2026-09-01", "2026-10-31") == (1, 1, "1.0000")
