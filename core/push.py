"""Every websocket push goes through here: one helper around the channel layer's ``group_send``.

Pushes are best effort and run after commit: a down channel layer is logged, never fails the action
that caused the push (the inbox and the timeline are the records; the push only saves a reload).
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


def push(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "push.event", "event": event})
    except Exception:  # a push must never break the caller; the record is already committed
        log.warning("push to %s failed", group, exc_info=True)
