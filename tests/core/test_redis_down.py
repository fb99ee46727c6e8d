"""With Redis down before anything is written — the cache behind the login guard, the channel layer —
every way in answers 503 "try again later" (the envelope, a page, a WebSocket close code), never 500,
and a push after commit fails at once instead of hanging."""

from __future__ import annotations

import copy
import logging
import socket
import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from kombu.exceptions import OperationalError as BrokerError
from rest_framework.test import APIClient

from core.api.errors import exception_handler
from core.push import push, user_group
from tests.helpers import PASSWORD, token_for

ORIGIN = [(b"origin", b"http://127.0.0.1")]


@pytest.fixture
def dead_redis_url():
    """An address where nothing listens: connections are refused, as with a stopped Redis. The port stays
    bound (without listening) for the whole test, so no server another test starts meanwhile (a Redis of
    the fault-injection test, a daphne) can take it and answer."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.fixture
def cache_down(settings, dead_redis_url):
    caches = copy.deepcopy(settings.CACHES)
    caches["default"] = {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": dead_redis_url,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    settings.CACHES = caches


@pytest.fixture
def channel_layer_down(settings, dead_redis_url):
    layer = {"BACKEND": "core.layers.RedisChannelLayer", "CONFIG": {"hosts": [dead_redis_url]}}
    settings.CHANNEL_LAYERS = {"default": layer}


# --- before anything is written: 503 ---------------------------------------------------------------------


@pytest.mark.django_db
def test_web_login_with_the_cache_down_is_a_chinese_503_page(client, personas, cache_down):
    client.raise_request_exception = False
    response = client.post("/accounts/login/", {"username": "p-applicant", "password": PASSWORD})
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page and "暂时不可用" in page
    assert "_auth_user_id" not in client.session  # not signed in


@pytest.mark.django_db
def test_web_login_with_the_cache_down_speaks_english_when_chosen(client, personas, cache_down):
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"
    response = client.post("/accounts/login/", {"username": "p-applicant", "password": PASSWORD})
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_api_login_with_the_cache_down_is_503_in_the_envelope(personas, cache_down):
    client = APIClient()
    client.raise_request_exception = False
    response = client.post(
        "/api/v1/auth/token/", {"username": "p-applicant", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"


def test_a_broker_error_before_commit_is_503_in_the_envelope():
    response = exception_handler(BrokerError("Error 111 connecting to 127.0.0.1:6379."), {})
    assert response is not None and response.status_code == 503
    assert response.data["code"] == "unavailable"


# --- WebSockets: closed with 1013 "try again later" -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/notifications/", "/ws/cases/{case}/"])
async def test_a_socket_with_the_channel_layer_down_is_closed_try_again_later(
    personas, channel_layer_down, path
):
    from cases.models import Case
    from config.asgi import application
    from tests.helpers import file_case

    case_id = await sync_to_async(file_case)(personas.applicant)
    assert await sync_to_async(Case.objects.filter(pk=case_id).exists)()
    token = await sync_to_async(token_for)(personas.applicant)
    socket_ = WebsocketCommunicator(application, f"{path.format(case=case_id)}?token={token}", headers=ORIGIN)
    connected, _ = await socket_.connect(timeout=5)
    assert connected  # accepted only to say why it closes: a refused handshake carries no code
    closed = await socket_.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 1013}
    await socket_.wait(timeout=5)
    await sync_to_async(connections.close_all)()


# --- after commit: a push fails at once ------------------------------------------------------------------


def test_a_push_with_the_channel_layer_down_returns_at_once(channel_layer_down):
    # A handler on the logger itself: what another test did to the root logger's handlers or to
    # propagation (a server or worker configuring logging in this process) cannot hide the record.
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("core.push")
    logger.addHandler(handler)
    # An in-process Celery worker of another test on this xdist worker reconfigures logging, which marks
    # existing loggers disabled: undo that for this test only.
    was = (logging.root.manager.disable, logger.disabled, logger.level)
    logging.disable(logging.NOTSET)
    logger.disabled = False
    logger.setLevel(logging.WARNING)
    try:
        started = time.monotonic()
        push(user_group(1), {"type": "notification.created"})
        assert time.monotonic() - started < 1
    finally:
        logging.disable(was[0])
        logger.disabled = was[1]
        logger.setLevel(was[2])
        logger.removeHandler(handler)
    assert any("push to user-1 failed" in record.getMessage() for record in records)
