import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases import demo

# Seeding sends a few hundred notifications: they go to the inboxes, not line by line to the console.
CHATTY_LOGGERS = ("core.notifications", "celery.app.trace")


@contextmanager
def quieter(names: tuple[str, ...] = CHATTY_LOGGERS) -> Iterator[None]:
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
        "Create the demo accounts (password demo12345) and about sixty demo cases with a history. "
        "Idempotent; refused when DEBUG is off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: refused when DEBUG is off."
            )
        started = time.monotonic()
        created = demo.seed_accounts()
        with quieter():
            created["cases"] = demo.seed_cases()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready (created {summary} in {time.monotonic() - started:.1f}s). "
                f"Password: {demo.DEMO_PASSWORD}"
            )
        )
