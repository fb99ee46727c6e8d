"""Personal data goes to nobody it does not belong to (issue 7, point 2).

Naming a registered person or company by its number returns the filer only what it typed; the other
side sees ID numbers and phones masked and no address; the party itself, its verified agents and the
commission's staff see the record whole. An agent acts for a party only once its mandate is verified.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from accounts.models import Role
from cases.models import Case
from core.models import Notification
from tests.helpers import api, credit_code, id_number, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db

MASKED_ID = re.compile(r"^\d{4}\*{10}[\dX]{4}$")
MASKED_PHONE = re.compile(r"^1\d{2}\*{4}\d{4}$")
CLAIMS = [{"category": "wage_arrears", "amount": "8000.00", "description": "两个月工资"}]


@pytest.fixture
def people(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    worker = personas.applicant.party
    worker.phone, worker.address = "13800138001", "广州市天河区工人宿舍1号"
    worker.save()
    employer = personas.respondent.party
    employer.phone, employer.address = "13900139002", "广州市天河区珠江新城财务室"
    employer.save()
    return personas


def detail(user, case_id: int) -> dict[str, Any]:
    response = api(user).get(f"/api/v1/cases/{case_id}/")
    assert response.status_code == 200, response.json()
    return response.json()


def file_case(user, body: dict[str, Any]) -> dict[str, Any]:
    response = api(user).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def mandate(user, case_id: int, agent_id: int, decision: str, note: str = "") -> Any:
    return api(user).post(
        f"/api/v1/cases/{case_id}/agents/{agent_id}/mandate/",
        {"decision": decision, "note": note},
        format="json",
    )


def test_naming_a_registered_employer_by_its_code_returns_only_what_the_filer_typed(people):
    employer = people.respondent.party
    typed = {"kind": "organisation", "name": "示例科技", "credit_code": employer.credit_code}
    case = file_case(people.applicant, {"respondent": typed, "claims": CLAIMS, "facts": "拖欠工资"})

    named = case["respondent"]
    assert named["id"] == employer.pk
    assert named["disclosure"] == "stated"
    assert (named["name"], named["credit_code"]) == ("示例科技", employer.credit_code)
    # The stored phone and address never reach the filer: it typed none, it gets none.
    assert employer.phone not in str(case) and employer.address not in str(case)
    assert named["phone"] == "" and not named["address"]

    # Typed ones come back as typed, and do not overwrite the registered record.
    typed = {**typed, "phone": "13700137000", "address": "天河路1号"}
    second = file_case(people.applicant, {"respondent": typed, "claims": CLAIMS, "facts": "加班费"})
    assert (second["respondent"]["phone"], second["respondent"]["address"]) == ("13700137000", "天河路1号")
    employer.refresh_from_db()
    assert (employer.phone, employer.address) == ("13900139002", "广州市天河区珠江新城财务室")
    # The employer itself and the commission see the registered record whole.
    for user in (people.respondent, people.clerk, people.supervisor):
        whole = detail(user, second["id"])["respondent"]
        assert (whole["phone"], whole["address"], whole["disclosure"]) == (
            employer.phone,
            employer.address,
            "full",
        ), user.username


def test_a_person_named_by_id_number_does_not_reveal_its_registered_name_or_contacts(people):
    boss = make_person("王老板", id_number=id_number(), phone="13600136000", address="天河北路9号")
    typed = {"kind": "person", "name": "王某", "id_number": boss.id_number}
    case = file_case(people.applicant, {"respondent": typed, "claims": CLAIMS, "facts": "个体户拖欠工资"})
    assert case["respondent"]["name"] == "王某"
    assert "王老板" not in str(case) and "13600136000" not in str(case) and "天河北路9号" not in str(case)
    listed = api(people.applicant).get("/api/v1/cases/").json()["results"]
    assert [row["respondent"] for row in listed if row["id"] == case["id"]] == ["王某"]


def test_the_other_side_sees_the_workers_id_number_and_phone_masked_and_no_address(people):
    worker, employer = people.applicant.party, people.respondent.party
    body = {
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": CLAIMS,
        "facts": "拖欠工资",
    }
    case_id = file_case(people.applicant, body)["id"]

    seen = detail(people.respondent, case_id)["applicant"]
    assert seen["disclosure"] == "masked"
    assert MASKED_ID.match(seen["id_number"]), seen["id_number"]
    assert seen["id_number"] == worker.id_number[:4] + "*" * 10 + worker.id_number[-4:]
    assert seen["phone"] == "138****8001"
    assert MASKED_PHONE.match(seen["phone"])
    assert seen["address"] is None
    assert seen["name"] == worker.name  # the parties to a dispute know each other's names
    assert worker.id_number not in str(detail(people.respondent, case_id))

    # The worker itself and the staff see it whole; an outsider sees nothing at all.
    for user in (people.applicant, people.clerk, people.supervisor, people.admin):
        whole = detail(user, case_id)["applicant"]
        assert (whole["id_number"], whole["phone"], whole["address"]) == (
            worker.id_number,
            worker.phone,
            worker.address,
        ), user.username
    assert api(people.outsider).get(f"/api/v1/cases/{case_id}/").status_code == 404


def test_the_case_page_masks_the_other_sides_data_too(people, client):
    worker, employer = people.applicant.party, people.respondent.party
    body = {
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": CLAIMS,
        "facts": "拖欠工资",
    }
    case_id = file_case(people.applicant, body)["id"]
    client.force_login(people.respondent)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert worker.id_number not in page and worker.phone not in page and worker.address not in page
    assert worker.id_number[:4] + "*" * 10 + worker.id_number[-4:] in page
    assert "138****8001" in page
    client.force_login(people.clerk)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert worker.id_number in page and worker.phone in page and worker.address in page


def agent_files(people) -> dict[str, Any]:
    worker, employer = people.applicant.party, people.respondent.party
    body = {
        "applicant": {"kind": "person", "name": "张三", "id_number": worker.id_number},
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": CLAIMS,
        "facts": "代理人代为申请",
    }
    return file_case(people.agent, body)


def test_an_agent_without_a_verified_mandate_sees_only_what_it_typed_and_cannot_act(
    people, django_capture_on_commit_callbacks
):
    worker = people.applicant.party
    with django_capture_on_commit_callbacks(execute=True):
        case = agent_files(people)
    case_id, agent_id = case["id"], case["agents"][0]["id"]
    principal = case["applicant"]
    # Filing in the worker's name gives it nothing of the worker's record.
    assert principal["disclosure"] == "stated"
    assert principal["phone"] == "" and not principal["address"]
    assert worker.phone not in str(case) and worker.address not in str(case)
    assert case["agents"][0]["mandate"] == "pending"

    # It cannot act for the worker: no transitions, no consents, not on the applicant's side.
    assert case["allowed_transitions"] == []
    consents = api(people.agent).post(
        f"/api/v1/cases/{case_id}/consents/", {"async_hearing": True}, format="json"
    )
    assert consents.status_code == 403
    withdraw = api(people.agent).post(
        f"/api/v1/cases/{case_id}/transitions/withdraw/", {"reason": "撤回"}, format="json"
    )
    assert withdraw.status_code in (403, 404)
    # The worker is asked whether this is its agent.
    assert Notification.objects.filter(user=people.applicant, kind="case.mandate_requested").count() == 1

    # The clerk cannot accept an application filed without authority.
    accept = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"procedure": "ordinary"}, format="json"
    )
    assert accept.status_code == 400
    assert "agents" in accept.json()["fields"]
    options = {o["name"]: o for o in detail(people.clerk, case_id)["options"]}
    assert options["accept"]["enabled"] is False and options["accept"]["reason"]

    # Nobody but the party or a clerk decides: not the agent itself, not the other side.
    assert mandate(people.agent, case_id, agent_id, "verified").status_code == 403
    assert mandate(people.respondent, case_id, agent_id, "verified").status_code == 403
    assert mandate(people.outsider, case_id, agent_id, "verified").status_code == 404
    # A clerk says what it checked.
    no_note = mandate(people.clerk, case_id, agent_id, "verified")
    assert no_note.status_code == 400 and "note" in no_note.json()["fields"]

    checked = mandate(people.clerk, case_id, agent_id, "verified", "授权委托书原件已核对")
    assert checked.status_code == 200, checked.json()
    assert checked.json()["agents"][0]["mandate"] == "verified"
    assert mandate(people.applicant, case_id, agent_id, "verified").status_code == 409  # already decided

    # Now it acts for the worker and sees the worker's record whole.
    now = detail(people.agent, case_id)
    assert now["applicant"]["disclosure"] == "full"
    assert (now["applicant"]["phone"], now["applicant"]["address"]) == (worker.phone, worker.address)
    assert "withdraw" in now["allowed_transitions"]
    # ...but still only what its side typed of the employer.
    assert now["respondent"]["disclosure"] == "stated"
    assert people.respondent.party.phone not in str(now)
    event = Case.objects.get(pk=case_id).events.get(kind="decide_mandate")
    assert (event.actor, event.data["to"], event.data["checked_by"]) == (people.clerk, "verified", "clerk")
    accepted = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"procedure": "ordinary"}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()


def test_a_party_rejects_a_stranger_claiming_to_be_its_agent_and_may_revoke_a_real_one(
    people, django_capture_on_commit_callbacks
):
    case = agent_files(people)
    case_id, agent_id = case["id"], case["agents"][0]["id"]
    with django_capture_on_commit_callbacks(execute=True):
        rejected = mandate(people.applicant, case_id, agent_id, "rejected")
    assert rejected.status_code == 200, rejected.json()
    assert rejected.json()["agents"] == []
    # The impostor no longer sees the case at all.
    assert api(people.agent).get(f"/api/v1/cases/{case_id}/").status_code == 404
    assert mandate(people.applicant, case_id, agent_id, "verified").status_code == 409

    second = agent_files(people)
    agent_id = second["agents"][0]["id"]
    with django_capture_on_commit_callbacks(execute=True):
        assert mandate(people.applicant, second["id"], agent_id, "verified").status_code == 200
    assert detail(people.agent, second["id"])["applicant"]["disclosure"] == "full"
    with django_capture_on_commit_callbacks(execute=True):
        revoked = mandate(people.applicant, second["id"], agent_id, "rejected")
    assert revoked.status_code == 200
    assert api(people.agent).get(f"/api/v1/cases/{second['id']}/").status_code == 404
    titles = Notification.objects.filter(user=people.agent, kind="case.mandate_decided").values_list(
        "title", flat=True
    )
    assert len(titles) == 3


def test_a_party_named_by_a_new_number_is_registered_with_what_was_typed(people):
    code = credit_code()
    typed = {"kind": "organisation", "name": "新公司", "credit_code": code, "phone": "13500135000"}
    case = file_case(people.applicant, {"respondent": typed, "claims": CLAIMS, "facts": "拖欠工资"})
    assert case["respondent"]["phone"] == "13500135000"
    # A stranger company registered later under another number is not affected.
    other = make_organisation("别家公司")
    assert other.pk != case["respondent"]["id"]
    # The employer's account (bound later) sees its record whole; another user of another party does not.
    owner = make_user(
        "p-new-owner",
        Role.RESPONDENT,
        party=Case.objects.get(pk=case["id"]).parties.get(side="respondent").party,
    )
    assert detail(owner, case["id"])["respondent"]["disclosure"] == "full"
