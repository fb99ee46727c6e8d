"""Refusals: 400 naming the field, 403 not yours to do, 404 not yours to see, 409 not in mediation."""

from __future__ import annotations

import pytest

from tests.mediation.conftest import ITEMS, file_dispute, get, post, refer

pytestmark = pytest.mark.django_db


def _agreement(user, case_id, body, expect):
    return post(user, f"/api/v1/cases/{case_id}/mediation/agreement/", body, expect=expect)


@pytest.mark.parametrize(
    ("items", "field"),
    [
        ([], "items"),
        ([{**ITEMS[0], "amount": "-1.00"}], "items.0.amount"),
        ([ITEMS[1], {**ITEMS[0], "due_on": "2026-03-01"}], "items.1.due_on"),
        ([{**ITEMS[0], "amount": None}], "items.0.amount"),
        ([{**ITEMS[0], "obligor": "mediator"}], "items.0.obligor"),
    ],
)
def test_an_agreement_without_items_with_a_negative_amount_or_a_past_due_date_is_refused(
    personas, travel, items, field
):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    refused = _agreement(personas.mediator, case_id, {"items": items}, 400)
    assert refused["code"] == "invalid" and list(refused["fields"]) == [field]
    assert get(personas.mediator, f"/api/v1/cases/{case_id}/mediation/")["results"][0]["agreements"] == []


def test_who_may_not_act_and_when_not(personas, travel, other_mediator):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    body = {"items": ITEMS}
    # Not in mediation yet: outcome, agreement and messages are conflicts.
    assert _agreement(personas.mediator, case_id, body, 404)["code"] == "not_found"  # not referred: unseen
    assert _agreement(personas.clerk, case_id, body, 403)["code"] == "permission_denied"
    conflict = post(
        personas.clerk, f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/", expect=409
    )
    assert conflict["code"] == "invalid_transition"
    conflict = post(personas.applicant, f"/api/v1/cases/{case_id}/mediation/end/", expect=409)
    assert conflict["code"] == "invalid_transition"
    conflict = post(
        personas.applicant, f"/api/v1/cases/{case_id}/mediation/messages/", {"text": "在吗"}, expect=409
    )
    assert conflict["code"] == "invalid_transition"

    refer(personas, case_id)
    # A mediator of another organisation: the dispute does not exist for it.
    assert _agreement(other_mediator, case_id, body, 404)["code"] == "not_found"
    post(other_mediator, f"/api/v1/cases/{case_id}/mediation/messages/", {"text": "x"}, expect=404)
    post(other_mediator, f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/", expect=404)
    # Only the mediator draws up the agreement.
    assert _agreement(personas.applicant, case_id, body, 403)["code"] == "permission_denied"
    agreement = _agreement(personas.mediator, case_id, body, 201)
    confirm = f"/api/v1/mediation-agreements/{agreement['id']}/confirm/"
    assert post(other_mediator, confirm, expect=404)["code"] == "not_found"
    assert post(personas.outsider, confirm, expect=404)["code"] == "not_found"
    assert post(personas.mediator, confirm, expect=403)["code"] == "permission_denied"
    assert post(personas.applicant, "/api/v1/mediation-agreements/999999/confirm/", expect=404)

    # A new draft replaces the one awaiting confirmation: confirming the old one is a conflict.
    post(personas.applicant, confirm)
    newer = _agreement(personas.mediator, case_id, {"items": ITEMS[:1], "terms": "修改后"}, 201)
    assert post(personas.respondent, confirm, expect=409)["code"] == "invalid_transition"
    # A clerk records a confirmation signed at the counter, naming the side.
    signed = post(
        personas.clerk, f"/api/v1/mediation-agreements/{newer['id']}/confirm/", {"side": "respondent"}
    )
    assert signed["respondent_confirmed_at"] and not signed["applicant_confirmed_at"]
    post(personas.applicant, f"/api/v1/mediation-agreements/{newer['id']}/confirm/")
    assert get(personas.clerk, f"/api/v1/cases/{case_id}/")["status"] == "mediated"
