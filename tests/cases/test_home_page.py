"""The home page answers "what do I do now" (issue 14, point 2): a party's own deadlines with their dates
and links, never the commission's; the staff's overdue work and today's; the supervisor's figures. Each
in a number of queries that does not grow with the number of cases."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.test_docket_queries import assert_queries
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def post(user, case_id, path, body=None):
    response = api(user).post(f"/api/v1/cases/{case_id}/{path}/", body or {}, format="json")
    assert response.status_code == 200, response.json()


def served_case(personas) -> int:
    """Accepted and served on 2026-03-02: the respondent's defence is due 10 days on, 2026-03-12."""
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    post(personas.clerk, case_id, "transitions/accept", {"arbitrators": [personas.arbitrator.pk]})
    post(personas.clerk, case_id, "actions/serve_application")
    return case_id


def section(page: str, testid: str) -> str:
    return page.partition(f'data-testid="{testid}"')[2].partition("</section>")[0]


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_respondent_sees_its_defence_with_its_date_and_where_to_file_it(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    travel.move_to("2026-03-05 09:00 +0800")
    actions = section(home(client, personas.respondent), "my-actions")
    assert re.findall(r'data-kind="([a-z_]+)"', actions) == ["defence"]
    assert '<time datetime="2026-03-12">2026-03-12</time>' in actions
    assert f'href="/cases/{case_id}/?step=file_defence#step-file_defence"' in actions
    # The link opens the defence form itself, not a folded list of steps.
    page = client.get(f"/cases/{case_id}/?step=file_defence").content.decode()
    assert '<details class="step" open>' in page.partition('id="step-file_defence"')[2].partition("</li>")[0]
    assert '<details class="step" open>' not in client.get(f"/cases/{case_id}/").content.decode()
    # The commission's duties of the same case (the tribunal's notice, the ruling) are not the party's.
    assert "ruling" not in actions and "tribunal_notice" not in actions


def test_the_applicant_is_not_told_to_file_the_respondents_defence(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    served_case(personas)
    actions = section(home(client, personas.applicant), "my-actions")
    assert "data-kind" not in actions
    assert "目前没有需要您办理的事项" in actions


def test_the_clerk_sees_overdue_work_and_what_falls_due_today(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    late = served_case(personas)  # the defence was due 03-12
    travel.move_to("2026-03-08 09:00 +0800")
    # Filed on Sunday 03-08: the acceptance decision is due 5 days on, Friday 03-13.
    today = file_case(personas.applicant)
    travel.move_to("2026-03-13 09:00 +0800")
    page = home(client, personas.clerk)
    overdue, due_today = section(page, "overdue-work"), section(page, "today-work")
    assert f'data-case="{late}"' in overdue and f'data-case="{today}"' not in overdue
    assert f'data-case="{today}"' in due_today and f'data-case="{late}"' not in due_today
    assert "已超期" in overdue


def test_a_case_suspended_before_its_deadline_is_not_overdue_work(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    travel.move_to("2026-03-04 09:00 +0800")  # suspended before the defence's 03-12: the period stops
    post(personas.supervisor, case_id, "transitions/suspend", {"ground": "force_majeure", "reason": "台风"})
    travel.move_to("2026-03-20 09:00 +0800")
    page = home(client, personas.arbitrator)
    assert f'data-case="{case_id}"' not in section(page, "overdue-work")
    assert f'data-case="{case_id}"' not in section(page, "today-work")


def test_the_supervisor_sees_the_years_figures_and_the_overdue_cases(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    travel.move_to("2026-03-13 09:00 +0800")
    page = home(client, personas.supervisor)
    figures = section(page, "headline-figures")
    assert "2026-01-01" in figures and "2026-03-13" in figures
    # One case accepted this year, none closed: a closure rate of 0 out of 1.
    closure = figures.partition('data-testid="figure-closure_rate"')[2].partition("</div>")[0]
    assert "(0/1)" in closure
    assert f'data-case="{case_id}"' in section(page, "overdue-work")


def home_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return captured


# Session and user (2) and the unread-notification badge (1) on every page, plus:
# a party: its sides as a party and as an agent (2), its deadlines with their cases (1), the mediation
# agreements awaiting confirmation and the open hearing windows (2; their cases are read, in one more
# query, only when there are some);
# staff, with overdue cases and none due today: the overdue page, its parties and deadlines, and the two
# counts (the empty "today" page needs no prefetch) (6);
# a supervisor: that, and the year's figures (5).
HOME_QUERIES = {"respondent": 8, "applicant": 8, "clerk": 9, "arbitrator": 9, "supervisor": 14}


@pytest.mark.parametrize(("role", "expected"), HOME_QUERIES.items())
def test_the_home_page_queries_do_not_grow_with_the_cases(personas, travel, client, role, expected):
    user = getattr(personas, role)
    for count in (1, 4):
        travel.move_to("2026-03-02 09:00 +0800")
        while len(api(personas.supervisor).get("/api/v1/cases/").json()["results"]) < count:
            served_case(personas)
        travel.move_to("2026-03-13 09:00 +0800")
        assert_queries(expected, home_queries(client, user), f"{role}'s home with {count} cases")
