"""A POST retried with the same Idempotency-Key and body returns the first response and creates one record."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from accounts.models import Party
from core.models import IdempotencyRecord
from core.tasks import purge_idempotency_records
from tests.helpers import api

BODY = {"kind": "organisation", "name": "广州重试科技有限公司", "credit_code": "91440101MA59DKYE1M"}


@pytest.mark.django_db
def test_a_replayed_post_creates_one_record_and_returns_the_first_response(personas):
    client = api(personas.clerk)
    key = str(uuid.uuid4())
    first = client.post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Party.objects.filter(credit_code=BODY["credit_code"]).count() == 1


@pytest.mark.django_db
def test_without_a_key_a_repeat_is_a_new_request(personas):
    client = api(personas.clerk)
    assert client.post("/api/v1/parties/", BODY, format="json").status_code == 201
    duplicate = client.post("/api/v1/parties/", BODY, format="json")
    assert duplicate.status_code == 400
    assert "credit_code" in duplicate.json()["fields"]


@pytest.mark.django_db
def test_keys_are_per_user(personas, django_user_model):
    key = str(uuid.uuid4())
    assert (
        api(personas.clerk)
        .post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=key)
        .status_code
        == 201
    )
    # The supervisor's request with the same key is its own request: the party exists, so 400.
    other = api(personas.supervisor).post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 400


@pytest.mark.django_db
def test_a_failed_request_is_not_remembered(personas):
    client = api(personas.clerk)
    key = str(uuid.uuid4())
    bad = dict(BODY, credit_code="91440101MA59DKYE1N")
    assert client.post("/api/v1/parties/", bad, format="json", HTTP_IDEMPOTENCY_KEY=key).status_code == 400
    assert not IdempotencyRecord.objects.filter(key=key).exists()


@pytest.mark.django_db
def test_an_overlong_key_is_400(personas):
    response = api(personas.clerk).post(
        "/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["Idempotency-Key"]


@pytest.mark.django_db
def test_old_records_are_purged(personas, settings):
    client = api(personas.clerk)
    client.post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="old")
    settings.IDEMPOTENCY_TTL_HOURS = 1
    IdempotencyRecord.objects.update(created_at="2000-01-01T00:00:00Z")
    assert purge_idempotency_records() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_create_one_record(personas):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)
    statuses: list[int] = []

    def send():
        client = api(personas.clerk)
        barrier.wait()
        statuses.append(
            client.post("/api/v1/parties/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=key).status_code
        )
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 8
    assert Party.objects.filter(credit_code=BODY["credit_code"]).count() == 1
