"""Pinned query counts of the docket: ``GET /api/v1/cases/`` and its status counters, for every role.

A list row shows the parties, the next deadline and the presiding arbitrator; those come in a fixed
number of queries whatever the page size and however many cases there are. If a change adds a query
(an N+1 in a serializer, a lost prefetch), these tests fail and print every SQL statement of the
request. ``benchmarks/docket.py`` measures the same requests over 100,000 cases.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from cases import selectors, services
from cases.models import Case
from cases.services import ClaimInput
from mediation import services as mediation_services
from tests.helpers import api, make_centre, make_user

pytestmark = pytest.mark.django_db

# token + user (1), the page's COUNT (1), the page's ids (1), its rows with the presiding arbitrator, the
# first parties' names and the next deadline (1: selectors.case_list_items).
LIST_QUERIES = 4
# token + user (1), one GROUP BY status (1).
STATUS_COUNT_QUERIES = 2
ROLES = ["supervisor", "arbitrator", "clerk", "mediator", "applicant", "respondent"]
MANY = 25


def assert_queries(expected: int, captured: CaptureQueriesContext, label: str) -> None:
    """Fail with every statement listed, so the extra (or missing) query is visible at once."""
    if len(captured) != expected:
        listing = "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(captured.captured_queries, 1))
        pytest.fail(f"{label}: {len(captured)} queries, expected {expected}:\n{listing}", pytrace=False)


def file_cases(personas, count: int) -> list[Case]:
    """Cases every role of the test can see: filed by the applicant against the respondent's employer,
    referred to the mediator's centre, back from a failed mediation, and accepted by the clerk with the
    arbitrator presiding."""
    centre = personas.mediator.mediation_organisation
    employer = personas.respondent.party
    cases = []
    for n in range(count):
        case = services.case_file(
            user=personas.applicant,
            respondent={
                "kind": "organisation",
                "name": employer.name,
                "credit_code": employer.credit_code,
            },
            claims=[
                ClaimInput(category="wage_arrears", amount=1000 + n, description="拖欠工资"),
                ClaimInput(category="overtime", amount=500, description="加班费"),
            ],
            facts="被申请人拖欠工资。",
            consents={"pre_mediation": True, "async_hearing": True, "electronic_service": True},
        )
        case = mediation_services.case_refer_to_mediation(
            case=case, user=personas.clerk, mediation_organisation=centre
        )
        case = mediation_services.case_record_mediation_failure(
            case=case, user=personas.mediator, reason="未达成协议"
        )
        case = services.case_accept(case=case, user=personas.clerk, arbitrators=[personas.arbitrator])
        cases.append(case)
    return cases


@pytest.fixture
def docket_personas(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    assert personas.mediator.mediation_organisation == make_centre()
    return personas


def list_queries(user, page_size: int) -> tuple[CaptureQueriesContext, dict]:
    client = api(user)  # the token is made here, outside the count
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/cases/", {"page_size": page_size, "ordering": "next_due_on"})
    assert response.status_code == 200, response.json()
    return captured, response.json()


@pytest.mark.parametrize("role", ROLES)
def test_case_list_queries_do_not_grow_with_page_size_or_data(docket_personas, role):
    user = getattr(docket_personas, role)
    file_cases(docket_personas, 2)

    captured, body = list_queries(user, MANY)
    assert (body["count"], len(body["results"])) == (2, 2)
    assert_queries(LIST_QUERIES, captured, f"{role}, 2 cases on a page of {MANY}")

    file_cases(docket_personas, MANY - 2)
    captured, body = list_queries(user, 2)
    assert (body["count"], len(body["results"])) == (MANY, 2)
    assert_queries(LIST_QUERIES, captured, f"{role}, 2 cases on a page of 2 out of {MANY}")

    captured, body = list_queries(user, MANY)
    assert (body["count"], len(body["results"])) == (MANY, MANY)
    assert_queries(LIST_QUERIES, captured, f"{role}, {MANY} cases on a page of {MANY}")
    row = body["results"][0]
    assert row["applicant"] == "张三" and row["respondent"] == docket_personas.respondent.party.name
    assert row["presiding_arbitrator"]["username"] == docket_personas.arbitrator.username
    assert row["next_deadline"]["kind"] in {"serve_respondent", "tribunal_notice", "ruling"}


@pytest.mark.parametrize("role", ROLES)
def test_status_counts_queries_do_not_grow_with_data(docket_personas, role):
    user = getattr(docket_personas, role)
    client = api(user)
    file_cases(docket_personas, 2)
    with CaptureQueriesContext(connection) as captured:
        few = client.get("/api/v1/cases/status-counts/")
    assert few.json() == {"accepted": 2}
    assert_queries(STATUS_COUNT_QUERIES, captured, f"{role}, status counts over 2 cases")

    file_cases(docket_personas, MANY - 2)
    with CaptureQueriesContext(connection) as captured:
        many = client.get("/api/v1/cases/status-counts/")
    assert many.json() == {"accepted": MANY}
    assert_queries(STATUS_COUNT_QUERIES, captured, f"{role}, status counts over {MANY} cases")


def test_a_filtered_docket_costs_the_same_queries(docket_personas):
    """Filters narrow the SQL; they add no queries. An arbitrator outside the tribunal sees none of it."""
    file_cases(docket_personas, 3)
    outsider_arbitrator = make_user("p-arbitrator3", Role.ARBITRATOR)
    filters = [
        {"status": "accepted"},
        {"due_before": "2026-12-31"},
        {"search": "示例科技"},
        {"arbitrator": docket_personas.arbitrator.pk},
        {"ordering": "-received_at"},
    ]
    for query in filters:
        client = api(docket_personas.clerk)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/cases/", query)
        assert response.json()["count"] == 3, query
        assert_queries(LIST_QUERIES, captured, f"clerk, {query}")
    client = api(outsider_arbitrator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/cases/")
    assert response.json()["count"] == 0
    # A count of 0 needs no page query and prefetches nothing: the token and the COUNT.
    assert_queries(2, captured, "an arbitrator with no cases")


def test_every_page_holds_the_rows_of_the_whole_list_in_order(docket_personas, travel):
    """Pages in the second half are read from the end in the reverse order: the same rows, every ordering."""
    cases = []
    for hour in range(9, 16):
        travel.move_to(f"2026-03-02 {hour:02d}:00 +0800")
        cases += file_cases(docket_personas, 1)
    travel.move_to("2026-03-03 10:00 +0800")
    services.case_withdraw(case=cases[2], user=docket_personas.applicant, reason="和解")  # no deadline left
    client = api(docket_personas.supervisor)
    for ordering in ["next_due_on", "-next_due_on", "-received_at", "accepted_at", "case_number"]:
        whole = client.get("/api/v1/cases/", {"ordering": ordering, "page_size": 100}).json()["results"]
        for size in (2, 3):
            pages = []
            for number in range(1, -(-len(whole) // size) + 1):
                body = client.get("/api/v1/cases/", {"ordering": ordering, "page_size": size, "page": number})
                pages += body.json()["results"]
            assert [row["id"] for row in pages] == [row["id"] for row in whole], (ordering, size)
    assert len(whole) == 7


@pytest.mark.parametrize("walk", ["near", "walk", None])
def test_the_unfiltered_list_counts_and_pages_the_visible_cases_in_any_shape(
    docket_personas, travel, monkeypatch, walk
):
    """An unfiltered list may count a narrower query and read the page's ids from another form of the rule
    (selectors.VisibleShapes): the same count and the same rows, in order, as the rule itself; with the
    near walk (where the user has one) or the walk forced on every page, and neither."""
    shapes_of = selectors.visible_shapes

    def forced(user):
        shapes = shapes_of(user)
        if shapes is None:
            return None
        return dataclasses.replace(
            shapes,
            walk_from=0 if walk else 10**9,
            walk_skips=None,
            near=shapes.near if walk == "near" else None,
            near_skips=10**9,
        )

    monkeypatch.setattr(selectors, "visible_shapes", forced)
    for hour in range(9, 14):
        travel.move_to(f"2026-03-02 {hour:02d}:00 +0800")
        file_cases(docket_personas, 1)
    for role in ["arbitrator", "applicant", "respondent", "supervisor", "clerk", "mediator"]:
        user = getattr(docket_personas, role)
        client = api(user)
        visible = selectors.cases_visible_to(user)
        shapes = selectors.visible_shapes(user)
        if shapes is not None:
            if shapes.ids is not None:
                assert shapes.ids.count() == visible.count(), role
            for form in (shapes.walk, shapes.near):
                if form is not None:
                    assert sorted(form.values_list("pk", flat=True)) == sorted(
                        visible.values_list("pk", flat=True)
                    ), role
        for ordering in ["next_due_on", "-received_at", "case_number"]:
            expected = list(visible.order_by(*selectors.ORDERINGS[ordering]).values_list("pk", flat=True))
            pages = []
            for number in (1, 2, 3):
                body = client.get(
                    "/api/v1/cases/", {"ordering": ordering, "page_size": 2, "page": number}
                ).json()
                assert body["count"] == len(expected) == 5, (role, ordering)
                pages += [row["id"] for row in body["results"]]
            assert pages == expected, (role, ordering)
