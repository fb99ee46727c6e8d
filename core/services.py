"""The platform's writes: the inbox and the holiday calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core import clock
from core.errors import Forbidden, field_error
from core.models import CalendarDay, CalendarYear, Notification
from core.signals import calendar_changed


def user_language_set(*, user: Any, language: str) -> None:
    """The language the user is told things in outside the pages (see ``core.notify``)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def notifications_mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    """Mark some (or, with no ids, all) of the user's unread notifications read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=clock.now())


# --- the holiday calendar --------------------------------------------------------------------------------


def _calendar_editor(user: Any) -> None:
    """Supervisors hold the calendar permissions (given when their account is made); admins hold all."""
    if not (user.is_active and user.has_perm("core.change_calendarday")):
        raise Forbidden(_("Only a supervisor maintains the holiday calendar."))


def _after_calendar_change(year: int) -> None:
    """The apps whose deadlines count working days recompute them: they queue it in this transaction
    (``core.outbox``), and it runs in the background after commit."""
    calendar_changed.send(sender=CalendarYear, year=year, background=True)


@transaction.atomic
def calendar_set_day(*, user: Any, day: date, kind: str | None, name: str = "") -> None:
    """Mark a day a holiday or a make-up working day, or (``kind`` None) back to an ordinary day."""
    _calendar_editor(user)
    if kind is None:
        CalendarDay.objects.filter(date=day).delete()
    else:
        if kind not in CalendarDay.Kind.values:
            raise field_error("kind", _("A day is a holiday or a make-up working day."))
        if kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
            raise field_error("kind", _("Only a Saturday or Sunday can be made a working day."))
        CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
    year, _created = CalendarYear.objects.get_or_create(year=day.year)
    year.source = _("edited by %(user)s") % {"user": user.name}
    year.updated_by = user
    year.save()
    _after_calendar_change(day.year)


@transaction.atomic
def calendar_publish_year(*, user: Any, year: int, published: bool) -> CalendarYear:
    """Declare a year's schedule complete (the State Council's notice is entered), or not."""
    _calendar_editor(user)
    entry, _created = CalendarYear.objects.get_or_create(year=year)
    entry.published = published
    entry.updated_by = user
    if not entry.source:
        entry.source = _("edited by %(user)s") % {"user": user.name}
    entry.save()
    _after_calendar_change(year)
    return entry
