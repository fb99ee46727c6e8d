"""Service (送达) of a document on one side of a case: how, when it was sent, when it took effect, and the
proof. The day it took effect is the party's receipt, from which the periods counted from receipt run
(the defence, L Art. 30; the windows to sue or to apply to set an award aside, L Arts. 48-50).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServedDocument(models.TextChoices):
    APPLICATION = "application", _("Arbitration application and notice to respond")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Acceptance notice")
    DEFENCE = "defence", _("Defence")
    HEARING_NOTICE = "hearing_notice", _("Hearing notice")
    MEDIATION_DOCUMENT = "mediation_document", _("Mediation document (调解书)")
    AWARD = "award", _("Award")
    OTHER = "other", _("Other document")


class ServiceMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronically (with the party's consent)")
    POST = "post", _("By post, with a return receipt")
    IN_PERSON = "in_person", _("In person, against a signed receipt")
    PHONE = "phone", _("By phone (simplified procedure)")
    SMS = "sms", _("By SMS (simplified procedure)")
    PUBLIC_NOTICE = "public_notice", _("By public notice (公告送达)")


class Service(models.Model):
    """One document served on one side. ``effective_at`` is empty until the service took effect: an
    electronic one when it reached the system (the party's first opening, or a delivery receipt), a postal
    or personal one on the receipt's date, phone or SMS once the party confirmed, a public notice when its
    period has run."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="services")
    document = models.CharField(_("document"), max_length=30, choices=ServedDocument.choices)
    # The stored document (arbitration's case documents) when there is one; a plain id, not a key, so
    # that ``cases`` never depends on the app that keeps the documents.
    document_id = models.PositiveBigIntegerField(_("document id"), null=True, blank=True)
    side = models.CharField(_("side"), max_length=20)
    method = models.CharField(_("method"), max_length=20, choices=ServiceMethod.choices)
    sent_at = models.DateTimeField(_("sent"))
    effective_at = models.DateTimeField(_("took effect"), null=True, blank=True)
    # How it took effect: opened, delivery_receipt, receipt (post, in person), confirmed (phone, SMS),
    # notice_period (public notice).
    effective_by = models.CharField(max_length=30, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proof = models.TextField(_("proof"), blank=True)
    confirmed = models.BooleanField(_("receipt confirmed"), default=False)
    # Public notice: the notice's last day; the days from ``sent_at`` to it do not count toward the ruling
    # period (R Art. 46).
    notice_ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["case", "document", "side"], name="service_of_document"),
            # The supervision figures: the awards received at or after an instant (lawsuit windows).
            models.Index(fields=["document", "effective_at"], name="service_by_effect"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.document} → {self.side} ({self.method})"
