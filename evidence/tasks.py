"""Evidence jobs: the expiry sweep of unfinished declarations, and locking a closed case's evidence."""

from __future__ import annotations

from celery import shared_task


@shared_task
def expire_declarations() -> int:
    from evidence import services

    return services.evidence_expire_declarations()


@shared_task(bind=True, max_retries=10, default_retry_delay=300)
def retain_case_evidence(self, case_id: int) -> int:  # type: ignore[no-untyped-def]
    from evidence import services

    return services.evidence_retain_case(case_id)
