"""Periodic jobs run without a broker in the embedded profile, from the same schedule as beat."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.celery import app as celery_app
from core.models import IdempotencyRecord
from core.scheduler import EmbeddedScheduler
from tests.helpers import api


@pytest.mark.django_db(transaction=True)
def test_the_embedded_scheduler_runs_each_job_and_waits_for_the_next(personas, settings):
    api(personas.clerk).post(
        "/api/v1/parties/",
        {"kind": "person", "name": "甲", "id_number": "11010519491231002X"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="stale",
    )
    IdempotencyRecord.objects.update(created_at="2000-01-01T00:00:00Z")
    scheduler = EmbeddedScheduler(celery_app)
    scheduler.app.loader.import_default_modules()
    wait = scheduler.tick()
    assert not IdempotencyRecord.objects.exists()  # the purge job ran
    assert set(scheduler.last_run) == set(settings.CELERY_BEAT_SCHEDULE)
    assert 1 <= wait <= scheduler.max_sleep
    # Nothing is due again immediately.
    before = dict(scheduler.last_run)
    scheduler.tick()
    assert scheduler.last_run == before


def test_the_beat_schedule_names_registered_tasks(settings):
    celery_app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in celery_app.tasks, name
        assert (
            entry["schedule"]
            if not isinstance(entry["schedule"], timedelta)
            else entry["schedule"].total_seconds() > 0
        )
