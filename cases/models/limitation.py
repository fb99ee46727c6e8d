from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LimitationFacts(models.Model):
    """The dates the limitation period (仲裁时效, L Art. 27) is counted from, as the commission recorded
    them; ``cases.limitation`` does the arithmetic. The timeline keeps every version, and whether the
    respondent raised limitation (``raise_limitation``)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="limitation")
    arose_on = models.DateField(_("claim arose on"))
    knew_on = models.DateField(_("worker knew or should have known on"))
    unpaid_wages = models.BooleanField(_("unpaid wages during employment"), default=False)
    employment_ended_on = models.DateField(_("employment ended on"), null=True, blank=True)
    # ISO dates of interruptions; {"began", "ended"} ISO date pairs of suspensions.
    interruptions = models.JSONField(default=list, blank=True)
    suspensions = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("limitation facts")
        verbose_name_plural = _("limitation facts")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.knew_on}"
