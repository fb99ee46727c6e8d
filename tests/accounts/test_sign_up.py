"""Signing up and resetting the password with a mobile number and an SMS code, through the public API.

The code is read where the console channel recorded it: its log line ("text to <phone>: ...").
"""

from __future__ import annotations

import logging
import re

import pytest
import time_machine
from django.test import override_settings

from accounts.models import User
from tests.helpers import PASSWORD, api, make_user

pytestmark = pytest.mark.django_db

SMS = "/api/v1/auth/sms-code/"
SIGNUP = "/api/v1/auth/signup/"
RESET = "/api/v1/auth/password-reset/"
TOKEN = "/api/v1/auth/token/"
PHONE = "13812345678"
NEW_PASSWORD = "blue-river-lantern-42"


@pytest.fixture
def texts(caplog):
    """The texts the console channel sent, as (phone, text) in order."""
    caplog.set_level(logging.INFO, logger="core.notifications")

    def read() -> list[tuple[str, str]]:
        found = []
        for record in caplog.records:
            match = re.match(r"text to (\d{11}): (.*)", record.getMessage(), re.S)
            if record.name == "core.notifications" and match:
                found.append((match.group(1), match.group(2)))
        return found

    return read


def code_in(text: str) -> str:
    match = re.search(r"(?<!\d)(\d{6})(?!\d)", text)
    assert match, text
    return match.group(1)


def ask(phone=PHONE, purpose="signup", address="203.0.113.9"):
    return api().post(SMS, {"phone": phone, "purpose": purpose}, format="json", REMOTE_ADDR=address)


def sign_up(code, phone=PHONE, password=NEW_PASSWORD, **extra):
    body = {"phone": phone, "code": code, "password": password, "display_name": "李四", **extra}
    return api().post(SIGNUP, body, format="json")


def test_sign_up_with_the_texted_code_then_sign_in_with_the_phone(texts):
    assert ask(phone="138 1234 5678").status_code == 202
    [(phone, text)] = texts()
    assert phone == PHONE
    response = sign_up(code_in(text))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["user"]["username"] == PHONE
    assert body["user"]["role"] == "applicant"
    assert body["user"]["display_name"] == "李四"
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    me = client.get("/api/v1/me/").json()
    assert me["phone"] == PHONE
    assert me["party"] is None  # tied to a party only through the verified paths
    login = api().post(TOKEN, {"username": PHONE, "password": NEW_PASSWORD}, format="json")
    assert login.status_code == 200


def test_the_code_is_stored_hashed_not_in_clear(texts):
    from django.core.cache import cache

    ask()
    code = code_in(texts()[0][1])
    stored = cache.get(f"sms-code:signup:{PHONE}")
    assert stored and code not in str(stored)


def test_a_wrong_code_is_400_naming_the_code_and_the_right_one_still_works(texts):
    ask()
    code = code_in(texts()[0][1])
    wrong = "000000" if code != "000000" else "111111"
    response = sign_up(wrong)
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_code"
    assert list(response.json()["fields"]) == ["code"]
    assert not User.objects.filter(username=PHONE).exists()
    assert sign_up(code).status_code == 201


def test_a_code_works_once(texts):
    ask()
    code = code_in(texts()[0][1])
    assert sign_up(code).status_code == 201
    again = sign_up(code)
    assert again.status_code == 400
    assert again.json()["code"] == "code_expired"
    assert User.objects.filter(phone=PHONE).count() == 1


def test_an_expired_code_is_refused(texts):
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False) as traveller:
        ask()
        code = code_in(texts()[0][1])
        traveller.shift(301)  # five minutes and a second
        response = sign_up(code)
    assert response.status_code == 400
    assert response.json()["code"] == "code_expired"
    assert list(response.json()["fields"]) == ["code"]


def test_a_never_sent_code_is_refused():
    response = sign_up("123456")
    assert response.status_code == 400
    assert response.json()["code"] == "code_expired"


@override_settings(SMS_CODE_MAX_ATTEMPTS=3)
def test_after_too_many_wrong_codes_even_the_right_one_is_refused(texts):
    ask()
    code = code_in(texts()[0][1])
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(3):
        assert sign_up(wrong).status_code == 400
    response = sign_up(code)
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert "code" in response.json()["fields"]
    # The code is thrown away: asked again, it is gone.
    assert sign_up(code).json()["code"] == "code_expired"
    assert not User.objects.filter(username=PHONE).exists()


