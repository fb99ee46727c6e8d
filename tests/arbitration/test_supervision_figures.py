"""The supervision figures (domain.md §7) over GET /api/v1/metrics/summary/, on cases taken through the
real steps at set times; the expected numbers are worked out by hand below."""

from __future__ import annotations

import pytest

from tests.arbitration import supervision_data as d
from tests.helpers import api

pytestmark = pytest.mark.django_db

Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


def figures(user, **params):
    response = api(user).get("/api/v1/metrics/summary/", params)
    assert response.status_code == 200, response.json()
    return response.json()


def short(figure):
    return (figure["numerator"], figure["denominator"], figure["value"], figure["met"])


def test_the_quarters_figures_are_what_the_timeline_says(personas, docket):
    body = figures(personas.supervisor, **Q1)
    # Pending at the start A, B; accepted H, G, C, D; closed A, C, H (D only after the quarter).
    assert short(body["closure_rate"]) == (3, 6, "0.5000", False)
    assert body["closure_rate"]["target"] == "0.90"
    assert body["closure_rate"]["parts"]["denominator"] == {"cases.pending_at_start": 2, "cases.accepted": 4}
    # F's agreement + C's 调解书 over F and G's mediations + three closures.
    assert short(body["mediation_success_rate"]) == (2, 5, "0.4000", False)
    assert body["mediation_success_rate"]["target"] == "0.60"
    # A final (9000 awarded), H not (50000 above 12 × 2500).
    assert short(body["final_award_share"]) == (1, 2, "0.5000", None)
    # A (41 days) and C (8) within 45 days; H (74) late.
    assert short(body["on_time_closure_rate"]) == (2, 3, "0.6667", None)
    assert body["days_to_close"] == {"average": "41.0", "median": "41.0", "cases": 3}
    # Open at 03-31: B (due in January), G (due 03-20), D (due in April): two overdue.
    assert short(body["open_overdue"]) == (2, 3, "0.6667", None)
    # Lawsuit window 30 days: A (closed 01-20) and C (02-10) are past it by 03-31, H is not.
    assert short(body["finality_rate"]) == (2, 2, "1.0000", None)


def test_an_empty_period_has_null_values_and_zero_denominators(personas, docket):
    body = figures(personas.supervisor, **{"from": "2024-01-01", "to": "2024-12-31"})
    assert short(body["closure_rate"]) == (0, 0, None, None)
    assert body["days_to_close"] == {"average": None, "median": None, "cases": 0}


def test_a_past_period_gives_the_same_figures_later(personas, docket, travel):
    first = figures(personas.supervisor, **Q1)
    # B is awarded and G withdrawn in May: the first quarter's figures do not move.
    d.award(personas, travel, docket["B"], "2026-05-06")
    d.withdraw(personas, travel, docket["G"], "2026-05-07")
    d.at(travel, "2026-06-01")
    assert figures(personas.supervisor, **Q1) == first
    # The second quarter sees them: pending B, G, D; closed D, B, G.
    assert short(
        figures(personas.supervisor, **{"from": "2026-04-01", "to": "2026-06-30"})["closure_rate"]
    ) == (
        3,
        3,
        "1.0000",
        True,
    )


def test_targets_come_from_the_settings(personas, docket, settings):
    settings.SUPERVISION_CLOSURE_TARGET = "0.50"
    settings.SUPERVISION_MEDIATION_TARGET = "0.40"
    body = figures(personas.supervisor, **Q1)
    assert (body["closure_rate"]["target"], body["closure_rate"]["met"]) == ("0.50", True)
    assert (body["mediation_success_rate"]["target"], body["mediation_success_rate"]["met"]) == ("0.40", True)


def test_by_month(personas, docket):
    groups = figures(personas.supervisor, **Q1, group_by="month")["groups"]
    assert [g["key"] for g in groups] == ["2026-01", "2026-02", "2026-03"]
    closure = [short(g["closure_rate"])[:3] for g in groups]
    # January: pending A, B; accepted H; closed A. February: pending B, H; accepted G, C; closed C.
    # March: pending B, H, G; accepted D; closed H.
    assert closure == [(1, 3, "0.3333"), (1, 4, "0.2500"), (1, 4, "0.2500")]
    mediation = [short(g["mediation_success_rate"])[:2] for g in groups]
    assert mediation == [(1, 2), (1, 2), (0, 1)]


