"""The mediation page linked from the case page, registered with ``cases.registry.CASE_LINKS``, and the
workspace in the navigation, both from ``MediationConfig.ready()`` (the case app never imports mediation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from cases.models import Case, Status
from cases.registry import CASE_LINKS, CaseLink
from core.web.navigation import NAVIGATION
from mediation import selectors

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
    NAVIGATION.add(_("Mediation workspace"), "mediation-workspace", {Role.MEDIATOR}, position=14)
    NAVIGATION.add(_("Mediation reviews"), "mediation-reviews", {Role.CLERK, Role.SUPERVISOR}, position=15)
