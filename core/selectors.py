"""The platform's reads: a user's own inbox."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.models import CalendarDay, CalendarYear, Notification


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


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
