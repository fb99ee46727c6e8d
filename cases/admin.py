from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.models import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseEvent,
    MediationOrganisation,
    Notification,
    Party,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "party", "mediation_organisation", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role"), {"fields": ["role", "display_name", "phone", "party", "mediation_organisation"]}),
    )
    raw_id_fields = ["party"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "id_number", "credit_code", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "id_number", "credit_code"]


@admin.register(MediationOrganisation)
class MediationOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "street"]


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

    def save_model(self, request, obj, form, change) -> None:
        services.calendar_publish_year(user=request.user, year=obj.year, published=obj.published)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change) -> None:
        services.calendar_set_day(user=request.user, day=obj.date, kind=obj.kind, name=obj.name)

    def delete_model(self, request, obj) -> None:
        services.calendar_set_day(user=request.user, day=obj.date, kind=None)

    def delete_queryset(self, request, queryset) -> None:
        for day in queryset:
            self.delete_model(request, day)


# --- cases: read-only here; every change goes through the services and onto the timeline ---------------


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ["created_at", "kind", "actor", "from_status", "to_status", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "procedure", "received_at", "accepted_at", "next_due_on"]
    list_filter = ["status", "procedure", "is_collective"]
    search_fields = ["case_number", "parties__party__name"]
    inlines = [CaseEventInline]
