"""Awards for linked cases (串案, issue 16) drafted from one template with per-worker amounts, via the API."""

from __future__ import annotations

import pytest

from accounts.models import Role
from arbitration.models import Award
from tests.helpers import api, file_case, make_person, make_user

pytestmark = pytest.mark.django_db

CONSENTS = {"async_hearing": True, "electronic_service": True}


def ok(response, code=200):
    assert response.status_code == code, response.json()
    return response.json()


def claims(wage: str) -> list[dict]:
    return [
        {"category": "wage_arrears", "amount": wage, "description": "拖欠工资"},
        {"category": "overtime", "amount": "1000.00", "description": "加班费"},
    ]


@pytest.fixture
def deliberating(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    code = personas.respondent.party.credit_code
    workers = [
        make_user(f"aw{i}", Role.APPLICANT, display_name=f"工人{i}", party=make_person(f"裁决工人{i}"))
        for i in range(3)
    ]
    ids = [
        file_case(w, code, claims=claims(f"{6000 + 1000 * i}.00"), consents=CONSENTS)
        for w, i in zip(workers, range(3), strict=True)
    ]
    gid = ok(api(personas.clerk).post("/api/v1/case-groups/", {"cases": ids}, format="json"), 201)["id"]
    ok(
        api(personas.clerk).post(
            f"/api/v1/case-groups/{gid}/actions/accept/",
            {"arbitrators": [personas.arbitrator.pk]},
            format="json",
        )
    )
    for pk in ids:
        ok(api(personas.respondent).post(f"/api/v1/cases/{pk}/consents/", CONSENTS, format="json"))
    for pk in ids[:2]:
        for name in ("start_async_hearing", "conclude_hearing"):
            ok(api(personas.arbitrator).post(f"/api/v1/cases/{pk}/transitions/{name}/", {}, format="json"))
    return gid, ids


def test_awards_from_one_template_with_each_workers_amounts(personas, deliberating):
    gid, ids = deliberating
    body = {
        "template": [
            {
                "category": "wage_arrears",
                "decision": "upheld",
                "finding": "被申请人拖欠申请人工资{granted}元。",
                "reasoning": "依据《劳动合同法》第三十条。",
            },
            {"category": "overtime", "decision": "dismissed", "finding": "加班事实证据不足。"},
        ],
        "amounts": [{"case": ids[1], "category": "wage_arrears", "granted": "6500.00"}],
    }
    answer = ok(
        api(personas.arbitrator).post(f"/api/v1/case-groups/{gid}/actions/draft_awards/", body, format="json")
    )
    by_case = {r["case"]: r for r in answer["results"]}
    # The third member is still accepted: refused alone (409), the others drafted.
    assert by_case[ids[2]]["outcome"] == "refused" and by_case[ids[2]]["status"] == 409
    assert by_case[ids[0]]["data"]["granted_total"] == "6000.00"
    assert by_case[ids[1]]["data"]["granted_total"] == "6500.00"

    first = ok(api(personas.arbitrator).get(f"/api/v1/cases/{ids[0]}/award/"))
    texts = [i["finding"] for i in first["items"]]
    assert "被申请人拖欠申请人工资6000.00元。" in texts
    assert "加班事实证据不足。" in texts
    second = Award.objects.get(case_id=ids[1])
    assert sorted(str(i.granted) for i in second.items.all()) == ["0.00", "6500.00"]
    assert not Award.objects.filter(case_id=ids[2]).exists()
    # Only the lead arbitrator drafts for the group; a clerk may not.
    response = api(personas.clerk).post(
        f"/api/v1/case-groups/{gid}/actions/draft_awards/", body, format="json"
    )
    assert response.status_code == 403
    # A template deciding a category twice is refused with its field.
    twice = {"template": [body["template"][0], body["template"][0]]}
    response = api(personas.arbitrator).post(
        f"/api/v1/case-groups/{gid}/actions/draft_awards/", twice, format="json"
    )
    assert response.status_code == 400 and "template" in response.json()["fields"]


def test_the_lead_arbitrator_drafts_the_awards_from_the_group_page(client, personas, deliberating):
    gid, ids = deliberating
    client.force_login(personas.arbitrator)
    page = client.get(f"/case-groups/{gid}/").content.decode()
    assert 'data-testid="group-award-form"' in page
    # Every claim category the members claim, and each worker's claimed amount already in its box.
    assert 'data-category="wage_arrears"' in page and 'data-category="overtime"' in page
    assert f'name="granted_{ids[1]}_wage_arrears" value="7000.00"' in page

    # Nothing decided: refused with the template's message, nothing written.
    refused = client.post(f"/case-groups/{gid}/actions/draft_awards/", {"category": ["wage_arrears"]})
    assert refused.status_code == 302
    assert "请至少裁决一类请求。" in client.get(f"/case-groups/{gid}/").content.decode()
    assert not Award.objects.filter(case_id__in=ids).exists()

    form = {
        "category": ["wage_arrears", "overtime"],
        "decision_wage_arrears": "upheld",
        "finding_wage_arrears": "被申请人拖欠申请人工资{granted}元。",
        "decision_overtime": "dismissed",
        "finding_overtime": "加班事实证据不足。",
        f"granted_{ids[0]}_wage_arrears": "6000.00",
        f"granted_{ids[0]}_overtime": "1000.00",  # still shown, but the category is dismissed
        f"granted_{ids[1]}_wage_arrears": "6500.00",
        f"granted_{ids[1]}_overtime": "1000.00",
    }
    response = client.post(f"/case-groups/{gid}/actions/draft_awards/", form)
    assert response.status_code == 302
    page = client.get(f"/case-groups/{gid}/").content.decode()
    # The two deliberating members drafted; the third (still accepted) refused alone with its reason.
    assert page.count('data-outcome="done"') == 2 and page.count('data-outcome="refused"') == 1
    first, second = (Award.objects.get(case_id=pk) for pk in ids[:2])
    assert sorted(str(i.granted) for i in first.items.all()) == ["0.00", "6000.00"]
    assert sorted(str(i.granted) for i in second.items.all()) == ["0.00", "6500.00"]
    assert "被申请人拖欠申请人工资6500.00元。" in [i.finding for i in second.items.all()]
    assert not Award.objects.filter(case_id=ids[2]).exists()

    # A clerk sees no such form: drafting awards is the lead arbitrator's.
    client.force_login(personas.clerk)
    assert 'data-testid="group-award-form"' not in client.get(f"/case-groups/{gid}/").content.decode()
    drafted = {a.pk: a.updated_at for a in Award.objects.filter(case_id__in=ids)}
    assert client.post(f"/case-groups/{gid}/actions/draft_awards/", form).status_code == 302
    assert "您无权对该串案组执行此操作。" in client.get(f"/case-groups/{gid}/").content.decode()
    assert {a.pk: a.updated_at for a in Award.objects.filter(case_id__in=ids)} == drafted
