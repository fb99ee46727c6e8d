"""Issue 16, point 3: a migrant worker's wage arrears is a priority case — flagged at filing or by a clerk
(on the timeline), marked on every docket and listed first at the same due date."""

from __future__ import annotations

import pytest

from tests.helpers import api, credit_code, file_case

pytestmark = pytest.mark.django_db


def ids_in_order(user, **params):
    body = api(user).get("/api/v1/cases/", {"ordering": "next_due_on", **params}).json()
    return [(row["id"], row["priority"], row["next_due_on"]) for row in body["results"]]


def test_priority_cases_go_first_at_the_same_due_date(personas, travel):
    travel.move_to("2026-03-02 10:00 +0800")
    plain_1 = file_case(personas.applicant)
    plain_2 = file_case(personas.applicant)
    urgent = file_case(personas.applicant, migrant_wage_arrears=True)
    # One filed later falls due later: the due date still comes first.
    travel.move_to("2026-03-16 10:00 +0800")
    later = file_case(personas.applicant, migrant_wage_arrears=True)

    rows = ids_in_order(personas.clerk)
    assert [r[0] for r in rows] == [urgent, plain_1, plain_2, later]
    assert [r[1] for r in rows] == [True, False, False, True]
    assert rows[0][2] == rows[1][2] == rows[2][2] != rows[3][2]
    # The reverse order is the exact reverse.
    reverse = api(personas.clerk).get("/api/v1/cases/", {"ordering": "-next_due_on"}).json()["results"]
    assert [r["id"] for r in reverse] == [later, plain_2, plain_1, urgent]
    # The applicant sees the flag on its own case; the detail carries it too.
    assert api(personas.applicant).get(f"/api/v1/cases/{urgent}/").json()["priority"] is True
    assert api(personas.applicant).get(f"/api/v1/cases/{plain_1}/").json()["priority"] is False

    # A clerk marks a case later: on the timeline, and it moves up.
    answer = api(personas.clerk).post(
        f"/api/v1/cases/{plain_2}/actions/set_priority/",
        {"migrant_wage_arrears": True, "reason": "申请人为建筑工地农民工"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["priority"] is True
    assert [r[0] for r in ids_in_order(personas.clerk)] == [plain_2, urgent, plain_1, later]
    events = api(personas.clerk).get(f"/api/v1/cases/{plain_2}/events/").json()["results"]
    marked = [e for e in events if e["kind"] == "set_priority"]
    assert len(marked) == 1 and marked[0]["data"]["migrant_wage_arrears"] is True

    # Marking it again is a conflict; a party may not mark; an outsider does not see the case.
    again = api(personas.clerk).post(
        f"/api/v1/cases/{plain_2}/actions/set_priority/", {"migrant_wage_arrears": True}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    party = api(personas.applicant).post(
        f"/api/v1/cases/{plain_1}/actions/set_priority/", {"migrant_wage_arrears": True}, format="json"
    )
    assert party.status_code == 403 and party.json()["code"] == "permission_denied"
    outsider = api(personas.outsider).post(
        f"/api/v1/cases/{plain_1}/actions/set_priority/", {"migrant_wage_arrears": True}, format="json"
    )
    assert outsider.status_code == 404
    assert api(personas.outsider).get("/api/v1/cases/").json()["count"] == 0
    bad = api(personas.clerk).post(
        f"/api/v1/cases/{plain_1}/actions/set_priority/", {"migrant_wage_arrears": "yes"}, format="json"
    )
    assert bad.status_code == 400 and "migrant_wage_arrears" in bad.json()["fields"]

    # Unmarking is recorded too.
    off = api(personas.clerk).post(
        f"/api/v1/cases/{urgent}/actions/set_priority/", {"migrant_wage_arrears": False}, format="json"
    )
    assert off.status_code == 200 and off.json()["priority"] is False


def test_the_docket_pages_mark_priority_in_words(personas, travel, client):
    travel.move_to("2026-03-02 10:00 +0800")
    urgent = file_case(personas.applicant, migrant_wage_arrears=True)
    plain = file_case(personas.applicant)
    client.force_login(personas.clerk)
    page = client.get("/intake/").content.decode()
    # Not colour only: the word 优先 (zh-hans by default), and the priority case listed first.
    assert page.count("优先") >= 1
    assert page.index(f'data-case="{urgent}"') < page.index(f'data-case="{plain}"')
    detail = client.get(f"/cases/{urgent}/").content.decode()
    assert "优先" in detail
    assert 'class="tag priority"' in detail
    assert 'class="tag priority"' not in client.get(f"/cases/{plain}/").content.decode()


def test_linked_cases_go_first_at_the_same_due_date_and_leave_priority_when_unlinked(personas, travel):
    """Issue 16, point 3: groups of linked cases are priority too, through the same one expression."""
    from tests.cases.test_case_groups import file_against, link, workers

    travel.move_to("2026-03-02 10:00 +0800")
    plain = file_case(personas.applicant)
    code = credit_code()
    first, second, third = file_against(code, workers(3, prefix="prio"))
    group = link(personas.clerk, [first, second, third])

    rows = ids_in_order(personas.clerk)
    assert [r[0] for r in rows] == [first, second, third, plain]
    assert [r[1] for r in rows] == [True, True, True, False]
    assert rows[0][2] == rows[3][2]  # the same due date: the group goes first

    unlinked = api(personas.clerk).post(
        f"/api/v1/case-groups/{group['id']}/unlink/", {"case": third}, format="json"
    )
    assert unlinked.status_code in (200, 204), unlinked.content
    rows = ids_in_order(personas.clerk)
    assert [(r[0], r[1]) for r in rows] == [(first, True), (second, True), (plain, False), (third, False)]
