"""The platform's records: the API's idempotency replay, the inbox and its deliveries, the holiday table."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.messages import render


class IdempotencyRecord(models.Model):
    """The first response to a POST carrying an ``Idempotency-Key``, replayed to retries of it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of method, path and body")
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"


class Notification(models.Model):
    """One message in a user's in-app inbox; other channels (SMS, WeChat) deliver copies of it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=50)
    # What the reader sees, rendered when read in the reader's language from ``message`` (the untranslated
    # message ids and their parameters); ``title``/``body`` hold the text as rendered when sent, shown as
    # they are by rows written before messages were stored (and by admin lists).
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    message = models.JSONField(_("message"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Makes a notification "sent once": a second attempt with the same key for the same user is a no-op.
    dedupe_key = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                name="notification_once_per_key",
                condition=~Q(dedupe_key=""),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user"], name="notification_unread", condition=Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the active language (the stored text for an old row)."""
        return render(self.message["title"]) if self.message.get("title") else self.title

    @property
    def shown_body(self) -> str:
        return render(self.message["body"]) if self.message.get("body") else self.body


class NotificationDelivery(models.Model):
    """A notification's delivery through one outside channel, claimed once so retries never resend."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="one_delivery_per_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.status}"


class CalendarYear(models.Model):
    """Whether a year's official holiday schedule (the State Council's notice) is in the table."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    published = models.BooleanField(_("schedule published"), default=False)
    source = models.CharField(_("source"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A statutory holiday, or a weekend day made a working day (调休). Other days follow the weekday."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), primary_key=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class OutboxMessage(models.Model):
    """A task to run because of a committed write, stored in that write's transaction (``core.outbox``).

    Pending until its task has run: published to the broker after commit and by the periodic relay, and
    published again when a run is not reported within ``OUTBOX_REDELIVER_SECONDS`` (the broker may have
    lost it). Tasks sent this way must be idempotent.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(db_index=True)
    # When the relay may next publish it: now for a new row, later after a failed publish (backoff) or
    # after a publish whose run has not yet been reported.
    available_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0, help_text="times published or tried to publish")
    last_error = models.CharField(max_length=300, blank=True)
    relayed_at = models.DateTimeField(null=True, blank=True, help_text="last published to the broker")
    completed_at = models.DateTimeField(null=True, blank=True, help_text="its task ran")

    class Meta:
        indexes = [
            models.Index(
                fields=["available_at"], name="outbox_pending", condition=Q(completed_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"
