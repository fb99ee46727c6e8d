from __future__ import annotations

import pytest

from accounts.models import Role
from cases.models import Case
from tests.arbitration import supervision_data as d
from tests.helpers import api, credit_code, make_user

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


@pytest.fixture
def docket(personas, travel, arbitrator3):
    """2026 Q1 as the commission lived it (see each line)."""
    c = {}
    # Pending from 2025: A awarded (final) on 01-20, 41 days after acceptance; B still open, overdue.
    c["A"] = d.accepted(personas, travel, "2025-12-10", street="石牌街")
    c["B"] = d.accepted(personas, travel, "2025-12-15", street="石牌街", category="overtime")
    # F: pre-filing agreement on 01-10. E: rejected on 01-15.
    c["F"] = d.pre_filing(personas, travel, "2026-01-06", outcome="agreement", concluded="2026-01-10")
    c["E"] = d.file(personas, travel, "2026-01-13")
    d.reject(personas, travel, c["E"], "2026-01-15")
    # H: accepted 01-05, not-final award on 03-20 (74 days: late).
    c["H"] = d.accepted(personas, travel, "2026-01-05", arbitrator=arbitrator3, amount="50000.00")
    d.award(personas, travel, c["A"], "2026-01-20")
    # G: pre-filing mediation failed 02-01, accepted 02-03, open (due 03-20: overdue by 03-31).
    c["G"] = d.pre_filing(personas, travel, "2026-01-26", outcome="failed", concluded="2026-02-01")
    d.accept(personas, travel, c["G"], "2026-02-03")
    # C: accepted 02-02, closed by 调解书 on 02-10.
    c["C"] = d.accepted(personas, travel, "2026-02-02", arbitrator=arbitrator3)
    d.close_by_mediation(personas, travel, c["C"], "2026-02-10")
    # D: accepted 03-02, withdrawn only on 04-10 (after the quarter).
    c["D"] = d.accepted(personas, travel, "2026-03-02", street="猎德街")
    d.award(personas, travel, c["H"], "2026-03-20", granted="50000.00")
    d.withdraw(personas, travel, c["D"], "2026-04-10")
    d.at(travel, "2026-04-15")
    return c
