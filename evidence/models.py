"""Evidence items (证据) on a case: declared, uploaded straight to storage, checked, then never changed.

An item's bytes live in object storage under a key derived from the case, the item and the SHA-256 the
submitter declared; the app never relays them. An item becomes ``available`` only once the stored
object's size, fingerprint and real type (read from its content) match the declaration. A correction is
a new item that ``supersedes`` the old; both stay in the history. Downloads are recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for the upload")
    AVAILABLE = "available", _("Available")
    REJECTED = "rejected", _("Rejected: the upload did not match")
    EXPIRED = "expired", _("Expired: never uploaded")


class Opinion(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class EvidenceItem(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence")
    # The side that submits it ("" for what the tribunal collects itself, R Art. 35).
    side = models.CharField(_("side"), max_length=20, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Submission order within the side's catalogue (证据目录), counted among available items.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose of proof"))
    filename = models.CharField(_("file name"), max_length=255)
    declared_type = models.CharField(max_length=100)
    declared_size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    detected_type = models.CharField(max_length=100, blank=True)
    key = models.CharField(max_length=300, unique=True)
    version_id = models.CharField(max_length=200, blank=True)
    status = FSMField(default=Status.PENDING, choices=Status.choices, protected=True)
    rejection = models.CharField(max_length=40, blank=True)  # the 422 code a finalize answered
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    upload_expires_at = models.DateTimeField()
    created_at = models.DateTimeField()
    finalized_at = models.DateTimeField(null=True, blank=True)
    retained_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        ordering = ["case", "side", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "side", "number"],
                name="evidence_number_once_per_side",
                condition=Q(number__gt=0),
            ),
            models.CheckConstraint(name="evidence_sha256_hex", condition=Q(sha256__regex=r"^[0-9a-f]{64}$")),
            models.CheckConstraint(
                name="available_evidence_is_numbered",
                condition=~Q(status="available") | Q(number__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["status", "upload_expires_at"], name="evidence_pending_expiry")]

    def __str__(self) -> str:
        return self.title

    @transition(field=status, source=Status.PENDING, target=Status.AVAILABLE)
    def make_available(self) -> None:
        pass

    @transition(field=status, source=Status.PENDING, target=Status.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=status, source=Status.PENDING, target=Status.EXPIRED)
    def expire(self) -> None:
        pass


class EvidenceAccess(models.Model):
    """One download link handed out: who, when, which item. The tribunal reads this log."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["item", "at"], name="evidence_access_by_item")]

    def __str__(self) -> str:
        return f"{self.user} → {self.item} at {self.at:%Y-%m-%d %H:%M}"


class CrossExamination(models.Model):
    """The opposing side's opinion (质证意见) on one item: authenticity, legality, relevance, and why."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="opinions")
    side = models.CharField(_("side"), max_length=20)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authenticity = models.CharField(_("authenticity"), max_length=10, choices=Opinion.choices)
    legality = models.CharField(_("legality"), max_length=10, choices=Opinion.choices)
    relevance = models.CharField(_("relevance"), max_length=10, choices=Opinion.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "side"], name="one_opinion_per_side_per_item")]

    def __str__(self) -> str:
        return f"{self.side} on {self.item}"
