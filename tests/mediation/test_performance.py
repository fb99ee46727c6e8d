"""Performance of a confirmed agreement: payments recorded with proof, an overdue item told once."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings

from config.celery import app
from core.models import Notification
from tests.mediation.conftest import ITEMS, file_dispute, post, refer

pytestmark = pytest.mark.django_db


def run(job: str) -> int:
    import_module("mediation.tasks")
    return app.tasks[settings.CELERY_BEAT_SCHEDULE[job]["task"]].apply(throw=True).get()


def _confirmed_agreement(personas, case_id):
    agreement = post(
        personas.mediator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    return post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")


def test_an_overdue_payment_item_notifies_the_worker_exactly_once(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    pending = post(personas.mediator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201)
    item = pending["items"][0]["id"]
    payments = f"/api/v1/mediation-agreements/{pending['id']}/payments/"
    body = {"item": item, "amount": "1000.00", "paid_on": "2026-03-02"}
    assert post(personas.respondent, payments, body, 409)["code"] == "invalid_transition"  # not confirmed
    post(personas.applicant, f"/api/v1/mediation-agreements/{pending['id']}/confirm/")
    post(personas.respondent, f"/api/v1/mediation-agreements/{pending['id']}/confirm/")

    # Bad records name the field.
    assert list(post(personas.respondent, payments, {**body, "item": 999999}, 400)["fields"]) == ["item"]
    other = pending["items"][1]["id"]  # not a payment item
    assert list(post(personas.respondent, payments, {**body, "item": other}, 400)["fields"]) == ["item"]
    future = {**body, "paid_on": "2026-03-03"}
    assert list(post(personas.respondent, payments, future, 400)["fields"]) == ["paid_on"]
    assert list(post(personas.respondent, payments, {**body, "amount": "0"}, 400)["fields"]) == ["amount"]
    assert list(post(personas.respondent, payments, {**body, "evidence": [999999]}, 400)["fields"]) == [
        "evidence"
    ]
    assert post(personas.outsider, payments, body, 404)["code"] == "not_found"
    # Part paid before the due date (7800.00 on 2026-03-20).
    post(personas.respondent, payments, body, 201)

    def overdue_notices():
        return Notification.objects.filter(user=personas.applicant, kind="mediation.overdue").count()

    travel.move_to("2026-03-20 20:00 +0800")
    assert run("mediation-overdue-items") == 0  # due today: not overdue yet
    travel.move_to("2026-03-21 09:00 +0800")
    assert run("mediation-overdue-items") == 1
    assert run("mediation-overdue-items") == 0
    travel.move_to("2026-03-25 09:00 +0800")
    run("mediation-overdue-items")
    assert overdue_notices() == 1
    notice = Notification.objects.get(user=personas.applicant, kind="mediation.overdue")
    assert "7800.00" in notice.body
    assert not Notification.objects.filter(user=personas.respondent, kind="mediation.overdue").exists()


def test_a_fully_paid_item_is_never_overdue(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    agreement = _confirmed_agreement(personas, case_id)
    payments = f"/api/v1/mediation-agreements/{agreement['id']}/payments/"
    item = agreement["items"][0]["id"]
    post(personas.respondent, payments, {"item": item, "amount": "7800.00", "paid_on": "2026-03-02"}, 201)
    travel.move_to("2026-04-01 09:00 +0800")
    assert run("mediation-overdue-items") == 0