def test_a_second_code_within_a_minute_is_throttled_per_number(texts):
    assert ask().status_code == 202
    response = ask(address="198.51.100.4")  # another address: the number's own limit
    assert response.status_code == 429
    assert response.json()["fields"]["phone"]
    assert len(texts()) == 1


@override_settings(SMS_CODE_RESEND_SECONDS=0, SMS_CODES_PER_PHONE_PER_HOUR=2)
def test_codes_per_number_per_hour_are_limited(texts):
    assert ask().status_code == 202
    assert ask().status_code == 202
    assert ask().status_code == 429
    assert len(texts()) == 2


def test_the_newest_code_replaces_the_older(texts):
    with override_settings(SMS_CODE_RESEND_SECONDS=0):
        ask()
        ask()
    first, second = (code_in(text) for _phone, text in texts())
    if first != second:
        assert sign_up(first).json()["code"] == "wrong_code"
    assert sign_up(second).status_code == 201


def test_a_registered_number_gets_no_sign_up_code(texts):
    make_user("someone", phone=PHONE)
    assert ask().status_code == 202  # the same answer: nobody learns the number is registered
    [(_phone, text)] = texts()
    assert not re.search(r"\d{6}", text)


def test_a_weak_password_is_400_naming_the_password_and_the_code_is_kept(texts):
    ask()
    code = code_in(texts()[0][1])
    response = sign_up(code, password="123")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["password"]
    assert sign_up(code).status_code == 201


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"phone", "code", "password"}),
        ({"phone": "12345", "code": "123456", "password": NEW_PASSWORD}, {"phone"}),
        ({"phone": PHONE, "code": 123456, "password": NEW_PASSWORD}, {"code"}),
        ({"phone": PHONE, "code": "12", "password": NEW_PASSWORD}, {"code"}),
    ],
)
def test_invalid_sign_ups_are_400_naming_the_field(body, fields):
    response = api().post(SIGNUP, body, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == fields


@pytest.mark.parametrize(
    ("body", "fields"),
    [({}, {"phone", "purpose"}), ({"phone": PHONE, "purpose": "other"}, {"purpose"}), ({"phone": 5}, None)],
)
def test_invalid_code_requests_are_400_naming_the_field(body, fields):
    response = api().post(SMS, body, format="json")
    assert response.status_code == 400
    named = set(response.json()["fields"])
    assert "phone" in named if fields is None else named == fields


def test_reset_the_password_with_a_texted_code(texts):
    user = make_user("worker", phone=PHONE)
    old_device = api(user)
    assert ask(purpose="reset").status_code == 202
    code = code_in(texts()[0][1])
    response = api().post(RESET, {"phone": PHONE, "code": code, "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 200
    login = api().post(TOKEN, {"username": "worker", "password": PASSWORD}, format="json")
    assert login.status_code == 401
    login = api().post(TOKEN, {"username": "worker", "password": NEW_PASSWORD}, format="json")
    assert login.status_code == 200
    assert old_device.get("/api/v1/me/").status_code == 401  # every device signed out


def test_a_reset_code_is_not_a_sign_up_code(texts):
    make_user("worker", phone=PHONE)
    ask(purpose="reset")
    code = code_in(texts()[0][1])
    other = sign_up(code, phone=PHONE)
    assert other.status_code == 400
    assert other.json()["code"] == "code_expired"


def test_an_unknown_number_gets_no_reset_code_and_the_same_answer(texts):
    assert ask(purpose="reset").status_code == 202
    assert texts() == []
    response = api().post(RESET, {"phone": PHONE, "code": "123456", "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]


def test_a_wrong_reset_code_keeps_the_old_password(texts):
    make_user("worker", phone=PHONE)
    ask(purpose="reset")
    code = code_in(texts()[0][1])
    wrong = "000000" if code != "000000" else "111111"
    response = api().post(RESET, {"phone": PHONE, "code": wrong, "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["code"]
    assert api().post(TOKEN, {"username": "worker", "password": PASSWORD}, format="json").status_code == 200
