"""The case pages in the navigation, registered from ``CasesConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import (
    APPLYING_ROLES,
    COUNTER_ROLES,
    DOCKET_ROLES,
    OVERSIGHT_ROLES,
    PARTY_ROLES,
    STAFF_LIST_ROLES,
    Role,
)
from core.web.navigation import NAVIGATION


def register() -> None:
    NAVIGATION.add(_("My cases"), "case-list", PARTY_ROLES, position=10)
    NAVIGATION.add(_("File an application"), "case-apply", APPLYING_ROLES, position=11)
    NAVIGATION.add(_("Intake queue"), "intake-queue", COUNTER_ROLES, position=12)
    NAVIGATION.add(_("Register an application"), "case-register", {Role.CLERK}, position=13)
    NAVIGATION.add(_("Referred disputes"), "case-list", {Role.MEDIATOR}, position=14)
    NAVIGATION.add(_("Docket"), "docket", DOCKET_ROLES - {Role.ADMIN}, position=15)
    NAVIGATION.add(_("All cases"), "case-list", STAFF_LIST_ROLES, position=16)
    NAVIGATION.add(_("Service ratings to follow up"), "review-follow-ups", OVERSIGHT_ROLES, position=84)
    NAVIGATION.add(_("Linked cases"), "case-groups", COUNTER_ROLES | {Role.ARBITRATOR}, position=17)
