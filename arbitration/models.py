"""Arbitration's records: the local figures the calculator and the final-award rule read."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FigureKind(models.TextChoices):
    MINIMUM_WAGE = "minimum_wage", _("Monthly minimum wage")
    AVERAGE_WAGE = "average_monthly_wage", _("Local average monthly wage")


class LocalFigure(models.Model):
    """A local figure from the day it takes effect until the next one of its kind.

    The monthly minimum wage decides the final-award line (12×, L Art. 47); the local average monthly wage
    caps the compensation base (3×, Labour Contract Law Art. 47). Supervisors keep the table (the admin
    site); every calculation names the row it used.
    """

    kind = models.CharField(_("figure"), max_length=30, choices=FigureKind.choices)
    region = models.CharField(_("region"), max_length=50, default="广州市")
    amount = models.DecimalField(
        _("amount (yuan a month)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("local figure")
        verbose_name_plural = _("local figures")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "region", "effective_from"], name="one_figure_a_day"),
            models.CheckConstraint(name="figure_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region} {self.amount} ({self.effective_from})"
