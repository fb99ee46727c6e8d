"""The gap to target (GET /api/v1/metrics/gap/), the drill-down behind every number
(GET /api/v1/metrics/cases/, JSON and CSV), and the figures' query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arbitration.supervision.gap import closure_gap, mediation_gap
from tests.arbitration import supervision_data as d
from tests.helpers import api

pytestmark = pytest.mark.django_db

Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


@pytest.mark.parametrize(
    ("closed", "counted", "needed"),
    [(9, 10, 0), (8, 10, 1), (0, 10, 9), (10, 10, 0), (90, 100, 0), (89, 100, 1), (0, 0, 0)],
)
def test_closures_needed_at_and_around_ninety_percent(closed, counted, needed):
    result = closure_gap(closed, counted, Decimal("0.90"), pending=5)
    assert result["needed"] == needed
    assert result["reachable"] is (needed <= 5)
    assert result["arithmetic"].endswith(f"= {needed} (pending: 5)")


@pytest.mark.parametrize(
    ("resolved", "concluded", "needed"),
    # 6 of 10 is exactly 60%: none. 5 of 10 needs 3 (8/13 ≥ 60%, 7/12 is not). 0 of 0: none.
    [(6, 10, 0), (5, 10, 3), (3, 5, 0), (2, 5, 3), (0, 1, 2), (0, 0, 0)],
)
def test_mediated_resolutions_needed_at_and_around_sixty_percent(resolved, concluded, needed):
    result = mediation_gap(resolved, concluded, Decimal("0.60"))
    assert result["needed"] == needed
    if concluded:
        assert Decimal(resolved + needed) / Decimal(concluded + needed) >= Decimal("0.60")
        if needed:
            assert Decimal(resolved + needed - 1) / Decimal(concluded + needed - 1) < Decimal("0.60")


def test_the_gap_of_the_current_quarter(personas, docket):
    # 2026-04-15. Q2: pending at the start B, G, D; none accepted since; D closed (withdrawn 04-10).
    response = api(personas.supervisor).get("/api/v1/metrics/gap/", {"period": "quarter"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["from"], body["to"], body["as_of"]) == ("2026-04-01", "2026-06-30", "2026-04-15")
    closure = body["closure_rate"]
    assert (closure["closed"], closure["counted"], closure["needed"], closure["pending"]) == (1, 3, 2, 2)
    assert closure["reachable"] is True
    assert closure["arithmetic"] == "ceil(0.90 × 3) − 1 = 2 (pending: 2)"
    mediation = body["mediation_success_rate"]
    # No mediation concluded, one closure by withdrawal: 0 of 1 needs 2 (2/3 ≥ 60%).
    assert (mediation["resolved"], mediation["concluded"], mediation["needed"]) == (0, 1, 2)
    assert [t["month"] for t in body["trend"]] == ["2026-04"]


def test_the_trend_of_the_year_month_by_month(personas, docket):
    body = api(personas.supervisor).get("/api/v1/metrics/gap/").json()
    assert [(t["month"], t["closure_rate"]) for t in body["trend"]] == [
        ("2026-01", "0.3333"),
        ("2026-02", "0.2500"),
        ("2026-03", "0.2500"),
        ("2026-04", "0.3333"),  # pending B, G, D; D closed
    ]
    assert api(personas.supervisor).get("/api/v1/metrics/gap/", {"period": "decade"}).status_code == 400
    assert api(personas.arbitrator).get("/api/v1/metrics/gap/").status_code == 403


def cases_behind(user, **params):
    response = api(user).get("/api/v1/metrics/cases/", params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_every_number_lists_the_cases_behind_it(personas, docket):
    summary = api(personas.supervisor).get("/api/v1/metrics/summary/", Q1).json()
    for name in (
        "closure_rate",
        "mediation_success_rate",
        "final_award_share",
        "on_time_closure_rate",
        "finality_rate",
        "open_overdue",
    ):
        for part in ("numerator", "denominator"):
            link = summary[name][f"{part}_cases"]
            listed = api(personas.supervisor).get(link).json()
            assert listed["count"] == summary[name][part], (name, part)
    closed = cases_behind(personas.supervisor, **Q1, figure="closure_rate", part="numerator")
    assert {r["id"] for r in closed["results"]} == {docket["A"], docket["C"], docket["H"]}
    counted = cases_behind(personas.supervisor, **Q1, figure="closure_rate", part="denominator")
    assert sorted((r["id"], r["counted_as"]) for r in counted["results"]) == sorted(
        [(docket[k], "pending at the period's start") for k in "AB"]
        + [(docket[k], "accepted in the period") for k in "HGCD"]
    )
    # F's pre-filing agreement and C's 调解书; G's failed mediation is only in the denominator.
    mediation = cases_behind(personas.supervisor, **Q1, figure="mediation_success_rate", part="numerator")
    assert {r["id"] for r in mediation["results"]} == {docket["F"], docket["C"]}


def test_a_groups_numbers_list_that_groups_cases(personas, docket):
    summary = api(personas.supervisor).get("/api/v1/metrics/summary/", {**Q1, "group_by": "street"}).json()
    street = next(g for g in summary["groups"] if g["key"] == "石牌街")
    listed = api(personas.supervisor).get(street["closure_rate"]["denominator_cases"]).json()
    assert {r["id"] for r in listed["results"]} == {docket["A"], docket["B"]}
    february = cases_behind(
        personas.supervisor, **Q1, group_by="month", group="2026-02", figure="closure_rate", part="numerator"
    )
    assert [r["id"] for r in february["results"]] == [docket["C"]]


def test_the_list_downloads_as_csv(personas, docket):
    response = api(personas.supervisor).get(
        "/api/v1/metrics/cases/", {**Q1, "figure": "closure_rate", "part": "numerator", "export": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,case_number,status,closure_type,counted_as")
    assert len(lines) == 1 + 3
    assert "石牌街" in text


def test_the_drilldown_is_for_supervisors_and_names_bad_parameters(personas, docket):
    params = {**Q1, "figure": "closure_rate", "part": "numerator"}
    assert api(personas.clerk).get("/api/v1/metrics/cases/", params).status_code == 403
    assert api().get("/api/v1/metrics/cases/", params).status_code == 401
    bad = api(personas.supervisor).get("/api/v1/metrics/cases/", {**params, "figure": "happiness"})
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["figure"]
    bad = api(personas.supervisor).get("/api/v1/metrics/cases/", {**params, "group": "x"})
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["group"]


def _queries(user, params):
    client = api(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/metrics/summary/", params).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("group_by", ["", "month", "arbitrator", "organisation", "claim_category"])
def test_the_figures_query_count_does_not_grow_with_the_cases(
    personas, travel, docket, arbitrator3, group_by
):
    params = {**Q1, "group_by": group_by} if group_by else Q1
    before = _queries(personas.supervisor, params)
    for day in ("2026-01-07", "2026-02-09", "2026-03-09"):
        case_id = d.accepted(personas, travel, day, street=f"新街{day}", arbitrator=arbitrator3)
        d.withdraw(personas, travel, case_id, day)
    d.pre_filing(personas, travel, "2026-02-16", outcome="failed", concluded="2026-02-20")
    d.at(travel, "2026-04-15")
    after = _queries(personas.supervisor, params)
    assert after == before, f"{before} queries before, {after} after adding cases"
