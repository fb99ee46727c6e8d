"""Reads about accounts and parties, with the visibility rule of the party registry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import MediationOrganisation, Party, Role, User
from accounts.roles import PARTY_REGISTRY_ROLES, PARTY_ROLES, has_role


def parties_visible_to(user: Any) -> QuerySet[Party]:
    """The party registry: staff who register and hear cases see all; anyone else only their own party."""
    if has_role(user, PARTY_REGISTRY_ROLES):
        return Party.objects.all()
    if user.is_authenticated and user.party_id:
        return Party.objects.filter(pk=user.party_id)
    return Party.objects.none()


def active_arbitrators() -> QuerySet[User]:
    """Who may be seated on a tribunal, in the order the pages list them."""
    return User.objects.filter(role=Role.ARBITRATOR, is_active=True).order_by("display_name", "username")


def active_agents() -> QuerySet[User]:
    """The agents' (lawyers') accounts, e.g. to bind a legal-aid lawyer to a case, in the pages' order."""
    return User.objects.filter(role=Role.AGENT, is_active=True).order_by("display_name", "username")


def mediation_organisations() -> QuerySet[MediationOrganisation]:
    return MediationOrganisation.objects.order_by("name")


def party_accounts() -> QuerySet[User]:
    """The accounts that may be tied to a party: active parties' and agents' accounts."""
    return User.objects.filter(is_active=True, role__in=PARTY_ROLES)
