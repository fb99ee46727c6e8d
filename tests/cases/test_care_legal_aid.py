"""Issue 16, point 4: a legal-aid referral — asked at filing or later — goes to the configured centre with
the case's essentials through the notification channels; its outcome is recorded on the timeline, and the
assigned lawyer is bound as the worker's agent through the verified mandate path."""

from __future__ import annotations

import logging

import pytest

from cases.models import LegalAidReferral
from cases.services.care import legal_aid_send
from tests.cases.care_helpers import post
from tests.helpers import api, file_case, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(settings):
    settings.LEGAL_AID_CENTRE_NAME = "天河区法律援助中心"
    settings.LEGAL_AID_CENTRE_CONTACT = "13900000148"


def body(personas):
    employer = personas.respondent.party
    return {
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": [
            {"category": "wage_arrears", "amount": "9000.00", "description": "拖欠三个月工资"},
            {"category": "economic_compensation", "amount": "4500.50", "description": "经济补偿"},
        ],
        "facts": "工地停工后拖欠工资。",
        "migrant_wage_arrears": True,
        "legal_aid": True,
    }


def test_a_referral_at_filing_its_outcome_and_the_lawyer_bound(
    personas, travel, centre, caplog, django_capture_on_commit_callbacks
):
    travel.move_to("2026-03-02 10:00 +0800")
    caplog.set_level(logging.INFO, logger="core.notifications")
    with django_capture_on_commit_callbacks(execute=True):
        response = api(personas.applicant).post("/api/v1/cases/", body(personas), format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    assert response.json()["priority"] is True

    # The centre was sent the essentials, once, through the channels (the console logs the text).
    referrals = api(personas.applicant).get(f"/api/v1/cases/{case_id}/legal-aid/").json()["results"]
    assert len(referrals) == 1
    referral = referrals[0]
    assert referral["status"] == "requested"
    assert (referral["centre_name"], referral["centre_contact"]) == ("天河区法律援助中心", "13900000148")
    assert referral["sent_at"] is not None
    message = referral["message"]
    assert message.splitlines()[1] == f"案件：申请编号 {case_id}"  # no case number before acceptance
    for essential in (
        "张三",
        "广州示例科技有限公司",
        "拖欠三个月工资",
        "¥9000.00",
        "经济补偿",
        "¥4500.50",
        "¥13500.50",
    ):
        assert essential in message, (essential, message)
    sent = [r.getMessage() for r in caplog.records if r.getMessage().startswith("text to 13900000148")]
    assert len(sent) == 1 and "¥13500.50" in sent[0]
    # Sending again (a task run twice) sends nothing more.
    assert legal_aid_send(referral["id"]) is False

    # On the timeline; a second request while one is pending is refused.
    events = api(personas.clerk).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    requested = [e for e in events if e["kind"] == "request_legal_aid"]
    assert len(requested) == 1 and requested[0]["data"]["centre"] == "天河区法律援助中心"
    again = api(personas.applicant).post(
        f"/api/v1/cases/{case_id}/actions/request_legal_aid/", {}, format="json"
    )
    assert again.status_code == 400 and "legal_aid" in again.json()["fields"]

    # Who sees the referrals: the worker's side and the staff; not the employer; an outsider not the case.
    assert api(personas.clerk).get(f"/api/v1/cases/{case_id}/legal-aid/").status_code == 200
    assert api(personas.respondent).get(f"/api/v1/cases/{case_id}/legal-aid/").status_code == 403
    assert api(personas.outsider).get(f"/api/v1/cases/{case_id}/legal-aid/").status_code == 404

    # The outcome: only a clerk records it; an assignment needs the lawyer's name and phone.
    url = f"/api/v1/cases/{case_id}/actions/record_legal_aid_outcome/"
    assert api(personas.applicant).post(url, {"outcome": "assigned"}, format="json").status_code == 403
    assert api(personas.respondent).post(url, {"outcome": "assigned"}, format="json").status_code == 403
    missing = api(personas.clerk).post(url, {"outcome": "assigned", "lawyer_name": "李律师"}, format="json")
    assert missing.status_code == 400 and "lawyer_phone" in missing.json()["fields"]
    assert api(personas.clerk).post(url, {"outcome": "maybe"}, format="json").status_code == 400
    post(personas.clerk, url, {"outcome": "assigned", "lawyer_name": "李律师", "lawyer_phone": "13700001111"})
    referral = api(personas.applicant).get(f"/api/v1/cases/{case_id}/legal-aid/").json()["results"][0]
    assert (referral["status"], referral["lawyer_name"], referral["lawyer_phone"]) == (
        "assigned",
        "李律师",
        "13700001111",
    )
    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    outcome = next(e for e in events if e["kind"] == "record_legal_aid_outcome")
    assert outcome["data"]["lawyer_name"] == "李律师"

    # Binding the lawyer: the mandate path — pending until the worker (or a clerk) verifies it.
    lawyer = make_user("care-lawyer", "agent", display_name="李律师")
    bind = f"/api/v1/cases/{case_id}/actions/bind_legal_aid_lawyer/"
    assert api(personas.applicant).post(bind, {"agent": lawyer.pk}, format="json").status_code == 403
    wrong = api(personas.clerk).post(bind, {"agent": personas.arbitrator.pk}, format="json")
    assert wrong.status_code == 400 and "agent" in wrong.json()["fields"]
    detail = post(personas.clerk, bind, {"agent": lawyer.pk, "reason": "援助中心指派"})
    agency = next(a for a in detail["agents"] if a["user"]["id"] == lawyer.pk)
    assert (agency["side"], agency["mandate"]) == ("applicant", "pending")
    referral = api(personas.clerk).get(f"/api/v1/cases/{case_id}/legal-aid/").json()["results"][0]
    assert (referral["agent"], referral["mandate"]) == (agency["id"], "pending")
    # Pending, the lawyer does not act for the worker.
    assert api(lawyer).post(
        f"/api/v1/cases/{case_id}/actions/request_legal_aid/", {}, format="json"
    ).status_code in (
        403,
        404,
    )
    # The worker confirms the mandate through the existing mandate endpoint.
    post(
        personas.applicant,
        f"/api/v1/cases/{case_id}/agents/{agency['id']}/mandate/",
        {"decision": "verified"},
    )
    assert LegalAidReferral.objects.get(pk=referral["id"]).agency.mandate == "verified"
    assert api(lawyer).get(f"/api/v1/cases/{case_id}/legal-aid/").status_code == 200
    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    kinds = [e["kind"] for e in events]
    assert kinds.index("bind_legal_aid_lawyer") < kinds.index("decide_mandate")
    # Bound once: a second binding has nothing to bind.
    assert api(personas.clerk).post(bind, {"agent": lawyer.pk}, format="json").status_code == 400


def test_a_referral_later_and_a_declined_outcome(personas, travel, centre):
    travel.move_to("2026-03-02 10:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    assert api(personas.applicant).get(f"/api/v1/cases/{case_id}/legal-aid/").json()["results"] == []
    # Not the employer's to ask; the outsider does not see the case.
    url = f"/api/v1/cases/{case_id}/actions/request_legal_aid/"
    assert api(personas.respondent).post(url, {}, format="json").status_code == 403
    assert api(personas.outsider).post(url, {}, format="json").status_code == 404
    post(personas.applicant, url, {"note": "本人无力聘请律师"})
    referral = LegalAidReferral.objects.get(case_id=case_id)
    assert "本人无力聘请律师" in referral.message
    # Declined needs a reason; then recorded, and the worker may ask again.
    outcome = f"/api/v1/cases/{case_id}/actions/record_legal_aid_outcome/"
    missing = api(personas.clerk).post(outcome, {"outcome": "declined"}, format="json")
    assert missing.status_code == 400 and "decline_reason" in missing.json()["fields"]
    post(personas.clerk, outcome, {"outcome": "declined", "decline_reason": "不符合经济困难标准"})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "不符合经济困难标准")
    assert (
        api(personas.clerk)
        .post(outcome, {"outcome": "declined", "decline_reason": "x"}, format="json")
        .status_code
        == 400
    )
    post(personas.applicant, url, {})
    assert LegalAidReferral.objects.filter(case_id=case_id).count() == 2
