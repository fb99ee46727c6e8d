"""Reads, with the visibility rule of each kind of record. Every list or detail goes through here."""

from __future__ import annotations

from django.db.models import QuerySet

from cases.models import Notification, Party, Role, User

PARTY_REGISTRY_ROLES = (Role.CLERK, Role.ARBITRATOR, Role.SUPERVISOR, Role.ADMIN)


def has_role(user: User, *roles: str) -> bool:
    """Anonymous users have no role; inactive users lose theirs."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", None) in roles)


def parties_visible_to(user: User) -> QuerySet[Party]:
    """The party registry: staff who register and hear cases see all; anyone else only their own party."""
    if has_role(user, *PARTY_REGISTRY_ROLES):
        return Party.objects.all()
    if user.is_authenticated and user.party_id:
        return Party.objects.filter(pk=user.party_id)
    return Party.objects.none()


def notifications_for(user: User) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
