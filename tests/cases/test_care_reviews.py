"""Issue 16, point 5: the service review (好差评) — once per party after closure; the supervisors'
figures by arbitrator, mediator and month (checked against numbers computed by hand); a bad rating's
follow-up."""

from __future__ import annotations

import pytest

from core.models import Notification
from tests.cases.care_helpers import accept, close, post
from tests.helpers import api, file_case, make_user

pytestmark = pytest.mark.django_db


def employer_case(personas, **overrides):
    return file_case(personas.applicant, personas.respondent.party.credit_code, **overrides)


def rate(user, case_id, rating, comment="", expect=201):
    response = api(user).post(
        f"/api/v1/cases/{case_id}/review/", {"rating": rating, "comment": comment}, format="json"
    )
    assert response.status_code == expect, response.json()
    return response.json()


def test_a_party_rates_once_after_closure(personas, travel):
    travel.move_to("2026-03-02 10:00 +0800")
    case_id = employer_case(personas)
    # Before closure: 409, for the applicant and the respondent alike.
    before = rate(personas.applicant, case_id, "good", expect=409)
    assert before["code"] == "conflict"
    accept(personas, case_id)
    rate(personas.respondent, case_id, "good", expect=409)
    state = api(personas.applicant).get(f"/api/v1/cases/{case_id}/review/").json()
    assert state == {"may_review": False, "review": None}
    close(personas, case_id)

    state = api(personas.applicant).get(f"/api/v1/cases/{case_id}/review/").json()
    assert state == {"may_review": True, "review": None}
    given = rate(personas.applicant, case_id, "very_good", "仲裁员耐心细致")
    assert (given["rating"], given["side"], given["comment"]) == ("very_good", "applicant", "仲裁员耐心细致")
    # A second rating of the same party: 409, and the first stands.
    second = rate(personas.applicant, case_id, "bad", expect=409)
    assert second["code"] == "conflict"
    state = api(personas.applicant).get(f"/api/v1/cases/{case_id}/review/").json()
    assert state["may_review"] is False and state["review"]["rating"] == "very_good"
    # The other party rates for itself.
    rate(personas.respondent, case_id, "fair")

    # Staff who see the case are not parties: 403; an outsider does not see the case: 404.
    for staff in (personas.clerk, personas.arbitrator, personas.supervisor):
        refused = rate(staff, case_id, "good", expect=403)
        assert refused["code"] == "permission_denied"
        assert api(staff).get(f"/api/v1/cases/{case_id}/review/").json()["may_review"] is False
    assert rate(personas.outsider, case_id, "good", expect=404)["code"] == "not_found"
    assert api(personas.outsider).get(f"/api/v1/cases/{case_id}/review/").status_code == 404
    assert (
        api().post(f"/api/v1/cases/{case_id}/review/", {"rating": "good"}, format="json").status_code == 401
    )
    # Bad input: an unknown grade, a comment too long (the respondent has rated already, so a new case).
    travel.move_to("2026-03-03 10:00 +0800")
    other = employer_case(personas)
    accept(personas, other)
    close(personas, other)
    assert "rating" in rate(personas.applicant, other, "excellent", expect=400)["fields"]
    assert "comment" in rate(personas.applicant, other, "good", "长" * 2001, expect=400)["fields"]

    # The timeline says a side rated, not how.
    events = api(personas.arbitrator).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    rated = [e for e in events if e["kind"] == "service_reviewed"]
    assert [e["data"]["side"] for e in rated] == ["applicant", "respondent"]
    assert all("rating" not in e["data"] for e in rated)


