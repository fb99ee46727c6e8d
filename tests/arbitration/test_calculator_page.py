"""The calculator page for parties (phone first, Chinese by default), and the supervisors' figure table."""

from __future__ import annotations

import pytest

from arbitration.models import FigureKind, LocalFigure
from tests.helpers import api

pytestmark = pytest.mark.django_db


def test_a_party_calculates_overtime_on_the_page_in_chinese(personas, client):
    client.force_login(personas.applicant)
    page = client.get("/calculator/?kind=overtime")
    assert page.status_code == 200
    assert "加班" in page.content.decode()
    posted = client.post(
        "/calculator/",
        {
            "kind": "overtime",
            "monthly_wage": "3000.00",
            "weekday_hours": "1",
            "rest_day_hours": "1",
            "holiday_hours": "1",
        },
    )
    html = posted.content.decode()
    assert posted.status_code == 200
    assert 'data-testid="amount">112.07<' in html
    assert "3000.00 ÷ 21.75 ÷ 8" in html
    assert "终局" in html  # the final-award line, in Chinese


def test_the_page_shows_a_refusal_next_to_its_field(personas, client):
    client.force_login(personas.applicant)
    posted = client.post(
        "/calculator/",
        {"kind": "wage_arrears", "monthly_wage": "6000", "from": "2025-03-01", "to": "2025-02-01"},
    )
    assert posted.status_code == 400
    assert 'data-testid="error-to"' in posted.content.decode()
    assert 'data-testid="amount"' not in posted.content.decode()


def test_the_page_needs_a_sign_in(client, db):
    assert client.get("/calculator/").status_code == 302


def test_a_supervisor_edits_the_minimum_wage_in_the_admin_and_the_line_moves(personas, client):
    body = {"kind": "final_award", "claim_category": "overtime", "amount": "31000.00", "on": "2026-06-01"}
    before = api(personas.applicant).post("/api/v1/calculations/", body, format="json").json()
    assert before["final_award"]["final"] is False  # 12 × 2500 = 30000
    assert before["final_award"]["threshold"] == "30000.00"

    client.force_login(personas.supervisor)
    added = client.post(
        "/admin/arbitration/localfigure/add/",
        {
            "kind": "minimum_wage",
            "region": "广州市",
            "amount": "2600.00",
            "effective_from": "2026-05-01",
            "source": "测试调整",
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    after = api(personas.applicant).post("/api/v1/calculations/", body, format="json").json()
    assert after["final_award"]["final"] is True
    assert after["final_award"]["threshold"] == "31200.00"
    assert after["final_award"]["minimum_wage"]["effective_from"] == "2026-05-01"
    assert after["figures"] == [after["final_award"]["minimum_wage"]]


def test_only_supervisors_and_admins_keep_the_figures(personas, client):
    client.force_login(personas.clerk)
    assert client.get("/admin/arbitration/localfigure/").status_code in (302, 403)
    client.force_login(personas.supervisor)
    listing = client.get("/admin/arbitration/localfigure/")
    assert listing.status_code == 200
    assert LocalFigure.objects.filter(kind=FigureKind.MINIMUM_WAGE, region="广州市").count() == 4
