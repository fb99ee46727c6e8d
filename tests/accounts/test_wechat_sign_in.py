"""WeChat sign-in for the mini-program with the test backend (``wx-<openid>`` is that openid's code)."""

from __future__ import annotations

import logging
import re

import pytest
import time_machine

from accounts.models import User
from tests.helpers import api, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _test_backend(settings):
    settings.WECHAT_AUTH = "accounts.wechat.TestWeChatAuth"


WECHAT = "/api/v1/auth/wechat/"
LINK = "/api/v1/auth/wechat/link/"
PHONE = "13700001111"
PASSWORD = "green-valley-river-9"


def wechat(code):
    return api().post(WECHAT, {"code": code}, format="json")


def test_a_tied_identity_signs_in_to_its_account():
    user = make_user("worker", phone=PHONE)
    User.objects.filter(pk=user.pk).update(wechat_openid="oAbc123")
    response = wechat("wx-oAbc123")
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["id"] == user.pk
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/me/").json()["username"] == "worker"


def test_an_unknown_identity_creates_nothing_and_gets_a_bind_token():
    before = User.objects.count()
    response = wechat("wx-oNew456")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_bound"
    assert body["bind_token"]
    assert User.objects.count() == before


def test_a_refused_code_is_400_naming_the_code():
    response = wechat("not-a-code")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]


@pytest.mark.parametrize("body", [{}, {"code": 7}, {"code": ""}])
def test_invalid_bodies_are_400_naming_the_code(body):
    response = api().post(WECHAT, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]


def test_sign_up_by_phone_with_the_bind_token_ties_the_identity(caplog):
    caplog.set_level(logging.INFO, logger="core.notifications")
    bind_token = wechat("wx-oNew456").json()["bind_token"]
    api().post("/api/v1/auth/sms-code/", {"phone": PHONE, "purpose": "signup"}, format="json")
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", caplog.records[-1].getMessage()).group(1)
    body = {"phone": PHONE, "code": code, "password": PASSWORD, "bind_token": bind_token}
    assert api().post("/api/v1/auth/signup/", body, format="json").status_code == 201
    again = wechat("wx-oNew456")
    assert again.status_code == 200
    assert again.json()["user"]["username"] == PHONE


def test_a_signed_in_account_ties_the_identity_with_the_bind_token():
    user = make_user("worker", phone=PHONE)
    bind_token = wechat("wx-oNew456").json()["bind_token"]
    response = api(user).post(LINK, {"bind_token": bind_token}, format="json")
    assert response.status_code == 200
    assert wechat("wx-oNew456").json()["user"]["id"] == user.pk


def test_an_identity_tied_to_one_account_is_not_tied_to_another():
    bind_token = wechat("wx-oTaken").json()["bind_token"]
    first = make_user("first")
    assert api(first).post(LINK, {"bind_token": bind_token}, format="json").status_code == 200
    second = make_user("second")
    response = api(second).post(LINK, {"bind_token": bind_token}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert User.objects.get(pk=second.pk).wechat_openid is None
    assert wechat("wx-oTaken").json()["user"]["id"] == first.pk


def test_a_forged_or_stale_bind_token_is_400_naming_it():
    user = make_user("worker")
    forged = api(user).post(LINK, {"bind_token": "abc:def"}, format="json")
    assert forged.status_code == 400
    assert list(forged.json()["fields"]) == ["bind_token"]
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False) as traveller:
        bind_token = wechat("wx-oNew456").json()["bind_token"]
        traveller.shift(601)
        stale = api(user).post(LINK, {"bind_token": bind_token}, format="json")
    assert stale.status_code == 400
    assert list(stale.json()["fields"]) == ["bind_token"]


def test_linking_wechat_does_not_tie_a_party():
    user = make_user("worker")
    bind_token = wechat("wx-oNew456").json()["bind_token"]
    me = api(user).post(LINK, {"bind_token": bind_token}, format="json").json()
    assert me["party"] is None


def test_without_a_backend_wechat_sign_in_is_refused_naming_the_code(settings):
    settings.WECHAT_AUTH = "accounts.wechat.DisabledWeChatAuth"
    response = wechat("wx-oAbc123")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]
