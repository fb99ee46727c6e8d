"""Sending notifications: into each inbox now; pushed and delivered to outside channels after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from core.models import Notification
from core.push import push, user_group


def notify(
    users: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Put a notification in each user's inbox; with ``dedupe_key``, at most once per user ever.

    Safe under retries and overlapping runs: the unique (user, dedupe_key) constraint decides, so a
    second attempt creates nothing and sends nothing.
    """
    created: list[Notification] = []
    for user in {u.pk: u for u in users if u.is_active}.values():
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, kind=kind, title=str(title), body=str(body), url=url, dedupe_key=dedupe_key
                    )
                )
        except IntegrityError:
            continue  # already sent under this key
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _after_commit(ids))
    return created


def _after_commit(ids: list[int]) -> None:
    from core.tasks import deliver_notification

    for notification in Notification.objects.filter(pk__in=ids).only("id", "user_id", "title", "kind", "url"):
        push(
            user_group(notification.user_id),
            {
                "type": "notification.created",
                "id": notification.pk,
                "kind": notification.kind,
                "title": notification.title,
                "url": notification.url,
            },
        )
        deliver_notification.delay(notification.pk)
