"""Advance execution (先予执行, L Art. 44): a worker asks that wages, work-injury medical fees, economic
compensation or damages be paid before the award; the tribunal grants it only when the rights and
obligations are clear and not paying first would seriously affect the applicant's life, and a granted
ruling is transferred to the people's court for execution.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AdvanceKind(models.TextChoices):
    WAGES = "wages", _("Wages (labour remuneration)")
    MEDICAL_FEES = "medical_fees", _("Work-injury medical fees")
    COMPENSATION = "compensation", _("Economic compensation or damages")


class AdvanceStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the tribunal's decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class AdvanceExecution(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="advance_executions")
    kind = models.CharField(_("for"), max_length=20, choices=AdvanceKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    grounds = models.TextField(_("grounds"))
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField()
    status = models.CharField(
        _("status"), max_length=20, choices=AdvanceStatus.choices, default=AdvanceStatus.PENDING
    )
    rights_clear = models.BooleanField(null=True)
    serious_effect = models.BooleanField(null=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.CheckConstraint(name="advance_amount_positive", condition=Q(amount__gt=0)),
            models.CheckConstraint(
                name="advance_granted_on_both_conditions",
                condition=~Q(status="granted") | Q(rights_clear=True, serious_effect=True),
            ),
            models.CheckConstraint(
                name="advance_transferred_only_if_granted",
                condition=Q(transferred_on__isnull=True) | Q(status="granted"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} advance execution {self.get_kind_display()} {self.amount}"
