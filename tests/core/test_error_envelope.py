"""Every 4xx carries {code, detail, fields?}; detail follows Accept-Language."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.helpers import api

pytestmark = pytest.mark.django_db


def assert_envelope(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def test_400_names_fields_in_a_flat_map(personas):
    body = assert_envelope(
        api(personas.clerk).post("/api/v1/parties/", {"kind": "alien", "name": ""}, format="json"),
        400,
        "invalid",
    )
    assert set(body["fields"]) == {"kind", "name"}


def test_400_for_malformed_json(personas):
    response = api(personas.clerk).post("/api/v1/parties/", "{not json", content_type="application/json")
    assert_envelope(response, 400, "parse_error")


def test_401_without_credentials():
    assert_envelope(api().get("/api/v1/me/"), 401, "not_authenticated")


def test_403_when_the_role_may_not(personas):
    response = api(personas.applicant).post(
        "/api/v1/parties/", {"kind": "person", "name": "x", "id_number": "11010519491231002X"}, format="json"
    )
    assert_envelope(response, 403, "permission_denied")


def test_404_for_unknown_api_paths_and_invisible_records(personas):
    assert_envelope(api(personas.applicant).get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_envelope(api().get("/api/no-such-thing"), 404, "not_found")
    other = personas.respondent.party
    assert_envelope(api(personas.applicant).get(f"/api/v1/parties/{other.pk}/"), 404, "not_found")


def test_405_for_a_wrong_method(personas):
    assert_envelope(api(personas.applicant).put("/api/v1/me/", {}, format="json"), 405, "method_not_allowed")


def test_409_on_a_reused_idempotency_key_with_another_body(personas):
    client = api(personas.clerk)
    first = {"kind": "person", "name": "甲", "id_number": "11010519491231002X"}
    assert client.post("/api/v1/parties/", first, format="json", HTTP_IDEMPOTENCY_KEY="k1").status_code == 201
    second = {"kind": "person", "name": "乙", "id_number": "110105194912310038"}
    response = client.post("/api/v1/parties/", second, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"


@override_settings(LOGIN_FAILURES_PER_USERNAME=1)
def test_429_when_throttled(personas):
    api().post("/api/v1/auth/token/", {"username": "p-clerk", "password": "x"}, format="json")
    response = api().post("/api/v1/auth/token/", {"username": "p-clerk", "password": "x"}, format="json")
    assert_envelope(response, 429, "throttled")


def test_detail_follows_accept_language(personas):
    zh = api(language="zh-hans").get("/api/v1/me/").json()["detail"]
    en = api(language="en").get("/api/v1/me/").json()["detail"]
    assert en == "Authentication credentials were not provided."
    assert zh != en and any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_chinese_is_the_default_language(personas):
    body = api(personas.applicant).get("/api/v1/no-such-thing/").json()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])
