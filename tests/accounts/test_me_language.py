"""The mini-program sets the language a user is told things in (PATCH /api/v1/me/): the SMS and the
notifications sent afterwards are written in it; a language the system does not speak is refused."""

from __future__ import annotations

import logging

import pytest

from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def test_a_user_sets_english_and_the_next_notice_reaches_them_in_english(
    personas, django_capture_on_commit_callbacks, caplog
):
    me = api(personas.respondent).patch("/api/v1/me/", {"language": "en"}, format="json")
    assert me.status_code == 200, me.json()
    assert me.json()["language"] == "en"
    assert api(personas.respondent).get("/api/v1/me/").json()["language"] == "en"

    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    clerk = api(personas.clerk)
    caplog.set_level(logging.INFO, logger="core.notifications")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = clerk.post(
            f"/api/v1/cases/{case_id}/transitions/accept/",
            {"arbitrators": [personas.arbitrator.pk]},
            format="json",
        )
        assert accepted.status_code == 200
        assert (
            clerk.post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json").status_code
            == 200
        )
    to_respondent = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("notification to p-respondent")
    ]
    to_applicant = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("notification to p-applicant")
    ]
    assert to_respondent and to_applicant
    assert all("送达" not in text and "仲裁庭" not in text for text in to_respondent), to_respondent
    assert any("仲裁庭已组成" in text for text in to_applicant), to_applicant  # the applicant kept Chinese


@pytest.mark.parametrize(
    ("body", "field"),
    [({"language": "fr"}, "language"), ({"language": ""}, "language"), ({"language": None}, "language")],
)
def test_a_language_the_system_does_not_speak_is_refused_and_nothing_changes(personas, body, field):
    response = api(personas.respondent).patch("/api/v1/me/", body, format="json")
    assert response.status_code == 400
    error = response.json()
    assert field in error["fields"], error
    assert api(personas.respondent).get("/api/v1/me/").json()["language"] == "zh-hans"


def test_a_patch_without_the_language_leaves_it_as_it_is(personas):
    api(personas.respondent).patch("/api/v1/me/", {"language": "en"}, format="json")
    response = api(personas.respondent).patch("/api/v1/me/", {}, format="json")
    assert response.status_code == 200 and response.json()["language"] == "en"


def test_signed_out_the_language_cannot_be_set(client):
    assert client.patch("/api/v1/me/", {"language": "en"}, content_type="application/json").status_code == 401
