"""Recusal (回避, L Arts. 33-34; issue 13, point 14): the parties are told the tribunal and may apply for the
recusal of a named arbitrator with grounds; the chair (supervisor) decides; a granted application replaces
the arbitrator in the same seat; a refused one gives its reasons. Through the API."""

from __future__ import annotations

import pytest
from django.test import Client

from core.models import Notification
from tests.helpers import api, file_case, make_user

pytestmark = pytest.mark.django_db


def post(user, case_id, name, body=None):
    return api(user).post(f"/api/v1/cases/{case_id}/actions/{name}/", body or {}, format="json")


def ok(response):
    assert response.status_code == 200, response.json()
    return response.json()


def last_event(user, case_id):
    body = api(user).get(f"/api/v1/cases/{case_id}/events/?page_size=100").json()
    return (body["results"] if isinstance(body, dict) else body)[-1]


@pytest.fixture
def case_id(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    ok(
        api(personas.clerk).post(
            f"/api/v1/cases/{case_id}/transitions/accept/",
            {"arbitrators": [personas.arbitrator.pk]},
            format="json",
        )
    )
    return case_id


def test_the_parties_are_told_the_tribunal_and_their_right_to_apply_for_recusal(personas, case_id):
    told = Notification.objects.filter(user=personas.respondent, kind="case.tribunal").get()
    assert personas.arbitrator.name in told.title
    assert "回避" in told.body


def test_a_granted_recusal_replaces_the_arbitrator_in_the_same_seat(personas, case_id):
    application = {
        "arbitrator": personas.arbitrator.pk,
        "ground": "interest",
        "reason": "仲裁员系被申请人股东",
    }
    ok(post(personas.respondent, case_id, "apply_recusal", application))
    event = last_event(personas.clerk, case_id)
    assert (event["kind"], event["actor"]["id"], event["reason"], event["data"]["ground"]) == (
        "apply_recusal",
        personas.respondent.pk,
        "仲裁员系被申请人股东",
        "interest",
    )
    body = api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()
    (pending,) = body["recusal_applications"]
    assert (pending["status"], pending["side"], pending["arbitrator"]["id"]) == (
        "pending",
        "respondent",
        personas.arbitrator.pk,
    )
    # Only the chair decides.
    decision = {
        "application": pending["id"],
        "decision": "granted",
        "replacement": personas.arbitrator2.pk,
        "reason": "经查属实，决定回避",
    }
    assert post(personas.clerk, case_id, "decide_recusal", decision).status_code == 403
    assert post(personas.arbitrator, case_id, "decide_recusal", decision).status_code == 403
    body = ok(post(personas.supervisor, case_id, "decide_recusal", decision))
    assert [(a["id"], a["presiding"]) for a in body["arbitrators"]] == [(personas.arbitrator2.pk, True)]
    assert body["recusal_applications"][0]["status"] == "granted"
    assert body["recusal_applications"][0]["replacement"]["id"] == personas.arbitrator2.pk
    event = last_event(personas.clerk, case_id)
    assert (event["kind"], event["actor"]["id"], event["reason"], event["data"]["replacement"]) == (
        "decide_recusal",
        personas.supervisor.pk,
        "经查属实，决定回避",
        personas.arbitrator2.pk,
    )
    # The recused arbitrator no longer runs the case; the new one does.
    hearing = {"hearing_at": "2026-03-20T09:30:00+08:00"}
    ok(post(personas.clerk, case_id, "serve_application"))
    steps = f"/api/v1/cases/{case_id}/transitions/schedule_oral_hearing/"
    assert api(personas.arbitrator).post(steps, hearing, format="json").status_code in (403, 404)
    assert api(personas.arbitrator2).post(steps, hearing, format="json").status_code == 200
    assert Notification.objects.filter(user=personas.arbitrator2, kind="case.assigned").exists()


def test_a_refused_recusal_keeps_the_tribunal_and_gives_reasons(personas, case_id):
    ok(
        post(
            personas.applicant,
            case_id,
            "apply_recusal",
            {
                "arbitrator": personas.arbitrator.pk,
                "ground": "private_contact",
                "reason": "见到仲裁员与对方吃饭",
            },
        )
    )
    pending = api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()["recusal_applications"][0]
    body = ok(
        post(
            personas.supervisor,
            case_id,
            "decide_recusal",
            {"application": pending["id"], "decision": "refused", "reason": "经核实系偶遇，不构成回避事由"},
        )
    )
    assert [a["id"] for a in body["arbitrators"]] == [personas.arbitrator.pk]
    assert (
        body["recusal_applications"][0]["status"],
        body["recusal_applications"][0]["decision_reason"],
    ) == (
        "refused",
        "经核实系偶遇，不构成回避事由",
    )
    told = Notification.objects.filter(user=personas.applicant, kind="case.recusal_decided").get()
    assert told.body == "经核实系偶遇，不构成回避事由"


@pytest.mark.parametrize(
    ("who", "body", "status", "field"),
    [
        ("respondent", {"arbitrator": "other", "ground": "interest", "reason": "x"}, 400, "arbitrator"),
        ("respondent", {"arbitrator": "self", "ground": "dislike", "reason": "x"}, 400, "ground"),
        ("respondent", {"arbitrator": "self", "ground": "interest"}, 400, "reason"),
        ("respondent", {"arbitrator": "self", "ground": "interest", "reason": "  "}, 400, "reason"),
        # A clerk records an application made at the counter for a side it names (see below).
        ("clerk", {"arbitrator": "self", "ground": "interest", "reason": "x"}, 400, "side"),
        ("clerk", {"arbitrator": "self", "ground": "interest", "reason": "x", "side": "court"}, 400, "side"),
        (
            "clerk",
            {"arbitrator": "self", "ground": "dislike", "reason": "x", "side": "applicant"},
            400,
            "ground",
        ),
        (
            "respondent",
            {"arbitrator": "self", "ground": "interest", "reason": "x", "side": "applicant"},
            403,
            None,
        ),
        (
            "mediator",
            {"arbitrator": "self", "ground": "interest", "reason": "x", "side": "applicant"},
            404,
            None,
        ),
        ("outsider", {"arbitrator": "self", "ground": "interest", "reason": "x"}, 404, None),
    ],
)
def test_a_bad_recusal_application_is_refused_and_nothing_is_written(
    personas, case_id, who, body, status, field
):
    other = make_user("p-arbitrator3", "arbitrator", display_name="仲裁员丙")
    ids = {"self": personas.arbitrator.pk, "other": other.pk}
    body = {**body, "arbitrator": ids[body["arbitrator"]]}
    response = post(getattr(personas, who), case_id, "apply_recusal", body)
    assert response.status_code == status, response.json()
    if field:
        assert field in response.json()["fields"]
    assert api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()["recusal_applications"] == []


def test_a_second_application_for_the_same_arbitrator_is_a_conflict(personas, case_id):
    body = {"arbitrator": personas.arbitrator.pk, "ground": "interest", "reason": "利害关系"}
    ok(post(personas.applicant, case_id, "apply_recusal", body))
    again = post(personas.respondent, case_id, "apply_recusal", body)
    assert again.status_code == 409 and "arbitrator" in again.json()["fields"]


@pytest.mark.parametrize(
    ("decision", "field"),
    [
        ({"decision": "granted", "reason": "属实"}, "replacement"),  # granted names who replaces
        ({"decision": "granted", "reason": "属实", "replacement": "recused"}, "replacement"),
        ({"decision": "granted", "reason": "属实", "replacement": "clerk"}, "replacement"),
        ({"decision": "refused", "reason": "不属实", "replacement": "other"}, "replacement"),
        ({"decision": "refused", "reason": ""}, "reason"),
        ({"decision": "maybe", "reason": "x"}, "decision"),
        ({"decision": "refused", "reason": "x", "application": 999999}, "application"),
    ],
)
def test_a_bad_recusal_decision_is_refused_and_nothing_changes(personas, case_id, decision, field):
    ok(
        post(
            personas.applicant,
            case_id,
            "apply_recusal",
            {"arbitrator": personas.arbitrator.pk, "ground": "interest", "reason": "利害关系"},
        )
    )
    pending = api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()["recusal_applications"][0]
    ids = {"recused": personas.arbitrator.pk, "clerk": personas.clerk.pk, "other": personas.arbitrator2.pk}
    body = {"application": pending["id"], **decision}
    if "replacement" in body:
        body["replacement"] = ids[body["replacement"]]
    response = post(personas.supervisor, case_id, "decide_recusal", body)
    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"]
    after = api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()
    assert after["recusal_applications"][0]["status"] == "pending"
    assert [a["id"] for a in after["arbitrators"]] == [personas.arbitrator.pk]


def test_a_clerk_records_a_recusal_application_made_at_the_counter_for_the_side_named(personas, case_id):
    """L Art. 34: a party may apply orally or in writing; the clerk records it for that side, and the
    timeline says who recorded it and for whom. The same grounds and the same decision follow."""
    application = {
        "side": "applicant",
        "arbitrator": personas.arbitrator.pk,
        "ground": "party_or_relative",
        "reason": "申请人到窗口口头提出：仲裁员系被申请人法定代表人的近亲属",
    }
    ok(post(personas.clerk, case_id, "apply_recusal", application))
    event = last_event(personas.clerk, case_id)
    assert (event["kind"], event["actor"]["id"], event["data"]["side"], event["data"]["at_counter"]) == (
        "apply_recusal",
        personas.clerk.pk,
        "applicant",
        True,
    )
    body = api(personas.supervisor).get(f"/api/v1/cases/{case_id}/").json()
    (pending,) = body["recusal_applications"]
    assert (pending["side"], pending["status"], pending["ground"]) == (
        "applicant",
        "pending",
        "party_or_relative",
    )
    assert Notification.objects.filter(user=personas.supervisor, kind="case.recusal_applied").exists()
    # The applicant's own online application for the same arbitrator is the same application: a conflict.
    again = post(personas.applicant, case_id, "apply_recusal", {**application, "side": None})
    assert again.status_code == 409
    # The timeline on the case page says for whom the clerk recorded it.
    client = Client()
    client.force_login(personas.supervisor)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert "申请人" in page and "书记员" in page and "窗口" in page
    decision = {"application": pending["id"], "decision": "refused", "reason": "不构成回避事由"}
    assert (
        ok(post(personas.supervisor, case_id, "decide_recusal", decision))["recusal_applications"][0][
            "status"
        ]
        == "refused"
    )


def test_the_case_page_asks_a_recusal_application_for_its_l33_ground_and_the_clerk_for_the_side(
    personas, case_id
):
    client = Client()
    client.force_login(personas.clerk)
    page = client.get(f"/cases/{case_id}/").content.decode()
    form = page.partition('id="step-apply_recusal"')[2].partition("</li>")[0]
    assert 'name="side"' in form and 'value="party_or_relative"' in form
    assert 'value="force_majeure"' not in form  # a suspension's ground is no ground for recusal
    client.post(
        f"/cases/{case_id}/steps/apply_recusal/",
        {
            "side": "respondent",
            "arbitrator": personas.arbitrator.pk,
            "ground": "interest",
            "reason": "书面申请",
        },
    )
    event = last_event(personas.clerk, case_id)
    assert (event["kind"], event["data"]["side"], event["data"]["at_counter"]) == (
        "apply_recusal",
        "respondent",
        True,
    )
