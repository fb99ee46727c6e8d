"""Advance execution (先予执行, L Art. 44): the worker applies for wages, medical fees or compensation; the
tribunal grants only on the law's two conditions, or refuses with reasons; a granted ruling is
transferred to the court, recorded with the court's name and date, and the parties are told."""

from __future__ import annotations

import pytest

from cases.models import AdvanceExecution, CaseEvent
from core.models import Notification
from tests.helpers import api
from tests.helpers import file_case as file_application

pytestmark = pytest.mark.django_db

APPLY = {"kind": "wages", "amount": "9000.00", "grounds": "三个月未发工资，无力支付房租和孩子学费。"}


def post(user, case_id, name, body=None, expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/actions/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def accepted_case(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_application(personas.applicant, personas.respondent.party.credit_code)
    response = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return case_id


def test_a_granted_advance_execution_is_transferred_to_the_court(personas, travel):
    case_id = accepted_case(personas, travel)
    post(personas.respondent, case_id, "apply_advance_execution", APPLY, expect=403)
    bad = post(personas.applicant, case_id, "apply_advance_execution", {**APPLY, "amount": "0"}, expect=400)
    assert list(bad["fields"]) == ["amount"]
    post(personas.applicant, case_id, "apply_advance_execution", APPLY)
    twice = post(personas.applicant, case_id, "apply_advance_execution", APPLY, expect=400)
    assert list(twice["fields"]) == ["advance"]

    # Only the presiding arbitrator decides, and only on both of the law's conditions.
    post(personas.clerk, case_id, "decide_advance_execution", {"grant": True, "reason": "x"}, expect=403)
    short = post(
        personas.arbitrator,
        case_id,
        "decide_advance_execution",
        {"grant": True, "rights_clear": True, "serious_effect": False, "reason": "权利义务明确"},
        expect=400,
    )
    assert list(short["fields"]) == ["serious_effect"]
    assert AdvanceExecution.objects.get(case_id=case_id).status == "pending"
    travel.move_to("2026-03-04 10:00 +0800")
    post(
        personas.arbitrator,
        case_id,
        "decide_advance_execution",
        {"grant": True, "rights_clear": True, "serious_effect": True, "reason": "欠薪事实清楚，影响生活"},
    )

    no_court = post(personas.clerk, case_id, "transfer_advance_execution", {"court": " "}, expect=400)
    assert list(no_court["fields"]) == ["court"]
    future = post(
        personas.clerk,
        case_id,
        "transfer_advance_execution",
        {"court": "广州市天河区人民法院", "transferred_on": "2026-03-09"},
        expect=400,
    )
    assert list(future["fields"]) == ["transferred_on"]
    travel.move_to("2026-03-05 10:00 +0800")
    post(
        personas.clerk,
        case_id,
        "transfer_advance_execution",
        {"court": "广州市天河区人民法院", "transferred_on": "2026-03-05", "reason": "移送执行"},
    )
    post(personas.clerk, case_id, "transfer_advance_execution", {"court": "另一法院"}, expect=400)

    [advance] = api(personas.applicant).get(f"/api/v1/cases/{case_id}/").json()["advance_executions"]
    assert (advance["status"], advance["court"], advance["transferred_on"], advance["amount"]) == (
        "granted",
        "广州市天河区人民法院",
        "2026-03-05",
        "9000.00",
    )
    events = [
        (e.kind, e.actor_id, e.reason)
        for e in CaseEvent.objects.filter(case_id=case_id, kind__contains="advance_execution")
    ]
    assert events == [
        ("apply_advance_execution", personas.applicant.pk, APPLY["grounds"]),
        ("decide_advance_execution", personas.arbitrator.pk, "欠薪事实清楚，影响生活"),
        ("transfer_advance_execution", personas.clerk.pk, "移送执行"),
    ]
    told = Notification.objects.filter(user=personas.applicant, kind="case.advance_execution")
    assert any("广州市天河区人民法院" in n.title for n in told)


def test_a_refusal_gives_its_reasons_and_allows_a_new_application(personas, travel):
    case_id = accepted_case(personas, travel)
    post(personas.applicant, case_id, "apply_advance_execution", {**APPLY, "kind": "medical_fees"})
    post(
        personas.arbitrator, case_id, "decide_advance_execution", {"grant": False, "reason": " "}, expect=400
    )
    post(
        personas.arbitrator,
        case_id,
        "decide_advance_execution",
        {"grant": False, "reason": "权利义务尚不明确"},
    )
    nothing = post(personas.clerk, case_id, "transfer_advance_execution", {"court": "某法院"}, expect=400)
    assert list(nothing["fields"]) == ["advance"]
    post(personas.applicant, case_id, "apply_advance_execution", APPLY)
    assert list(AdvanceExecution.objects.filter(case_id=case_id).values_list("status", flat=True)) == [
        "refused",
        "pending",
    ]
