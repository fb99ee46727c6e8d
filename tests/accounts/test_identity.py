"""An account is tied to a party only through a verified path (issue 7, point 1): what an account declares
about itself never makes it someone already registered."""

from __future__ import annotations

import pytest

from accounts.models import Role, User
from tests.helpers import api, application, file_case, id_number, make_person, make_user

pytestmark = pytest.mark.django_db


def _counter_case_for(personas, person) -> int:
    """A clerk registers an application for ``person`` at the counter: the party exists, with no account."""
    body = application(
        applicant={"kind": "person", "name": person.name, "id_number": person.id_number},
        received_at="2026-01-05T09:00:00+08:00",
    )
    response = api(personas.clerk).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_filing_with_a_registered_persons_id_number_does_not_make_the_account_that_person(personas, travel):
    victim = make_person("李秀英")
    case_id = _counter_case_for(personas, victim)
    intruder = make_user("intruder", Role.APPLICANT)

    body = application(applicant={"kind": "person", "name": "李秀英", "id_number": victim.id_number})
    response = api(intruder).post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "identity_unverified"
    assert "applicant.id_number" in response.json()["fields"]
    intruder.refresh_from_db()
    assert intruder.party is None
    assert api(intruder).get(f"/api/v1/cases/{case_id}/").status_code == 404
    assert api(intruder).get("/api/v1/cases/").json()["count"] == 0


def test_real_name_verification_ties_the_account_and_then_it_files(personas, travel):
    person = make_person("王建华")
    case_id = _counter_case_for(personas, person)
    account = make_user("wang", Role.APPLICANT)

    verified = api(account).post(
        "/api/v1/me/real-name/", {"name": "王建华", "id_number": person.id_number}, format="json"
    )
    assert verified.status_code == 200, verified.json()
    account.refresh_from_db()
    assert account.party == person
    assert account.identity_verified_by == User.Verification.REAL_NAME
    assert api(account).get(f"/api/v1/cases/{case_id}/").status_code == 200
    assert file_case(account)  # files as itself from now on


def test_an_unconfirmed_real_name_check_links_nothing(personas, settings):
    settings.REAL_NAME_VERIFIER = "accounts.verification.RefusingVerifier"
    person = make_person("赵六")
    account = make_user("zhao", Role.APPLICANT)
    response = api(account).post(
        "/api/v1/me/real-name/", {"name": "赵六", "id_number": person.id_number}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "identity_unverified"
    account.refresh_from_db()
    assert account.party is None


def test_a_person_with_an_account_cannot_be_claimed_by_another(personas):
    response = api(make_user("second", Role.APPLICANT)).post(
        "/api/v1/me/real-name/",
        {"name": personas.applicant.party.name, "id_number": personas.applicant.party.id_number},
        format="json",
    )
    assert response.status_code == 409


def test_a_new_number_is_registered_for_the_account_itself(personas):
    account = make_user("newcomer", Role.APPLICANT)
    number = id_number()
    body = application(applicant={"kind": "person", "name": "新来的", "id_number": number})
    assert api(account).post("/api/v1/cases/", body, format="json").status_code == 201
    account.refresh_from_db()
    assert account.party.id_number == number


def test_the_filing_window_ties_an_account_after_checking_the_id_card(personas, travel):
    person = make_person("陈美玲")
    case_id = _counter_case_for(personas, person)
    account = make_user("chen", Role.APPLICANT)

    refused = api(personas.outsider).post(
        f"/api/v1/parties/{person.pk}/accounts/", {"user": account.pk}, format="json"
    )
    assert refused.status_code in (403, 404)
    linked = api(personas.clerk).post(
        f"/api/v1/parties/{person.pk}/accounts/", {"user": account.pk}, format="json"
    )
    assert linked.status_code == 200, linked.json()
    account.refresh_from_db()
    assert account.party == person and account.identity_verified_by == User.Verification.COUNTER
    assert api(account).get(f"/api/v1/cases/{case_id}/").status_code == 200
