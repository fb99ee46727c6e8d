"""The embedded profile's stand-in for Celery beat: runs ``CELERY_BEAT_SCHEDULE`` in a thread.

Uses Celery's own schedule objects (``timedelta`` or ``crontab``), so the same schedule drives beat in
production and this thread on a single machine. Each job runs once at start-up (they are all
idempotent) and then whenever its schedule says it is due.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from celery import Celery
from celery.schedules import BaseSchedule, schedule
from django.db import close_old_connections

log = logging.getLogger(__name__)


class EmbeddedScheduler(threading.Thread):
    def __init__(self, app: Celery, max_sleep: float = 30.0) -> None:
        super().__init__(name="embedded-scheduler", daemon=True)
        self.app = app
        self.max_sleep = max_sleep
        self.stopping = threading.Event()
        self.last_run: dict[str, datetime | None] = {}

    def entries(self) -> dict[str, tuple[str, BaseSchedule]]:
        result = {}
        for name, entry in (self.app.conf.beat_schedule or {}).items():
            when = entry["schedule"]
            if not isinstance(when, BaseSchedule):
                when = schedule(when, app=self.app)
            else:
                when.app = self.app
            result[name] = (entry["task"], when)
        return result

    def tick(self) -> float:
        """Run every due job once; return the seconds until the next one may be due."""
        wait = self.max_sleep
        for name, (task_name, when) in self.entries().items():
            last = self.last_run.get(name)
            due, next_check = (True, 0.0) if last is None else when.is_due(last)
            if due:
                self.last_run[name] = self.app.now()
                self.run_job(name, task_name)
                _, next_check = when.is_due(self.last_run[name])
            wait = min(wait, max(float(next_check), 1.0))
        return wait

    def run_job(self, name: str, task_name: str) -> None:
        close_old_connections()
        try:
            self.app.tasks[task_name].apply(throw=True)
            log.info("periodic job %s ran", name)
        except Exception:  # one failing job must not stop the others or the server
            log.exception("periodic job %s failed", name)
        finally:
            close_old_connections()

    def run(self) -> None:
        self.app.loader.import_default_modules()  # registers every app's tasks
        log.info("embedded scheduler started with %d jobs", len(self.entries()))
        while not self.stopping.is_set():
            self.stopping.wait(self.tick())

    def stop(self) -> None:
        self.stopping.set()
