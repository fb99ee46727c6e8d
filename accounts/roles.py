"""Every set of roles the system decides by, in one place. Rules and pages name these, never a literal set.

A party user's role in a given case comes from the case (``Case.side_of``); these sets are about the
account's role.
"""

from __future__ import annotations

from typing import Any

from accounts.models import Role

ALL_ROLES = frozenset(Role.values)
# Parties and their agents: they see their own cases only.
PARTY_ROLES = frozenset({Role.APPLICANT, Role.RESPONDENT, Role.AGENT})
# Who files an application online, for itself or (an agent) for the party it acts for.
FILING_ROLES = frozenset({Role.APPLICANT, Role.RESPONDENT, Role.AGENT})
# Who starts an application from the "apply" page (a respondent files a counter-claim from its case).
APPLYING_ROLES = frozenset({Role.APPLICANT, Role.AGENT})
# The commission's intake: registers counter applications, accepts, serves; supervisors stand in.
COUNTER_ROLES = frozenset({Role.CLERK, Role.SUPERVISOR})
# The intake queue page; admins may look too.
INTAKE_ROLES = frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMIN})
# The arbitrators' docket page.
DOCKET_ROLES = frozenset({Role.ARBITRATOR, Role.SUPERVISOR, Role.ADMIN})
# The commission's own people (everyone but the parties and their agents): e.g. who may list the arbitrators.
STAFF_ROLES = frozenset({Role.CLERK, Role.MEDIATOR, Role.ARBITRATOR, Role.SUPERVISOR, Role.ADMIN})
# Who sees every case.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
# The "all cases" list in the navigation (clerks see the register and the cases they worked on).
STAFF_LIST_ROLES = frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMIN})
# Who maintains the holiday calendar, and who may look at it.
CALENDAR_EDITORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
CALENDAR_VIEWERS = frozenset({Role.SUPERVISOR, Role.ADMIN, Role.CLERK})
# Who may read the party registry (everyone else reads their own party only).
PARTY_REGISTRY_ROLES = frozenset({Role.CLERK, Role.ARBITRATOR, Role.SUPERVISOR, Role.ADMIN})
# Who publishes anonymised awards and flags typical cases (arbitration.publication).
PUBLICATION_ROLES = frozenset({Role.SUPERVISOR})
# Who sees the employers with recurring awards against them and records recommendation letters.
RECOMMENDATION_ROLES = frozenset({Role.SUPERVISOR, Role.ARBITRATOR})
# Who may open the admin site.
ADMIN_SITE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


def has_role(user: Any, roles: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """Anonymous users have no role; inactive users lose theirs."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", None) in roles)


__all__ = [
    "ADMIN_SITE_ROLES",
    "ALL_ROLES",
    "APPLYING_ROLES",
    "CALENDAR_EDITORS",
    "CALENDAR_VIEWERS",
    "COUNTER_ROLES",
    "DOCKET_ROLES",
    "FILING_ROLES",
    "INTAKE_ROLES",
    "OVERSIGHT_ROLES",
    "PARTY_REGISTRY_ROLES",
    "PARTY_ROLES",
    "PUBLICATION_ROLES",
    "RECOMMENDATION_ROLES",
    "STAFF_LIST_ROLES",
    "STAFF_ROLES",
    "Role",
    "has_role",
]
