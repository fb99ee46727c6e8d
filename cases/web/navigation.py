"""The navigation each role sees. Entries name URL patterns; an entry whose page is not installed is
skipped, so apps add their pages here without the layout knowing about them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Role, User


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]


ALL = frozenset(Role.values)
PARTIES = frozenset({Role.APPLICANT, Role.RESPONDENT, Role.AGENT})

NAVIGATION: list[NavItem] = [
    NavItem(_("Home"), "home", ALL),
    NavItem(_("My cases"), "case-list", PARTIES),
    NavItem(_("File an application"), "case-apply", frozenset({Role.APPLICANT, Role.AGENT})),
    NavItem(_("Intake queue"), "intake-queue", frozenset({Role.CLERK, Role.SUPERVISOR})),
    NavItem(_("Register an application"), "case-register", frozenset({Role.CLERK})),
    NavItem(_("Referred disputes"), "case-list", frozenset({Role.MEDIATOR})),
    NavItem(_("Docket"), "docket", frozenset({Role.ARBITRATOR})),
    NavItem(_("All cases"), "case-list", frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMIN})),
    NavItem(_("Holiday calendar"), "holiday-calendar", frozenset({Role.SUPERVISOR, Role.ADMIN, Role.CLERK})),
    NavItem(_("Notifications"), "notifications", ALL),
    NavItem(_("Administration"), "admin:index", frozenset({Role.ADMIN, Role.SUPERVISOR})),
]


def navigation_for(user: User, current_path: str) -> list[dict[str, object]]:
    items = []
    for item in NAVIGATION:
        if user.role not in item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": False})
    # Only the most specific matching entry is the current one: /cases/apply/ is not also "My cases".
    matching = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(i["url"]))
    ]
    if matching:
        max(matching, key=lambda i: len(str(i["url"])))["active"] = True
    return items
