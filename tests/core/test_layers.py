"""The channel layer's repair (core/layers.py): a socket's read that was asked to stop does stop."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from django.conf import settings

from core.layers import RedisChannelLayer


@pytest.mark.skipif(not settings.REDIS_URL, reason="the embedded channel layer does not wait in Redis")
async def test_a_read_whose_cancellation_was_absorbed_still_ends():
    """What redis-py did under a closing event loop: the cancellation reached the read and was absorbed, so
    the read came back as "nothing yet" with its task still being cancelled. channels-redis then asked Redis
    again and again; the consumer, and the loop closing behind it, waited on that task for ever."""
    layer = RedisChannelLayer(hosts=[settings.REDIS_URL])
    layer.brpop_timeout = 1  # each empty wait in Redis: one second
    channel = await layer.new_channel()

    async def read_after_an_absorbed_cancellation():
        asyncio.current_task().cancel()
        with contextlib.suppress(asyncio.CancelledError):  # absorbed below the read, as it was
            await asyncio.sleep(0)
        return await layer.receive(channel)

    task = asyncio.ensure_future(read_after_an_absorbed_cancellation())
    done, _ = await asyncio.wait({task}, timeout=10)
    assert task in done, "the read went on asking Redis although its task was being cancelled"
    assert task.cancelled()
    await layer.flush()


@pytest.mark.skipif(not settings.REDIS_URL, reason="the embedded channel layer does not wait in Redis")
async def test_a_message_sent_to_a_socket_still_arrives():
    layer = RedisChannelLayer(hosts=[settings.REDIS_URL])
    layer.brpop_timeout = 1  # each empty wait in Redis: one second
    channel = await layer.new_channel()
    reader = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(1.5)  # one empty wait in Redis first
    await layer.send(channel, {"type": "push.event", "event": {"n": 1}})
    assert (await asyncio.wait_for(reader, 10))["event"] == {"n": 1}
    await layer.flush()
