"""Shared fixtures: the S3 test server (moto, over HTTP), a Redis database per pytest-xdist worker, eager
Celery, a clean cache, personas."""

from __future__ import annotations

import copy
import importlib
import os
from urllib.parse import urlsplit

import pytest
import requests
import time_machine
from channels.layers import channel_layers
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.test import override_settings
from moto.server import ThreadedMotoServer

from config.celery import app as celery_app
from core.storage import S3Storage, get_storage
from tests.helpers import make_personas


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3-speaking HTTP server for the whole run; the minio SDK talks to it over the wire."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def _s3_storage(s3_endpoint, settings):
    settings.S3_ENDPOINT_URL = s3_endpoint
    settings.S3_PUBLIC_ENDPOINT_URL = s3_endpoint
    settings.S3_ACCESS_KEY = "test-access-key"
    settings.S3_SECRET_KEY = "test-secret-key"
    settings.S3_BUCKET = "test-evidence"
    storage = get_storage()
    assert isinstance(storage, S3Storage)
    storage.ensure_bucket()
    yield
    requests.post(f"{s3_endpoint}/moto-api/reset", timeout=10)


def worker_redis_url(url: str, worker: str) -> str:
    """The Redis URL of pytest-xdist worker ``gwN``: the run's database number minus N.

    gw0 keeps the run's database; the others count down from it and stop short of database 0, where a
    development server usually keeps its data.
    """
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = int(worker.removeprefix("gw"))
    db = base - number
    if number and db < 1:
        raise pytest.UsageError(
            f"REDIS_URL uses Redis database {base}: not enough databases below it for worker {worker}; "
            "run fewer workers (-n) or point REDIS_URL at a higher database"
        )
    return parts._replace(path=f"/{db}").geturl()


@pytest.fixture(autouse=True, scope="session")
def _redis_database_per_worker():
    """Under pytest-xdist each worker uses its own Redis database for the cache, the channel layer and the
    broker: ``_clean_cache`` empties the whole database, which must not be another worker's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not django_settings.REDIS_URL:
        yield
        return
    url = worker_redis_url(django_settings.REDIS_URL, worker)
    caches = copy.deepcopy(django_settings.CACHES)
    caches["default"]["LOCATION"] = url
    layers = copy.deepcopy(django_settings.CHANNEL_LAYERS)
    host = layers["default"]["CONFIG"]["hosts"][0]
    layers["default"]["CONFIG"]["hosts"] = [{**host, "address": url} if isinstance(host, dict) else url]
    environ = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = url  # for the commands the tests start in a subprocess
    try:
        with override_settings(REDIS_URL=url, CACHES=caches, CHANNEL_LAYERS=layers, CELERY_BROKER_URL=url):
            celery_app.conf.broker_url = url
            yield
    finally:
        if environ is None:
            os.environ.pop("REDIS_URL", None)
        else:
            os.environ["REDIS_URL"] = environ


@pytest.fixture(autouse=True, scope="session")
def _eager_celery(_redis_database_per_worker):
    """Tasks run in the test's process; tests of the real broker path start a worker themselves."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Personas are made in every test; the production hasher's deliberate slowness is not under test."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _static_files_found_per_request():
    """Each test client loads the middleware anew, and WhiteNoise's would index every app's static files
    each time: the test runner turns DEBUG off, and with it WhiteNoise's autorefresh. Finding each file
    when it is asked for, as the development server does, serves the same files without the indexing."""
    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _channel_layer_per_test():
    """channels-redis keeps its receive lock and counters on the layer object, shared by every event loop
    that uses it, and each async test runs on a loop of its own: a receive left behind on one test's loop
    (a socket it never closed) could hold the lock the next test's sockets wait on — their messages never
    came and that loop never finished closing. Each test gets a layer of its own."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def travel():
    """Frozen time the test moves forward step by step: ``travel.move_to("2026-03-05 15:00 +0800")``."""
    with time_machine.travel("2026-01-05 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def personas(db):
    """One user per role, plus an outsider with no part in anything."""
    return make_personas()


def _calendar_back_after_flush(sender, using="default", **kwargs):
    """The flush after a transactional test empties every table, the holiday calendar that a migration
    loads included, and tests that come after it on the same worker read that calendar. Flushing sends
    post_migrate: load the calendar again then."""
    if sender.name != "core":
        return
    from core.calendar import load_package_calendar
    from core.models import CalendarYear

    if not CalendarYear.objects.using(using).exists():
        load_package_calendar()


post_migrate.connect(_calendar_back_after_flush, dispatch_uid="tests-calendar-back-after-flush")


def _figures_back_after_flush(sender, using="default", **kwargs):
    """Likewise the local figures migration 0002 seeds (the minimum wage the final-award line and the
    calculator read): without them issuing an award is rightly refused."""
    if sender.name != "arbitration":
        return
    seed = importlib.import_module("arbitration.migrations.0002_seed_guangzhou_figures").seed
    seed(django_apps, None)


post_migrate.connect(_figures_back_after_flush, dispatch_uid="tests-figures-back-after-flush")


def pytest_collection_modifyitems(config, items):
    """The live schemathesis run (tests/schema/test_schemathesis.py) takes minutes: first in the queue, so
    one pytest-xdist worker runs it while the others run everything else, rather than alone at the end."""
    items.sort(key=lambda item: "test_schemathesis.py" not in item.nodeid)
