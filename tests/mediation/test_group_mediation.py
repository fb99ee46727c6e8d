"""Mediating linked cases (串案, issue 16) at once, with an agreement per worker, through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Role
from cases.models import CaseEvent
from mediation.models import MediationAgreement
from tests.helpers import api, file_case, make_person, make_user

pytestmark = pytest.mark.django_db

CONSENTS = {"async_hearing": True, "electronic_service": True}


def ok(response, code=200):
    assert response.status_code == code, response.json()
    return response.json()


def accepted_group(personas, prefix: str, wages: list[int]) -> tuple[list, list[int], int]:
    """Workers owed ``wages`` claimed against the personas' employer, linked and accepted under the
    personas' arbitrator: (workers, case ids, the group's id)."""
    code = personas.respondent.party.credit_code
    workers = [
        make_user(
            f"{prefix}{i}", Role.APPLICANT, display_name=f"工人{i}", party=make_person(f"{prefix}调解工人{i}")
        )
        for i in range(len(wages))
    ]
    ids = [
        file_case(
            w, code, claims=[{"category": "wage_arrears", "amount": f"{wage}.00", "description": "欠薪"}]
        )
        for wage, w in zip(wages, workers, strict=True)
    ]
    gid = ok(api(personas.clerk).post("/api/v1/case-groups/", {"cases": ids}, format="json"), 201)["id"]
    actions = f"/api/v1/case-groups/{gid}/actions/"
    ok(
        api(personas.clerk).post(
            actions + "accept/", {"arbitrators": [personas.arbitrator.pk]}, format="json"
        )
    )
    return workers, ids, gid


def test_mediate_all_at_once_with_an_agreement_per_worker(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    workers, ids, gid = accepted_group(personas, "mw", [8000, 8001, 8002])
    actions = f"/api/v1/case-groups/{gid}/actions/"

    started = ok(
        api(personas.arbitrator).post(actions + "start_mediation/", {"reason": "集中调解"}, format="json")
    )
    assert started["done"] == 3
    for pk in ids:
        assert ok(api(personas.clerk).get(f"/api/v1/cases/{pk}/"))["status"] == "mediation"
        assert CaseEvent.objects.filter(case_id=pk, kind="start_mediation").exists()

    body = {
        "items": [
            {"obligor": "respondent", "kind": "payment", "due_on": "2026-04-30", "description": "支付工资"}
        ],
        "amounts": [{"case": ids[0], "amount": "5000.00"}],
        "terms": "被申请人于2026年4月30日前一次性支付{amount}元。",
    }
    drafted = ok(api(personas.arbitrator).post(actions + "draft_agreements/", body, format="json"))
    assert drafted["done"] == 3
    agreements = {
        a.case_id: a
        for a in MediationAgreement.objects.filter(case_id__in=ids, status="awaiting_confirmation")
    }
    assert [agreements[pk].items.get().amount for pk in ids] == [
        Decimal("5000.00"),
        Decimal("8001.00"),
        Decimal("8002.00"),
    ]
    assert agreements[ids[0]].terms == "被申请人于2026年4月30日前一次性支付5000.00元。"
    # Each worker sees and confirms only their own agreement.
    own = ok(api(workers[0]).post(f"/api/v1/mediation-agreements/{agreements[ids[0]].pk}/confirm/"))
    assert own["id"] == agreements[ids[0]].pk
    assert (
        api(workers[0]).post(f"/api/v1/mediation-agreements/{agreements[ids[1]].pk}/confirm/").status_code
        == 404
    )

    # A worker who withdraws leaves the group's later steps; the others get the new drafts.
    ok(api(workers[2]).post(f"/api/v1/cases/{ids[2]}/transitions/withdraw/", {}, format="json"))
    again = ok(api(personas.arbitrator).post(actions + "draft_agreements/", body, format="json"))
    outcomes = {r["case"]: r["outcome"] for r in again["results"]}
    assert outcomes == {ids[0]: "done", ids[1]: "done", ids[2]: "left"}
    # Only the lead arbitrator mediates the group.
    assert api(personas.clerk).post(actions + "start_mediation/", {}, format="json").status_code == 403


def test_the_lead_arbitrator_draws_up_the_agreements_from_the_group_page(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    _workers, ids, gid = accepted_group(personas, "pm", [7000, 7001])
    actions = f"/api/v1/case-groups/{gid}/actions/"
    ok(api(personas.arbitrator).post(actions + "start_mediation/", {"reason": "集中调解"}, format="json"))

    client.force_login(personas.arbitrator)
    page = client.get(f"/case-groups/{gid}/").content.decode()
    assert 'data-testid="group-agreement-form"' in page
    assert f'name="amount_{ids[1]}" value="7001.00"' in page  # the total claimed, to change or keep

    # A day already past: refused at its field, nothing drawn up.
    client.post(f"/case-groups/{gid}/actions/draft_agreements/", {"due_on": "2026-03-01"})
    assert "履行期限不能早于今天。" in client.get(f"/case-groups/{gid}/").content.decode()
    assert not MediationAgreement.objects.filter(case_id__in=ids).exists()

    form = {
        "due_on": "2026-04-30",
        "other": "出具离职证明",
        "terms": "被申请人于2026年4月30日前一次性支付{amount}元。",
        f"amount_{ids[0]}": "5000.00",
        f"amount_{ids[1]}": "7001.00",
    }
    assert client.post(f"/case-groups/{gid}/actions/draft_agreements/", form).status_code == 302
    assert client.get(f"/case-groups/{gid}/").content.decode().count('data-outcome="done"') == 2
    first, second = (MediationAgreement.objects.get(case_id=pk) for pk in ids)
    assert [(i.kind, i.amount) for i in first.items.order_by("id")] == [
        ("payment", Decimal("5000.00")),
        ("other", None),
    ]
    assert second.items.get(kind="payment").amount == Decimal("7001.00")
    assert second.terms == "被申请人于2026年4月30日前一次性支付7001.00元。"
