from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from accounts.models import Role
from cases.models import Case
from tests.helpers import api, credit_code, make_user

SEED = importlib.import_module("arbitration.migrations.0002_seed_guangzhou_figures")


@pytest.fixture(autouse=True)
def guangzhou_figures(request):
    """The figures migration 0002 seeds: a transactional test elsewhere on this worker flushes the tables
    (data migrations included), and the calculator rightly refuses to work without a minimum wage."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        SEED.seed(apps, None)


CLAIMS = [
    {"category": "wage_arrears", "amount": "18000.00", "description": "2025年1月至3月工资"},
    {"category": "overtime", "amount": "900.00", "description": "休息日加班工资"},
    {"category": "rest_leave", "amount": "2000.00", "description": "未休年休假工资"},
]


def case_in_deliberation(personas, arbitrators=None) -> Case:
    """A case with three claims, accepted with ``arbitrators`` (default: the sole ``personas.arbitrator``),
    heard and awaiting its award."""
    body = {
        "respondent": {"kind": "organisation", "name": "广州裁决测试有限公司", "credit_code": credit_code()},
        "claims": CLAIMS,
        "facts": "拖欠工资和加班费。",
    }
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    ids = [a.pk for a in (arbitrators or [personas.arbitrator])]
    for name, body in (
        ("transitions/accept", {"arbitrators": ids, "procedure": "ordinary"}),
        ("actions/serve_application", {}),
    ):
        response = api(personas.clerk).post(f"/api/v1/cases/{case_id}/{name}/", body, format="json")
        assert response.status_code == 200, response.json()
    presiding = api(arbitrators[0] if arbitrators else personas.arbitrator)
    for name in ("schedule_oral_hearing", "conclude_hearing"):
        body = {"hearing_at": "2031-01-10T09:00:00+08:00"} if name == "schedule_oral_hearing" else {}
        response = presiding.post(f"/api/v1/cases/{case_id}/transitions/{name}/", body, format="json")
        assert response.status_code == 200, response.json()
    return Case.objects.get(pk=case_id)


@pytest.fixture
def deliberating(personas):
    return case_in_deliberation(personas)


@pytest.fixture
def arbitrator3(db):
    return make_user("p-arbitrator3", Role.ARBITRATOR, display_name="仲裁员丙")
