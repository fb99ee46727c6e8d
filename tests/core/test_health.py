"""/healthz checks each backing service over its real connection; 503 when one is down."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis
from channels.layers import channel_layers

pytestmark = pytest.mark.django_db


def test_all_parts_healthy(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "channel_layer", "broker", "storage"}
    assert body["checks"]["storage"]["backend"] == "s3"
    assert body["checks"]["database"]["backend"] in ("postgresql", "sqlite")
    if settings.REDIS_URL:
        assert body["checks"]["broker"]["backend"] == "redis"
        assert body["checks"]["channel_layer"]["backend"] == "RedisChannelLayer"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def stopped_redis(tmp_path):
    """A real Redis server that answered a moment ago and has now been stopped."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(50):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield server, url
    if server.poll() is None:
        server.terminate()
        server.wait()


def test_a_stopped_redis_is_reported_down(client, settings, stopped_redis):
    server, url = stopped_redis
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "core.layers.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
    }
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False

    healthy = client.get("/healthz")
    assert healthy.status_code == 200, healthy.json()

    server.terminate()
    server.wait()
    channel_layers.backends.clear()  # drop the pooled connections to the old server
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["channel_layer"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["storage"]["ok"] is True


def test_a_missing_bucket_is_reported_down(client, settings):
    settings.S3_BUCKET = "no-such-bucket"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
