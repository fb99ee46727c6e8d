"""Reads about accounts and parties, with the visibility rule of the party registry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import Party
from accounts.roles import PARTY_REGISTRY_ROLES, has_role


def parties_visible_to(user: Any) -> QuerySet[Party]:
    """The party registry: staff who register and hear cases see all; anyone else only their own party."""
    if has_role(user, PARTY_REGISTRY_ROLES):
        return Party.objects.all()
    if user.is_authenticated and user.party_id:
        return Party.objects.filter(pk=user.party_id)
    return Party.objects.none()
