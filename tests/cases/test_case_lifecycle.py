"""A case from filing to closure, through the API only, as the mini-program and the web would drive it."""

from __future__ import annotations

import pytest
import time_machine

from cases.models import Case
from tests.helpers import api, credit_code, make_centre, make_user

pytestmark = pytest.mark.django_db

EMPLOYER = {
    "kind": "organisation",
    "name": "广州市示例科技有限公司",
    "credit_code": None,  # filled per test
    "phone": "13800138011",
    "address": "广州市天河区天河北路1号",
}


def application(respondent_code: str, **overrides):
    body = {
        "respondent": dict(EMPLOYER, credit_code=respondent_code),
        "claims": [
            {"category": "wage_arrears", "amount": "12000.00", "description": "2026年8月至10月工资"},
            {"category": "economic_compensation", "amount": "6500.50", "description": "解除劳动合同经济补偿"},
        ],
        "facts": "申请人于2024年3月入职被申请人处任软件测试员，月工资4000元，被申请人拖欠三个月工资。",
        "consents": {"pre_mediation": True, "async_hearing": True, "electronic_service": True},
    }
    body.update(overrides)
    return body


def fire(user, case_id, name, body=None, expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/transitions/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def act(user, case_id, name, body=None, expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/actions/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def test_from_online_filing_to_award(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    centre = make_centre()
    mediator = make_user(
        "street-mediator", "mediator", mediation_organisation=centre, display_name="街道调解员"
    )
    code = credit_code()

    # A worker files on a phone.
    filed = api(personas.applicant).post("/api/v1/cases/", application(code), format="json")
    assert filed.status_code == 201, filed.json()
    case = filed.json()
    case_id = case["id"]
    assert case["status"] == "submitted"
    assert case["case_number"] is None
    assert case["claims_total"] == "18500.50"
    assert case["applicant"]["name"] == "张三"
    assert case["respondent"]["credit_code"] == code
    decision = next(d for d in case["deadlines"] if d["kind"] == "acceptance_decision")
    assert decision == {**decision, "due_on": "2026-03-09", "status": "open", "provisional": False}
    # 2026-03-07 is a Saturday: the period rolls over to Monday.

    # The clerk refers it to the street mediation centre.
    assert (
        "refer_to_mediation"
        in api(personas.clerk).get(f"/api/v1/cases/{case_id}/").json()["allowed_transitions"]
    )
    case = fire(personas.clerk, case_id, "refer_to_mediation", {"mediation_organisation": centre.pk})
    assert case["status"] == "pre_mediation"
    assert api(mediator).get(f"/api/v1/cases/{case_id}/").status_code == 200

    # Mediation fails a few days later and the case returns.
    travel.move_to("2026-03-05 15:00 +0800")
    case = fire(mediator, case_id, "record_mediation_failure", {"reason": "用人单位不同意调解方案"})
    assert case["status"] == "submitted"

    # The clerk accepts: a case number is assigned.
    travel.move_to("2026-03-06 10:00 +0800")
    case = fire(
        personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]}
    )
    assert case["status"] == "accepted"
    assert case["case_number"] == "穗天劳人仲案字〔2026〕1号"
    assert [a["username"] for a in case["arbitrators"]] == ["p-arbitrator"]
    ruling = next(d for d in case["deadlines"] if d["kind"] == "ruling")
    assert ruling["due_on"] == "2026-04-20"  # 45 days from 2026-03-06

    # The respondent's own account sees the case (linked by its credit code) and consents.
    travel.move_to("2026-03-09 11:00 +0800")
    respondent_user = make_user(
        "employer-hr", "respondent", party=Case.objects.get(pk=case_id).parties.get(side="respondent").party
    )
    blocked = api(personas.arbitrator).get(f"/api/v1/cases/{case_id}/").json()
    option = next(o for o in blocked["options"] if o["name"] == "start_async_hearing")
    assert (option["enabled"] is False and "respondent" in option["reason"].lower()) or "被申请人" in option[
        "reason"
    ]
    refused = api(personas.arbitrator).post(
        f"/api/v1/cases/{case_id}/transitions/start_async_hearing/", {}, format="json"
    )
    assert refused.status_code == 400
    assert "consents.respondent.async_hearing" in refused.json()["fields"]
    consent = api(respondent_user).post(
        f"/api/v1/cases/{case_id}/consents/", {"async_hearing": True}, format="json"
    )
    assert consent.status_code == 200
    assert consent.json()["consents"]["respondent"]["async_hearing"] is True

    # The arbitrator runs the asynchronous hearing and issues the award.
    travel.move_to("2026-03-10 09:00 +0800")
    case = fire(personas.arbitrator, case_id, "start_async_hearing")
    assert case["status"] == "async_hearing"
    case = fire(personas.arbitrator, case_id, "conclude_hearing")
    assert case["status"] == "deliberation"
    # The award decides every claim before it is issued (arbitration's award draft).
    items = [
        {"claim": claim.pk, "granted": str(claim.amount), "decision": "upheld", "finding": "属实"}
        for claim in Case.objects.get(pk=case_id).claims.all()
    ]
    drafted = api(personas.arbitrator).put(f"/api/v1/cases/{case_id}/award/", {"items": items}, format="json")
    assert drafted.status_code == 200, drafted.json()
    case = fire(
        personas.arbitrator,
        case_id,
        "issue_award",
        {
            "reason": "支持申请人全部仲裁请求",
            "mediation_tried": "no",
            "mediation_not_tried_reason": "被申请人拒绝调解",
        },
    )
    assert case["status"] == "closed"
    assert case["closure_type"] == "award"
    assert case["closed_at"] is not None
    assert next(d for d in case["deadlines"] if d["kind"] == "ruling")["status"] == "met"

    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    steps = [(e["kind"], e["actor"]["username"] if e["actor"] else None) for e in events]
    assert steps == [
        ("filed", "p-applicant"),
        ("refer_to_mediation", "p-clerk"),
        ("record_mediation_failure", "street-mediator"),
        ("accept", "p-clerk"),
        ("record_consent", "employer-hr"),
        ("start_async_hearing", "p-arbitrator"),
        ("conclude_hearing", "p-arbitrator"),
        ("award_drafted", "p-arbitrator"),
        ("issue_award", "p-arbitrator"),
    ]
    accept = next(e for e in events if e["kind"] == "accept")
    assert (accept["from_status"], accept["to_status"]) == ("submitted", "accepted")
    assert events[2]["reason"] == "用人单位不同意调解方案"


@time_machine.travel("2026-03-02 09:00 +0800", tick=False)
def test_reject_needs_a_reason_and_ends_the_application(personas):
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    missing = api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/reject/", {}, format="json")
    assert missing.status_code == 400 and set(missing.json()["fields"]) == {"reason", "grounds"}
    case = fire(
        personas.clerk, case_id, "reject", {"reason": "不属于劳动争议受理范围", "grounds": ["out_of_scope"]}
    )
    assert case["status"] == "rejected"
    assert case["case_number"] is None
    wrong = api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")
    assert wrong.status_code == 409
    assert wrong.json()["code"] == "invalid_transition" and wrong.json()["status"] == "rejected"


@time_machine.travel("2026-03-02 09:00 +0800", tick=False)
def test_withdrawal_before_and_after_acceptance(personas):
    before = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    case = fire(personas.applicant, before, "withdraw", {"reason": "已与单位和解"})
    assert (case["status"], case["closure_type"]) == ("withdrawn", None)

    after = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    fire(personas.clerk, after, "accept")
    # The respondent may not withdraw the applicant's case; the applicant may.
    assert (
        api(personas.respondent)
        .post(f"/api/v1/cases/{after}/transitions/withdraw/", {}, format="json")
        .status_code
        == 404
    )
    case = fire(personas.applicant, after, "withdraw", {"reason": "双方达成和解"})
    assert (case["status"], case["closure_type"]) == ("closed", "withdrawal")


def test_suspension_moves_the_ruling_deadline_by_exactly_the_suspended_days(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    case = fire(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    ruling = lambda body: next(d for d in body["deadlines"] if d["kind"] == "ruling")  # noqa: E731
    assert ruling(case)["due_on"] == "2026-04-16"  # 45 days from 2026-03-02

    # Only a supervisor suspends, with a ground and a reason.
    assert (
        api(personas.arbitrator)
        .post(
            f"/api/v1/cases/{case_id}/transitions/suspend/",
            {"ground": "force_majeure", "reason": "x"},
            format="json",
        )
        .status_code
        == 403
    )
    travel.move_to("2026-03-10 09:00 +0800")
    case = fire(
        personas.supervisor,
        case_id,
        "suspend",
        {"ground": "awaiting_determination", "reason": "等待工伤认定结论"},
    )
    assert case["status"] == "suspended"
    assert ruling(case)["status"] == "paused"
    travel.move_to("2026-03-24 09:00 +0800")
    case = fire(personas.supervisor, case_id, "resume", {"reason": "工伤认定结论已作出"})
    assert case["status"] == "accepted"
    assert ruling(case)["status"] == "open"
    assert ruling(case)["due_on"] == "2026-04-30"  # 14 suspended days later
    assert ruling(case)["days"] == 45 + 14


def test_a_suspension_after_the_ruling_period_ran_out_keeps_the_case_overdue(personas, travel):
    """Suspending a case whose 45 days have already lapsed does not pause or push the ruling deadline:
    it stays overdue, on the overdue lists, and no extension can be approved any more."""
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    fire(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    ruling = lambda body: next(d for d in body["deadlines"] if d["kind"] == "ruling")  # noqa: E731

    travel.move_to("2026-04-20 09:00 +0800")  # due 2026-04-16: four days late
    case = fire(personas.supervisor, case_id, "suspend", {"ground": "force_majeure", "reason": "台风"})
    assert (ruling(case)["due_on"], ruling(case)["status"]) == ("2026-04-16", "overdue")
    overdue = api(personas.supervisor).get("/api/v1/cases/?due_before=2026-04-20").json()["results"]
    assert case_id in {c["id"] for c in overdue}
    late = api(personas.supervisor).post(
        f"/api/v1/cases/{case_id}/actions/extend_ruling/", {"days": 15, "reason": "案情复杂"}, format="json"
    )
    assert late.status_code == 400 and "已经届满" in str(late.json()), late.json()

    travel.move_to("2026-05-04 09:00 +0800")
    case = fire(personas.supervisor, case_id, "resume", {"reason": "不可抗力消除"})
    assert (ruling(case)["due_on"], ruling(case)["status"], ruling(case)["days"]) == (
        "2026-04-16",
        "overdue",
        45,
    )


def test_a_restart_gives_a_fresh_45_days_and_a_fresh_extension(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    fire(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    act(personas.supervisor, case_id, "extend_ruling", {"days": 15, "reason": "案情复杂"})
    travel.move_to("2026-03-11 09:00 +0800")
    case = act(
        personas.applicant,
        case_id,
        "amend_claims",
        {
            "claims": [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}],
            "reason": "变更请求",
        },
    )
    ruling = next(d for d in case["deadlines"] if d["kind"] == "ruling")
    assert (ruling["starts_on"], ruling["days"], ruling["due_on"]) == ("2026-03-11", 45, "2026-04-27")
    case = act(personas.supervisor, case_id, "extend_ruling", {"days": 10, "reason": "需要鉴定"})
    ruling = next(d for d in case["deadlines"] if d["kind"] == "ruling")
    assert (ruling["days"], ruling["due_on"]) == (55, "2026-05-06")  # 05-05 is in the Labour Day holiday


@time_machine.travel("2026-03-02 09:00 +0800", tick=False)
def test_extension_by_fifteen_days_needs_a_supervisor_and_happens_once(personas):
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    fire(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    act(personas.arbitrator, case_id, "extend_ruling", {"days": 15, "reason": "案情复杂"}, expect=403)
    too_long = api(personas.supervisor).post(
        f"/api/v1/cases/{case_id}/actions/extend_ruling/", {"days": 16, "reason": "案情复杂"}, format="json"
    )
    assert too_long.status_code == 400 and list(too_long.json()["fields"]) == ["days"]
    case = act(personas.supervisor, case_id, "extend_ruling", {"days": 15, "reason": "案情复杂，需要鉴定"})
    ruling = next(d for d in case["deadlines"] if d["kind"] == "ruling")
    assert (
        ruling["due_on"] == "2026-05-06"
    )  # 60 days from 2026-03-02 is 2026-05-01, Labour Day: first working day
    again = api(personas.supervisor).post(
        f"/api/v1/cases/{case_id}/actions/extend_ruling/", {"days": 5, "reason": "再次延期"}, format="json"
    )
    assert again.status_code == 400


@time_machine.travel("2026-03-02 09:00 +0800", tick=False)
def test_an_oral_hearing_needs_five_days_notice(personas):
    case_id = (
        api(personas.applicant).post("/api/v1/cases/", application(credit_code()), format="json").json()["id"]
    )
    fire(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    act(personas.clerk, case_id, "serve_application")
    soon = api(personas.arbitrator).post(
        f"/api/v1/cases/{case_id}/transitions/schedule_oral_hearing/",
        {"hearing_at": "2026-03-06T09:30:00+08:00"},
        format="json",
    )
    assert soon.status_code == 400
    assert soon.json()["code"] == "deadline_too_soon"
    assert "hearing_at" in soon.json()["fields"]
    case = fire(
        personas.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-07T09:30:00+08:00"}
    )
    assert case["status"] == "oral_hearing"
