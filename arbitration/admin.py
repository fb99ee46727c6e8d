from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from accounts.roles import CALENDAR_EDITORS, has_role
from arbitration.models import LocalFigure


@admin.register(LocalFigure)
class LocalFigureAdmin(admin.ModelAdmin):
    """Supervisors keep the local figures, as they keep the holiday calendar (the same role set): the role
    decides here, not a Django permission granted account by account."""

    list_display = ["kind", "region", "amount", "effective_from", "source"]
    list_filter = ["kind", "region"]
    ordering = ["kind", "-effective_from"]

    def _editor(self, request: HttpRequest) -> bool:
        return has_role(request.user, CALENDAR_EDITORS)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._editor(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._editor(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._editor(request)
