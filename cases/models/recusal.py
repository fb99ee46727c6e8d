"""Recusal (回避, L Arts. 33-34): a party's application to remove a named arbitrator, and the chair's
decision. The timeline records both steps; this row keeps where each application stands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RecusalGround(models.TextChoices):
    """L Art. 33."""

    PARTY_OR_RELATIVE = (
        "party_or_relative",
        _("The arbitrator is a party, or a close relative of a party or agent"),
    )
    INTEREST = "interest", _("The arbitrator has an interest in the case")
    OTHER_RELATION = (
        "other_relation",
        _("Another relation with a party or agent that may affect impartiality"),
    )
    PRIVATE_CONTACT = "private_contact", _("Met a party or agent privately, or accepted gifts or hospitality")


class RecusalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the chair's decision")
    GRANTED = "granted", _("Granted: the arbitrator was replaced")
    REFUSED = "refused", _("Refused")


class RecusalApplication(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="recusals")
    side = models.CharField(_("side"), max_length=20)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied at"))
    arbitrator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("ground"), max_length=30, choices=RecusalGround.choices)
    reason = models.TextField(_("reasons"))
    status = models.CharField(
        _("status"), max_length=10, choices=RecusalStatus.choices, default=RecusalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    replacement = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "arbitrator"],
                condition=Q(status="pending"),
                name="one_pending_recusal_per_arbitrator",
            ),
            models.CheckConstraint(
                name="granted_recusal_names_replacement",
                condition=~Q(status="granted") | Q(replacement__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.arbitrator_id} ({self.status})"
