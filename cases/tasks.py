"""The case domain's Celery tasks: the deadline sweep and recomputing after a calendar change."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from core import outbox


@shared_task
def deadline_sweep() -> dict[str, int]:
    """Mark overdue deadlines, send the 3-day and 1-day reminders, escalate overdue ones to supervisors,
    and tell applicants of the right to sue once an acceptance decision or a ruling period lapsed."""
    from cases import services

    return {
        "overdue": services.deadlines_mark_overdue(),
        "reminded": services.deadlines_send_reminders(),
        "escalated": services.deadlines_escalate_overdue(),
        "right_to_sue": services.cases_notify_right_to_sue(),
    }


@shared_task
def propose_case_links() -> int:
    """Bring the link proposals (串案) up to date for every employer: proposals are also made on filing,
    this catches what filing does not (a changed window, claims amended, a case unlinked or ended)."""
    from cases.services import groups

    return len(groups.group_proposals_refresh())


@shared_task
def recompute_deadlines_for_year(year: int) -> int:
    from cases import services

    return services.deadlines_recompute_for_year(year)


def on_calendar_changed(sender: Any, year: int, background: bool = True, **kwargs: Any) -> int | None:
    """Connected to ``core.signals.calendar_changed`` in ``CasesConfig.ready()``; in the background, the
    recompute is queued in the calendar change's transaction and runs after it commits."""
    if background:
        outbox.enqueue(recompute_deadlines_for_year, year)
        return None
    from cases import services

    return services.deadlines_recompute_for_year(year)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def send_legal_aid_referral(referral_id: int) -> bool:
    """Send a legal-aid referral to the centre (once, however often the task runs)."""
    from cases.services.care import legal_aid_send

    return legal_aid_send(referral_id)
