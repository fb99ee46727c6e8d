"""Signing up and resetting the password on the web pages (Chinese by default), and the empty login form."""

from __future__ import annotations

import logging
import re

import pytest

from accounts.models import User
from tests.helpers import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
NEW_PASSWORD = "quiet-harbour-lamp-77"


@pytest.fixture
def last_code(caplog):
    caplog.set_level(logging.INFO, logger="core.notifications")

    def read() -> str:
        texts = [r.getMessage() for r in caplog.records if r.getMessage().startswith(f"text to {PHONE}")]
        assert texts, "nothing was texted"
        match = re.search(r"(?<!\d)(\d{6})(?!\d)", texts[-1])
        assert match, texts[-1]
        return match.group(1)

    return read


def test_an_empty_login_form_says_what_is_missing(client):
    page = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert "请输入手机号或用户名。" in page
    assert "请输入密码。" in page


def test_the_login_page_asks_for_the_mobile_first_and_links_to_sign_up_and_reset(client):
    page = client.get("/accounts/login/").content.decode()
    assert "手机号或用户名" in page
    assert 'href="/accounts/signup/"' in page
    assert 'href="/accounts/password-reset/"' in page


def test_sign_up_on_the_web_then_log_in_with_the_mobile(client, last_code):
    page = client.post("/accounts/signup/", {"phone": "139-1234-5678", "send_code": "1"}, follow=True)
    assert "验证码" in page.content.decode()
    code = last_code()
    response = client.post(
        "/accounts/signup/",
        {"phone": PHONE, "code": code, "password": NEW_PASSWORD, "display_name": "王五"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username=PHONE)
    assert user.display_name == "王五"
    assert user.party is None
    client.logout()
    login = client.post("/accounts/login/", {"username": PHONE, "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_a_wrong_code_on_the_web_is_shown_at_the_code_field(client, last_code):
    client.post("/accounts/signup/", {"phone": PHONE, "send_code": "1"})
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    page = client.post("/accounts/signup/", {"phone": PHONE, "code": wrong, "password": NEW_PASSWORD})
    assert page.status_code == 200
    assert "验证码不正确。" in page.content.decode()
    assert not User.objects.filter(username=PHONE).exists()


def test_an_empty_sign_up_form_names_each_missing_field(client):
    page = client.post("/accounts/signup/", {}).content.decode()
    assert "请输入手机号。" in page
    assert "请输入短信验证码。" in page
    assert "请设置密码。" in page


def test_reset_the_password_on_the_web(client, last_code):
    make_user("worker", phone=PHONE)
    client.post("/accounts/password-reset/", {"phone": PHONE, "send_code": "1"})
    code = last_code()
    response = client.post(
        "/accounts/password-reset/", {"phone": PHONE, "code": code, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.post("/accounts/login/", {"username": "worker", "password": PASSWORD}).status_code == 200
    assert (
        client.post("/accounts/login/", {"username": "worker", "password": NEW_PASSWORD}).status_code == 302
    )
