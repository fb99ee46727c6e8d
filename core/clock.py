"""The one place that reads the clock, so tests can freeze time (time-machine) and legal days are
always reckoned in Asia/Shanghai whatever the server's zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LEGAL_TZ = ZoneInfo("Asia/Shanghai")
_override: ContextVar[datetime | None] = ContextVar("clock_override", default=None)


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return _override.get() or timezone.now()


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Run services as if it were ``moment`` (demo data with a history; the API never does this)."""
    if timezone.is_naive(moment):
        raise ValueError("clock.at needs an aware datetime")
    token = _override.set(moment)
    try:
        yield
    finally:
        _override.reset(token)


def today() -> date:
    """Today's date in Asia/Shanghai: the day legal periods are counted in."""
    return local_date(now())


def local_date(moment: datetime) -> date:
    return moment.astimezone(LEGAL_TZ).date()
