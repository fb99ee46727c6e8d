"""Counter-applications (反申请, R Art. 36): filed within the defence period with their own claims, decided by
the commission within 5 days; once accepted they are joined to the case and the ruling period restarts
(R Art. 46). After the defence period the respondent must apply separately."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, CounterApplication
from tests.helpers import api
from tests.helpers import file_case as file_application

pytestmark = pytest.mark.django_db

COUNTER = {
    "claims": [
        {"category": "other", "amount": "5000.00", "description": "返还多发的工资"},
        {"category": "other", "description": "赔偿损坏的设备"},
    ],
    "facts": "申请人离职时未交接，造成设备损坏。",
}


def post(user, case_id, name, body=None, kind="actions", expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def detail(user, case_id):
    return api(user).get(f"/api/v1/cases/{case_id}/").json()


def deadlines(user, case_id):
    return {d["kind"]: d for d in detail(user, case_id)["deadlines"]}


def served_case(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_application(personas.applicant, personas.respondent.party.credit_code)
    post(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]}, kind="transitions")
    post(personas.clerk, case_id, "serve_application")  # defence due 2026-03-12
    return case_id


def test_an_accepted_counter_application_is_joined_apart_and_restarts_the_ruling_period(personas, travel):
    case_id = served_case(personas, travel)
    assert deadlines(personas.clerk, case_id)["ruling"]["due_on"] == "2026-04-16"

    travel.move_to("2026-03-05 10:00 +0800")
    post(personas.applicant, case_id, "file_counter_application", COUNTER, expect=403)
    post(personas.respondent, case_id, "file_counter_application", COUNTER)
    found = deadlines(personas.clerk, case_id)
    assert (found["counter_decision"]["due_on"], found["counter_decision"]["status"]) == (
        "2026-03-10",
        "open",
    )
    again = post(personas.respondent, case_id, "file_counter_application", COUNTER, expect=400)
    assert list(again["fields"]) == ["counter_application"]

    travel.move_to("2026-03-09 15:00 +0800")
    post(personas.clerk, case_id, "decide_counter_application", {"accept": True, "reason": "合并审理"})
    body = detail(personas.applicant, case_id)
    # The applicant's claims are unchanged; the counter-claims are shown apart.
    assert [c["description"] for c in body["claims"]] == ["拖欠工资"]
    assert body["claims_total"] == "9000.00"
    [counter] = body["counter_applications"]
    assert counter["status"] == "accepted"
    assert [(c["description"], c["amount"]) for c in counter["claims"]] == [
        ("返还多发的工资", "5000.00"),
        ("赔偿损坏的设备", None),
    ]
    found = {d["kind"]: d for d in body["deadlines"]}
    assert (found["ruling"]["starts_on"], found["ruling"]["due_on"]) == ("2026-03-09", "2026-04-23")
    assert (found["counter_decision"]["status"], found["counter_decision"]["completed_on"]) == (
        "met",
        "2026-03-09",
    )
    # The respondent's defence period is not restarted by its own counter-application.
    assert found["defence"]["starts_on"] == "2026-03-02"
    timeline = [
        (e.kind, e.actor_id, e.reason)
        for e in CaseEvent.objects.filter(case_id=case_id, kind__contains="counter_application")
    ]
    assert timeline == [
        ("file_counter_application", personas.respondent.pk, COUNTER["facts"]),
        ("decide_counter_application", personas.clerk.pk, "合并审理"),
    ]
    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()
    labelled = {e["kind"]: e for e in events.get("results", events)}
    assert labelled["decide_counter_application"]["actor"]["username"] == personas.clerk.username


def test_a_counter_application_after_the_defence_period_is_refused_naming_the_rule(personas, travel):
    case_id = served_case(personas, travel)
    travel.move_to("2026-03-12 23:00 +0800")  # the last day of the defence period still counts
    post(personas.respondent, case_id, "file_counter_application", COUNTER)
    post(personas.clerk, case_id, "decide_counter_application", {"accept": False}, expect=400)
    post(personas.clerk, case_id, "decide_counter_application", {"accept": False, "reason": "应另行申请仲裁"})
    assert deadlines(personas.clerk, case_id)["ruling"]["due_on"] == "2026-04-16"  # no restart

    travel.move_to("2026-03-13 09:00 +0800")
    events = CaseEvent.objects.filter(case_id=case_id).count()
    late = post(personas.respondent, case_id, "file_counter_application", COUNTER, expect=400)
    assert late["code"] == "counter_application_too_late"
    assert list(late["fields"]) == ["defence_period"]
    assert "2026-03-12" in late["detail"] and "第三十六条" in late["detail"]  # R Art. 36
    assert CounterApplication.objects.filter(case_id=case_id).count() == 1
    assert CaseEvent.objects.filter(case_id=case_id).count() == events


def test_a_counter_application_needs_claims_and_a_served_application(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_application(personas.applicant, personas.respondent.party.credit_code)
    post(personas.clerk, case_id, "accept", kind="transitions")
    unserved = post(personas.respondent, case_id, "file_counter_application", COUNTER, expect=400)
    assert "non_field_errors" in unserved["fields"]
    post(personas.clerk, case_id, "serve_application")
    empty = post(
        personas.respondent, case_id, "file_counter_application", {**COUNTER, "claims": []}, expect=400
    )
    assert any(f.startswith("claims") for f in empty["fields"])
    assert not CounterApplication.objects.filter(case_id=case_id).exists()