def test_by_quarter_agrees_with_the_quarter(personas, docket):
    whole = figures(personas.supervisor, **Q1)
    [quarter] = figures(personas.supervisor, **Q1, group_by="quarter")["groups"]
    assert quarter["key"] == "2026-Q1"
    for name in ("closure_rate", "mediation_success_rate", "final_award_share", "on_time_closure_rate"):
        assert short(quarter[name]) == short(whole[name])


def test_by_arbitrator_street_and_category(personas, docket):
    by_arbitrator = {
        g["label"]: g for g in figures(personas.supervisor, **Q1, group_by="arbitrator")["groups"]
    }
    # 仲裁员甲: A, B, G, D (closed A); 仲裁员丙: H, C (both closed). F and E never had one.
    assert short(by_arbitrator["仲裁员甲"]["closure_rate"])[:2] == (1, 4)
    assert short(by_arbitrator["仲裁员丙"]["closure_rate"])[:2] == (2, 2)
    assert by_arbitrator["仲裁员丙"]["closure_rate"]["met"] is True
    by_street = {g["key"]: g for g in figures(personas.supervisor, **Q1, group_by="street")["groups"]}
    assert short(by_street["石牌街"]["closure_rate"])[:2] == (1, 2)
    assert short(by_street["猎德街"]["closure_rate"])[:2] == (0, 1)
    assert short(by_street["测试街"]["mediation_success_rate"])[:2] == (2, 4)
    by_category = {
        g["key"]: g for g in figures(personas.supervisor, **Q1, group_by="claim_category")["groups"]
    }
    assert short(by_category["overtime"]["closure_rate"])[:2] == (0, 1)
    assert by_category["overtime"]["label"] != "overtime"  # its name, not the code


def test_by_organisation(personas, docket):
    groups = figures(personas.supervisor, **Q1, group_by="organisation")["groups"]
    centre = next(g for g in groups if g["label"] == "天河区测试街道调解中心")
    assert short(centre["mediation_success_rate"])[:2] == (1, 2)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-04-01", "to": "2026-03-31"}, "from"),
        ({"from": "2026-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"group_by": "planet"}, "group_by"),
    ],
)
def test_bad_queries_name_the_parameter(personas, params, field):
    response = api(personas.supervisor).get("/api/v1/metrics/summary/", params)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


def test_supervisors_only(personas):
    assert api(personas.clerk).get("/api/v1/metrics/summary/").status_code == 403
    assert api(personas.arbitrator).get("/api/v1/metrics/summary/").status_code == 403
    assert api().get("/api/v1/metrics/summary/").status_code == 401
    assert api(personas.supervisor).get("/api/v1/metrics/summary/").status_code == 200


def test_one_group_alone_has_that_groups_figures(personas, docket, arbitrator3):
    """The dashboard's group filter (summary's ``only``) counts that group's rows: the same numbers as the
    group's entry of the split, for the whole quarter and month by month."""
    from datetime import date

    from arbitration.supervision.figures import Period, summary

    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))
    alone = summary(quarter, None, ("arbitrator", str(arbitrator3.pk)))
    # 仲裁员丙: H and C accepted in the quarter, both closed in it; C by 调解书, H's award not final.
    assert short(alone["closure_rate"])[:3] == (2, 2, "1.0000")
    assert short(alone["mediation_success_rate"])[:2] == (1, 2)
    assert short(alone["final_award_share"])[:2] == (0, 1)
    by_month = summary(quarter, "month", ("street", "石牌街"))
    # 石牌街: A and B, pending from 2025; A closed in January.
    assert [short(g["closure_rate"])[:2] for g in by_month["groups"]] == [(1, 2), (0, 1), (0, 1)]
    split = {g["key"]: g for g in summary(quarter, "street")["groups"]}
    assert short(by_month["closure_rate"]) == short(split["石牌街"]["closure_rate"])
