"""Signing in and out on the web: the login page (Chinese by default, fit for a phone) and logout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_by_default_and_works_on_a_phone(client):
    # Even a browser set to English gets Chinese until the user presses the language switch.
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "登录" in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page


def test_logout_ends_the_session(client, personas):
    client.force_login(personas.applicant)
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
