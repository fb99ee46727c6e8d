"""The web shell: pages behind the login, per-role navigation, English on request, the expired-form page."""

from __future__ import annotations

import pytest

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_require_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_language_switch_turns_the_pages_english(client, personas):
    client.post("/accounts/login/", {"username": "p-clerk", "password": PASSWORD})
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log out" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "退出" in client.get("/").content.decode()


def test_navigation_follows_the_role(client, personas):
    client.force_login(personas.admin)
    admin_page = client.get("/").content.decode()
    client.force_login(personas.applicant)
    applicant_page = client.get("/").content.decode()
    assert 'href="/admin/"' in admin_page
    assert 'href="/admin/"' not in applicant_page


def test_only_the_most_specific_navigation_entry_is_current(client, personas):
    client.force_login(personas.applicant)
    page = client.get("/cases/apply/").content.decode()
    assert page.count('aria-current="page"') == 1
    assert 'href="/cases/apply/" aria-current="page"' in page


def test_an_expired_form_gets_a_page_saying_so(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.applicant)
    response = client.post("/notifications/read/", {})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()
