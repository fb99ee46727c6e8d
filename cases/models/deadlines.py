from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    ACCEPTANCE_DECISION = "acceptance_decision", _("Decide on acceptance")
    SUPPLEMENT_NOTICE = "supplement_notice", _("Tell the applicant what to supplement")
    SERVE_RESPONDENT = "serve_respondent", _("Serve the application on the respondent")
    DEFENCE = "defence", _("Respondent's defence")
    SERVE_DEFENCE = "serve_defence", _("Serve the defence on the applicant")
    TRIBUNAL_NOTICE = "tribunal_notice", _("Notify the tribunal's composition")
    PRE_MEDIATION = "pre_mediation", _("Pre-filing mediation")
    RULING = "ruling", _("Ruling")
    HEARING_STAGE = "hearing_stage", _("Hearing stage window")
    HEARING_NOTICE = "hearing_notice", _("Serve the hearing notice on the parties")
    COUNTER_APPLICATION_DECISION = "counter_decision", _("Decide on the counter-application")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused")


class Responsible(models.TextChoices):
    """Who must act by the deadline: only the commission's own lapses are escalated."""

    COMMISSION = "commission", _("Commission")
    TRIBUNAL = "tribunal", _("Tribunal")
    MEDIATOR = "mediator", _("Mediation organisation")
    RESPONDENT = "respondent", _("Respondent")
    PARTIES = "parties", _("Parties")


class Deadline(models.Model):
    """A legal deadline of a case, as computed by ``cases.deadlines`` from the case's events.

    Stored for querying (the docket, reminders, overdue sweeps); recomputed whenever its inputs change.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("kind"), max_length=30, choices=DeadlineKind.choices)
    key = models.CharField(
        max_length=50, blank=True, help_text="distinguishes several of one kind (hearing stages)"
    )
    starts_on = models.DateField(_("counted from"))
    days = models.PositiveSmallIntegerField(_("days"))
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("A year the period touches has no published holiday schedule."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    responsible = models.CharField(max_length=20, choices=Responsible.choices, default=Responsible.COMMISSION)
    basis = models.CharField(_("legal basis"), max_length=60, blank=True)
    # Reminder and escalation bookkeeping, claimed by conditional UPDATEs so each is sent once; reset
    # when the due date moves (a suspension, an extension), which starts a new cycle.
    reminded_days_before = models.PositiveSmallIntegerField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "key"], name="one_deadline_per_kind")]
        indexes = [
            models.Index(fields=["status", "due_on"], name="deadline_sweep"),
            # Open deadlines by kind: the clerks' docket shows every case with an open commission duty.
            models.Index(
                fields=["kind", "case"], condition=Q(completed_on__isnull=True), name="deadline_open_by_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"
