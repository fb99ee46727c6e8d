"""Collective disputes (R Arts. 63-65): the election of the representatives, and the represented workers'
consent to what only they may authorise — changing or dropping claims, withdrawing, settling.

The representatives act for the group (``CaseParty.is_representative`` says who they are now); each
election is kept as a record, and so is each consent, which one act uses up (``used_by``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models.case import Case


class CollectiveScope(models.TextChoices):
    """What the represented workers consent to (R Art. 63)."""

    AMEND_CLAIMS = "amend_claims", _("Change or add claims")
    WITHDRAW = "withdraw", _("Withdraw or drop the claims")
    SETTLE = "settle", _("Settle (mediation agreement)")


class RepresentativeElection(models.Model):
    """The workers of a collective dispute elected these 3 to 5 representatives (R Art. 63)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="elections")
    representatives = models.ManyToManyField("cases.CaseParty", related_name="+")
    elected_on = models.DateField(_("elected on"))
    minutes = models.TextField(_("how they were elected"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} election {self.elected_on}"


class CollectiveConsent(models.Model):
    """The represented workers consented to one act of their representatives; the act uses it up."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="collective_consents")
    scope = models.CharField(_("consent to"), max_length=20, choices=CollectiveScope.choices)
    workers = models.ManyToManyField("cases.CaseParty", related_name="+")
    text = models.TextField(_("what they consented to"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()
    used_by = models.ForeignKey(
        "cases.CaseEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} consent to {self.scope}"


def acts_as_representative(case: Case, user: User) -> bool:
    """The user is an elected representative of the workers, or the verified agent of one."""
    from cases.models.case import CaseParty, Mandate

    reps = CaseParty.objects.filter(case=case, side="applicant", is_representative=True)
    if user.party_id and reps.filter(party_id=user.party_id).exists():
        return True
    return case.agents.filter(user=user, mandate=Mandate.VERIFIED, case_party__in=reps).exists()


def consent_available(case: Case, scope: str) -> CollectiveConsent | None:
    """An unused consent to ``scope`` given by every worker the representatives represent (R Art. 63)."""
    from cases.models.case import CaseParty

    represented = set(
        CaseParty.objects.filter(case=case, side="applicant", is_representative=False).values_list(
            "pk", flat=True
        )
    )
    consents = CollectiveConsent.objects.filter(
        case=case, scope=scope, used_by__isnull=True
    ).prefetch_related("workers")
    return next((c for c in consents if represented <= {w.pk for w in c.workers.all()}), None)
