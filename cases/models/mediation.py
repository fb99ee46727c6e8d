"""Mediation episodes: the facts about a dispute's mediation that the supervision figures count.

An episode is a fact about the dispute (who mediated, when, how it ended), so it lives with the case:
the figures read it here without importing ``mediation/``. Only ``mediation`` services write it (they
open and conclude episodes as the case's mediation steps are recorded); the thread, the agreements and
their items are mediation's own records, in ``mediation/models.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MediationStage(models.TextChoices):
    PRE_FILING = "pre_filing", _("Pre-filing mediation")
    IN_ARBITRATION = "in_arbitration", _("Mediation in arbitration")


class MediationOutcome(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    FAILED = "failed", _("Failed")
    TIMEOUT = "timeout", _("Time limit lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MediationEpisode(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="mediation_episodes")
    stage = models.CharField(_("stage"), max_length=20, choices=MediationStage.choices)
    organisation = models.ForeignKey(
        "accounts.MediationOrganisation",
        verbose_name=_("mediation organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mediator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_episodes",
    )
    started_at = models.DateTimeField(_("started at"))
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=MediationOutcome.choices, blank=True)
    # Why it ended as it did, when the outcome alone does not say: ``declined`` (the respondent refused
    # mediation), ``ended_by_applicant`` (the applicant asked to go on to arbitration).
    outcome_detail = models.CharField(max_length=40, blank=True)
    # Both parties have confirmed an agreement of this episode: the guard of ``record_mediation_agreement``.
    agreement_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mediation episode")
        verbose_name_plural = _("mediation episodes")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(concluded_at__isnull=True), name="one_open_mediation_per_case"
            ),
            models.CheckConstraint(
                name="concluded_mediation_has_outcome",
                condition=Q(concluded_at__isnull=True, outcome="")
                | (Q(concluded_at__isnull=False) & ~Q(outcome="")),
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "outcome"], name="mediation_episode_figures"),
            # The supervision figures count the episodes concluded in a period.
            models.Index(fields=["stage", "concluded_at"], name="mediation_episode_concluded"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.outcome or 'open'}"
