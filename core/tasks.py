"""The platform's Celery tasks: delivering notifications, relaying the outbox, forgetting old records."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import translation

from core import clock, outbox
from core.models import IdempotencyRecord, Notification, NotificationDelivery
from core.notification_channels import configured_channels
from core.notify import recipient_language

log = logging.getLogger(__name__)
MAX_DELIVERY_ATTEMPTS = 5


@shared_task(bind=True, max_retries=MAX_DELIVERY_ATTEMPTS, default_retry_delay=60)
def deliver_notification(self: Task, notification_id: int) -> None:
    """Send one inbox notification through every configured outside channel, each exactly once."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        return
    failed = False
    for name, channel in configured_channels().items():
        delivery, _ = NotificationDelivery.objects.get_or_create(notification=notification, channel=name)
        # Claim with a conditional UPDATE: of two overlapping runs only one gets the row.
        claimed = NotificationDelivery.objects.filter(
            Q(status=NotificationDelivery.Status.PENDING) | Q(status=NotificationDelivery.Status.FAILED),
            pk=delivery.pk,
            attempts__lt=MAX_DELIVERY_ATTEMPTS,
        ).update(status=NotificationDelivery.Status.SENDING, attempts=F("attempts") + 1)
        if not claimed:
            continue
        try:
            with translation.override(recipient_language(notification.user)):
                channel.send(notification)
        except Exception as exc:
            log.warning("delivery of notification %s via %s failed: %s", notification_id, name, exc)
            NotificationDelivery.objects.filter(pk=delivery.pk).update(
                status=NotificationDelivery.Status.FAILED, last_error=str(exc)[:300]
            )
            failed = True
        else:
            NotificationDelivery.objects.filter(pk=delivery.pk).update(
                status=NotificationDelivery.Status.SENT, sent_at=clock.now()
            )
    if failed and not settings.CELERY_TASK_ALWAYS_EAGER:
        raise self.retry()


@shared_task
def purge_idempotency_records() -> int:
    """Forget Idempotency-Key responses older than ``IDEMPOTENCY_TTL_HOURS``."""
    cutoff = clock.now() - timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task
def relay_outbox() -> int:
    """Publish the outbox messages the after-commit try missed, and those whose run was never reported."""
    total = 0
    for _batch in range(20):  # bounded: the next run takes the rest
        relayed = outbox.relay()
        total += relayed
        if relayed < outbox.BATCH:
            break
    return total


@shared_task
def purge_outbox() -> int:
    """Forget outbox messages whose task ran more than ``OUTBOX_KEEP_DAYS`` ago."""
    return outbox.purge(timedelta(days=settings.OUTBOX_KEEP_DAYS))
