"""The navigation registry: an app adds its page for some roles; the layout shows it to exactly those."""

from __future__ import annotations

import pytest

from core.web.navigation import NAVIGATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    with NAVIGATION.scoped():
        NAVIGATION.add("Plug-in hearing room", "notifications", {"arbitrator"}, position=5)
        NAVIGATION.add("Not installed", "no-such-page", None, position=6)
        yield


def _labels(client, user) -> list[str]:
    client.force_login(user)
    return [str(item["label"]) for item in client.get("/").context["navigation"]]


def test_an_added_page_reaches_its_roles_in_order_and_nobody_else(registered, client, personas):
    arbitrator = _labels(client, personas.arbitrator)
    assert "Plug-in hearing room" in arbitrator
    # Position 5: after the home page (0), before the case pages (10 and on).
    assert arbitrator.index("Plug-in hearing room") == 1
    for other in (personas.applicant, personas.clerk, personas.supervisor, personas.outsider):
        assert "Plug-in hearing room" not in _labels(client, other)


def test_an_entry_whose_page_is_not_installed_is_skipped(registered, client, personas):
    assert "Not installed" not in _labels(client, personas.supervisor)
