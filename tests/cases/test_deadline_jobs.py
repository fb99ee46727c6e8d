"""The periodic deadline jobs: overdue marking, reminders 3 days and 1 day before, escalation to
supervisors — each notification sent once, under retries, overlapping runs and a real worker."""

from __future__ import annotations

import threading
import time

import pytest
import time_machine
from django.db import connection

from cases.models import Deadline
from cases.tasks import deadline_sweep
from config.celery import app as celery_app
from core.models import Notification
from tests.helpers import api, file_case


def notes(user, prefix):
    return list(
        Notification.objects.filter(user=user, dedupe_key__startswith=prefix).values_list("title", flat=True)
    )


@pytest.mark.django_db
def test_reminders_three_days_and_one_day_before_each_once(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)  # acceptance decision due 2026-03-09
    decision = Deadline.objects.get(case_id=case_id, kind="acceptance_decision")

    travel.move_to("2026-03-05 08:00 +0800")  # 4 days before: nothing yet
    assert deadline_sweep()["reminded"] == 0

    travel.move_to("2026-03-06 08:00 +0800")
    deadline_sweep()
    deadline_sweep()  # a retry or a second beat tick sends nothing more
    sent = notes(personas.clerk, f"remind:{decision.pk}:")
    assert len(sent) == 1 and "2026-03-09" in sent[0] and "3" in sent[0]

    travel.move_to("2026-03-08 08:00 +0800")
    deadline_sweep()
    deadline_sweep()
    assert len(notes(personas.clerk, f"remind:{decision.pk}:")) == 2
    # The applicant is not reminded of the commission's own duty.
    assert notes(personas.applicant, f"remind:{decision.pk}:") == []


@pytest.mark.django_db
def test_a_deadline_first_seen_one_day_away_gets_one_reminder_not_two(personas, travel):
    """The sweep did not run 3 days before (a holiday weekend, a stopped beat): the 1-day reminder only."""
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)  # acceptance decision due 2026-03-09
    decision = Deadline.objects.get(case_id=case_id, kind="acceptance_decision")
    travel.move_to("2026-03-08 08:00 +0800")
    deadline_sweep()
    sent = notes(personas.clerk, f"remind:{decision.pk}:")
    assert len(sent) == 1 and "还剩 1 天" in sent[0]
    deadline_sweep()
    assert len(notes(personas.clerk, f"remind:{decision.pk}:")) == 1


@pytest.mark.django_db
def test_overdue_deadlines_are_marked_and_escalated_to_supervisors_once(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    travel.move_to("2026-03-10 08:00 +0800")
    result = deadline_sweep()
    assert result["overdue"] == 2  # acceptance decision and supplement notice, both due 03-09
    assert set(Deadline.objects.filter(case_id=case_id).values_list("status", flat=True)) == {"overdue"}
    escalations = notes(personas.supervisor, "overdue:")
    assert len(escalations) == 2 and all("2026-03-09" in title for title in escalations)
    deadline_sweep()
    assert len(notes(personas.supervisor, "overdue:")) == 2
    assert notes(personas.clerk, "overdue:") == []


@pytest.mark.django_db
def test_a_respondents_lapsed_period_is_not_escalated(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")
    api(personas.clerk).post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json")
    api(personas.clerk).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": [personas.arbitrator.pk]}, format="json"
    )
    travel.move_to("2026-03-20 08:00 +0800")  # the defence (due 03-12) lapsed
    deadline_sweep()
    defence = Deadline.objects.get(case_id=case_id, kind="defence")
    assert defence.status == "overdue"
    assert not Notification.objects.filter(dedupe_key=f"overdue:{defence.pk}:{defence.due_on}").exists()


@pytest.mark.django_db(transaction=True)
def test_overlapping_runs_send_each_notification_once(personas):
    if connection.vendor != "postgresql":
        pytest.skip("overlapping runs are tested on PostgreSQL")
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        for _ in range(3):
            file_case(personas.applicant)
    with time_machine.travel("2026-03-10 08:00 +0800", tick=False):
        barrier = threading.Barrier(4)
        errors = []

        def run():
            try:
                barrier.wait()
                deadline_sweep()
            except Exception as exc:  # surfaced below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(notes(personas.supervisor, "overdue:")) == 6  # 3 cases x 2 overdue deadlines


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_sweep_through_the_broker(personas, settings):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis as the broker")
    from celery.contrib.testing.worker import start_worker

    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        case_id = file_case(personas.applicant)
    celery_app.conf.task_always_eager = False
    try:
        with (
            start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10),
            time_machine.travel("2026-03-10 08:00 +0800", tick=True),
        ):
            deadline_sweep.delay()
            for _ in range(100):
                if Deadline.objects.filter(case_id=case_id, status="overdue").count() == 2:
                    break
                time.sleep(0.1)
    finally:
        celery_app.conf.task_always_eager = True
    assert Deadline.objects.filter(case_id=case_id, status="overdue").count() == 2
