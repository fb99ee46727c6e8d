"""Shared fixtures: the S3 test server (moto, over HTTP), eager Celery, a clean cache, personas."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests
import time_machine
from django.core.cache import cache
from django.test import override_settings
from moto.server import ThreadedMotoServer

from accounts.models import Role
from config.celery import app as celery_app
from core.storage import S3Storage, get_storage
from tests.helpers import make_organisation, make_person, make_user


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


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Tasks run in the test's process; tests of the real broker path start a worker themselves."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Personas are made in every test; the production hasher's deliberate slowness is not under test."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def travel():
    """Frozen time the test moves forward step by step: ``travel.move_to("2026-03-05 15:00 +0800")``."""
    with time_machine.travel("2026-01-05 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def personas(db):
    """One user per role, plus an outsider with no part in anything."""
    worker = make_person("张三")
    employer = make_organisation("广州示例科技有限公司")
    return SimpleNamespace(
        applicant=make_user("p-applicant", Role.APPLICANT, display_name="张三", party=worker),
        respondent=make_user("p-respondent", Role.RESPONDENT, display_name="示例人事", party=employer),
        agent=make_user("p-agent", Role.AGENT, display_name="代理律师"),
        clerk=make_user("p-clerk", Role.CLERK, display_name="书记员"),
        mediator=make_user("p-mediator", Role.MEDIATOR, display_name="调解员"),
        arbitrator=make_user("p-arbitrator", Role.ARBITRATOR, display_name="仲裁员甲"),
        arbitrator2=make_user("p-arbitrator2", Role.ARBITRATOR, display_name="仲裁员乙"),
        supervisor=make_user("p-supervisor", Role.SUPERVISOR, display_name="院长"),
        admin=make_user("p-admin", Role.ADMIN, display_name="管理员"),
        outsider=make_user("p-outsider", Role.APPLICANT, display_name="路人", party=make_person("路人")),
    )
