"""Overdue badges and lists ignore the deadlines of suspended and of closed cases (issue 13, point 9):
periods stop while a case is suspended (R Art. 47) and run on after it resumes for the days left; a
closed case has nothing left to be late for. A deadline already lapsed when the suspension began stays
overdue (point 2)."""

from __future__ import annotations

import pytest

from cases import services
from cases.models import Case, Deadline, DeadlineKind
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def post(user, case_id, path, body=None):
    response = api(user).post(f"/api/v1/cases/{case_id}/{path}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def deadline(body, kind):
    return next(d for d in body["deadlines"] if d["kind"] == kind)


def docket_row(client, case_id):
    page = client.get("/docket/").content.decode()
    return page.partition(f'data-case="{case_id}"')[2].partition("</tr>")[0]


def served_case(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    post(personas.clerk, case_id, "transitions/accept", {"arbitrators": [personas.arbitrator.pk]})
    post(personas.clerk, case_id, "actions/serve_application")  # the defence is due 2026-03-12
    return case_id


def test_a_suspended_case_shows_no_overdue_badge_for_a_period_the_suspension_stopped(
    personas, travel, client
):
    case_id = served_case(personas, travel)
    travel.move_to("2026-03-04 10:00 +0800")
    body = post(
        personas.supervisor, case_id, "transitions/suspend", {"ground": "force_majeure", "reason": "台风"}
    )
    assert deadline(body, "defence")["status"] == "paused"
    assert body["next_due_on"] is None

    travel.move_to("2026-03-20 10:00 +0800")  # long after the defence's 03-12
    assert services.deadlines_mark_overdue() == 0
    assert services.deadlines_send_reminders() == 0
    body = api(personas.arbitrator).get(f"/api/v1/cases/{case_id}/").json()
    assert deadline(body, "defence")["status"] == "paused"
    overdue = api(personas.arbitrator).get("/api/v1/cases/?due_before=2026-03-19").json()["results"]
    assert case_id not in {c["id"] for c in overdue}
    client.force_login(personas.arbitrator)
    assert "tag overdue" not in docket_row(client, case_id)


@pytest.mark.parametrize(
    ("suspended", "resumed", "due"),
    [
        ("2026-03-04 10:00 +0800", "2026-03-10 10:00 +0800", "2026-03-18"),  # 6 days stopped
        ("2026-03-04 10:00 +0800", "2026-03-04 16:00 +0800", "2026-03-12"),  # the same day: none
        ("2026-03-11 10:00 +0800", "2026-04-01 10:00 +0800", "2026-04-02"),  # 21 days: 04-02
        ("2026-03-02 15:00 +0800", "2026-03-27 10:00 +0800", "2026-04-07"),  # 25 days: 04-06, 清明 holiday
    ],
)
def test_after_resumption_a_stopped_period_runs_on_for_the_days_it_had_left(
    personas, travel, suspended, resumed, due
):
    case_id = served_case(personas, travel)
    travel.move_to(suspended)
    post(personas.supervisor, case_id, "transitions/suspend", {"ground": "force_majeure", "reason": "台风"})
    travel.move_to(resumed)
    body = post(personas.supervisor, case_id, "transitions/resume", {"reason": "恢复审理"})
    assert (deadline(body, "defence")["due_on"], deadline(body, "defence")["status"]) == (due, "open")


def test_a_deadline_already_overdue_when_the_case_is_suspended_stays_overdue(personas, travel):
    case_id = served_case(personas, travel)
    travel.move_to("2026-03-16 10:00 +0800")  # the defence was due 03-12
    body = post(
        personas.supervisor, case_id, "transitions/suspend", {"ground": "force_majeure", "reason": "台风"}
    )
    assert (deadline(body, "defence")["due_on"], deadline(body, "defence")["status"]) == (
        "2026-03-12",
        "overdue",
    )
    assert body["next_due_on"] == "2026-03-12"


def test_a_closed_case_shows_no_overdue_badge_whatever_an_app_left_open(personas, travel, client):
    case_id = served_case(personas, travel)
    case = Case.objects.get(pk=case_id)
    # An app's own deadline (a hearing stage window) left open on the case.
    Deadline.objects.create(
        case=case,
        kind=DeadlineKind.HEARING_STAGE,
        key="s1",
        starts_on="2026-03-02",
        days=3,
        due_on="2026-03-05",
    )
    travel.move_to("2026-03-09 10:00 +0800")
    body = post(personas.arbitrator, case_id, "transitions/cancel", {"reason": "不属于受理范围，撤销案件"})
    assert body["status"] == "closed" and body["next_due_on"] is None
    assert services.deadlines_mark_overdue() == 0
    listing = api(personas.arbitrator).get("/api/v1/cases/").json()["results"]
    row = next(c for c in listing if c["id"] == case_id)
    assert (row["next_due_on"], row["next_deadline"]) == (None, None)
    client.force_login(personas.arbitrator)
    assert "tag overdue" not in docket_row(client, case_id)


def test_a_case_suspended_after_its_ruling_period_lapsed_stays_on_the_overdue_lists(personas, travel, client):
    """Point 2 with point 9: the ruling period had run out (due 2026-04-16) when the case was suspended, so
    the suspension stops nothing: the docket's overdue badge, the overdue filter and the sweep still count
    it, unlike a period the suspension stopped (the first test above)."""
    case_id = served_case(personas, travel)
    post(personas.respondent, case_id, "actions/file_defence", {"text": "已足额支付工资"})
    post(personas.clerk, case_id, "actions/serve_defence")  # the ruling is the only duty left
    travel.move_to("2026-04-20 09:00 +0800")
    body = post(
        personas.supervisor, case_id, "transitions/suspend", {"ground": "force_majeure", "reason": "台风"}
    )
    assert body["status"] == "suspended"
    assert (deadline(body, "ruling")["due_on"], deadline(body, "ruling")["status"]) == (
        "2026-04-16",
        "overdue",
    )

    travel.move_to("2026-04-27 09:00 +0800")
    for user in (personas.supervisor, personas.arbitrator):
        overdue = api(user).get("/api/v1/cases/?due_before=2026-04-26").json()["results"]
        row = next(c for c in overdue if c["id"] == case_id)
        assert (row["next_deadline"]["kind"], row["next_deadline"]["status"]) == ("ruling", "overdue")
    ruling = Deadline.objects.get(case_id=case_id, kind=DeadlineKind.RULING)
    assert ruling.due_on.isoformat() == "2026-04-16"
    client.force_login(personas.supervisor)
    assert "tag overdue" in docket_row(client, case_id)
    suspended = client.get("/docket/?status=suspended").content.decode()
    assert f'data-case="{case_id}"' in suspended
    assert "tag overdue" in suspended.partition(f'data-case="{case_id}"')[2].partition("</tr>")[0]
