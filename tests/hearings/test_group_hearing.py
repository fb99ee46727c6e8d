"""One joint asynchronous hearing for a group of linked cases (串案, issue 16), through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.models import Role
from core import clock
from hearings.models import HearingSession
from tests.helpers import api, file_case, make_person, make_user

pytestmark = pytest.mark.django_db

CLAIMS = [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}]
CONSENTS = {"async_hearing": True, "electronic_service": True}


def ok(response, code=200):
    assert response.status_code == code, response.json()
    return response.json()


@pytest.fixture
def linked(personas, travel):
    """Three workers' cases against the personas' employer, linked, accepted and served as a group, the
    employer consenting to the asynchronous hearing on each."""
    travel.move_to("2026-03-02 09:00 +0800")
    code = personas.respondent.party.credit_code
    workers = [
        make_user(f"jw{i}", Role.APPLICANT, display_name=f"工人{i}", party=make_person(f"联审工人{i}"))
        for i in range(3)
    ]
    ids = [file_case(w, code, claims=CLAIMS, consents=CONSENTS) for w in workers]
    group = ok(api(personas.clerk).post("/api/v1/case-groups/", {"cases": ids}, format="json"), 201)
    gid = group["id"]
    action = f"/api/v1/case-groups/{gid}/actions/"
    assert (
        ok(
            api(personas.clerk).post(
                action + "accept/", {"arbitrators": [personas.arbitrator.pk]}, format="json"
            )
        )["done"]
        == 3
    )
    assert ok(api(personas.clerk).post(action + "serve_application/", {}, format="json"))["done"] == 3
    for pk in ids:
        ok(api(personas.respondent).post(f"/api/v1/cases/{pk}/consents/", CONSENTS, format="json"))
    return gid, ids, workers


def windows() -> list[dict]:
    opens = clock.now() + timedelta(hours=1)
    return [
        {
            "stage": "statements",
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=2)).isoformat(),
        },
    ]


def test_one_joint_session_each_worker_sees_own_and_the_employers_common(personas, linked, travel):
    gid, ids, workers = linked
    opened = ok(
        api(personas.arbitrator).post(
            f"/api/v1/case-groups/{gid}/actions/open_hearing/", {"stages": windows()}, format="json"
        )
    )
    assert opened["done"] == 3
    sessions = {r["case"]: r["data"]["session"] for r in opened["results"]}
    joint_ids = set(
        HearingSession.objects.filter(pk__in=sessions.values()).values_list("joint_id", flat=True)
    )
    assert len(joint_ids) == 1
    joint = joint_ids.pop()
    for pk in ids:
        detail = ok(api(personas.clerk).get(f"/api/v1/cases/{pk}/"))
        assert detail["status"] == "async_hearing"
        events = ok(api(personas.clerk).get(f"/api/v1/cases/{pk}/events/"))["results"]
        assert "start_async_hearing" in [e["kind"] for e in events]

    travel.move_to("2026-03-02 10:30 +0800")
    for worker, pk in zip(workers, ids, strict=True):
        ok(
            api(worker).post(
                f"/api/v1/hearing-sessions/{sessions[pk]}/consent/", {"agree": True}, format="json"
            )
        )
        ok(
            api(personas.respondent).post(
                f"/api/v1/hearing-sessions/{sessions[pk]}/consent/", {"agree": True}, format="json"
            )
        )
    for i, (worker, pk) in enumerate(zip(workers, ids, strict=True)):
        ok(
            api(worker).post(
                f"/api/v1/hearing-sessions/{sessions[pk]}/submissions/",
                {"kind": "statement", "text": f"工人{i}的陈述"},
                format="json",
            ),
            201,
        )
    # The employer answers all of them at once.
    answer = ok(
        api(personas.respondent).post(
            f"/api/v1/joint-hearings/{joint}/submissions/",
            {"stage": "statements", "kind": "defence", "text": "公司统一答辩：经营困难，同意分期支付。"},
            format="json",
        )
    )
    assert answer["done"] == 3
    seen = ok(api(personas.respondent).get(f"/api/v1/joint-hearings/{joint}/"))
    assert sorted(s["case"] for s in seen["sessions"]) == sorted(ids)

    for i, (worker, pk) in enumerate(zip(workers, ids, strict=True)):
        texts = [
            s["text"]
            for s in ok(api(worker).get(f"/api/v1/hearing-sessions/{sessions[pk]}/submissions/"))["results"]
        ]
        assert texts == [f"工人{i}的陈述", "公司统一答辩：经营困难，同意分期支付。"]
        for other in ids:
            if other != pk:
                assert api(worker).get(f"/api/v1/hearing-sessions/{sessions[other]}/").status_code == 404
                assert (
                    api(worker).get(f"/api/v1/hearing-sessions/{sessions[other]}/submissions/").status_code
                    == 404
                )
        assert api(worker).get(f"/api/v1/joint-hearings/{joint}/").status_code == 404
        assert (
            api(worker)
            .post(
                f"/api/v1/joint-hearings/{joint}/submissions/",
                {"kind": "statement", "text": "x"},
                format="json",
            )
            .status_code
            == 404
        )
    assert api(personas.outsider).get(f"/api/v1/joint-hearings/{joint}/").status_code == 404
    # The tribunal reads every member's session.
    staff = ok(api(personas.arbitrator).get(f"/api/v1/joint-hearings/{joint}/"))
    assert len(staff["sessions"]) == 3


def test_only_the_lead_opens_and_a_member_not_ready_is_refused_alone(personas, linked):
    gid, ids, workers = linked
    # A clerk may not open the hearing.
    response = api(personas.clerk).post(
        f"/api/v1/case-groups/{gid}/actions/open_hearing/", {"stages": windows()}, format="json"
    )
    assert response.status_code == 403
    # One worker withdrew the asynchronous-hearing consent: that member alone is refused.
    ok(api(workers[1]).post(f"/api/v1/cases/{ids[1]}/consents/", {"async_hearing": False}, format="json"))
    opened = ok(
        api(personas.arbitrator).post(
            f"/api/v1/case-groups/{gid}/actions/open_hearing/", {"stages": windows()}, format="json"
        )
    )
    by_case = {r["case"]: r for r in opened["results"]}
    assert by_case[ids[1]]["outcome"] == "refused" and by_case[ids[1]]["status"] == 400
    assert by_case[ids[0]]["outcome"] == by_case[ids[2]]["outcome"] == "done"
    assert not HearingSession.objects.filter(case_id=ids[1]).exists()


def test_opening_without_stages_is_refused_with_the_field(personas, linked):
    gid, _ids, _workers = linked
    for body in ({}, {"stages": []}):
        response = api(personas.arbitrator).post(
            f"/api/v1/case-groups/{gid}/actions/open_hearing/", body, format="json"
        )
        assert response.status_code == 400 and "stages" in response.json()["fields"], response.json()
