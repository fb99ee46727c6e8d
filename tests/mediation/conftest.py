"""A dispute between the personas' applicant and respondent, ready for pre-filing mediation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import api, make_centre, make_user


def dispute_body(personas: Any, *, consent: bool = True) -> dict[str, Any]:
    employer = personas.respondent.party
    return {
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}],
        "facts": "拖欠三个月工资。",
        "street": "测试街",
        "consents": {"pre_mediation": consent, "async_hearing": True, "electronic_service": True},
    }


def file_dispute(personas: Any, *, consent: bool = True) -> int:
    response = api(personas.applicant).post(
        "/api/v1/cases/", dispute_body(personas, consent=consent), format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def post(user: Any, path: str, body: dict[str, Any] | None = None, expect: int = 200) -> Any:
    response = api(user).post(path, body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def get(user: Any, path: str, expect: int = 200) -> Any:
    response = api(user).get(path)
    assert response.status_code == expect, response.content
    return response.json()


def refer(personas: Any, case_id: int, **body: Any) -> dict[str, Any]:
    return post(personas.clerk, f"/api/v1/cases/{case_id}/transitions/refer_to_mediation/", body)


def deadline(case: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(d for d in case["deadlines"] if d["kind"] == kind)


ITEMS = [
    {
        "obligor": "respondent",
        "kind": "payment",
        "amount": "7800.00",
        "due_on": "2026-03-20",
        "description": "支付2026年1月、2月工资",
    },
    {"obligor": "applicant", "kind": "other", "description": "办理工作交接"},
]


@pytest.fixture
def other_mediator(db):
    return make_user("other-mediator", "mediator", mediation_organisation=make_centre("另一街道调解中心"))
