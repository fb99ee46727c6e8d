"""Writes: each service is atomic, validates, saves, and queues its side effects on commit."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cases import clock
from cases.errors import ApplicationError, field_error
from cases.login_guard import LoginGuard
from cases.models import MediationOrganisation, Notification, Party, PartyKind, Role, User


class LoginRefused(ApplicationError):
    status_code = 401
    code = "not_authenticated"


class LoginThrottled(ApplicationError):
    status_code = 429
    code = "throttled"


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    phone: str = "",
    party: Party | None = None,
    mediation_organisation: MediationOrganisation | None = None,
) -> User:
    """A new account; admins also get Django's admin site."""
    if role == Role.MEDIATOR and mediation_organisation is None:
        raise field_error("mediation_organisation", _("A mediator belongs to a mediation organisation."))
    user = User(
        username=username,
        role=role,
        display_name=display_name,
        phone=phone,
        party=party,
        mediation_organisation=mediation_organisation,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def user_login(*, request: HttpRequest | None, username: str, password: str, address: str | None) -> User:
    """Check a username and password, counting failures per username and per address."""
    guard = LoginGuard(username, address)
    wait = guard.retry_after()
    if wait is not None:
        raise LoginThrottled(
            _("Too many failed logins; please wait %(seconds)d seconds and try again.") % {"seconds": wait},
            headers={"Retry-After": str(wait)},
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        guard.record_failure()
        raise LoginRefused(_("Wrong username or password."))
    guard.record_success()
    return user


@transaction.atomic
def party_create(
    *,
    kind: str,
    name: str,
    id_number: str | None = None,
    credit_code: str | None = None,
    legal_representative: str = "",
    phone: str = "",
    address: str = "",
) -> Party:
    """Register a new party; refuses a number that is already registered."""
    if kind == PartyKind.PERSON and Party.objects.filter(id_number=id_number).exists():
        raise field_error(
            "id_number", _("A party with this ID number is already registered."), code="duplicate"
        )
    if kind == PartyKind.ORGANISATION and Party.objects.filter(credit_code=credit_code).exists():
        raise field_error(
            "credit_code", _("A party with this credit code is already registered."), code="duplicate"
        )
    return Party.objects.create(
        kind=kind,
        name=name,
        id_number=id_number if kind == PartyKind.PERSON else None,
        credit_code=credit_code if kind == PartyKind.ORGANISATION else None,
        legal_representative=legal_representative,
        phone=phone,
        address=address,
    )


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark some (or, with no ids, all) of the user's unread notifications read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=clock.now())
