"""The supervisor's dashboard page: figures against targets, the gap and the trend, the drill-down links."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from django.test import Client

from cases.models import Case

pytestmark = pytest.mark.django_db


def page(user, params=""):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client.get(f"/supervision/{params}")


def test_the_dashboard_shows_the_quarter_against_its_targets(personas, docket):
    response = page(personas.supervisor, "?from=2026-01-01&to=2026-03-31&group_by=street")
    assert response.status_code == 200
    html = response.content.decode()
    assert "仲裁结案率" in html and "调解成功率" in html
    assert "0.5000" in html and "未达标" in html  # closure 3/6 against 0.90
    assert "ceil(0.90 × 6) − 4 = 2 (pending: 2)" in html  # the year so far, as of 2026-04-15
    assert 'data-testid="group-石牌街"' in html
    assert (
        "/api/v1/metrics/cases/?from=2026-01-01&amp;to=2026-03-31&amp;figure=closure_rate&amp;part=numerator"
        in html
    )
    # The link answers the supervisor's session with the three closed cases.
    client = Client()
    client.force_login(personas.supervisor)
    listed = client.get(
        "/api/v1/metrics/cases/?from=2026-01-01&to=2026-03-31&figure=closure_rate&part=numerator"
    )
    assert listed.json()["count"] == 3


def test_a_bad_period_is_named_and_others_may_not_look(personas, docket):
    response = page(personas.supervisor, "?from=2026-05-01&to=2026-03-31")
    assert response.status_code == 200
    assert 'data-testid="error-from"' in response.content.decode()
    assert page(personas.clerk).status_code == 403
    assert Client().get("/supervision/").status_code == 302


# --- the dashboard's charts ------------------------------------------------------------------------------

Q1 = "?from=2026-01-01&to=2026-03-31"


class Shapes(HTMLParser):
    """The SVG shapes of the page that carry a figure: points, bars and target lines, by chart."""

    def __init__(self) -> None:
        super().__init__()
        self.chart = ""
        self.shapes: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "svg" and "data-chart" in found:
            self.chart = found["data-chart"]
        elif tag in ("circle", "rect", "line") and ("data-value" in found):
            self.shapes.append({"tag": tag, "chart": self.chart, **found})


def shapes(response, chart: str, **where: str) -> list[dict[str, str]]:
    parser = Shapes()
    parser.feed(response.content.decode())
    return [
        s
        for s in parser.shapes
        if s["chart"] == chart and all(s.get(f"data-{k}") == v for k, v in where.items())
    ]


def values(response, chart: str, tag: str, series: str, by: str) -> dict[str, str]:
    return {
        s[f"data-{by}"]: s["data-value"] for s in shapes(response, chart, series=series) if s["tag"] == tag
    }


def test_the_trend_draws_each_months_rates_and_the_target_lines(personas, docket):
    response = page(personas.supervisor, Q1)
    assert response.status_code == 200
    # By hand (see the docket): January closed A of A, B, H; February C of B, H, G, C; March H of B, H, G, D.
    assert values(response, "trend", "circle", "closure_rate", "key") == {
        "2026-01": "0.3333",
        "2026-02": "0.2500",
        "2026-03": "0.2500",
    }
    # F's agreement of F's mediation and A's award (January); C's 调解书 of G's mediation and C (February);
    # H's award alone in March.
    assert values(response, "trend", "circle", "mediation_success_rate", "key") == {
        "2026-01": "0.5000",
        "2026-02": "0.5000",
        "2026-03": "0.0000",
    }
    targets = {s["data-target"]: s["data-value"] for s in shapes(response, "trend") if s["tag"] == "line"}
    assert targets == {"closure_rate": "0.90", "mediation_success_rate": "0.60"}
    # The points sit below the closure target line (SVG y grows downwards) and on a 0-100% scale.
    [line] = [s for s in shapes(response, "trend", target="closure_rate")]
    january = shapes(response, "trend", series="closure_rate", key="2026-01")[0]
    assert float(january["cy"]) > float(line["y1"])


def test_the_bars_carry_each_arbitrators_streets_and_organisations_rates(personas, docket, arbitrator3):
    response = page(personas.supervisor, Q1)
    # 仲裁员甲 closed A of A, B, G, D; 仲裁员丙 closed H and C, the two he had.
    assert values(response, "arbitrator", "rect", "closure_rate", "group") == {
        str(personas.arbitrator.pk): "0.2500",
        str(arbitrator3.pk): "1.0000",
        "": "",  # F and E never had an arbitrator: nothing to close
    }
    by_street = values(response, "street", "rect", "closure_rate", "group")
    assert by_street["石牌街"] == "0.5000" and by_street["猎德街"] == "0.0000"
    organisation = personas.mediator.mediation_organisation
    by_organisation = values(response, "organisation", "rect", "mediation_success_rate", "group")
    assert by_organisation[str(organisation.pk)] == "0.5000"  # F agreed, G failed
    for chart in ("arbitrator", "street", "organisation"):
        targets = {s["data-target"]: s["data-value"] for s in shapes(response, chart) if s["tag"] == "line"}
        assert targets == {"closure_rate": "0.90", "mediation_success_rate": "0.60"}
    # A bar's length is its share of the scale: 仲裁员丙's full bar is four times 仲裁员甲's.
    [full] = shapes(response, "arbitrator", series="closure_rate", group=str(arbitrator3.pk))
    [quarter] = shapes(response, "arbitrator", series="closure_rate", group=str(personas.arbitrator.pk))
    assert float(full["width"]) == pytest.approx(4 * float(quarter["width"]), abs=0.2)


def test_the_gap_panel_and_the_overdue_cases(personas, docket):
    html = page(personas.supervisor, Q1).content.decode()
    # As of 2026-04-15, this year: closed A, C, H of pending A, B + accepted H, G, C, D (4 of 6).
    assert 'data-testid="gauge-closure_rate" data-value="0.6667" data-target="0.90"' in html
    # Open at 03-31 and past the ruling due date: B (due in January) and G (due 03-20), not D (April).
    overdue = Case.objects.filter(pk__in=[docket["B"], docket["G"]]).values_list("case_number", flat=True)
    assert html.count('data-testid="overdue-case"') == 2
    for number in overdue:
        assert number in html
    assert Case.objects.get(pk=docket["D"]).case_number not in html.split('data-testid="overdue"')[1]


def test_the_filters_change_what_is_drawn(personas, docket):
    february = page(personas.supervisor, "?from=2026-02-01&to=2026-02-28")
    assert values(february, "trend", "circle", "closure_rate", "key") == {"2026-02": "0.2500"}
    # Only C closed in February, under 仲裁员丙.
    bars = values(february, "arbitrator", "rect", "closure_rate", "group")
    assert bars[str(Case.objects.get(pk=docket["C"]).presiding_arbitrator_id)] == "0.5000"  # C of H, C
    split = page(personas.supervisor, Q1 + "&group_by=street").content.decode()
    assert 'data-testid="group-石牌街"' in split and 'data-testid="group-猎德街"' in split
    assert 'data-testid="group-石牌街"' not in page(personas.supervisor, Q1).content.decode()


def test_the_group_filter_narrows_the_figures_trend_and_overdue_cases_to_one_arbitrator(
    personas, docket, arbitrator3
):
    response = page(personas.supervisor, f"{Q1}&group_by=arbitrator&group={arbitrator3.pk}")
    html = response.content.decode()
    assert '<span data-testid="only-group">仲裁员丙</span>' in html
    # 仲裁员丙's H (accepted 01-05, closed 03-20) and C (accepted 02-02, closed 02-10): January nothing
    # closed of H; February C of H, C; March H of H.
    assert values(response, "trend", "circle", "closure_rate", "key") == {
        "2026-01": "0.0000",
        "2026-02": "0.5000",
        "2026-03": "1.0000",
    }
    assert (
        "figure=closure_rate&amp;part=numerator&amp;group_by=arbitrator" not in html
    )  # links keep the filter
    assert f"group_by=arbitrator&amp;group={arbitrator3.pk}&amp;figure=closure_rate" in html
    assert html.count('data-testid="overdue-case"') == 0  # both closed
    # The bars still compare every arbitrator.
    assert len(values(response, "arbitrator", "rect", "closure_rate", "group")) == 3
    # 仲裁员甲's B and G are the overdue ones.
    other = page(personas.supervisor, f"{Q1}&group_by=arbitrator&group={personas.arbitrator.pk}")
    assert other.content.decode().count('data-testid="overdue-case"') == 2
    # A key no arbitrator has: nothing counted, no error.
    unknown = page(personas.supervisor, f"{Q1}&group_by=arbitrator&group={'9' * 40}")
    assert unknown.status_code == 200
    assert values(unknown, "trend", "circle", "closure_rate", "key") == {}
    # "Every group" is no filter.
    every = page(personas.supervisor, f"{Q1}&group_by=arbitrator&group=*")
    assert values(every, "trend", "circle", "closure_rate", "key")["2026-01"] == "0.3333"


def test_the_dashboard_is_chinese_by_default_and_english_on_request(personas, docket):
    # Even a browser set to English gets Chinese until the user presses the language switch.
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(personas.supervisor)
    chinese = client.get(f"/supervision/{Q1}").content.decode()
    assert "逐月" in chinese and "按仲裁员" in chinese and "超审限未结" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(f"/supervision/{Q1}").content.decode()
    assert "Month by month" in english and "By arbitrator" in english


def test_only_supervisors_see_the_dashboard(personas, docket):
    for user in (personas.clerk, personas.arbitrator, personas.mediator, personas.applicant):
        response = page(user, Q1)
        assert response.status_code == 403
        assert "data-chart" not in response.content.decode()
    assert Client().get(f"/supervision/{Q1}").status_code == 302


def test_the_dashboard_answers_within_a_second_in_a_bounded_number_of_queries(
    personas, docket, django_assert_max_num_queries
):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(personas.supervisor)
    client.get(f"/supervision/{Q1}")  # templates and translations loaded once
    started = time.perf_counter()
    # 45, and issue 16's sections: the waiting comparison (3) and the ratings (4).
    with django_assert_max_num_queries(52):
        response = client.get(f"/supervision/{Q1}&group_by=arbitrator")
    assert response.status_code == 200
    assert time.perf_counter() - started < 1.0
