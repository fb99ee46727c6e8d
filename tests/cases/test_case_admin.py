"""The Django admin shows cases to the admin but cannot add or rewrite them: cases change only through
their steps."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_cannot_rewrite_cases(personas, client):
    client.force_login(personas.admin)
    assert client.get("/admin/cases/case/").status_code == 200
    assert client.get("/admin/cases/case/add/").status_code == 403
