"""Linked cases (串案, 集约处理): many workers' cases against one employer, handled together.

A group is not a collective dispute (``Case.is_collective``, R Arts. 63-65): each worker keeps their own
case, parties, claims, timeline and outcome; the group only lets the commission take the same step on all
of them at once, under one lead arbitrator. The system proposes groups (``GroupProposal``) from the open
cases against one employer; a clerk confirms or dismisses each proposal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseGroup(models.Model):
    label = models.CharField(_("label"), max_length=200)
    # The employer every member is against: its unified social credit code, and its name when linked.
    respondent_code = models.CharField(_("respondent's credit code"), max_length=18, db_index=True)
    respondent_name = models.CharField(_("respondent"), max_length=200, blank=True)
    lead_arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead arbitrator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_case_groups",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    # Set while a group action runs (``cases.services.groups.group_act`` claims it with a conditional
    # UPDATE), so that two runs on one group do not interleave.
    acting_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case group")
        verbose_name_plural = _("case groups")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class GroupProposal(models.Model):
    """Open cases the system found alike (one employer, overlapping claims, filed close together)."""

    respondent_code = models.CharField(_("respondent's credit code"), max_length=18, db_index=True)
    respondent_name = models.CharField(_("respondent"), max_length=200, blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="+")
    categories = models.JSONField(_("claim categories in common"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    group = models.ForeignKey(
        CaseGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )

    class Meta:
        verbose_name = _("link proposal")
        verbose_name_plural = _("link proposals")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "respondent_code"], name="group_proposal_status")]

    def __str__(self) -> str:
        return f"{self.respondent_code} ({self.status})"
