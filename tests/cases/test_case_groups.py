"""Linked cases (串案, issue 16): proposals, linking, group actions, visibility — through the API."""

from __future__ import annotations

import pytest

from accounts.models import Role
from cases.models import Case, CaseEvent
from tests.helpers import api, credit_code, file_case, make_person, make_user

pytestmark = pytest.mark.django_db

CLAIMS = [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}]


def workers(count: int, prefix: str = "g") -> list:
    return [
        make_user(
            f"{prefix}-worker-{i}",
            Role.APPLICANT,
            display_name=f"工人{i}",
            party=make_person(f"工人{prefix}{i}"),
        )
        for i in range(count)
    ]


def file_against(code: str, people: list, **overrides) -> list[int]:
    return [file_case(worker, code, claims=CLAIMS, **overrides) for worker in people]


def proposals(user, **params):
    response = api(user).get("/api/v1/case-groups/proposals/", params)
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def link(user, ids, expect=201, **body):
    response = api(user).post("/api/v1/case-groups/", {"cases": ids, **body}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def group_action(user, group_id, name, body=None, expect=200):
    response = api(user).post(f"/api/v1/case-groups/{group_id}/actions/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def kinds(case_id: int) -> list[str]:
    return list(CaseEvent.objects.filter(case_id=case_id).order_by("id").values_list("kind", flat=True))


def test_twelve_cases_against_one_employer_are_proposed_and_linked(personas, travel):
    code = credit_code()
    ids = file_against(code, workers(12))
    # Another employer's case, and a case on other claims, are not in the proposal.
    file_case(personas.applicant, credit_code(), claims=CLAIMS)
    file_case(
        personas.outsider, code, claims=[{"category": "work_injury", "amount": "1.00", "description": "x"}]
    )

    found = [p for p in proposals(personas.clerk) if p["respondent"]["credit_code"] == code]
    assert len(found) == 1
    proposal = found[0]
    assert sorted(c["id"] for c in proposal["cases"]) == sorted(ids)
    assert proposal["categories"] == ["wage_arrears"]

    response = api(personas.clerk).post(
        f"/api/v1/case-groups/proposals/{proposal['id']}/confirm/",
        {"label": "示例公司欠薪串案", "lead_arbitrator": personas.arbitrator.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    group = response.json()
    assert group["label"] == "示例公司欠薪串案"
    assert group["member_count"] == 12
    assert group["lead_arbitrator"]["id"] == personas.arbitrator.pk
    assert {a["name"] for a in group["actions"]} >= {"accept", "serve_application", "set_tribunal"}
    for pk in ids:
        assert kinds(pk)[-1] == "group_link"
    # The proposal is decided; no new pending one for the linked cases.
    assert [p for p in proposals(personas.clerk) if p["respondent"]["credit_code"] == code] == []
    assert proposals(personas.clerk, status="confirmed")[0]["group"] == group["id"]

    # Every member's page and docket row show the group.
    detail = api(personas.clerk).get(f"/api/v1/cases/{ids[0]}/").json()
    assert detail["group"] == {"id": group["id"], "label": "示例公司欠薪串案"}
    rows = api(personas.clerk).get("/api/v1/cases/", {"page_size": 50}).json()["results"]
    marked = {r["id"]: r["group"] for r in rows}
    assert all(marked[pk] == {"id": group["id"], "label": "示例公司欠薪串案"} for pk in ids)


def test_dismissed_proposal_is_not_proposed_again(personas):
    code = credit_code()
    file_against(code, workers(3))
    proposal = proposals(personas.clerk)[0]
    response = api(personas.clerk).post(
        f"/api/v1/case-groups/proposals/{proposal['id']}/dismiss/", {"reason": "不同工地"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "dismissed"
    assert proposals(personas.clerk) == []
    again = api(personas.clerk).post(
        f"/api/v1/case-groups/proposals/{proposal['id']}/dismiss/", {}, format="json"
    )
    assert again.status_code == 409
    # A fourth worker files: the cases are proposed again, with the new one.
    file_against(code, workers(1, "late"))
    assert len(proposals(personas.clerk)[0]["cases"]) == 4


def test_linking_cases_of_different_respondents_is_refused(personas):
    first = file_case(personas.applicant, credit_code(), claims=CLAIMS)
    second = file_case(personas.outsider, credit_code(), claims=CLAIMS)
    body = link(personas.clerk, [first, second], expect=400)
    assert body["code"] == "invalid"
    assert "cases" in body["fields"]
    assert Case.objects.filter(case_group__isnull=False).count() == 0
    # Only clerks and supervisors link.
    assert link(personas.arbitrator, [first, second], expect=403)["code"] == "permission_denied"


def test_group_accepted_and_served_in_one_action(personas):
    code = credit_code()
    ids = file_against(code, workers(12))
    group = link(personas.clerk, ids)
    answer = group_action(personas.clerk, group["id"], "accept", {"arbitrators": [personas.arbitrator.pk]})
    assert answer["done"] == 12 and answer["refused"] == 0
    assert {r["case_status"] for r in answer["results"]} == {"accepted"}
    answer = group_action(personas.clerk, group["id"], "serve_application", {})
    assert answer["done"] == 12
    for pk in ids:
        timeline = kinds(pk)
        assert "accept" in timeline and "serve_application" in timeline
        case = Case.objects.get(pk=pk)
        assert case.case_number and case.served_at is not None
        assert case.presiding_arbitrator_id == personas.arbitrator.pk
    events = api(personas.clerk).get(f"/api/v1/cases/{ids[3]}/events/").json()["results"]
    assert [e["kind"] for e in events][-2:] == ["accept", "serve_application"]


def test_a_member_in_the_wrong_status_is_refused_alone(personas):
    code = credit_code()
    ids = file_against(code, workers(4))
    group = link(personas.clerk, ids)
    # One member was accepted on its own already; another withdrew.
    response = api(personas.clerk).post(f"/api/v1/cases/{ids[0]}/transitions/accept/", {}, format="json")
    assert response.status_code == 200
    withdrawer = Case.objects.get(pk=ids[1]).parties.get(side="applicant").party.users.get()
    response = api(withdrawer).post(f"/api/v1/cases/{ids[1]}/transitions/withdraw/", {}, format="json")
    assert response.status_code == 200

    answer = group_action(personas.clerk, group["id"], "accept", {})
    by_case = {r["case"]: r for r in answer["results"]}
    assert by_case[ids[0]]["outcome"] == "refused"
    assert by_case[ids[0]]["status"] == 409
    assert by_case[ids[0]]["code"] == "invalid_transition"
    assert by_case[ids[1]]["outcome"] == "left"
    assert by_case[ids[2]]["outcome"] == by_case[ids[3]]["outcome"] == "done"
    assert (answer["done"], answer["refused"], answer["left"]) == (2, 1, 1)
    assert kinds(ids[0]).count("accept") == 1


def test_set_tribunal_for_the_group_makes_the_lead(personas):
    ids = file_against(credit_code(), workers(3))
    group = link(personas.clerk, ids)
    group_action(personas.clerk, group["id"], "accept", {})
    answer = group_action(
        personas.clerk, group["id"], "set_tribunal", {"arbitrators": [personas.arbitrator2.pk]}
    )
    assert answer["done"] == 3
    detail = api(personas.clerk).get(f"/api/v1/case-groups/{group['id']}/").json()
    assert detail["lead_arbitrator"]["id"] == personas.arbitrator2.pk
    bad = group_action(
        personas.clerk, group["id"], "set_tribunal", {"arbitrators": [personas.clerk.pk]}, expect=400
    )
    assert "arbitrators" in bad["fields"]


def test_the_lead_arbitrator_is_changed_on_its_own(personas):
    ids = file_against(credit_code(), workers(2))
    group = link(personas.clerk, ids, lead_arbitrator=personas.arbitrator.pk)
    assert group["lead_arbitrator"]["id"] == personas.arbitrator.pk
    path = f"/api/v1/case-groups/{group['id']}/lead/"
    changed = api(personas.clerk).post(path, {"lead_arbitrator": personas.arbitrator2.pk}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["lead_arbitrator"]["id"] == personas.arbitrator2.pk
    # The new lead sees the group among theirs; the members' tribunals are untouched (none yet).
    led = api(personas.arbitrator2).get(f"/api/v1/case-groups/{group['id']}/")
    assert led.status_code == 200 and led.json()["lead_arbitrator"]["id"] == personas.arbitrator2.pk
    assert not Case.objects.filter(pk__in=ids, tribunal__isnull=False).exists()
    # Not an arbitrator: 400 on the field, nothing changed; not a clerk: 403; an outsider: 404.
    bad = api(personas.clerk).post(path, {"lead_arbitrator": personas.clerk.pk}, format="json")
    assert bad.status_code == 400 and "lead_arbitrator" in bad.json()["fields"]
    missing = api(personas.clerk).post(path, {}, format="json")
    assert missing.status_code == 400 and "lead_arbitrator" in missing.json()["fields"]
    refused = api(personas.arbitrator2).post(path, {"lead_arbitrator": personas.arbitrator.pk}, format="json")
    assert refused.status_code == 403, refused.json()
    hidden = api(personas.applicant).post(path, {"lead_arbitrator": personas.arbitrator.pk}, format="json")
    assert hidden.status_code == 404
    detail = api(personas.clerk).get(f"/api/v1/case-groups/{group['id']}/").json()
    assert detail["lead_arbitrator"]["id"] == personas.arbitrator2.pk


def test_unlinking_is_recorded(personas):
    ids = file_against(credit_code(), workers(3))
    group = link(personas.clerk, ids)
    response = api(personas.clerk).post(
        f"/api/v1/case-groups/{group['id']}/unlink/", {"case": ids[2], "reason": "另案处理"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["member_count"] == 2
    assert kinds(ids[2])[-1] == "group_unlink"
    assert Case.objects.get(pk=ids[2]).case_group_id is None
    answer = group_action(personas.clerk, group["id"], "accept", {})
    assert {r["case"] for r in answer["results"]} == set(ids[:2])
    # Not a member any more.
    again = api(personas.clerk).post(
        f"/api/v1/case-groups/{group['id']}/unlink/", {"case": ids[2]}, format="json"
    )
    assert again.status_code == 400 and "case" in again.json()["fields"]
    # A case already in a group cannot be linked again elsewhere.
    assert link(personas.clerk, ids[:2], expect=409)["code"] == "conflict"


def test_visibility_for_every_role(personas):
    code = personas.respondent.party.credit_code
    own = file_case(personas.applicant, code, claims=CLAIMS)
    others = file_against(code, workers(2))
    group = link(personas.clerk, [own, *others], label="串案")
    gid = group["id"]
    group_action(personas.clerk, gid, "accept", {"arbitrators": [personas.arbitrator.pk]})

    for user in (personas.clerk, personas.supervisor, personas.admin, personas.arbitrator):
        assert api(user).get(f"/api/v1/case-groups/{gid}/").status_code == 200, user.username
        assert [g["id"] for g in api(user).get("/api/v1/case-groups/").json()["results"]] == [gid]
    for user in (
        personas.applicant,
        personas.respondent,
        personas.agent,
        personas.mediator,
        personas.arbitrator2,
        personas.outsider,
    ):
        assert api(user).get(f"/api/v1/case-groups/{gid}/").status_code == 404, user.username
        assert api(user).get("/api/v1/case-groups/").json()["results"] == [], user.username
        assert api(user).get("/api/v1/case-groups/proposals/").json()["results"] == [], user.username
        response = api(user).post(f"/api/v1/case-groups/{gid}/actions/accept/", {}, format="json")
        assert response.status_code == 404, user.username
    # Arbitrators see groups but do not accept cases.
    assert (
        api(personas.arbitrator)
        .post(f"/api/v1/case-groups/{gid}/actions/accept/", {}, format="json")
        .status_code
        == 403
    )

    # The worker sees only that the case is handled jointly, never the group or the other workers.
    detail = api(personas.applicant).get(f"/api/v1/cases/{own}/").json()
    assert detail["group"]["id"] is None and detail["group"]["label"]
    text = str(api(personas.applicant).get(f"/api/v1/cases/{own}/events/").json())
    assert "工人g0" not in text and "串案" not in text
    row = api(personas.applicant).get("/api/v1/cases/").json()["results"][0]
    assert row["group"]["id"] is None
    # The employer too sees its cases as handled jointly, each on its own.
    rows = api(personas.respondent).get("/api/v1/cases/").json()["results"]
    assert {r["group"]["id"] for r in rows} == {None}
    # An outsider sees nothing of it.
    assert api(personas.outsider).get(f"/api/v1/cases/{own}/").status_code == 404


def test_unknown_group_action_and_bad_body(personas):
    ids = file_against(credit_code(), workers(2))
    gid = link(personas.clerk, ids)["id"]
    assert (
        api(personas.clerk).post(f"/api/v1/case-groups/{gid}/actions/nope/", {}, format="json").status_code
        == 404
    )
    bad = api(personas.clerk).post(
        f"/api/v1/case-groups/{gid}/actions/serve_application/", {"defence_days": "x"}, format="json"
    )
    assert bad.status_code == 400 and "defence_days" in bad.json()["fields"]
    assert api(personas.clerk).get("/api/v1/case-groups/999999/").status_code == 404


def test_the_window_is_configurable_and_the_periodic_job_applies_it(personas, settings, travel):
    from cases.tasks import propose_case_links

    travel.move_to("2026-03-02 09:00 +0800")
    code = credit_code()
    people = workers(2, "win")
    body = {"received_at": "2026-01-10T10:00:00+08:00"}
    early = api(personas.clerk).post(
        "/api/v1/cases/",
        {
            "applicant": {"kind": "person", "name": "早申请的工人", "id_number": people[0].party.id_number},
            "respondent": {"kind": "organisation", "name": "窗口测试公司", "credit_code": code},
            "claims": CLAIMS,
            "facts": "拖欠工资。",
            **body,
        },
        format="json",
    )
    assert early.status_code == 201, early.json()
    file_case(people[1], code, claims=CLAIMS)  # 51 days later
    assert [p for p in proposals(personas.clerk) if p["respondent"]["credit_code"] == code] == []
    settings.CASE_GROUP_WINDOW_DAYS = 60
    assert propose_case_links() >= 1
    found = [p for p in proposals(personas.clerk) if p["respondent"]["credit_code"] == code]
    assert len(found) == 1 and len(found[0]["cases"]) == 2


def test_no_body_makes_a_group_endpoint_fail(personas):
    from cases.registry import GROUP_ACTIONS

    ids = file_against(credit_code(), workers(2, "fz"))
    gid = link(personas.clerk, ids, lead_arbitrator=personas.arbitrator.pk)["id"]
    bodies = [
        {},
        [],
        "x",
        {"stages": "x"},
        {"template": [{}]},
        {"items": [None]},
        {"arbitrators": [0]},
        {"arbitrators": [2**70]},
        {"amounts": [{"case": "a"}]},
        {"cases": ["x"]},
        {"reason": 5},
    ]
    for user in (personas.clerk, personas.arbitrator, personas.applicant):
        for action in GROUP_ACTIONS.all():
            for body in bodies:
                response = api(user).post(
                    f"/api/v1/case-groups/{gid}/actions/{action.name}/", body, format="json"
                )
                assert response.status_code < 500, (user.username, action.name, body)
                assert response.status_code != 200 or response.json()["results"], (action.name, body)
        for path in (
            "/api/v1/case-groups/",
            f"/api/v1/case-groups/{gid}/members/",
            f"/api/v1/case-groups/{gid}/unlink/",
            "/api/v1/case-groups/proposals/1/confirm/",
            "/api/v1/case-groups/proposals/1/dismiss/",
            "/api/v1/joint-hearings/1/submissions/",
        ):
            for body in bodies:
                assert api(user).post(path, body, format="json").status_code < 500, (path, body)
    for query in ({"status": "nope"}, {"page": "x"}, {"page_size": "99999"}):
        assert api(personas.clerk).get("/api/v1/case-groups/proposals/", query).status_code < 500
        assert api(personas.clerk).get("/api/v1/case-groups/", query).status_code < 500


def test_a_second_run_on_a_group_while_one_is_going_is_refused(personas):
    from cases.models import CaseGroup
    from core import clock

    ids = file_against(credit_code(), workers(2, "cl"))
    gid = link(personas.clerk, ids)["id"]
    CaseGroup.objects.filter(pk=gid).update(acting_since=clock.now())  # a run in progress
    busy = group_action(personas.clerk, gid, "accept", {}, expect=409)
    assert busy["code"] == "conflict"
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"submitted"}
    CaseGroup.objects.filter(pk=gid).update(acting_since=None)
    assert group_action(personas.clerk, gid, "accept", {})["done"] == 2
    assert CaseGroup.objects.get(pk=gid).acting_since is None  # released after the run
