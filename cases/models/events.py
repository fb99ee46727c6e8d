from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The case timeline cannot be edited.")

    def delete(self):
        raise PermissionDenied("The case timeline cannot be deleted.")


class CaseEvent(models.Model):
    """One entry of a case's timeline: a transition or an action, by whom, when, why.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses them too
    (migration ``0003``), so nobody can rewrite the record through the app or the admin.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["case", "created_at"], name="event_timeline"),
            # Clerks see the cases they have worked on (cases.selectors.cases_visible_to).
            models.Index(fields=["actor", "case"], name="event_by_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionDenied("The case timeline cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The case timeline cannot be deleted.")
