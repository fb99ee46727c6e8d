"""Arbitration's Celery tasks: laying out documents' PDFs, making a supervision report, and the
supervisors' alerts."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task
def documents_render(ids: list[int]) -> int:
    """Lay out the PDFs of documents a step kept with their text (``arbitration.documents``)."""
    from arbitration import documents

    return documents.documents_render(ids)


@shared_task
def generate_report(report_id: int) -> None:
    from arbitration.supervision import reports

    reports.report_generate(report_id)


@shared_task
def supervision_alerts() -> dict[str, Any]:
    """Tell the supervisors once when a rate of the running quarter falls below its target, and once about
    each case that went past its ruling due date."""
    from arbitration.supervision import alerts

    return alerts.alerts_send()
