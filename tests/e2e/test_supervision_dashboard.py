"""A supervisor opens the dashboard on a phone: the charts are drawn, with their points, bars and target
lines, and nothing overflows the screen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.arbitration.conftest import arbitrator3, docket  # noqa: F401 - the fixtures, shared
from tests.e2e.test_case_pages import fits_the_phone, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_draws_its_charts_on_a_phone(live_server, personas, docket, travel, phone_page):  # noqa: F811
    # Back to the real clock: the browser drops a session cookie that expired by its own clock.
    travel.move_to(datetime.fromtimestamp(time_machine.escape_hatch.time.time(), UTC))
    page = phone_page
    log_in(page, live_server.url, "p-supervisor")
    page.goto(f"{live_server.url}/supervision/?from=2026-01-01&to=2026-03-31")
    expect(page.locator("h1")).to_have_text("办案指标")
    trend = page.locator('svg[data-chart="trend"]')
    expect(trend).to_be_visible()
    expect(trend.locator('circle[data-series="closure_rate"]')).to_have_count(3)
    expect(trend.locator('line[data-target="closure_rate"]')).to_have_attribute("data-value", "0.90")
    for chart in ("arbitrator", "street", "organisation"):
        svg = page.locator(f'svg[data-chart="{chart}"]')
        svg.scroll_into_view_if_needed()
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and 300 < box["width"] <= 390
    # The bars are drawn to scale: 仲裁员丙 closed both his cases, a full bar.
    full = page.locator('svg[data-chart="arbitrator"] rect[data-series="closure_rate"][data-value="1.0000"]')
    assert full.bounding_box()["width"] > 150
    expect(page.locator('[data-testid="overdue-case"]')).to_have_count(2)
    fits_the_phone(page)
