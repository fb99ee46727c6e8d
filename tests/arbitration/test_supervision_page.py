"""The supervisor's dashboard page: figures against targets, the gap and the trend, the drill-down links."""

from __future__ import annotations

import pytest
from django.test import Client

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
