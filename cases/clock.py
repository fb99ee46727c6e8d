"""The one place that reads the clock, so tests can freeze time (time-machine) and legal days are
always reckoned in Asia/Shanghai whatever the server's zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LEGAL_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return timezone.now()


def today() -> date:
    """Today's date in Asia/Shanghai: the day legal periods are counted in."""
    return local_date(now())


def local_date(moment: datetime) -> date:
    return moment.astimezone(LEGAL_TZ).date()
