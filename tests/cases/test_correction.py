"""Correction (补正) of a clerical error in an issued award: a recorded, versioned text on the case and its
timeline, by the presiding arbitrator, with its reason; refused for a case not closed by that document."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, DocumentCorrection
from tests.helpers import NOT_MEDIATED, api, draft_award
from tests.helpers import file_case as file_application

pytestmark = pytest.mark.django_db

FIX = {
    "document": "award",
    "corrected_text": "被申请人支付申请人工资9000元。",
    "reason": "原裁决书将9000元误写为900元",
}


def post(user, case_id, kind, name, body=None, expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def test_a_clerical_error_in_an_issued_award_is_corrected_as_a_new_version(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_application(personas.applicant, personas.respondent.party.credit_code)
    post(personas.clerk, case_id, "transitions", "accept", {"arbitrators": [personas.arbitrator.pk]})
    post(personas.arbitrator, case_id, "actions", "correct_document", FIX, expect=409)  # nothing issued yet
    post(personas.clerk, case_id, "actions", "serve_application")
    post(
        personas.arbitrator,
        case_id,
        "transitions",
        "schedule_oral_hearing",
        {"hearing_at": "2026-03-20T09:30:00+08:00"},
    )
    post(personas.arbitrator, case_id, "transitions", "conclude_hearing")
    draft_award(personas.arbitrator, case_id)
    post(personas.arbitrator, case_id, "transitions", "issue_award", NOT_MEDIATED)

    post(personas.clerk, case_id, "actions", "correct_document", FIX, expect=403)
    wrong = post(
        personas.arbitrator,
        case_id,
        "actions",
        "correct_document",
        {**FIX, "document": "mediation_document"},
        expect=400,
    )
    assert list(wrong["fields"]) == ["document"]
    blank = post(
        personas.arbitrator, case_id, "actions", "correct_document", {**FIX, "reason": " "}, expect=400
    )
    assert list(blank["fields"]) == ["reason"]
    assert not DocumentCorrection.objects.exists()

    post(personas.arbitrator, case_id, "actions", "correct_document", FIX)
    post(
        personas.arbitrator,
        case_id,
        "actions",
        "correct_document",
        {**FIX, "corrected_text": "……9000元（大写：玖仟元）。", "reason": "补正大写金额"},
    )
    corrections = api(personas.applicant).get(f"/api/v1/cases/{case_id}/").json()["corrections"]
    assert [(c["document"], c["version"], c["reason"]) for c in corrections] == [
        ("award", 2, "原裁决书将9000元误写为900元"),
        ("award", 3, "补正大写金额"),
    ]
    events = CaseEvent.objects.filter(case_id=case_id, kind="correct_document")
    assert [(e.actor_id, e.data["version"], e.data["corrected_text"]) for e in events] == [
        (personas.arbitrator.pk, 2, FIX["corrected_text"]),
        (personas.arbitrator.pk, 3, "……9000元（大写：玖仟元）。"),
    ]
