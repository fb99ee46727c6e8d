from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from core import services
from core.models import CalendarDay, CalendarYear, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]


# --- the holiday calendar: supervisors edit it here or at /calendar/; both go through the services so
# open deadlines are recomputed after every change ------------------------------------------------------


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "published", "source", "updated_at", "updated_by"]
    fields = ["year", "published"]

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        services.calendar_publish_year(user=request.user, year=obj.year, published=obj.published)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        services.calendar_set_day(user=request.user, day=obj.date, kind=obj.kind, name=obj.name)

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        services.calendar_set_day(user=request.user, day=obj.date, kind=None)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in queryset:
            self.delete_model(request, day)


# --- cases: read-only here; every change goes through the services and onto the timeline ---------------
