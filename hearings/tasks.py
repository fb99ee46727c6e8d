"""The hearing's periodic job: open and close the windows on time, record waivers, send reminders."""

from __future__ import annotations

from celery import shared_task


@shared_task
def tick_sessions() -> int:
    from hearings import sessions

    return sessions.tick_all()
