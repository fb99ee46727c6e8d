from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from cases.models import Case, CaseEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


EVENT_FIELDS = ("created_at", "kind", "actor", "from_status", "to_status", "reason")


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "procedure", "received_at", "accepted_at", "next_due_on"]
    list_filter = ["status", "procedure", "is_collective"]
    search_fields = ["case_number", "parties__party__name"]
    inlines = [CaseEventInline]
