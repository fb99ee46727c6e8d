"""Who uses the system: accounts and their roles, the parties they are or act for, organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import identifiers

# Django calls a field's validators for the error they raise; ours also return the number in canonical
# form, for the input serializers, and Django ignores that. The stubs want validators returning None.
validate_mobile = cast("Callable[[Any], None]", identifiers.validate_mobile)
validate_id_number = cast("Callable[[Any], None]", identifiers.validate_id_number)
validate_credit_code = cast("Callable[[Any], None]", identifiers.validate_credit_code)


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


class User(AbstractUser):
    class Verification(models.TextChoices):
        """How the account was tied to its party: never by what the account itself declared."""

        REAL_NAME = "real_name", _("Real-name verification")
        COUNTER = "counter", _("Checked at the filing window")
        ACCESS_CODE = "access_code", _("Access code on a served notice")
        REGISTERED = "registered", _("Registered with the party by the commission")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("mobile"), max_length=11, blank=True, validators=[validate_mobile])
    # The language notifications reach this user in outside the pages (pushes, SMS): set by the switch.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    party = models.ForeignKey(
        "accounts.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The person or organisation this user is, or acts for as its representative."),
    )
    identity_verified_by = models.CharField(
        _("identity verified by"), max_length=20, choices=Verification.choices, blank=True
    )
    identity_verified_at = models.DateTimeField(_("identity verified at"), null=True, blank=True)
    wechat_openid = models.CharField(
        _("WeChat openid"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The WeChat identity that signs in to this account from the mini-program."),
    )
    mediation_organisation = models.ForeignKey(
        "accounts.MediationOrganisation",
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
        return User.name_from(self.display_name, self.first_name, self.last_name, self.username)

    @staticmethod
    def name_from(display_name: str, first_name: str, last_name: str, username: str) -> str:
        """``name`` of these fields, for rows read without making a user (``cases.selectors``)."""
        return display_name or f"{first_name} {last_name}".strip() or username


class PartyKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class Party(models.Model):
    """A person (by resident ID number) or an organisation (by unified social credit code).

    The number identifies the party across cases: an application naming a known number is linked
    to the existing party, and through it to the party's user accounts.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(
        _("resident ID number"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_id_number],
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_credit_code],
    )
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=11, blank=True, validators=[validate_mobile])
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["id"]
        # On PostgreSQL, migration accounts.0002 adds a trigram index for the docket's search by party name.
        constraints = [
            models.CheckConstraint(
                name="party_identifier_matches_kind",
                condition=(
                    Q(kind="person", id_number__isnull=False, credit_code__isnull=True)
                    | Q(kind="organisation", credit_code__isnull=False, id_number__isnull=True)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        return (self.id_number if self.kind == PartyKind.PERSON else self.credit_code) or ""


class MediationOrganisation(models.Model):
    """A mediation organisation: a street mediation centre, an enterprise committee, or the institute."""

    class Kind(models.TextChoices):
        STREET_CENTRE = "street_centre", _("Street mediation centre")
        ENTERPRISE_COMMITTEE = "enterprise_committee", _("Enterprise mediation committee")
        INSTITUTE = "institute", _("Arbitration institute mediators")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.STREET_CENTRE)
    street = models.CharField(_("street"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("mediation organisation")
        verbose_name_plural = _("mediation organisations")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
