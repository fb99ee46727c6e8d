"""The home page's registry: each app adds the sections that answer "what do I do now" for some roles.

A section names a template and a function that builds its context for the signed-in user (``None`` hides
it). The platform knows no app's models: the case app adds the actions due and the work of the day, the
supervision app its headline figures. Each builder must run a fixed number of queries, whatever the
number of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    build: Callable[[Any], dict[str, Any] | None]
    roles: frozenset[str]
    position: int = 50


class HomeSections:
    def __init__(self) -> None:
        self._sections: dict[str, HomeSection] = {}

    def add(
        self,
        name: str,
        template: str,
        build: Callable[[Any], dict[str, Any] | None],
        roles: Iterable[str],
        position: int = 50,
    ) -> None:
        if name in self._sections:
            raise ValueError(f"home section {name!r} is already registered")
        self._sections[name] = HomeSection(name, template, build, frozenset(roles), position)

    @contextmanager
    def scoped(self) -> Iterator[HomeSections]:
        """Sections added inside the block are gone after it (for tests that plug in a section)."""
        saved = dict(self._sections)
        try:
            yield self
        finally:
            self._sections = saved

    def for_user(self, user: Any) -> list[dict[str, Any]]:
        role = getattr(user, "role", None)
        sections = []
        for section in sorted(self._sections.values(), key=lambda s: s.position):
            if role not in section.roles:
                continue
            context = section.build(user)
            if context is not None:
                sections.append({"name": section.name, "template": section.template, "context": context})
        return sections


HOME = HomeSections()
