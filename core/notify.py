"""Sending notifications: into each inbox and the outbox in the caller's transaction; pushed to open
sockets and delivered to outside channels after commit."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from core import outbox
from core.messages import Message, spec_of
from core.models import Notification
from core.push import push, user_group

_local = threading.local()  # ``together``: per thread, the notifications its block holds back


def notify(
    users: Iterable[Any],
    *,
    kind: str,
    title: str | Message,
    body: str | Message = "",
    url: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Put a notification in each user's inbox; with ``dedupe_key``, at most once per user ever.

    ``title`` and ``body`` given as ``Message`` are stored untranslated and shown in each reader's
    language when read; the text columns keep them as rendered in the recipient's own language then.

    Safe under retries and overlapping runs: the unique (user, dedupe_key) constraint decides, so a
    second attempt creates nothing and sends nothing.
    """
    created: list[Notification] = []
    fresh: list[Notification] = []
    # The inbox rows and their delivery tasks are written together: in the caller's transaction, or in
    # one of their own (no savepoint of their own inside the caller's: its rollback takes them too).
    with transaction.atomic(savepoint=False):
        for user in {u.pk: u for u in users if u.is_active}.values():
            message = {
                key: spec for key, text in (("title", title), ("body", body)) if (spec := spec_of(text))
            }
            with translation.override(recipient_language(user)):
                fields = {"user": user, "kind": kind, "title": str(title), "body": str(body), "url": url}
            fields["message"] = message
            if not dedupe_key:  # nothing unique to collide with: written together below
                fresh.append(Notification(**fields))
                continue
            try:
                with transaction.atomic():
                    created.append(Notification.objects.create(**fields, dedupe_key=dedupe_key))
            except IntegrityError:
                continue  # already sent under this key
        held: list[Notification] | None = getattr(_local, "held", None)
        if held is not None:  # within ``together``: written when the block ends
            held.extend(fresh)
            _deliver(created)
            return [*created, *fresh]
        created.extend(Notification.objects.bulk_create(fresh))
        _deliver(created)
    return created


@contextmanager
def together() -> Iterator[None]:
    """The notifications ``notify`` makes within the block (those without a ``dedupe_key``) are written
    when it ends: in one statement, their delivery jobs in another — a step that tells several people
    several things (an acceptance tells the tribunal and, twice, the parties) writes them at once. Within
    the block ``notify`` answers them unsaved (no ids yet). An exception in the block writes none."""
    if getattr(_local, "held", None) is not None:  # within an outer block: that one writes them
        yield
        return
    held: list[Notification] = []
    _local.held = held
    try:
        yield
    finally:
        _local.held = None
    if held:
        with transaction.atomic(savepoint=False):
            _deliver(Notification.objects.bulk_create(held))


def _deliver(created: list[Notification]) -> None:
    """Queue the delivery of written notifications, and push them to their readers after commit."""
    if not created:
        return
    from core.tasks import deliver_notification

    outbox.enqueue_each(deliver_notification, [(n.pk,) for n in created])
    events = [_event(notification) for notification in created]
    transaction.on_commit(lambda: _push(events), robust=True)


def recipient_language(user: Any) -> str:
    """The language a user is told things in outside a page they are reading: their own choice."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _event(notification: Notification) -> tuple[int, dict[str, Any]]:
    return notification.user_id, {
        "type": "notification.created",
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,  # rendered in the recipient's language
        "url": notification.url,
    }


def _push(events: list[tuple[int, dict[str, Any]]]) -> None:
    """Best effort: a socket that misses it sees the notification in the inbox on its next load."""
    for user_id, event in events:
        push(user_group(user_id), event)
