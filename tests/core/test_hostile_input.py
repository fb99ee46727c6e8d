"""Input a hostile or broken client sends gets a 4xx in the contract's envelope, never a 500 (issue 7,
point 5)."""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.helpers import api
from tests.helpers import application as application_body

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**70)


def test_deeply_nested_json_is_a_400_even_unauthenticated():
    body = "[" * 50_000 + "]" * 50_000
    response = api().post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] in {"parse_error", "invalid"}


def test_a_nested_body_from_a_signed_in_user_is_a_400(personas):
    body = '{"facts": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = api(personas.applicant).post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 400


def test_an_idempotency_key_on_an_unknown_path_with_nul_is_a_404(personas):
    response = api(personas.applicant).post(
        "/api/v1/no-such-thing%00here/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/cases/?arbitrator={TOO_BIG}",
        f"/api/v1/cases/{TOO_BIG}/",
        f"/api/v1/cases/{TOO_BIG}/events/",
        f"/api/v1/parties/{TOO_BIG}/",
        f"/api/v1/notifications/?page={TOO_BIG}",
    ],
)
def test_integers_beyond_64_bits_in_paths_and_queries_never_break(personas, path):
    response = api(personas.supervisor).get(path)
    assert response.status_code in (400, 404), response.content[:200]
    assert "code" in response.json()


def test_integers_beyond_64_bits_in_bodies_are_a_400(personas):
    body = application_body(consents={"pre_mediation": True})
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    response = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"arbitrators": [2**70]}, format="json"
    )
    assert response.status_code == 400
    assert "arbitrators" in str(response.json()["fields"])
    response = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/refer_to_mediation/",
        {"mediation_organisation": 2**70},
        format="json",
    )
    assert response.status_code == 400
    assert "mediation_organisation" in response.json()["fields"]


@pytest.mark.parametrize("name", ["张\u202e三", "张\u200b三", "Acme\u2066Ltd", "李\x07四"])
def test_control_and_format_characters_in_names_are_refused(personas, name):
    body = application_body()
    body["respondent"]["name"] = name
    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400
    assert "respondent.name" in response.json()["fields"]


@pytest.mark.django_db(transaction=True)
async def test_an_unknown_websocket_path_is_refused_not_an_error():
    communicator = WebsocketCommunicator(
        application, "/ws/no-such-feed/", headers=[(b"origin", b"http://localhost")]
    )
    connected, _code = await communicator.connect()
    assert connected is False
    await communicator.disconnect()


def test_a_body_over_the_limit_is_a_413_in_the_envelope(personas, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = application_body(facts="拖欠工资" * 5_000)
    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_malformed_multipart_is_a_400_in_the_envelope(personas):
    response = api(personas.applicant).generic(
        "POST",
        "/api/v1/cases/",
        b'--xyz\r\nContent-Disposition: form-data; name="facts"\r\n\r\nno end',
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400
    assert response.json()["code"] in {"parse_error", "invalid"}


def test_an_empty_body_and_a_missing_csrf_token_answer_in_the_envelope_and_the_language(personas, client):
    response = api(personas.applicant, language="zh-hans").generic(
        "POST", "/api/v1/cases/", b"", content_type="application/json"
    )
    assert response.status_code == 400
    assert "No data provided" not in response.json()["detail"]
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(personas.applicant)
    refused = csrf_client.post(
        "/api/v1/cases/", application_body(), content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "permission_denied"
    assert "CSRF Failed" not in body["detail"]
