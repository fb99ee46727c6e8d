"""API tokens are per device, expiring and revocable one at a time (issue 7, point 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.tasks import purge_expired_tokens
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str) -> tuple[APIClient, dict]:
    body = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert body.status_code == 200, body.json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body.json()['token']}")
    return client, body.json()


def test_each_sign_in_is_a_device_and_logging_out_on_one_keeps_the_others(personas):
    phone, first = sign_in("p-applicant")
    tablet, second = sign_in("p-applicant")
    assert first["token"] != second["token"]
    assert first["expiry"] is not None
    assert phone.get("/api/v1/me/").status_code == 200 and tablet.get("/api/v1/me/").status_code == 200

    assert phone.post("/api/v1/auth/logout/").status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert tablet.get("/api/v1/me/").status_code == 200  # the other device stays signed in


def test_logging_out_everywhere_ends_every_device(personas):
    phone, _ = sign_in("p-applicant")
    tablet, _ = sign_in("p-applicant")
    assert tablet.post("/api/v1/auth/logout-all/").status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert tablet.get("/api/v1/me/").status_code == 401


def test_a_token_unused_past_its_lifetime_lapses_and_is_purged(personas):
    phone, _body = sign_in("p-applicant")
    lifetime = AuthToken.objects.get(user=personas.applicant).expiry - timezone.now()
    assert timedelta(days=29) < lifetime <= timedelta(days=30)
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        assert phone.get("/api/v1/me/").status_code == 401
    sign_in("p-applicant")
    AuthToken.objects.filter(user=personas.applicant).update(expiry=timezone.now() - timedelta(seconds=1))
    assert purge_expired_tokens() == 1
    assert not AuthToken.objects.filter(user=personas.applicant).exists()


def test_tokens_are_stored_hashed(personas):
    _client, body = sign_in("p-applicant")
    stored = AuthToken.objects.get(user=personas.applicant)
    assert body["token"] not in (stored.digest, stored.token_key)
