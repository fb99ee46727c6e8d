"""Corrections (补正) of clerical errors in an issued award or mediation document, each a new version.

Until the award documents themselves are kept, the correction is the record: which document, its version
(the issued text is version 1, each correction the next), the corrected text and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosingDocument(models.TextChoices):
    AWARD = "award", _("Award")
    MEDIATION_DOCUMENT = "mediation_document", _("Mediation document")


class DocumentCorrection(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="corrections")
    document = models.CharField(_("document"), max_length=30, choices=ClosingDocument.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    corrected_text = models.TextField(_("corrected text"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["document", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "document", "version"], name="one_correction_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.document} v{self.version}"
