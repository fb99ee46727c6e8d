"""Each deadline of a case, computed from its timeline as the steps happen (through the API)."""

from __future__ import annotations

import pytest

from tests.helpers import api, credit_code, make_centre
from tests.helpers import file_case as file_application

pytestmark = pytest.mark.django_db


def file_case(user, respondent_code=None):
    return file_application(user, respondent_code, consents={"pre_mediation": True, "async_hearing": True})


def step(user, case_id, name, body=None, kind="transitions"):
    response = api(user).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def deadlines(user, case_id):
    body = api(user).get(f"/api/v1/cases/{case_id}/").json()
    return {d["kind"]: d for d in body["deadlines"]}


def test_a_second_supplement_request_leaves_the_acceptance_due_date_unchanged(personas, travel):
    """R 29: what is missing is asked for in one go; asking again neither pauses nor restarts the clock."""
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    step(personas.clerk, case_id, "request_supplement", {"items": ["身份证复印件"]}, kind="actions")
    travel.move_to("2026-03-05 10:00 +0800")
    step(personas.applicant, case_id, "complete_supplement", kind="actions")
    first = deadlines(personas.clerk, case_id)["acceptance_decision"]
    assert (first["starts_on"], first["due_on"], first["status"]) == ("2026-03-05", "2026-03-10", "open")

    travel.move_to("2026-03-06 10:00 +0800")
    step(personas.clerk, case_id, "request_supplement", {"items": ["劳动合同"]}, kind="actions")
    again = deadlines(personas.clerk, case_id)["acceptance_decision"]
    assert (again["starts_on"], again["due_on"], again["status"]) == ("2026-03-05", "2026-03-10", "open")
    travel.move_to("2026-03-09 10:00 +0800")
    step(personas.applicant, case_id, "complete_supplement", kind="actions")
    after = deadlines(personas.clerk, case_id)["acceptance_decision"]
    assert (after["starts_on"], after["due_on"]) == ("2026-03-05", "2026-03-10")


def test_a_supplement_request_pauses_acceptance_and_restarts_it_from_the_completed_supplement(
    personas, travel
):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    found = deadlines(personas.clerk, case_id)
    assert (
        found["supplement_notice"]["due_on"] == "2026-03-09"
        and found["supplement_notice"]["status"] == "open"
    )

    travel.move_to("2026-03-04 10:00 +0800")
    step(
        personas.clerk, case_id, "request_supplement", {"items": ["身份证复印件", "劳动合同"]}, kind="actions"
    )
    found = deadlines(personas.clerk, case_id)
    assert (found["supplement_notice"]["status"], found["supplement_notice"]["completed_on"]) == (
        "met",
        "2026-03-04",
    )
    assert found["acceptance_decision"]["status"] == "paused"
    blocked = api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")
    assert blocked.status_code == 400 and "supplement" in blocked.json()["fields"]

    travel.move_to("2026-03-12 16:00 +0800")
    step(personas.applicant, case_id, "complete_supplement", kind="actions")
    found = deadlines(personas.clerk, case_id)
    decision = found["acceptance_decision"]
    assert (decision["starts_on"], decision["due_on"], decision["status"]) == (
        "2026-03-12",
        "2026-03-17",
        "open",
    )


def test_pre_filing_mediation_runs_fifteen_days_and_acceptance_restarts_on_return(personas, travel):
    centre = make_centre()
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    step(personas.clerk, case_id, "refer_to_mediation", {"mediation_organisation": centre.pk})
    found = deadlines(personas.clerk, case_id)
    assert found["pre_mediation"]["due_on"] == "2026-03-17"
    assert found["acceptance_decision"]["status"] == "paused"

    travel.move_to("2026-03-18 09:00 +0800")  # the day after the 15th day
    assert deadlines(personas.clerk, case_id)["pre_mediation"]["status"] == "overdue"
    travel.move_to("2026-03-20 09:00 +0800")
    step(personas.clerk, case_id, "record_mediation_failure", {"reason": "调解期满未达成协议"})
    found = deadlines(personas.clerk, case_id)
    assert found["pre_mediation"]["status"] == "overdue"  # completed late, stays on the record
    assert found["pre_mediation"]["completed_on"] == "2026-03-20"
    assert (found["acceptance_decision"]["starts_on"], found["acceptance_decision"]["due_on"]) == (
        "2026-03-20",
        "2026-03-25",
    )


def test_service_defence_and_tribunal_notice_after_acceptance(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, respondent_code=personas.respondent.party.credit_code)
    step(personas.clerk, case_id, "accept")
    found = deadlines(personas.clerk, case_id)
    assert found["serve_respondent"]["due_on"] == "2026-03-09"  # 03-07 is a Saturday
    assert found["tribunal_notice"]["due_on"] == "2026-03-09"
    assert "defence" not in found  # counted from the respondent's receipt

    travel.move_to("2026-03-03 09:00 +0800")
    put = api(personas.clerk).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": [personas.arbitrator.pk]}, format="json"
    )
    assert put.status_code == 200
    step(personas.clerk, case_id, "serve_application", kind="actions")
    found = deadlines(personas.clerk, case_id)
    assert found["tribunal_notice"]["status"] == "met"
    assert found["serve_respondent"]["completed_on"] == "2026-03-03"
    assert (found["defence"]["due_on"], found["defence"]["responsible"]) == ("2026-03-13", "respondent")

    travel.move_to("2026-03-10 09:00 +0800")
    step(
        personas.respondent,
        case_id,
        "file_defence",
        {"text": "已足额支付工资，不同意申请人请求。"},
        kind="actions",
    )
    found = deadlines(personas.clerk, case_id)
    assert found["defence"]["status"] == "met"
    assert found["serve_defence"]["due_on"] == "2026-03-16"  # 03-15 is a Sunday


