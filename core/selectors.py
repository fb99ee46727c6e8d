"""The platform's reads: a user's own inbox."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, QuerySet

from core.models import CalendarDay, CalendarYear, Notification
from core.prepared import AnyOf, PreparedQuery


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


# Compiled once (core.prepared): ``GET /api/v1/me/`` asks it on every start of the mini-program.
_UNREAD = PreparedQuery(
    lambda users: (
        Notification.objects.filter(AnyOf(F("user_id"), users), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("n")
    )
)


def unread_count(user: Any) -> int:
    rows = _UNREAD.rows([user.pk])
    return int(rows[0][0]) if rows else 0


def calendar_year(year: int) -> CalendarYear | None:
    return CalendarYear.objects.filter(year=year).select_related("updated_by").first()


def calendar_days(year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(date__year=year).order_by("date")


def unpublished_years(years: set[int]) -> set[int]:
    """Those of ``years`` whose official holiday schedule is not in the table."""
    if not years:
        return set()
    published = set(
        CalendarYear.objects.filter(year__in=years, published=True).values_list("year", flat=True)
    )
    return years - published
