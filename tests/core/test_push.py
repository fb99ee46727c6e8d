"""Pushes from the server's request threads: handed to the server's loop, sent in order, failures logged;
and the channel layer's reads outlast its blocking receive, so idle sockets are not closed."""

from __future__ import annotations

import asyncio
import logging

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import connections
from knox.models import AuthToken

from core.push import push, user_group

ORIGIN = [(b"origin", b"http://127.0.0.1")]


def test_the_channel_layers_reads_outlast_its_blocking_receive(settings):
    """channels-redis waits in Redis up to ``brpop_timeout`` for a socket's next message; a read timeout no
    longer than that wait made idle sockets fail with "Timeout reading" whenever the loop was busy (500
    sockets on one session lost one socket per event)."""
    if not settings.REDIS_URL:
        pytest.skip("the embedded channel layer has no reads")
    layer = get_channel_layer()
    pool = layer.create_pool(0)
    assert pool.connection_kwargs["socket_timeout"] > layer.brpop_timeout + 5
    assert pool.connection_kwargs["socket_connect_timeout"] <= 2  # a dead Redis still fails fast


@pytest.fixture
def hand_off(monkeypatch):
    """As under ``manage.py serve``: pushes from the loop's threads are handed to the loop."""
    from core import push as module

    monkeypatch.setattr(module, "HAND_OFF", True)


@pytest.mark.django_db(transaction=True)
async def test_pushes_from_a_request_thread_arrive_in_the_order_they_were_made(personas, hand_off):
    from config.asgi import application

    token = await sync_to_async(lambda: AuthToken.objects.create(user=personas.applicant)[1])()
    socket = WebsocketCommunicator(application, f"/ws/notifications/?token={token}", headers=ORIGIN)
    connected, _ = await socket.connect()
    assert connected

    def request_thread() -> None:
        for n in range(30):
            push(user_group(personas.applicant.pk), {"type": "test.event", "n": n})

    await sync_to_async(request_thread)()
    received = [(await socket.receive_json_from(timeout=5))["n"] for _ in range(30)]
    assert received == list(range(30))
    await socket.disconnect()
    await sync_to_async(connections.close_all)()


async def test_a_failed_push_from_a_request_thread_is_logged_and_does_not_raise(settings, hand_off):
    """The request has gone on: the failure shows in the log, as a push's failure always did."""
    import socket

    with socket.socket() as dead:
        dead.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        url = f"redis://127.0.0.1:{dead.getsockname()[1]}/0"
        settings.CHANNEL_LAYERS = {
            "default": {"BACKEND": "core.layers.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
        }
        records: list[logging.LogRecord] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = records.append  # type: ignore[method-assign]
        logger = logging.getLogger("core.push")
        logger.addHandler(handler)
        was = (logging.root.manager.disable, logger.disabled, logger.level)
        logging.disable(logging.NOTSET)
        logger.disabled = False
        logger.setLevel(logging.WARNING)
        try:
            await sync_to_async(push)(user_group(1), {"type": "notification.created"})
            for _ in range(100):
                if records:
                    break
                await asyncio.sleep(0.05)
        finally:
            logging.disable(was[0])
            logger.disabled = was[1]
            logger.setLevel(was[2])
            logger.removeHandler(handler)
    assert any("push to user-1 failed" in record.getMessage() for record in records)