def test_changed_claims_restart_the_ruling_clock_and_the_defence_period(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    step(personas.clerk, case_id, "serve_application", kind="actions")
    assert deadlines(personas.clerk, case_id)["ruling"]["due_on"] == "2026-04-16"

    travel.move_to("2026-03-11 09:00 +0800")
    amended = step(
        personas.applicant,
        case_id,
        "amend_claims",
        {
            "claims": [
                {"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"},
                {"category": "overtime", "amount": "3000.00", "description": "休息日加班费"},
            ],
            "reason": "增加加班费请求",
        },
        kind="actions",
    )
    assert amended["claims_total"] == "12000.00"
    found = deadlines(personas.clerk, case_id)
    assert (found["ruling"]["starts_on"], found["ruling"]["due_on"]) == (
        "2026-03-11",
        "2026-04-27",
    )  # 04-25 Sat
    assert (found["defence"]["starts_on"], found["defence"]["due_on"]) == ("2026-03-11", "2026-03-23")


def test_the_next_due_date_orders_the_docket_and_filters_it(personas, travel):
    travel.move_to("2026-02-20 09:00 +0800")
    served_late = file_case(personas.applicant)
    step(personas.clerk, served_late, "accept")  # service due 02-25
    travel.move_to("2026-02-25 09:00 +0800")
    deciding = file_case(personas.applicant)  # acceptance due 03-02
    travel.move_to("2026-03-02 09:00 +0800")
    fresh = file_case(personas.applicant)  # acceptance due 03-09
    listing = api(personas.clerk).get("/api/v1/cases/?ordering=next_due_on").json()["results"]
    assert [(c["id"], c["next_due_on"]) for c in listing] == [
        (served_late, "2026-02-25"),
        (deciding, "2026-03-02"),
        (fresh, "2026-03-09"),
    ]
    assert listing[0]["next_deadline"]["kind"] == "serve_respondent"
    assert listing[0]["next_deadline"]["status"] == "overdue"
    due = api(personas.clerk).get("/api/v1/cases/?due_before=2026-03-02").json()
    assert {c["id"] for c in due["results"]} == {served_late, deciding}


def test_a_counter_application_received_in_the_past_counts_from_its_receipt(personas, travel):
    travel.move_to("2025-10-10 09:00 +0800")
    body = {
        "applicant": {"kind": "person", "name": "柜台申请人", "id_number": "11010519491231002X"},
        "respondent": {"kind": "organisation", "name": "广州柜台测试有限公司", "credit_code": credit_code()},
        "claims": [{"category": "wage_arrears", "amount": "3000.00", "description": "拖欠工资"}],
        "facts": "拖欠工资。",
        "received_at": "2025-09-26T16:30:00+08:00",
    }
    response = api(personas.clerk).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    decision = next(d for d in response.json()["deadlines"] if d["kind"] == "acceptance_decision")
    assert (decision["starts_on"], decision["due_on"], decision["status"]) == (
        "2025-09-26",
        "2025-10-09",
        "overdue",
    )


def test_an_added_respondent_restarts_the_ruling_clock_and_is_served_afresh(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    first = api(personas.clerk).post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json")
    assert len(first.json()["access_codes"]) == 1

    travel.move_to("2026-03-16 10:00 +0800")
    # Only a clerk or the presiding arbitrator decides; a reason is required.
    refused = api(personas.applicant).post(f"/api/v1/cases/{case_id}/actions/add_party/", {}, format="json")
    assert refused.status_code == 403
    missing = api(personas.arbitrator).post(
        f"/api/v1/cases/{case_id}/actions/add_party/",
        {
            "side": "respondent",
            "party": {
                "kind": "organisation",
                "name": "广州关联劳务派遣有限公司",
                "credit_code": credit_code(),
            },
        },
        format="json",
    )
    assert missing.status_code == 400 and list(missing.json()["fields"]) == ["reason"]
    body = step(
        personas.arbitrator,
        case_id,
        "add_party",
        {
            "side": "respondent",
            "party": {
                "kind": "organisation",
                "name": "广州关联劳务派遣有限公司",
                "credit_code": credit_code(),
            },
            "reason": "劳务派遣单位应作为共同被申请人",
        },
        kind="actions",
    )
    assert [r["name"] for r in body["respondents"]] == [
        "广州测试用人单位有限公司",
        "广州关联劳务派遣有限公司",
    ]
    found = deadlines(personas.clerk, case_id)
    assert (found["ruling"]["starts_on"], found["ruling"]["due_on"]) == ("2026-03-16", "2026-04-30")
    assert (found["serve_respondent"]["starts_on"], found["serve_respondent"]["status"]) == (
        "2026-03-16",
        "open",
    )

    travel.move_to("2026-03-17 10:00 +0800")
    again = api(personas.clerk).post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json")
    assert again.status_code == 200
    assert [c["party"] for c in again.json()["access_codes"]] == [
        "广州关联劳务派遣有限公司"
    ]  # the first keeps its code
    found = deadlines(personas.clerk, case_id)
    assert found["serve_respondent"]["completed_on"] == "2026-03-17"
    assert (found["defence"]["starts_on"], found["defence"]["due_on"]) == ("2026-03-17", "2026-03-27")
