"""The respondent's counter-application (反申请, R Art. 36), with its own claims.

Filed within the defence period; the commission decides within 5 days whether to accept it. Accepted, it
is joined to the case (its claims shown apart from the applicant's) and the ruling period restarts from
the acceptance (R Art. 46). After the defence period a counter-claim is a separate application.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models.case import ClaimCategory


class CounterStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the commission's decision")
    ACCEPTED = "accepted", _("Accepted and joined to the case")
    REFUSED = "refused", _("Not accepted")


class CounterApplication(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="counter_applications")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"))
    facts = models.TextField(_("facts and reasons"))
    status = models.CharField(
        _("status"), max_length=20, choices=CounterStatus.choices, default=CounterStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="one_pending_counter_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} counter-application {self.pk}"


class CounterClaim(models.Model):
    application = models.ForeignKey(CounterApplication, on_delete=models.CASCADE, related_name="claims")
    category = models.CharField(_("category"), max_length=40, choices=ClaimCategory.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount or ''}"
