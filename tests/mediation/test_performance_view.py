"""The supervisors' view of agreements' performance: performed, partly performed, not performed (and
overdue), counted by the database in a fixed number of queries, with the agreements behind each count;
for the supervisors only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import api
from tests.mediation.conftest import ITEMS, file_dispute, get, post, refer
from tests.mediation.test_pages import client_for, page

pytestmark = pytest.mark.django_db

URL = "/api/v1/mediation-agreements/performance/"


def _agreement(personas, items=ITEMS) -> dict:
    case_id = file_dispute(personas)
    refer(personas, case_id)
    drafted = post(personas.mediator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": items}, 201)
    post(personas.applicant, f"/api/v1/mediation-agreements/{drafted['id']}/confirm/")
    return post(personas.respondent, f"/api/v1/mediation-agreements/{drafted['id']}/confirm/")


def _pay(personas, agreement: dict, amount: str, item: int = 0) -> None:
    body = {"item": agreement["items"][item]["id"], "amount": amount, "paid_on": "2026-03-02"}
    post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/payments/", body, 201)


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api(user).get(URL).status_code == 200
    return len(queries)


def test_supervisors_see_agreements_performed_partly_and_not(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    two_payments = [
        {**ITEMS[0], "amount": "3000.00"},
        {**ITEMS[0], "amount": "2000.00", "due_on": "2026-04-30"},
    ]
    performed = _agreement(personas, two_payments)
    _pay(personas, performed, "3000.00", 0)
    _pay(personas, performed, "2000.00", 1)
    partly = _agreement(personas)  # 7800.00 due 2026-03-20
    _pay(personas, partly, "1000.00")
    _pay(personas, partly, "500.00")
    not_performed = _agreement(personas)
    _agreement(personas, [ITEMS[1]])  # no money promised: nothing to perform in money
    before = _queries(personas.supervisor)

    body = get(personas.supervisor, URL)
    assert body["counts"] == {"performed": 1, "partly_performed": 1, "not_performed": 1, "overdue": 0}
    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {performed["id"], partly["id"], not_performed["id"]}
    assert (rows[performed["id"]]["due"], rows[performed["id"]]["paid"]) == ("5000.00", "5000.00")
    assert (rows[partly["id"]]["due"], rows[partly["id"]]["paid"]) == ("7800.00", "1500.00")
    assert rows[partly["id"]]["performance"] == "partly_performed"
    assert rows[not_performed["id"]]["paid"] == "0.00"
    only = get(personas.supervisor, f"{URL}?performance=not_performed")
    assert [row["id"] for row in only["results"]] == [not_performed["id"]]
    assert only["counts"]["performed"] == 1  # the counts always cover every agreement
    bad = api(personas.supervisor).get(f"{URL}?performance=paid")
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["performance"]

    travel.move_to("2026-03-21 09:00 +0800")  # 7800.00 was due 2026-03-20
    counts = get(personas.supervisor, URL)["counts"]
    assert counts["overdue"] == 2  # partly and not performed; the performed one paid everything
    _agreement(personas, [{**ITEMS[0], "due_on": "2026-04-30"}])
    assert _queries(personas.supervisor) == before  # counted by the database, not row by row

    html = page(client_for(personas.supervisor), "/mediation/performance/?performance=partly_performed")
    assert 'data-testid="count-performed"' in html and "部分履行" in html
    assert html.count('data-testid="agreement-row"') == 1 and "¥1500.00" in html
    assert 'data-testid="overdue"' in html


def test_performance_is_for_the_supervisors_only(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    _agreement(personas)
    for user in (personas.clerk, personas.mediator, personas.applicant, personas.arbitrator):
        assert api(user).get(URL).status_code == 403
        assert client_for(user).get("/mediation/performance/").status_code == 403
    assert api(personas.admin).get(URL).status_code == 200
