"""Cases for the issue 16 tests, made through the API."""

from __future__ import annotations

from typing import Any

from tests.helpers import api


def post(user: Any, path: str, body: dict[str, Any] | None = None, expect: int = 200) -> Any:
    response = api(user).post(path, body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def accept(personas: Any, case_id: int, arbitrator: Any = None) -> None:
    post(
        personas.clerk,
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"procedure": "ordinary", "arbitrators": [(arbitrator or personas.arbitrator).pk]},
    )


def close(personas: Any, case_id: int) -> None:
    """The applicant withdraws the accepted case: it closes (closure type withdrawal)."""
    post(personas.applicant, f"/api/v1/cases/{case_id}/transitions/withdraw/", {"reason": "已协商解决"})
