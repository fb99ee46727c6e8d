from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.identifiers import validate_mobile


class Role(models.TextChoices):
    """The roles of ../shared/domain.md §1. A party user's role in a given case comes from the case."""

    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    AGENT = "agent", _("Agent")
    CLERK = "clerk", _("Clerk")
    MEDIATOR = "mediator", _("Mediator")
    ARBITRATOR = "arbitrator", _("Arbitrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


PARTY_ROLES = frozenset({Role.APPLICANT, Role.RESPONDENT, Role.AGENT})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("mobile"), max_length=11, blank=True, validators=[validate_mobile])
    party = models.ForeignKey(
        "cases.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The person or organisation this user is, or acts for as its representative."),
    )
    mediation_organisation = models.ForeignKey(
        "cases.MediationOrganisation",
        verbose_name=_("mediation organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediators",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="mediator_has_organisation",
                condition=~Q(role="mediator") | Q(mediation_organisation__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username
