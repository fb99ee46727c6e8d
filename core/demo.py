"""The demo story registry: each app seeds its own demo data, and ``seed_demo`` runs every story.

An app registers its stories from its ``AppConfig.ready()`` (the code in its ``demo.py``, the data in a
file beside it), naming the stories it builds on: ``cases`` files its cases for the people ``accounts``
made, so it runs after it. The platform knows no app's models, so a story hands what it made to the
stories after it through the ``DemoContext``, by model and demo key: ``context.get(User, "clerk")``.

A story must be idempotent: it looks each record up by a natural key before creating it and returns
counts of what it created (a second run creates nothing), yet it puts what it found in the context as
well, so the stories after it find the same records on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

Counts = dict[str, int]  # what a story created: {"users": 12, "cases": 60}
Seed = Callable[["DemoContext"], Counts]
M = TypeVar("M", bound=Model)


class StoryError(ImproperlyConfigured):
    """The registered stories cannot be run: a story comes after one no installed app registers, two
    depend on each other in a cycle, or one name is registered twice."""


@dataclass(frozen=True)
class Story:
    """One app's demo data: ``seed(context)`` makes what is missing and returns counts of what it made."""

    name: str
    seed: Seed
    after: tuple[str, ...] = ()  # names of the stories whose records this one needs


class DemoContext:
    """What the stories run so far made or found, by model and demo key, for the stories after them."""

    def __init__(self) -> None:
        self._records: dict[type[Model], dict[str, Model]] = {}

    def add(self, key: str, record: Model) -> None:
        """Let later stories find ``record`` as ``get(type(record), key)``."""
        self._records.setdefault(type(record), {})[key] = record

    def get(self, model: type[M], key: str) -> M:
        """The record an earlier story added under ``key``; a KeyError naming what is missing otherwise."""
        try:
            return cast(M, self._records[model][key])
        except KeyError:
            raise KeyError(
                f"no demo {model.__name__} {key!r}: does the story that makes it run before this one?"
            ) from None

    def all(self, model: type[M]) -> dict[str, M]:
        """Every record of ``model`` the stories so far added, by demo key, in the order they were added."""
        return cast(dict[str, M], dict(self._records.get(model, {})))


class DemoStories:
    """The registered stories, run in an order where every story comes after the ones it names."""

    def __init__(self) -> None:
        self._stories: dict[str, Story] = {}

    def register(self, name: str, seed: Seed, *, after: Iterable[str] = ()) -> Story:
        """Add a story; a second story of one name is a mistake (two apps would seed the same thing)."""
        if name in self._stories:
            raise StoryError(f"demo story {name!r} is already registered")
        story = Story(name, seed, tuple(after))
        self._stories[name] = story
        return story

    def unregister(self, name: str) -> None:
        self._stories.pop(name, None)

    @contextmanager
    def scoped(self) -> Iterator[DemoStories]:
        """Registrations made inside the block are undone after it (for tests that plug in a story)."""
        stories = dict(self._stories)
        try:
            yield self
        finally:
            self._stories = stories

    def ordered(self) -> list[Story]:
        """Every story after the ones it names, otherwise in registration order (so in INSTALLED_APPS
        order when apps register from ``ready()``); checked when run, since apps register in any order."""
        placed: dict[str, Story] = {}

        def place(name: str, path: tuple[str, ...]) -> None:
            if name in placed:
                return
            if name in path:
                cycle = " -> ".join((*path[path.index(name) :], name))
                raise StoryError(f"demo stories depend on each other in a cycle: {cycle}")
            story = self._stories.get(name)
            if story is None:
                raise StoryError(
                    f"demo story {path[-1]!r} comes after {name!r}, but no installed app registers {name!r}"
                )
            for before in story.after:
                place(before, (*path, name))
            placed[name] = story

        for name in self._stories:
            place(name, ())
        return list(placed.values())

    def run(self, context: DemoContext | None = None) -> Counts:
        """Run every story in order with one shared context; the counts of what they created, summed by
        kind in the order the kinds first appear."""
        context = DemoContext() if context is None else context
        created: Counts = {}
        for story in self.ordered():
            for kind, count in story.seed(context).items():
                created[kind] = created.get(kind, 0) + count
        return created


STORIES = DemoStories()
