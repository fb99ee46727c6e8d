"""Mediation's periodic job: a pre-filing mediation whose days have lapsed is recorded as ``timeout`` and
the application returns to acceptance review (L Art. 14)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def record_lapsed_mediations() -> int:
    from mediation import services

    return services.mediation_record_lapses()


@shared_task
def notify_overdue_items() -> int:
    from mediation import services

    return services.mediation_notify_overdue()


@shared_task
def remind_mediation_period() -> int:
    from mediation import services

    return services.mediation_send_reminders()
