"""The transactional outbox: every background task a write causes is queued through ``enqueue``.

``enqueue`` stores an ``OutboxMessage`` in the caller's transaction, so the task exists exactly when the
write does: a rolled-back write queues nothing, a committed one cannot lose its task to a broker that is
down at that moment. After commit the message is published at once (one quick try on the process's kept
broker connection: a dead Redis costs milliseconds, never kombu's retry loop, and never raises into the
request);
whatever that misses the periodic job ``core.tasks.relay_outbox`` publishes, with a doubling delay
between failed tries, until it goes through.

A message counts as done when its task has *run* (``task_postrun`` in the worker), not when it was
published: a broker that loses what it held (Redis restarted without persistence, a worker killed) gets
the message again after ``OUTBOX_REDELIVER_SECONDS``. So delivery is at least once, and every task sent
this way must be idempotent (``deliver_notification`` claims each channel delivery with a conditional
UPDATE; recomputing deadlines gives the same result twice) — which makes the effect exactly once.

In the embedded profile (eager Celery) the relay runs the task in-process instead of publishing it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from typing import Any

from celery import Celery, Task, current_app
from celery.exceptions import Retry
from django.conf import settings
from django.db import transaction
from django.db.models import F

from core import clock, push
from core.models import OutboxMessage

log = logging.getLogger(__name__)

HEADER = "outbox_id"
BATCH = 100
# Seconds to wait for the broker's TCP connection when publishing; a refused connection fails at once.
CONNECT_TIMEOUT = 1.0
# After a broker failed, the after-commit tries of this process leave their messages to the periodic
# relay for this long, so a broker that times out (rather than refusing) delays one request, not all.
SKIP_AFTER_FAILURE_SECONDS = 5.0
_broker_failed_at: dict[str, float] = {}  # broker URL → time.monotonic() of its last failure
_local = threading.local()  # ``relay_at_end``: per thread, the ids its run holds back


def enqueue(task: Task | str, *args: Any, **kwargs: Any) -> OutboxMessage:
    """Queue ``task(*args, **kwargs)`` in the current transaction; it runs once the transaction commits.

    Arguments must be JSON (ids, not objects), as for any Celery task.
    """
    name = task if isinstance(task, str) else task.name
    now = clock.now()
    message = OutboxMessage.objects.create(
        task=name, args=list(args), kwargs=kwargs, created_at=now, available_at=now
    )
    _relay_after_commit([message.pk])
    return message


def enqueue_each(task: Task | str, calls: list[tuple[Any, ...]]) -> list[OutboxMessage]:
    """``enqueue`` for many calls of one task (positional arguments each), written in one statement."""
    name = task if isinstance(task, str) else task.name
    now = clock.now()
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(task=name, args=list(args), kwargs={}, created_at=now, available_at=now)
        for args in calls
    )
    if messages:
        _relay_after_commit([m.pk for m in messages])
    return messages


def _relay_after_commit(ids: list[int]) -> None:
    """Relay ``ids`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(relay_after_commit, ids), robust=True)


def relay_after_commit(ids: list[int]) -> None:
    """The first try, right after the write committed; a failure leaves the messages to the periodic job.
    Within ``relay_at_end`` they wait for the end of the run."""
    held: list[int] | None = getattr(_local, "held", None)
    if held is not None:
        held.extend(ids)
        return
    if not ids:
        return
    app: Celery = current_app._get_current_object()
    failed_at = _broker_failed_at.get(app.conf.broker_url)
    if (
        not app.conf.task_always_eager
        and failed_at
        and time.monotonic() - failed_at < SKIP_AFTER_FAILURE_SECONDS
    ):
        return  # the broker failed a moment ago: the periodic relay takes these
    try:
        relay(ids=sorted(ids), limit=max(len(ids), BATCH))
    except Exception:  # the write is committed: its response must say so, whatever the relay meets
        log.warning("outbox messages %s… left to the periodic relay", sorted(ids)[:5], exc_info=True)


@contextmanager
def relay_at_end() -> Iterator[None]:
    """For a run of many transactions on one thread (a group action over 200 cases): what they enqueue is
    relayed once, when the run ends (or, inside an outer transaction, when that commits), and their
    pushes are sent together then (``core.push.held``), instead of a relay and a send after each commit.
    A process that dies meanwhile leaves the messages to the periodic relay, as a failed publish does."""
    if getattr(_local, "held", None) is not None:  # within an outer run: that one relays them
        yield
        return
    _local.held = []
    try:
        with push.held():
            yield
    finally:
        ids, _local.held = _local.held, None
        if ids:
            _relay_after_commit(ids)


def relay(ids: list[int] | None = None, *, limit: int = BATCH) -> int:
    """Publish (or, eager, run) the due messages — or only the unpublished ones among ``ids`` — once
    each; returns how many went out. Stops at the first failure to reach the broker."""
    app: Celery = current_app._get_current_object()
    eager = bool(app.conf.task_always_eager)
    now = clock.now()
    with transaction.atomic():
        due = OutboxMessage.objects.select_for_update(skip_locked=True).filter(completed_at__isnull=True)
        if ids is not None:
            due = due.filter(pk__in=ids, relayed_at__isnull=True)
        else:
            due = due.filter(available_at__lte=now).order_by("available_at", "pk")
        messages = list(due[:limit])
        if not messages:
            return 0
        if eager:
            # Claimed like a publish, then run after this transaction (whose locks they must not hold).
            _mark_relayed([m.pk for m in messages], now)
        else:
            return _publish(app, messages, now)
    for message in messages:
        _run_in_process(app, message)
    return len(messages)


class _Publisher:
    """The process's one broker connection for publishing, kept open between publishes: opening one per
    message cost two TCP connections and a queue declaration each time, in the request that committed.
    One publish at a time (a lock; a publish on an open connection is a fraction of a millisecond). A
    failure drops the connection; a kept connection that fails (the broker restarted since) is replaced
    and the publish tried once more at once, so only an unreachable broker fails a publish."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._url = ""
        self._producer: Any = None

    def reset(self) -> None:
        """Forget the connection without touching it (a forked child must not share its parent's)."""
        self._url, self._producer = "", None

    def _drop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                producer.connection.close()
            except Exception:  # already broken: nothing to close cleanly
                log.debug("outbox: closing a failed broker connection", exc_info=True)

    def _connect(self, app: Celery) -> Any:
        connection = app.connection_for_write(connect_timeout=CONNECT_TIMEOUT)
        try:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=CONNECT_TIMEOUT)
            return app.amqp.Producer(connection)
        except BaseException:
            connection.close()
            raise

    def publish(self, app: Celery, messages: list[OutboxMessage], published: list[int]) -> None:
        """Publish ``messages`` in order, appending each one's id to ``published`` as it goes out."""
        with self._lock:
            if self._url != app.conf.broker_url:
                self._drop()
                self._url = app.conf.broker_url
            fresh = self._producer is None
            if fresh:
                self._producer = self._connect(app)
            try:
                self._send(app, messages, published)
            except Exception:
                self._drop()
                if fresh:
                    raise
                self._producer = self._connect(app)
                self._send(app, messages[len(published) :], published)

    def _send(self, app: Celery, messages: list[OutboxMessage], published: list[int]) -> None:
        for message in messages:
            app.send_task(
                message.task,
                args=message.args,
                kwargs=message.kwargs,
                producer=self._producer,
                retry=False,
                headers={HEADER: message.pk},
            )
            published.append(message.pk)


_publisher = _Publisher()
os.register_at_fork(after_in_child=_publisher.reset)


def _publish(app: Celery, messages: list[OutboxMessage], now: Any) -> int:
    published: list[int] = []
    try:
        _publisher.publish(app, messages, published)
    except Exception as exc:
        _broker_failed_at[app.conf.broker_url] = time.monotonic()
        failed = messages[len(published)]
        _mark_failed(failed, f"{type(exc).__name__}: {exc}", now)
        log.warning("outbox: the broker refused message %s (%s): %s", failed.pk, failed.task, exc)
    _mark_relayed(published, now)
    return len(published)


def _run_in_process(app: Celery, message: OutboxMessage) -> None:
    """The embedded profile has no broker: run the task here, as ``.delay()`` would have."""
    try:
        task = app.tasks.get(message.task)
        if task is None:
            app.loader.import_default_modules()
            task = app.tasks[message.task]
        task.apply(args=message.args, kwargs=message.kwargs, throw=True)
    except Retry as exc:
        _mark_failed(message, f"retry: {exc}", clock.now())
    except Exception as exc:
        log.exception("outbox: task %s of message %s failed", message.task, message.pk)
        mark_completed(message.pk, error=f"{type(exc).__name__}: {exc}")
    else:
        mark_completed(message.pk)


def _mark_relayed(ids: list[int], now: Any) -> None:
    if ids:
        OutboxMessage.objects.filter(pk__in=ids).update(
            relayed_at=now,
            attempts=F("attempts") + 1,
            available_at=now + timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS),
            last_error="",
        )


def backoff_seconds(attempts: int) -> int:
    """The wait after the ``attempts``-th failed try: 2, 4, 8 … seconds, capped."""
    return int(min(2 ** max(attempts, 1), settings.OUTBOX_RETRY_MAX_SECONDS))


def _mark_failed(message: OutboxMessage, error: str, now: Any) -> None:
    attempts = message.attempts + 1
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts,
        last_error=error[:300],
        available_at=now + timedelta(seconds=backoff_seconds(attempts)),
    )


def mark_completed(message_id: int, *, error: str = "") -> None:
    OutboxMessage.objects.filter(pk=message_id, completed_at__isnull=True).update(
        completed_at=clock.now(), last_error=error[:300]
    )


def on_task_postrun(
    sender: Any = None, task: Task | None = None, state: str | None = None, **kwargs: Any
) -> None:
    """Connected to Celery's ``task_postrun`` (in ``CoreConfig.ready()``): a run of a message's task,
    in the worker, completes the message — unless the task asked to be retried (it will run again)."""
    message_id = getattr(task.request, HEADER, None) if task is not None else None
    if message_id is None or state == "RETRY":
        return
    retval = kwargs.get("retval")
    error = f"{type(retval).__name__}: {retval}" if state == "FAILURE" else ""
    mark_completed(int(message_id), error=error)


def purge(older_than: timedelta) -> int:
    """Forget messages whose task ran longer than ``older_than`` ago; returns how many."""
    deleted, _ = OutboxMessage.objects.filter(completed_at__lt=clock.now() - older_than).delete()
    return deleted
