"""Cases for the supervision figures, each taken through the real steps over the API at set times."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cases.models import Case
from tests.helpers import api
from tests.mediation.conftest import ITEMS, dispute_body


def at(travel: Any, moment: str) -> None:
    travel.move_to(f"{moment} 10:00 +0800")


def post(user: Any, path: str, body: dict[str, Any] | None = None, expect: int = 200) -> Any:
    response = api(user).post(path, body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def step(user: Any, case_id: int, name: str, body: dict[str, Any] | None = None) -> Any:
    return post(user, f"/api/v1/cases/{case_id}/transitions/{name}/", body)


def file(
    personas: Any,
    travel: Any,
    on: str,
    *,
    street: str = "测试街",
    category: str = "wage_arrears",
    amount: str = "9000.00",
    consent: bool = False,
) -> int:
    at(travel, on)
    body = dispute_body(personas, consent=consent)
    body["street"] = street
    body["claims"] = [{"category": category, "amount": amount, "description": "诉请"}]
    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def accept(personas: Any, travel: Any, case_id: int, on: str, arbitrator: Any = None) -> None:
    at(travel, on)
    chosen = arbitrator or personas.arbitrator
    step(personas.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [chosen.pk]})
    post(personas.clerk, f"/api/v1/cases/{case_id}/actions/serve_application/")


def accepted(personas: Any, travel: Any, on: str, **kwargs: Any) -> int:
    arbitrator = kwargs.pop("arbitrator", None)
    case_id = file(personas, travel, on, **kwargs)
    accept(personas, travel, case_id, on, arbitrator)
    return case_id


def award(personas: Any, travel: Any, case_id: int, on: str, *, granted: str | None = None) -> None:
    """Heard and awarded on ``on``; ``granted`` above 30000 makes the award not final."""
    # Scheduled a week before (the parties get at least 5 days' notice, L Art. 35).
    travel.move_to(datetime.fromisoformat(f"{on}T08:00:00+08:00") - timedelta(days=7))
    case = Case.objects.get(pk=case_id)
    arbitrator = case.presiding_arbitrator
    step(arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": f"{on}T09:00:00+08:00"})
    at(travel, on)
    step(arbitrator, case_id, "conclude_hearing")
    items = [
        {"claim": c.pk, "granted": granted or str(c.amount), "decision": "upheld", "finding": "属实"}
        for c in case.claims.all()
    ]
    drafted = api(arbitrator).put(f"/api/v1/cases/{case_id}/award/", {"items": items}, format="json")
    assert drafted.status_code == 200, drafted.json()
    step(
        arbitrator,
        case_id,
        "issue_award",
        {"mediation_tried": "no", "mediation_not_tried_reason": "拒绝调解"},
    )


def close_by_mediation(personas: Any, travel: Any, case_id: int, on: str) -> None:
    at(travel, on)
    arbitrator = Case.objects.get(pk=case_id).presiding_arbitrator
    step(arbitrator, case_id, "start_mediation")
    document = post(arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201)
    post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    post(personas.respondent, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    assert Case.objects.get(pk=case_id).closure_type == "mediation"


def withdraw(personas: Any, travel: Any, case_id: int, on: str) -> None:
    at(travel, on)
    step(personas.applicant, case_id, "withdraw", {"reason": "撤回申请"})


def reject(personas: Any, travel: Any, case_id: int, on: str) -> None:
    at(travel, on)
    step(personas.clerk, case_id, "reject", {"reason": "不属于受理范围", "grounds": ["out_of_scope"]})


def pre_filing(personas: Any, travel: Any, on: str, *, outcome: str, concluded: str, **kwargs: Any) -> int:
    """A dispute referred to pre-filing mediation on ``on``, ending on ``concluded`` in an agreement
    (confirmed by both parties) or a failure."""
    case_id = file(personas, travel, on, consent=True, **kwargs)
    step(personas.clerk, case_id, "refer_to_mediation")
    at(travel, concluded)
    if outcome == "agreement":
        document = post(
            personas.mediator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
        )
        post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
        post(personas.respondent, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    else:
        step(personas.mediator, case_id, "record_mediation_failure", {"reason": "调解不成"})
    return case_id