def test_the_supervisors_see_ratings_by_arbitrator_mediator_and_month(personas, travel):
    travel.move_to("2026-03-02 10:00 +0800")
    # Case A: mediated before filing by the mediator (who wrote in the thread), then accepted with 甲.
    a = employer_case(
        personas, consents={"pre_mediation": True, "async_hearing": True, "electronic_service": True}
    )
    post(
        personas.clerk,
        f"/api/v1/cases/{a}/transitions/refer_to_mediation/",
        {"mediation_organisation": personas.mediator.mediation_organisation_id},
    )
    post(personas.mediator, f"/api/v1/cases/{a}/mediation/messages/", {"text": "请双方提交材料"}, expect=201)
    post(personas.mediator, f"/api/v1/cases/{a}/transitions/record_mediation_failure/")
    b = employer_case(personas)
    c = employer_case(personas)
    travel.move_to("2026-03-05 10:00 +0800")
    accept(personas, a, personas.arbitrator)
    accept(personas, b, personas.arbitrator2)
    accept(personas, c, personas.arbitrator)
    travel.move_to("2026-03-10 10:00 +0800")
    close(personas, a)
    close(personas, b)
    travel.move_to("2026-03-12 10:00 +0800")
    rate(personas.applicant, a, "very_good")  # 5
    bad = rate(personas.respondent, a, "bad", "开庭时间一改再改")  # 2
    rate(personas.applicant, b, "good")  # 4
    close(personas, c)
    travel.move_to("2026-04-02 10:00 +0800")
    rate(personas.applicant, c, "fair")  # 3

    response = api(personas.supervisor).get(
        "/api/v1/metrics/ratings/", {"from": "2026-03-01", "to": "2026-04-30"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()

    def grades(very_good=0, good=0, fair=0, bad=0, very_bad=0):
        return {"very_good": very_good, "good": good, "fair": fair, "bad": bad, "very_bad": very_bad}

    # Four ratings: (5 + 2 + 4 + 3) / 4 = 3.50; one bad, awaiting its follow-up.
    assert body["total"] == {
        "count": 4,
        "average": "3.50",
        "grades": grades(1, 1, 1, 1),
        "bad": 1,
        "follow_up_pending": 1,
    }
    by_arbitrator = {row["name"]: row for row in body["by_arbitrator"]}
    # 甲 presided over A (5, 2) and C (3): 10 / 3 = 3.33; 乙 over B (4).
    assert by_arbitrator["仲裁员甲"]["count"] == 3 and by_arbitrator["仲裁员甲"]["average"] == "3.33"
    assert by_arbitrator["仲裁员甲"]["grades"] == grades(very_good=1, fair=1, bad=1)
    assert by_arbitrator["仲裁员乙"]["count"] == 1 and by_arbitrator["仲裁员乙"]["average"] == "4.00"
    # The mediator mediated A only: (5 + 2) / 2 = 3.50; B and C had no mediator: (4 + 3) / 2 = 3.50.
    by_mediator = {row["name"]: row for row in body["by_mediator"]}
    assert by_mediator["调解员"]["count"] == 2 and by_mediator["调解员"]["bad"] == 1
    assert by_mediator[None]["count"] == 2 and by_mediator[None]["id"] is None
    # March: 5, 2, 4 → 3.67; April: 3.
    assert [(m["month"], m["count"], m["average"]) for m in body["by_month"]] == [
        ("2026-03", 3, "3.67"),
        ("2026-04", 1, "3.00"),
    ]
    # Only the supervisors see the figures.
    for user in (
        personas.clerk,
        personas.arbitrator,
        personas.mediator,
        personas.applicant,
        personas.outsider,
    ):
        assert api(user).get("/api/v1/metrics/ratings/").status_code == 403

    # The bad rating asked the supervisors for a follow-up.
    note = Notification.objects.get(user=personas.supervisor, kind="review.follow_up")
    assert "不满意" in note.title
    listed = api(personas.supervisor).get("/api/v1/service-reviews/").json()
    assert [r["id"] for r in listed["results"]] == [bad["id"]]
    assert listed["results"][0]["followed_up_at"] is None
    assert listed["results"][0]["arbitrator"]["display_name"] == "仲裁员甲"
    # Only supervisors follow up; a note is needed; once.
    for user in (personas.clerk, personas.arbitrator, personas.respondent, personas.outsider):
        assert api(user).get("/api/v1/service-reviews/").status_code == 403
        refused = api(user).post(
            f"/api/v1/service-reviews/{bad['id']}/follow-up/", {"note": "x"}, format="json"
        )
        assert refused.status_code == 403
    empty = api(personas.supervisor).post(
        f"/api/v1/service-reviews/{bad['id']}/follow-up/", {"note": ""}, format="json"
    )
    assert empty.status_code == 400 and "note" in empty.json()["fields"]
    done = api(personas.supervisor).post(
        f"/api/v1/service-reviews/{bad['id']}/follow-up/",
        {"note": "已电话回访被申请人，开庭改期系仲裁员回避所致，已解释"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["follow_up_note"].startswith("已电话回访")
    assert done.json()["followed_up_by"]["username"] == "p-supervisor"
    again = api(personas.supervisor).post(
        f"/api/v1/service-reviews/{bad['id']}/follow-up/", {"note": "再次"}, format="json"
    )
    assert again.status_code == 409
    good = api(personas.supervisor).post(
        f"/api/v1/service-reviews/{bad['id'] - 1}/follow-up/", {"note": "x"}, format="json"
    )
    assert good.status_code == 409  # a very good rating needs no follow-up
    assert (
        api(personas.supervisor)
        .post("/api/v1/service-reviews/999999/follow-up/", {"note": "x"}, format="json")
        .status_code
        == 404
    )
    events = api(personas.supervisor).get(f"/api/v1/cases/{a}/events/").json()["results"]
    assert [e["kind"] for e in events if e["kind"] == "review_followed_up"] == ["review_followed_up"]
    figures = (
        api(personas.supervisor)
        .get("/api/v1/metrics/ratings/", {"from": "2026-03-01", "to": "2026-04-30"})
        .json()
    )
    assert figures["total"]["follow_up_pending"] == 0


def test_a_lawyer_with_no_part_in_the_case_cannot_rate_it(personas, travel):
    travel.move_to("2026-03-02 10:00 +0800")
    case_id = employer_case(personas)
    accept(personas, case_id)
    close(personas, case_id)
    lawyer = make_user("care-lawyer", "agent", display_name="律师")
    assert rate(lawyer, case_id, "good", expect=404)["code"] == "not_found"


def test_a_verified_agent_rates_for_its_party_and_the_party_then_cannot(personas, travel):
    travel.move_to("2026-03-02 10:00 +0800")
    worker = personas.applicant.party
    case_id = file_case(
        personas.agent,
        applicant={"kind": "person", "name": worker.name, "id_number": worker.id_number},
    )
    agency = api(personas.clerk).get(f"/api/v1/cases/{case_id}/").json()["agents"][0]["id"]
    post(
        personas.clerk,
        f"/api/v1/cases/{case_id}/agents/{agency}/mandate/",
        {"decision": "verified", "note": "授权委托书原件已核对"},
    )
    accept(personas, case_id)
    close(personas, case_id)
    given = rate(personas.agent, case_id, "good")
    assert given["side"] == "applicant"
    assert rate(personas.applicant, case_id, "bad", expect=409)["code"] == "conflict"
