"""The navigation registry: each app adds its pages for the roles that should see them.

Entries name URL patterns; an entry whose page is not installed is skipped. Roles are plain strings
(``accounts.models.Role`` values) so the platform needs to know no app's models. Items appear in the
order of ``position``, then of registration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None  # None: every signed-in user
    position: int = 50


class Navigation:
    def __init__(self) -> None:
        self._items: list[NavItem] = []

    def add(
        self, label: str | Promise, url_name: str, roles: Iterable[str] | None, position: int = 50
    ) -> None:
        self._items.append(
            NavItem(label, url_name, frozenset(roles) if roles is not None else None, position)
        )

    @contextmanager
    def scoped(self) -> Iterator[Navigation]:
        """Entries added inside the block are gone after it (for tests that plug in a page)."""
        saved = list(self._items)
        try:
            yield self
        finally:
            self._items = saved

    def items(self) -> list[NavItem]:
        return sorted(self._items, key=lambda item: item.position)  # stable: ties keep registration order


NAVIGATION = Navigation()


def navigation_for(user: Any, current_path: str) -> list[dict[str, object]]:
    role = getattr(user, "role", None)
    items: list[dict[str, object]] = []
    for item in NAVIGATION.items():
        if item.roles is not None and role not in item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": False})
    # Only the most specific matching entry is the current one: /cases/apply/ is not also "My cases".
    matching = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(str(i["url"])))
    ]
    if matching:
        max(matching, key=lambda i: len(str(i["url"])))["active"] = True
    return items
