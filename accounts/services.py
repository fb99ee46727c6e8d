"""Writes about accounts and parties: creating them, signing in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from knox.models import AuthToken

from accounts.identifiers import validate_id_number
from accounts.login_guard import LoginGuard
from accounts.models import MediationOrganisation, Party, PartyKind, Role, User
from accounts.roles import COUNTER_ROLES, has_role
from accounts.sms_codes import Purpose, code_check, code_send
from accounts.verification import get_verifier
from accounts.wechat import bind_token_for, get_wechat_auth, openid_from_bind_token
from core import clock
from core.errors import ApplicationError, Conflict, Forbidden, field_error


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
        # An account made with its party is made by the commission (an admin, the demo), who vouches for it.
        identity_verified_by=User.Verification.REGISTERED if party is not None else "",
        identity_verified_at=clock.now() if party is not None else None,
        mediation_organisation=mediation_organisation,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    if role == Role.SUPERVISOR:
        user.is_staff = True  # the admin site shows a supervisor the holiday calendar, nothing else
    user.save()
    if role == Role.SUPERVISOR:
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="core", codename__in=SUPERVISOR_ADMIN_PERMISSIONS
            )
        )
    return user


SUPERVISOR_ADMIN_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("calendarday", "calendaryear")
]


def user_login(*, request: HttpRequest | None, username: str, password: str, address: str | None) -> User:
    """Check a username and password, counting failures per username and per address."""
    guard = LoginGuard(username, address)
    wait = guard.admit()  # counted before the password is checked
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


def party_from_input(data: dict[str, Any], field: str) -> Party:
    """The registered party with this number, or a new one; the number identifies a party across cases."""
    kind = data["kind"]
    lookup = (
        {"id_number": data["id_number"]} if kind == PartyKind.PERSON else {"credit_code": data["credit_code"]}
    )
    existing = Party.objects.filter(**lookup).first()
    if existing is not None:
        if existing.kind != kind:
            raise field_error(f"{field}.kind", _("This number is registered to a party of another kind."))
        return existing
    try:
        with transaction.atomic():
            return party_create(**data)
    except IntegrityError:  # registered concurrently by another request: use that one
        return Party.objects.get(**lookup)


class IdentityUnverified(ApplicationError):
    status_code = 400
    code = "identity_unverified"


def party_registered(data: dict[str, Any]) -> Party | None:
    """The party already registered under the number in ``data``, if any."""
    if data["kind"] == PartyKind.PERSON:
        return Party.objects.filter(id_number=data.get("id_number")).first()
    return Party.objects.filter(credit_code=data.get("credit_code")).first()


def _link(user: User, party: Party, how: str) -> User:
    """Tie an account to the party it is: only by one of the verified paths (``how``)."""
    if user.party_id is not None and user.party_id != party.pk:
        raise Conflict(_("Your account already acts for another party."))
    if party.users.exclude(pk=user.pk).filter(is_active=True).exists():
        raise Conflict(
            _("This person or organisation already has an account; please ask the filing window for help.")
        )
    user.party = party
    user.identity_verified_by = how
    user.identity_verified_at = clock.now()
    user.save(update_fields=["party", "identity_verified_by", "identity_verified_at"])
    return user


@transaction.atomic
def user_verify_real_name(*, user: User, name: str, id_number: str) -> User:
    """Real-name verification (实名认证): the provider confirms the name and ID number; the account becomes
    that person (registered now if the number is new)."""
    id_number = validate_id_number(id_number)
    if not get_verifier().verify(name=name, id_number=id_number):
        raise IdentityUnverified(
            _("The name and ID number could not be verified; check them, or verify at the filing window."),
            fields={"id_number": [_("Not confirmed by the real-name check.")]},
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    party = party_registered({"kind": PartyKind.PERSON, "id_number": id_number}) or party_create(
        kind=PartyKind.PERSON, name=name, id_number=id_number
    )
    return _link(user, party, User.Verification.REAL_NAME)


@transaction.atomic
def user_link_party_at_counter(*, clerk: User, user: User, party: Party) -> User:
    """A clerk who has seen the person's identity document (or the company's licence and mandate) at the
    counter ties the account to the party."""
    if not has_role(clerk, COUNTER_ROLES):
        raise Forbidden(_("Only the filing window links an account to a party."))
    user = User.objects.select_for_update().get(pk=user.pk)
    return _link(user, party, User.Verification.COUNTER)


def token_issue(*, user: User) -> tuple[str, datetime | None]:
    """A new API token for this sign-in (one per device) and when it expires; only its digest is stored."""
    instance, token = AuthToken.objects.create(user=user)
    return token, instance.expiry


def token_revoke(*, token: AuthToken) -> None:
    """Log out one device: its token only; the account's other devices stay signed in."""
    token.delete()


