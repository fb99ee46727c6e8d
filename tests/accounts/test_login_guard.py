"""One login guard for every way in, counting before the password is checked (issue 7, point 3)."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.signals import user_login_failed
from django.db import connections
from django.test import override_settings

from accounts import services
from core.errors import ApplicationError
from tests.helpers import PASSWORD

ADMIN_LOGIN = "/admin/login/"


@pytest.mark.django_db
def test_the_admin_login_obeys_the_same_limits(personas, client, settings):
    """Before, /admin/login/ ignored them: a supervisor locked out elsewhere still got in there."""
    settings.LOGIN_FAILURES_PER_USERNAME = 2
    for _ in range(2):
        client.post(ADMIN_LOGIN, {"username": "p-supervisor", "password": "nope", "next": "/admin/"})
    response = client.post(ADMIN_LOGIN, {"username": "p-supervisor", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 200  # the form again, with the refusal
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_admin_login_still_signs_in_staff(personas, client):
    response = client.post(ADMIN_LOGIN, {"username": "p-admin", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.admin.pk)


@pytest.mark.django_db(transaction=True)
@override_settings(LOGIN_FAILURES_PER_USERNAME=5, LOGIN_FAILURES_PER_IP=1000)
def test_parallel_wrong_passwords_are_counted_before_they_are_checked(personas):
    """30 simultaneous guesses from one address: only the first 5 reach the password check."""
    checked = []
    user_login_failed.connect(lambda **kwargs: checked.append(1), weak=False, dispatch_uid="count-checks")
    start = threading.Barrier(30)
    refused: list[str] = []

    def guess() -> None:
        start.wait()
        try:
            services.user_login(
                request=None, username="p-applicant", password="guess", address="198.51.100.9"
            )
        except ApplicationError as exc:
            refused.append(exc.code)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=guess) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(dispatch_uid="count-checks")
    assert len(checked) == 5
    assert sorted(refused) == sorted(["not_authenticated"] * 5 + ["throttled"] * 25)
