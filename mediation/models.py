"""Mediation's own records: the confidential thread and the agreements with their items.

The episode each belongs to is a fact about the dispute and lives in ``cases`` (``MediationEpisode``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Side


class Recipient(models.TextChoices):
    APPLICANT = "applicant", _("The applicant")
    RESPONDENT = "respondent", _("The respondent")
    BOTH = "both", _("Both parties")


class Author(models.TextChoices):
    MEDIATOR = "mediator", _("Mediator")
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")


class MediationMessage(models.Model):
    """One message of the thread: the mediator to one party or both, or a party to the mediator."""

    episode = models.ForeignKey("cases.MediationEpisode", on_delete=models.CASCADE, related_name="messages")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="mediation_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_side = models.CharField(max_length=20, choices=Author.choices)
    to = models.CharField(_("to"), max_length=20, choices=Recipient.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="mediation_thread")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.author_side}→{self.to}"


class AgreementStatus(models.TextChoices):
    AWAITING = "awaiting_confirmation", _("Awaiting the parties' confirmation")
    CONFIRMED = "confirmed", _("Confirmed by both parties")
    SUPERSEDED = "superseded", _("Replaced by a later draft")


class MediationAgreement(models.Model):
    """A mediation agreement (调解协议书) the mediator drew up; binding on the dispute once both confirm."""

    episode = models.ForeignKey("cases.MediationEpisode", on_delete=models.PROTECT, related_name="agreements")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="mediation_agreements")
    status = models.CharField(
        max_length=30, choices=AgreementStatus.choices, default=AgreementStatus.AWAITING
    )
    terms = models.TextField(_("terms"), blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    applicant_confirmed_at = models.DateTimeField(null=True, blank=True)
    applicant_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondent_confirmed_at = models.DateTimeField(null=True, blank=True)
    respondent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status="awaiting_confirmation"),
                name="one_agreement_awaiting_per_episode",
            )
        ]

    def __str__(self) -> str:
        return f"agreement {self.pk} of {self.case_id}"


class ItemKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    OTHER = "other", _("Other obligation")


class AgreementItem(models.Model):
    """One obligation of an agreement: who pays (or does) what, by when."""

    agreement = models.ForeignKey(MediationAgreement, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    obligor = models.CharField(_("obligor"), max_length=20, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(name="agreement_item_amount_not_negative", condition=Q(amount__gte=0)),
            models.CheckConstraint(
                name="payment_item_has_amount", condition=~Q(kind="payment") | Q(amount__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligor} {self.kind} {self.amount or ''}"


class AgreementPayment(models.Model):
    """A payment made under an agreement's item, as a party (or the mediator) recorded it, with proof."""

    item = models.ForeignKey(AgreementItem, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    evidence = models.ManyToManyField("evidence.EvidenceItem", blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(name="payment_amount_positive", condition=Q(amount__gt=0))]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.amount}"


class ReviewStatus(models.TextChoices):
    APPLYING = "applying", _("One party has applied; awaiting the other")
    PENDING = "pending", _("Jointly applied; awaiting the commission")
    ISSUED = "issued", _("Mediation document (调解书) issued")
    REFUSED = "refused", _("Refused")


class AgreementReview(models.Model):
    """The parties' joint application to have an agreement confirmed into a 调解书 (R Art. 74)."""

    agreement = models.OneToOneField(MediationAgreement, on_delete=models.PROTECT, related_name="review")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.APPLYING)
    applicant_applied_at = models.DateTimeField(null=True, blank=True)
    respondent_applied_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="refused_review_has_reasons", condition=~Q(status="refused") | ~Q(reasons="")
            )
        ]

    def __str__(self) -> str:
        return f"review of {self.agreement_id}: {self.status}"