def token_revoke_all(*, user: User) -> int:
    """Log out everywhere."""
    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted


def sms_code_request(*, phone: str, purpose: str) -> None:
    """Text a sign-up or reset code. The answer never says whether the number has an account: a number
    that has one is texted a reminder instead of a sign-up code, a number without one gets no reset code."""
    registered = _account_by_phone(phone) is not None
    if purpose == Purpose.SIGNUP and registered:
        code_send(
            phone=phone,
            purpose=purpose,
            text=_("This number already has an account. Forgot the password? Reset it with this number."),
        )
    elif purpose == Purpose.RESET and not registered:
        return
    else:
        code_send(phone=phone, purpose=purpose)


def _account_by_phone(phone: str) -> User | None:
    return User.objects.filter(username=phone).first() or User.objects.filter(phone=phone).first()


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(_("Invalid input."), fields={"password": list(exc.messages)}) from None


@transaction.atomic
def user_sign_up(
    *, phone: str, code: str, password: str, display_name: str = "", bind_token: str = ""
) -> User:
    """A party's own account, by mobile number: the number is the username, proved by the SMS code. With
    the ``bind_token`` of a WeChat sign-in, that WeChat identity signs in to the account from then on."""
    _check_password(password, User(username=phone, phone=phone, display_name=display_name))
    openid = openid_from_bind_token(bind_token) if bind_token else None
    if openid is not None:
        _refuse_taken_openid(openid)
    code_check(phone=phone, purpose=Purpose.SIGNUP, code=code)
    if _account_by_phone(phone) is not None:  # no sign-up code goes to such a number: a race
        raise field_error(
            "phone", _("This number already has an account; sign in or reset the password."), code="duplicate"
        )
    user = user_create(
        username=phone, password=password, role=Role.APPLICANT, display_name=display_name, phone=phone
    )
    if openid is not None:
        _tie_openid(user, openid)
    return user


class NotBound(ApplicationError):
    status_code = 404
    code = "not_bound"


def user_wechat_sign_in(*, code: str) -> User:
    """The account tied to the WeChat identity behind the mini-program's ``wx.login`` code. An unknown
    identity makes no account: the refusal carries a ``bind_token`` to finish signing up by phone."""
    identity = get_wechat_auth().exchange(code)
    user = User.objects.filter(wechat_openid=identity.openid, is_active=True).first()
    if user is None:
        raise NotBound(
            _(
                "This WeChat account is not tied to an account yet: sign up with your mobile number, "
                "or sign in and tie it."
            ),
            extra={"bind_token": bind_token_for(identity)},
        )
    return user


def _refuse_taken_openid(openid: str, user: User | None = None) -> None:
    others = User.objects.filter(wechat_openid=openid)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise Conflict(_("This WeChat account is already tied to another account."))


def _tie_openid(user: User, openid: str) -> None:
    """Save the WeChat identity on the account; the unique index refuses one tied elsewhere meanwhile."""
    try:
        with transaction.atomic():
            user.wechat_openid = openid
            user.save(update_fields=["wechat_openid"])
    except IntegrityError:  # tied to another account concurrently
        raise Conflict(_("This WeChat account is already tied to another account.")) from None


@transaction.atomic
def user_link_wechat(*, user: User, bind_token: str) -> User:
    """Tie a signed-in account to the WeChat identity of a ``bind_token`` (from a WeChat sign-in)."""
    openid = openid_from_bind_token(bind_token)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.wechat_openid and user.wechat_openid != openid:
        raise Conflict(_("Your account is already tied to another WeChat account."))
    _refuse_taken_openid(openid, user)
    _tie_openid(user, openid)
    return user


@transaction.atomic
def user_reset_password(*, phone: str, code: str, password: str) -> User:
    """A new password for this mobile number's account, proved by the SMS code; signs out every device."""
    user = _account_by_phone(phone)
    _check_password(password, user)
    code_check(phone=phone, purpose=Purpose.RESET, code=code)
    if user is None or not user.is_active:  # no code is sent to such a number: unreachable but for a race
        raise field_error("code", _("The code is not right."), code="wrong_code")
    user.set_password(password)
    user.save(update_fields=["password"])
    token_revoke_all(user=user)
    return user
