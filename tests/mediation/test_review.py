"""Review of a confirmed agreement into a 调解书 (R Art. 74): joint application within 15 days."""

from __future__ import annotations

import pytest

from tests.mediation.conftest import ITEMS, file_dispute, post, refer

pytestmark = pytest.mark.django_db


def _confirmed(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    agreement = post(
        personas.mediator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    review = f"/api/v1/mediation-agreements/{agreement['id']}/review/"
    assert post(personas.applicant, review, expect=409)["code"] == "invalid_transition"  # not confirmed yet
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    return agreement["id"]


def test_joint_review_issues_a_mediation_document(personas, travel):
    agreement = _confirmed(personas, travel)
    review = f"/api/v1/mediation-agreements/{agreement}/review/"
    decision = f"{review}decision/"
    travel.move_to("2026-03-10 09:00 +0800")
    assert post(personas.applicant, review)["status"] == "applying"
    assert post(personas.clerk, decision, {"decision": "issued"}, 409)["code"] == "invalid_transition"
    assert post(personas.mediator, review, expect=403)["code"] == "permission_denied"
    assert post(personas.respondent, review)["status"] == "pending"
    assert post(personas.applicant, decision, {"decision": "issued"}, 403)["code"] == "permission_denied"
    issued = post(personas.clerk, decision, {"decision": "issued"})
    assert issued["status"] == "issued" and issued["decided_at"]
    assert post(personas.clerk, decision, {"decision": "refused", "reasons": "x"}, 409)["code"] == (
        "invalid_transition"
    )


def test_review_refused_with_reasons(personas, travel):
    agreement = _confirmed(personas, travel)
    review = f"/api/v1/mediation-agreements/{agreement}/review/"
    post(personas.applicant, review)
    post(personas.respondent, review)
    refused = post(personas.supervisor, f"{review}decision/", {"decision": "refused"}, 400)
    assert list(refused["fields"]) == ["reasons"]
    done = post(
        personas.supervisor, f"{review}decision/", {"decision": "refused", "reasons": "协议内容违反法律规定"}
    )
    assert (done["status"], done["reasons"]) == ("refused", "协议内容违反法律规定")


def test_a_review_applied_for_after_15_days_is_refused_with_the_reason(personas, travel):
    agreement = _confirmed(personas, travel)
    travel.move_to("2026-03-18 09:00 +0800")  # confirmed 2026-03-02: the last day was 2026-03-17
    late = post(personas.applicant, f"/api/v1/mediation-agreements/{agreement}/review/", expect=400)
    assert late["code"] == "review_too_late" and "2026-03-17" in late["detail"]
