"""Reminders before the pre-filing mediation period ends: the parties by mediation's periodic job, the
mediators by the case's deadline sweep; 3 days and 1 day before, each once however often the jobs run."""

from __future__ import annotations

import pytest

from core.models import Notification
from tests.mediation.conftest import deadline, file_dispute, post, refer
from tests.mediation.test_performance import run

pytestmark = pytest.mark.django_db


def _titles(user, kind: str) -> list[str]:
    return list(
        Notification.objects.filter(user=user, kind=kind).order_by("pk").values_list("title", flat=True)
    )


def test_the_parties_and_the_mediator_are_reminded_before_mediation_ends(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    assert deadline(refer(personas, case_id), "pre_mediation")["due_on"] == "2026-03-17"

    travel.move_to("2026-03-13 09:00 +0800")  # 4 days left: too early
    assert run("mediation-reminders") == 0
    travel.move_to("2026-03-14 09:00 +0800")  # 3 days left
    assert run("mediation-reminders") == 1
    assert run("mediation-reminders") == 0  # once per stretch
    run("deadline-sweep")
    travel.move_to("2026-03-15 09:00 +0800")  # 2 days left: still the 3-day stretch
    assert run("mediation-reminders") == 0
    travel.move_to("2026-03-16 09:00 +0800")  # 1 day left
    assert run("mediation-reminders") == 1
    run("mediation-reminders")
    run("deadline-sweep")

    for party in (personas.applicant, personas.respondent):
        titles = _titles(party, "mediation.reminder")
        assert len(titles) == 2
        assert "2026-03-17" in titles[0] and "3" in titles[0] and "1" in titles[1]
    body = Notification.objects.filter(user=personas.applicant, kind="mediation.reminder").first().body
    assert "第十四条" in body or "L Art. 14" in body
    # The mediator is reminded of the same period by the deadline sweep, also twice.
    assert len(_titles(personas.mediator, "deadline.reminder")) == 2
    assert not Notification.objects.filter(user=personas.mediator, kind="mediation.reminder").exists()


def test_no_reminder_once_mediation_has_ended(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    post(personas.applicant, f"/api/v1/cases/{case_id}/mediation/end/", {"reason": "要求仲裁"})
    travel.move_to("2026-03-16 09:00 +0800")
    assert run("mediation-reminders") == 0
    assert not Notification.objects.filter(kind="mediation.reminder").exists()
