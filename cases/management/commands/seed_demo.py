import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD
from core.demo import STORIES, StoryError

# Seeding sends a few hundred notifications: they go to the inboxes, not line by line to the console.
CHATTY_LOGGERS = ("core.notifications", "celery.app.trace")


@contextmanager
def quieter(names: tuple[str, ...] = CHATTY_LOGGERS) -> Iterator[None]:
    """Seeding's notifications at WARNING and above only, restored afterwards."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Run every app's demo story in dependency order: the demo accounts (password demo12345), "
        "about sixty demo cases with a history, and whatever else the apps register. "
        "Idempotent; refused unless ALLOW_DEMO_DATA is on (it is in the development profile)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo creates accounts with a published password: refused unless ALLOW_DEMO_DATA is on."
            )
        started = time.monotonic()
        try:
            with quieter():
                created = STORIES.run()
        except StoryError as error:  # a story no app registers, or a cycle: say which, no traceback
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready (created {summary} in {time.monotonic() - started:.1f}s). "
                f"Password: {DEMO_PASSWORD}"
            )
        )
