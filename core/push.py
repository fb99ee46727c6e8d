"""Every websocket push goes through here: one helper around the channel layer's ``group_send``.

Pushes are best effort and run after commit: a down channel layer is logged, never fails the action
that caused the push (the inbox and the timeline are the records; the push only saves a reload).

In the server (``manage.py serve`` sets ``HAND_OFF``; a request's thread, run by the ASGI server's event
loop) a push is handed to that loop and the request goes on at once: it neither waits for Redis nor
holds its database connection meanwhile. The loop sends a process's pushes one after another, in the
order they were made. Elsewhere (a Celery worker, a management command, an in-process test application
whose loop may close with pushes still queued) the push is sent before ``push`` returns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import BaseChannelLayer, get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)

_Push = tuple[BaseChannelLayer, str, dict[str, Any]]
# Per event loop: the pushes not yet sent; a drain task runs while it is not empty.
_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, deque[_Push]] = weakref.WeakKeyDictionary()
_drains: set[asyncio.Task[None]] = set()  # the running drain tasks (the loop keeps only weak references)
_local = threading.local()  # ``held``: the pushes of the running run, per thread
# Set by the server (``manage.py serve``): pushes from its request threads go to its loop.
HAND_OFF = False


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


def push(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "push.event", "event": event}
    held: list[_Push] | None = getattr(_local, "held", None)
    if held is not None:
        held.append((layer, group, message))
        return
    _send([(layer, group, message)])


def _send(items: list[_Push]) -> None:
    loop = _server_loop()
    if loop is not None:
        for item in items:
            loop.call_soon_threadsafe(_enqueue, item)
        return
    try:
        async_to_sync(_send_all)(items)
    except Exception:  # a push must never break the caller; the record is already committed
        log.warning("%s pushes failed", len(items), exc_info=True)


async def _send_all(items: list[_Push]) -> None:
    for layer, group, message in items:
        try:
            await layer.group_send(group, message)
        except Exception:  # best effort, each on its own
            log.warning("push to %s failed", group, exc_info=True)


@contextmanager
def held() -> Iterator[None]:
    """The pushes of a run of many transactions (``core.outbox.relay_at_end``), kept and sent together
    when it ends (one hand-over rather than one per push), in the order they were made."""
    if getattr(_local, "held", None) is not None:  # within an outer run: that one sends them
        yield
        return
    _local.held = []
    try:
        yield
    finally:
        items, _local.held = _local.held, None
        if items:
            transaction.on_commit(lambda: _send(items), robust=True)


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop this thread works for, when it is a sync thread the loop started (as
    ``async_to_sync`` finds it); None in a thread of its own or on the loop's own thread."""
    if not HAND_OFF:
        return None
    local = SyncToAsync.threadlocal
    loop: asyncio.AbstractEventLoop | None = getattr(local, "main_event_loop", None)
    if loop is None or getattr(local, "main_event_loop_pid", None) != os.getpid() or not loop.is_running():
        return None
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return loop
    return None  # on a loop's own thread a blocking send is not possible: as before, the caller's error


def _enqueue(item: _Push) -> None:
    """On the loop: queue the push; start the drain when the queue was empty."""
    loop = asyncio.get_running_loop()
    queue = _queues.setdefault(loop, deque())
    queue.append(item)
    if len(queue) == 1:
        task = loop.create_task(_drain(queue))
        _drains.add(task)
        task.add_done_callback(_drains.discard)


async def _drain(queue: deque[_Push]) -> None:
    try:
        while queue:
            layer, group, message = queue[0]
            try:
                await layer.group_send(group, message)
            except Exception:  # best effort, as above
                log.warning("push to %s failed", group, exc_info=True)
            queue.popleft()
    finally:
        if queue:  # cancelled (the loop is closing): what is left is dropped, the next push starts afresh
            log.warning("%s pushes dropped: their loop stopped", len(queue))
            queue.clear()
