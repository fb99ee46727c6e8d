"""The mediation page linked from the case page, registered with ``cases.registry.CASE_LINKS``, and the
workspace in the navigation, both from ``MediationConfig.ready()`` (the case app never imports mediation)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from cases.models import Case, Side, Status
from cases.registry import CASE_LINKS, PARTY_ACTIONS, CaseLink, PartyAction
from core.web.navigation import NAVIGATION
from mediation import selectors
from mediation.models import AgreementStatus, MediationAgreement

SECTION = _("Mediation")


def shows_mediation(case: Case, user: User) -> bool:
    """Anyone with a part in the dispute's mediation, once it has been in mediation."""
    if case.status not in (Status.PRE_MEDIATION, Status.MEDIATION) and not case.mediation_episodes.exists():
        return False
    return selectors.mediation_role(user, case) is not None


def register() -> None:
    CASE_LINKS.register(
        CaseLink(
            name="mediation",
            section=SECTION,
            label=_("Mediation"),
            url_name="mediation-case",
            permission=shows_mediation,
            description=_("Messages with the mediator, the mediation agreement and its confirmation."),
            position=5,
            owner="mediation",
        )
    )
    PARTY_ACTIONS.register("mediation-agreements", agreements_to_confirm)
    NAVIGATION.add(_("Mediation workspace"), "mediation-workspace", {Role.MEDIATOR}, position=14)
    NAVIGATION.add(_("Mediation reviews"), "mediation-reviews", {Role.CLERK, Role.SUPERVISOR}, position=15)


def agreements_to_confirm(user: User, sides: dict[int, set[str]]) -> list[PartyAction]:
    """For the party's home page (``cases.registry.PARTY_ACTIONS``): agreements awaiting its confirmation."""
    awaiting = MediationAgreement.objects.filter(case_id__in=list(sides), status=AgreementStatus.AWAITING)
    fields = ("case_id", "applicant_confirmed_at", "respondent_confirmed_at")
    return [
        PartyAction(
            case_id=case_id,
            kind="confirm_agreement",
            label=_("Confirm the mediation agreement"),
            url=reverse("mediation-party", args=[case_id]),
        )
        for case_id, applicant_at, respondent_at in awaiting.values_list(*fields)
        if (Side.APPLICANT in sides[case_id] and applicant_at is None)
        or (Side.RESPONDENT in sides[case_id] and respondent_at is None)
    ]
