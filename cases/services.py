"""Writes: each service is atomic, validates, saves, and queues its side effects on commit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cases import clock, deadlines, permissions
from cases.actions import ACTIONS
from cases.deadlines import DEFENCE_DAYS, HEARING_NOTICE_DAYS, MAX_EXTENSION_DAYS
from cases.errors import ApplicationError, Conflict, Forbidden, InvalidTransition, NotFound, field_error
from cases.login_guard import LoginGuard
from cases.models import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseAgent,
    CaseConsent,
    CaseEvent,
    CaseNumberSequence,
    CaseParty,
    Claim,
    Deadline,
    DeadlineStatus,
    MediationOrganisation,
    Notification,
    Party,
    PartyKind,
    Procedure,
    Responsible,
    Role,
    Side,
    Status,
    SuspensionGround,
    TribunalMember,
    User,
)
from cases.models.case import INTAKE, OPEN_ARBITRATION, TERMINAL
from cases.notify import notify
from cases.push import case_group, push


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
    if role == Role.SUPERVISOR:
        user.is_staff = True  # the admin site shows a supervisor the holiday calendar, nothing else
    user.save()
    if role == Role.SUPERVISOR:
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="cases", codename__in=SUPERVISOR_ADMIN_PERMISSIONS
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


# =====================================================================================================
# Cases: filing, the lifecycle transitions and the procedural actions.
# Every service locks the case row, checks the step is available to this user, changes the case, adds a
# timeline event, recomputes the deadlines, and queues notifications for after the commit.
# =====================================================================================================

ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ACCESS_CODE_LENGTH = 8


@dataclass(frozen=True)
class ClaimInput:
    category: str
    description: str
    amount: Decimal | None = None


def _party_from_input(data: dict[str, Any], field: str) -> Party:
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


def _record(
    case: Case,
    kind: str,
    actor: User | None,
    *,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        created_at=clock.now(),
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        data=data or {},
    )
    message = {
        "type": "case.event",
        "case": case.pk,
        "event": event.pk,
        "kind": kind,
        "status": case.status,
        "at": event.created_at.isoformat(),
    }
    transaction.on_commit(lambda: push(case_group(case.pk), message))
    return event


def side_users(case: Case, side: str) -> list[User]:
    """Everyone who acts for a side: the parties' own accounts and their agents."""
    party_ids = case.parties.filter(side=side).values_list("party_id", flat=True)
    users = list(User.objects.filter(party_id__in=party_ids, is_active=True))
    users += [
        a.user for a in case.agents.filter(case_party__side=side).select_related("user") if a.user.is_active
    ]
    return users


def tribunal_users(case: Case) -> list[User]:
    return [m.arbitrator for m in case.tribunal.select_related("arbitrator")]


def case_url(case: Case) -> str:
    return reverse("case-detail", args=[case.pk])


def _tell(case: Case, users: Iterable[User], kind: str, title: str, body: str = "") -> None:
    """Notify after commit, naming the case."""
    users = list(users)
    label = case.case_number or _("application no. %(id)s") % {"id": case.pk}

    def send() -> None:
        notify(users, kind=kind, title=f"{label}：{title}", body=body, url=case_url(case))

    transaction.on_commit(send)


def _lock(case: Case) -> Case:
    """The case row, locked for this transaction: concurrent steps on one case run one after another."""
    return Case.objects.select_for_update(of=("self",)).prefetch_related("consents").get(pk=case.pk)


def _check_transition(case: Case, name: str, user: User) -> None:
    transitions = [t for t in case.get_all_status_transitions() if t.name == name]
    if not transitions:
        raise NotFound(_("There is no such step."))
    current = next((t for t in transitions if t.source == case.status), None)
    if current is None:
        raise InvalidTransition(
            _("This step is not possible while the case is “%(status)s”.")
            % {"status": case.get_status_display()},
            extra={"status": case.status},
        )
    if not current.has_perm(case, user):
        raise Forbidden(_("You may not take this step on this case."))
    failing = next((c for c in current.conditions if not c(case)), None)
    if failing is not None:
        raise ApplicationError(str(failing.reason), fields={failing.field: [str(failing.reason)]})


def _check_action(case: Case, name: str, user: User) -> None:
    action = ACTIONS[name]
    if case.status not in action.statuses:
        raise InvalidTransition(
            _("This step is not possible while the case is “%(status)s”.")
            % {"status": case.get_status_display()},
            extra={"status": case.status},
        )
    if not action.permission(case, user):
        raise Forbidden(_("You may not take this step on this case."))
    failing = next((c for c in action.conditions if not c(case)), None)
    if failing is not None:
        raise ApplicationError(str(failing.reason), fields={failing.field: [str(failing.reason)]})


def ensure_transition(case: Case, name: str, user: User) -> None:
    """Check, before reading the request's input, that this user may fire ``name`` on the case now."""
    _check_transition(case, name, user)


def ensure_action(case: Case, name: str, user: User) -> None:
    _check_action(case, name, user)


def _take_on(case: Case, user: User) -> None:
    """The clerk who first handles an application becomes its clerk (and keeps seeing it)."""
    if case.clerk_id is None and user.role == Role.CLERK:
        case.clerk = user


def _fire(
    case: Case, name: str, user: User, *, reason: str = "", data: dict[str, Any] | None = None
) -> CaseEvent:
    """Fire a checked transition on a locked case, save it, and add it to the timeline."""
    _check_transition(case, name, user)
    from_status = case.status
    getattr(case, name)()
    if case.status == Status.CLOSED and case.closed_at is None:
        case.closed_at = clock.now()
    case.save()
    return _record(case, name, user, from_status=from_status, to_status=case.status, reason=reason, data=data)


def _finish(case: Case) -> Case:
    deadlines.recompute(case)
    return case


# --- filing ------------------------------------------------------------------------------------------


@transaction.atomic
def case_file(
    *,
    user: User,
    respondent: dict[str, Any],
    claims: list[ClaimInput],
    facts: str,
    applicant: dict[str, Any] | None = None,
    applicants: list[dict[str, Any]] | None = None,
    representatives: list[int] | None = None,
    respondents: list[dict[str, Any]] | None = None,
    consents: dict[str, bool] | None = None,
    received_at: datetime | None = None,
    street: str = "",
) -> Case:
    """A party files an application online, or a clerk registers one received at the counter."""
    role = getattr(user, "role", None)
    is_clerk = role in (Role.CLERK, Role.SUPERVISOR)
    if role not in (Role.APPLICANT, Role.AGENT, Role.RESPONDENT) and not is_clerk:
        raise Forbidden(_("Only a party, an agent or a clerk can file an application."))
    if received_at is not None and not is_clerk:
        raise field_error("received_at", _("Only a clerk records when a counter application was received."))
    if received_at is not None and received_at > clock.now():
        raise field_error("received_at", _("The receipt time cannot be in the future."))
    if received_at is not None and received_at < EARLIEST_RECEIPT:
        raise field_error(
            "received_at", _("The receipt time cannot be before the law took effect (2008-05-01).")
        )
    if not claims:
        raise field_error("claims", _("State at least one claim."))

    # Who applies.
    applicant_inputs = applicants or ([applicant] if applicant else [])
    if is_clerk:
        if not applicant_inputs:
            raise field_error("applicant", _("Name the applicant."))
        applicant_parties = [_party_from_input(a, "applicant") for a in applicant_inputs]
    elif role == Role.AGENT:
        if len(applicant_inputs) != 1:
            raise field_error("applicant", _("Name the one party you act for."))
        applicant_parties = [_party_from_input(applicant_inputs[0], "applicant")]
    else:
        if applicants:
            raise field_error("applicants", _("Collective applications are registered by a clerk."))
        applicant_parties = [_own_party(user, applicant)]

    respondent_parties = [_party_from_input(r, "respondent") for r in (respondents or [respondent])]
    if {p.pk for p in applicant_parties} & {p.pk for p in respondent_parties}:
        raise field_error("respondent", _("A party cannot apply against itself."))
    if len({p.pk for p in applicant_parties}) != len(applicant_parties):
        raise field_error("applicants", _("The same applicant is named twice."))

    collective = len(applicant_parties) >= COLLECTIVE_MINIMUM
    representatives = representatives or []
    if collective and not 3 <= len(set(representatives)) <= 5:
        raise field_error("representatives", _("A collective dispute elects 3 to 5 representatives."))
    if any(not 0 <= i < len(applicant_parties) for i in representatives):
        raise field_error(
            "representatives", _("Representatives are given by their position among the applicants.")
        )

    now = clock.now()
    case = Case.objects.create(
        facts=facts,
        street=street,
        received_at=received_at or now,
        is_collective=collective,
        claims_total=sum((c.amount or Decimal("0")) for c in claims),
        created_by=user,
        clerk=user if is_clerk else None,
    )
    for position, party in enumerate(applicant_parties):
        case_party = CaseParty.objects.create(
            case=case,
            party=party,
            side=Side.APPLICANT,
            position=position,
            is_representative=position in representatives,
        )
        if role == Role.AGENT:
            CaseAgent.objects.create(case=case, case_party=case_party, user=user)
    for position, party in enumerate(respondent_parties):
        CaseParty.objects.create(case=case, party=party, side=Side.RESPONDENT, position=position)
    Claim.objects.bulk_create(
        Claim(case=case, category=c.category, amount=c.amount, description=c.description, position=i)
        for i, c in enumerate(claims)
    )
    consents = consents or {}
    CaseConsent.objects.create(
        case=case,
        side=Side.APPLICANT,
        pre_mediation=consents.get("pre_mediation"),
        async_hearing=consents.get("async_hearing"),
        electronic_service=consents.get("electronic_service"),
        updated_at=now,
        updated_by=user,
    )
    CaseConsent.objects.create(case=case, side=Side.RESPONDENT)
    _record(
        case,
        "registered" if is_clerk else "filed",
        user,
        to_status=case.status,
        data={"received_at": case.received_at.isoformat(), "consents": consents},
    )
    _tell(case, side_users(case, Side.APPLICANT), "case.filed", _("your application has been received"))
    return _finish(case)


COLLECTIVE_MINIMUM = 10  # L Art. 7
EARLIEST_RECEIPT = datetime(2008, 5, 1, tzinfo=clock.LEGAL_TZ)  # the Mediation and Arbitration Law in force


def _own_party(user: User, applicant: dict[str, Any] | None) -> Party:
    """A worker files for itself: its own party, registered on first filing."""
    if user.party_id:
        if applicant and Party(
            kind=applicant["kind"],
            id_number=applicant.get("id_number"),
            credit_code=applicant.get("credit_code"),
        ).identifier not in ("", user.party.identifier):
            raise field_error(
                "applicant", _("You file for yourself; your particulars are already on your account.")
            )
        return user.party
    if not applicant:
        raise field_error(
            "applicant", _("Give your particulars (name and ID number) with your first application.")
        )
    party = _party_from_input(applicant, "applicant")
    if party.users.exclude(pk=user.pk).exists():
        raise field_error(
            "applicant.id_number",
            _("This ID number belongs to another account; please ask the filing window for help."),
        )
    user.party = party
    user.save(update_fields=["party"])
    return party


# --- intake --------------------------------------------------------------------------------------------


@transaction.atomic
def case_refer_to_mediation(
    *, case: Case, user: User, mediation_organisation: MediationOrganisation, reason: str = ""
) -> Case:
    case = _lock(case)
    case.mediation_organisation = mediation_organisation
    _take_on(case, user)
    _fire(case, "refer_to_mediation", user, reason=reason, data={"organisation": mediation_organisation.pk})
    mediators = User.objects.filter(mediation_organisation=mediation_organisation, is_active=True)
    _tell(
        case, mediators, "case.referred", _("a dispute has been referred to your organisation for mediation")
    )
    _tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.referred",
        _("your dispute was referred to %(org)s for mediation") % {"org": mediation_organisation.name},
    )
    return _finish(case)


@transaction.atomic
def case_record_mediation_agreement(*, case: Case, user: User, reason: str = "", summary: str = "") -> Case:
    case = _lock(case)
    _fire(case, "record_mediation_agreement", user, reason=reason, data={"summary": summary})
    _tell(
        case,
        side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT),
        "case.mediated",
        _("a mediation agreement was reached"),
    )
    return _finish(case)


@transaction.atomic
def case_record_mediation_failure(*, case: Case, user: User, reason: str = "") -> Case:
    case = _lock(case)
    _fire(case, "record_mediation_failure", user, reason=reason)
    _tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.mediation_failed",
        _("mediation did not succeed; your application returns to the commission"),
        reason,
    )
    return _finish(case)


@transaction.atomic
def case_request_supplement(*, case: Case, user: User, items: list[str], reason: str = "") -> Case:
    case = _lock(case)
    _check_action(case, "request_supplement", user)
    case.supplement_requested_at = clock.now()
    case.save()
    _record(case, "request_supplement", user, reason=reason, data={"items": items})
    _tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.supplement",
        _("please supplement your application"),
        "；".join(items),
    )
    return _finish(case)


@transaction.atomic
def case_complete_supplement(*, case: Case, user: User, reason: str = "") -> Case:
    case = _lock(case)
    _check_action(case, "complete_supplement", user)
    case.supplement_requested_at = None
    case.save()
    _record(case, "complete_supplement", user, reason=reason)
    return _finish(case)


def _next_case_number(year: int) -> tuple[int, str]:
    """Take the next number of the year; the row lock makes concurrent acceptances queue, and a rolled-back
    acceptance gives its number back, so numbers are unique and gapless."""
    CaseNumberSequence.objects.bulk_create([CaseNumberSequence(year=year, last=0)], ignore_conflicts=True)
    sequence = CaseNumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last, settings.CASE_NUMBER_TEMPLATE.format(year=year, seq=sequence.last)


@dataclass(frozen=True)
class ProcedureInput:
    """What the clerk found at acceptance that decides the procedure (R Arts. 56-57)."""

    requested: str | None = None
    facts_clear: bool = False
    parties_agree: bool = False
    public_interest: bool = False
    major_social_impact: bool = False
    respondent_whereabouts_unknown: bool = False

    @property
    def excluded(self) -> bool:
        return self.public_interest or self.major_social_impact or self.respondent_whereabouts_unknown


def choose_procedure(case: Case, found: ProcedureInput) -> str:
    """Simplified when any ground of R 56 holds and none of R 57's exclusions; ordinary otherwise."""
    within_amount = case.claims_total <= settings.SIMPLIFIED_AMOUNT_LIMIT
    eligible = found.facts_clear or found.parties_agree or within_amount
    if found.requested == Procedure.SIMPLIFIED:
        if case.is_collective:
            raise field_error(
                "procedure", _("A collective dispute is heard by a three-member tribunal, not simplified.")
            )
        if found.excluded:
            raise field_error(
                "procedure",
                _(
                    "The simplified procedure may not be used for public-interest or high-impact cases, "
                    "or when the respondent's whereabouts are unknown (R Art. 57)."
                ),
            )
        if not eligible:
            raise field_error(
                "procedure",
                _(
                    "The simplified procedure needs clear facts, the parties' agreement, "
                    "or a claim of at most %(limit)s yuan."
                )
                % {"limit": settings.SIMPLIFIED_AMOUNT_LIMIT},
            )
        return Procedure.SIMPLIFIED
    if found.requested == Procedure.ORDINARY:
        return Procedure.ORDINARY
    return (
        Procedure.SIMPLIFIED
        if eligible and not found.excluded and not case.is_collective
        else Procedure.ORDINARY
    )


@transaction.atomic
def case_accept(
    *,
    case: Case,
    user: User,
    procedure: ProcedureInput | None = None,
    arbitrators: list[User] | None = None,
    reason: str = "",
) -> Case:
    case = _lock(case)
    _check_transition(case, "accept", user)
    case.procedure = choose_procedure(case, procedure or ProcedureInput())
    if arbitrators:
        _validate_tribunal(case, arbitrators)
    year = clock.today().year
    case.number_seq, case.case_number = _next_case_number(year)
    case.number_year = year
    case.accepted_at = clock.now()
    _take_on(case, user)
    _fire(
        case,
        "accept",
        user,
        reason=reason,
        data={
            "case_number": case.case_number,
            "procedure": case.procedure,
            "arbitrators": [a.pk for a in arbitrators or []],
        },
    )
    if arbitrators:
        _seat_tribunal(case, arbitrators)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    _tell(
        case,
        everyone,
        "case.accepted",
        _("the case has been accepted (%(procedure)s)") % {"procedure": case.get_procedure_display()},
    )
    return _finish(case)


@transaction.atomic
def case_reject(*, case: Case, user: User, reason: str) -> Case:
    if not reason.strip():
        raise field_error("reason", _("A rejection must give its reasons in writing."))
    case = _lock(case)
    _take_on(case, user)
    _fire(case, "reject", user, reason=reason)
    _tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.rejected",
        _("your application was not accepted"),
        reason,
    )
    return _finish(case)


@transaction.atomic
def case_withdraw(*, case: Case, user: User, reason: str = "") -> Case:
    case = _lock(case)
    _fire(case, "withdraw", user, reason=reason)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    _tell(case, everyone, "case.withdrawn", _("the application was withdrawn"), reason)
    return _finish(case)


# --- the tribunal ----------------------------------------------------------------------------------------


def _validate_tribunal(case: Case, arbitrators: list[User]) -> None:
    if len(arbitrators) not in (1, 3):
        raise field_error(
            "arbitrators", _("A tribunal is one arbitrator, or three with the first presiding.")
        )
    if len({a.pk for a in arbitrators}) != len(arbitrators):
        raise field_error("arbitrators", _("The same arbitrator is named twice."))
    if any(a.role != Role.ARBITRATOR or not a.is_active for a in arbitrators):
        raise field_error("arbitrators", _("Only active arbitrators can sit on a tribunal."))
    if case.procedure == Procedure.SIMPLIFIED and len(arbitrators) != 1:
        raise field_error("arbitrators", _("A case under the simplified procedure has a sole arbitrator."))
    if case.is_collective and len(arbitrators) != 3:
        raise field_error("arbitrators", _("A collective dispute is heard by a three-member tribunal."))


def _seat_tribunal(case: Case, arbitrators: list[User]) -> None:
    case.tribunal.all().delete()
    TribunalMember.objects.bulk_create(
        TribunalMember(case=case, arbitrator=a, presiding=i == 0, position=i)
        for i, a in enumerate(arbitrators)
    )
    Case.objects.filter(pk=case.pk).update(presiding_arbitrator=arbitrators[0])
    case.presiding_arbitrator = arbitrators[0]
    names = "、".join(a.name for a in arbitrators)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    _tell(case, everyone, "case.tribunal", _("the tribunal is composed: %(names)s") % {"names": names})
    _tell(case, arbitrators, "case.assigned", _("you have been assigned to this case"))


TRIBUNAL_STATUSES = (*OPEN_ARBITRATION, Status.SUSPENDED)


@transaction.atomic
def case_set_tribunal(*, case: Case, user: User, arbitrators: list[User]) -> Case:
    case = _lock(case)
    if not permissions.intake_staff(case, user):
        raise Forbidden(_("Only a clerk or a supervisor composes the tribunal."))
    if case.status not in TRIBUNAL_STATUSES:
        raise InvalidTransition(
            _("A tribunal is composed only for an accepted, open case."), extra={"status": case.status}
        )
    _validate_tribunal(case, arbitrators)
    _seat_tribunal(case, arbitrators)
    _record(case, "set_tribunal", user, data={"arbitrators": [a.pk for a in arbitrators]})
    return _finish(case)


# --- service and defence --------------------------------------------------------------------------------


def _access_code_digest(case_party: CaseParty, code: str) -> str:
    message = f"{case_party.pk}:{code.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def case_serve_application(
    *, case: Case, user: User, defence_days: int = DEFENCE_DAYS, reason: str = ""
) -> dict[CaseParty, str]:
    """Serve the application; returns the access code for each respondent without an account yet.

    The codes are printed on the notices and never stored in clear.
    """
    case = _lock(case)
    _check_action(case, "serve_application", user)
    if defence_days < DEFENCE_DAYS and case.procedure != Procedure.SIMPLIFIED:
        raise field_error("defence_days", _("Only the simplified procedure may shorten the defence period."))
    case.served_at = clock.now()
    case.defence_days = defence_days
    case.save()
    codes: dict[CaseParty, str] = {}
    for case_party in case.parties.filter(side=Side.RESPONDENT).select_related("party"):
        if case_party.party.users.filter(is_active=True).exists() or case_party.access_code_digest:
            continue  # has an account, or already holds a printed code
        code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
        case_party.access_code_digest = _access_code_digest(case_party, code)
        case_party.access_code_used_at = None
        case_party.save(update_fields=["access_code_digest", "access_code_used_at"])
        codes[case_party] = code
    _record(
        case,
        "serve_application",
        user,
        reason=reason,
        data={"defence_days": defence_days, "access_codes_issued": len(codes)},
    )
    _tell(
        case,
        side_users(case, Side.RESPONDENT),
        "case.served",
        _("an arbitration application has been served on you; your defence is due within %(days)s days")
        % {"days": defence_days},
    )
    _finish(case)
    return codes


@transaction.atomic
def case_file_defence(*, case: Case, user: User, text: str) -> Case:
    if not text.strip():
        raise field_error("text", _("Write the defence."))
    case = _lock(case)
    _check_action(case, "file_defence", user)
    case.defence_filed_at = clock.now()
    case.save()
    _record(case, "file_defence", user, data={"text": text})
    return _finish(case)


@transaction.atomic
def case_serve_defence(*, case: Case, user: User, reason: str = "") -> Case:
    case = _lock(case)
    _check_action(case, "serve_defence", user)
    case.defence_served_at = clock.now()
    case.save()
    _record(case, "serve_defence", user, reason=reason)
    _tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.defence_served",
        _("the respondent's defence has been served on you"),
    )
    return _finish(case)


# --- hearing, mediation and closure -----------------------------------------------------------------------


@transaction.atomic
def case_start_async_hearing(*, case: Case, user: User, reason: str = "") -> Case:
    case = _lock(case)
    _fire(case, "start_async_hearing", user, reason=reason)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    _tell(case, everyone, "case.async_hearing", _("the asynchronous online hearing has started"))
    return _finish(case)


@transaction.atomic
def case_schedule_oral_hearing(*, case: Case, user: User, hearing_at: datetime, reason: str = "") -> Case:
    earliest = clock.today() + timedelta(days=HEARING_NOTICE_DAYS)
    if clock.local_date(hearing_at) < earliest:
        raise ApplicationError(
            _("The parties must be notified at least 5 days before the hearing: choose %(date)s or later.")
            % {"date": earliest.isoformat()},
            code="deadline_too_soon",
            fields={"hearing_at": [_("At least 5 days ahead (L Art. 35).")]},
        )
    case = _lock(case)
    case.hearing_at = hearing_at
    _fire(case, "schedule_oral_hearing", user, reason=reason, data={"hearing_at": hearing_at.isoformat()})
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    when = timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M")
    _tell(
        case, everyone, "case.oral_hearing", _("an oral hearing is scheduled for %(when)s") % {"when": when}
    )
    return _finish(case)


def _simple_transition(name: str, kind: str, message: str | Promise, *, reason_required: bool = False):
    @transaction.atomic
    def service(*, case: Case, user: User, reason: str = "") -> Case:
        if reason_required and not reason.strip():
            raise field_error("reason", _("Give the reason for this step."))
        case = _lock(case)
        _fire(case, name, user, reason=reason)
        everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
        _tell(case, everyone, kind, str(message), reason)
        return _finish(case)

    service.__name__ = f"case_{name}"
    service.__doc__ = f"Fire ``{name}``: lock, check, change, record, recompute, notify."
    return service


case_start_mediation = _simple_transition(
    "start_mediation", "case.mediation", _("the tribunal has started mediation")
)
case_end_mediation = _simple_transition(
    "end_mediation", "case.mediation", _("mediation has ended without agreement")
)
case_close_by_mediation = _simple_transition(
    "close_by_mediation", "case.closed", _("the case was closed by a mediation document")
)
case_conclude_hearing = _simple_transition(
    "conclude_hearing", "case.deliberation", _("the hearing has concluded")
)
case_issue_award = _simple_transition("issue_award", "case.closed", _("the award has been issued"))
case_deem_withdrawn = _simple_transition(
    "deem_withdrawn", "case.closed", _("the application is deemed withdrawn"), reason_required=True
)
case_cancel = _simple_transition("cancel", "case.closed", _("the case was cancelled"), reason_required=True)
case_resume = _simple_transition("resume", "case.resumed", _("the suspended case has resumed"))


@transaction.atomic
def case_suspend(*, case: Case, user: User, ground: str, reason: str) -> Case:
    if ground not in SuspensionGround.values:
        raise field_error("ground", _("Choose a ground for suspension."))
    if not reason.strip():
        raise field_error("reason", _("A suspension must give its reasons."))
    case = _lock(case)
    _fire(case, "suspend", user, reason=reason, data={"ground": ground})
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    _tell(case, everyone, "case.suspended", _("the case is suspended"), reason)
    return _finish(case)


@transaction.atomic
def case_extend_ruling(*, case: Case, user: User, days: int, reason: str) -> Case:
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise field_error("days", _("The ruling period may be extended by 1 to 15 days."))
    if not reason.strip():
        raise field_error("reason", _("An extension must give its reasons."))
    case = _lock(case)
    _check_action(case, "extend_ruling", user)
    case.extension_days = days
    case.save()
    _record(case, "extend_ruling", user, reason=reason, data={"days": days})
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    _tell(
        case,
        everyone,
        "case.extended",
        _("the ruling period has been extended by %(days)s days") % {"days": days},
        reason,
    )
    return _finish(case)


@transaction.atomic
def case_amend_claims(*, case: Case, user: User, claims: list[ClaimInput], reason: str = "") -> Case:
    """Add or change claims before the evidence period ends: the 45-day clock restarts (R Art. 46) and the
    respondent gets a new defence period."""
    if not claims:
        raise field_error("claims", _("State at least one claim."))
    case = _lock(case)
    _check_action(case, "amend_claims", user)
    before = [
        {
            "category": c.category,
            "amount": str(c.amount) if c.amount is not None else None,
            "description": c.description,
        }
        for c in case.claims.filter(withdrawn=False)
    ]
    case.claims.update(withdrawn=True)
    Claim.objects.bulk_create(
        Claim(case=case, category=c.category, amount=c.amount, description=c.description, position=i)
        for i, c in enumerate(claims)
    )
    case.claims_total = sum((c.amount or Decimal("0")) for c in claims)
    case.defence_filed_at = None
    case.defence_served_at = None
    case.save()
    _record(case, "amend_claims", user, reason=reason, data={"before": before, "count": len(claims)})
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    _tell(
        case,
        everyone,
        "case.claims_amended",
        _("the claims were changed; the time limit restarts from today"),
        reason,
    )
    return _finish(case)


@transaction.atomic
def case_add_party(*, case: Case, user: User, side: str, party: dict[str, Any], reason: str) -> Case:
    """Add an applicant or a respondent to an accepted case: the 45-day clock restarts from this
    decision (R Art. 46), and a new respondent is served afresh."""
    if not reason.strip():
        raise field_error("reason", _("Give the reason for adding the party."))
    case = _lock(case)
    _check_action(case, "add_party", user)
    added = _party_from_input(party, "party")
    if case.parties.filter(party=added).exists():
        raise field_error("party", _("This party is already in the case."))
    position = case.parties.filter(side=side).count()
    CaseParty.objects.create(case=case, party=added, side=side, position=position)
    if side == Side.RESPONDENT:
        case.served_at = None  # the new respondent must be served: service and defence start again
        case.defence_filed_at = None
        case.defence_served_at = None
        case.save()
    _record(
        case, "add_party", user, reason=reason, data={"side": side, "party": added.pk, "name": added.name}
    )
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    _tell(
        case,
        everyone,
        "case.party_added",
        _("%(name)s was added to the case; the time limit restarts") % {"name": added.name},
        reason,
    )
    return _finish(case)


# --- one entry point per kind of step, for the API and the web pages alike -----------------------------

TRANSITION_SERVICES = {
    "refer_to_mediation": case_refer_to_mediation,
    "record_mediation_agreement": case_record_mediation_agreement,
    "record_mediation_failure": case_record_mediation_failure,
    "accept": case_accept,
    "reject": case_reject,
    "withdraw": case_withdraw,
    "start_async_hearing": case_start_async_hearing,
    "schedule_oral_hearing": case_schedule_oral_hearing,
    "start_mediation": case_start_mediation,
    "end_mediation": case_end_mediation,
    "close_by_mediation": case_close_by_mediation,
    "suspend": case_suspend,
    "resume": case_resume,
    "conclude_hearing": case_conclude_hearing,
    "issue_award": case_issue_award,
    "deem_withdrawn": case_deem_withdrawn,
    "cancel": case_cancel,
}
ACTION_SERVICES = {
    "request_supplement": case_request_supplement,
    "complete_supplement": case_complete_supplement,
    "serve_application": case_serve_application,
    "file_defence": case_file_defence,
    "serve_defence": case_serve_defence,
    "extend_ruling": case_extend_ruling,
    "amend_claims": case_amend_claims,
    "add_party": case_add_party,
}
ACCEPT_FINDINGS = (
    "facts_clear",
    "parties_agree",
    "public_interest",
    "major_social_impact",
    "respondent_whereabouts_unknown",
)


def case_take_step(*, case: Case, user: User, name: str, data: dict[str, Any]) -> Any:
    """Run transition or action ``name`` with validated input (``cases.api.case_serializers`` shapes).

    Returns what the service returns: the case, or for ``serve_application`` the access codes.
    """
    data = dict(data)
    if name == "accept":
        findings = ProcedureInput(
            requested=data.pop("procedure", None), **{k: data.pop(k, False) for k in ACCEPT_FINDINGS}
        )
        ids = data.pop("arbitrators", None)
        return case_accept(
            case=case,
            user=user,
            procedure=findings,
            arbitrators=arbitrators_by_id(ids) if ids else None,
            **data,
        )
    service = TRANSITION_SERVICES.get(name) or ACTION_SERVICES.get(name)
    if service is None:
        raise NotFound(_("There is no such step."))
    return service(case=case, user=user, **data)


def arbitrators_by_id(ids: list[int], field: str = "arbitrators") -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=ids, role=Role.ARBITRATOR, is_active=True)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise field_error(
            field, _("Not an active arbitrator: %(ids)s") % {"ids": ", ".join(map(str, missing))}
        )
    return [found[i] for i in ids]


# --- consents and binding ---------------------------------------------------------------------------------

CONSENT_KINDS = ("pre_mediation", "async_hearing", "electronic_service")


@transaction.atomic
def case_record_consents(*, case: Case, user: User, side: str | None = None, **choices: bool) -> Case:
    """A party (or its agent) records its own consents; a clerk may record a consent given at the counter."""
    choices = {k: v for k, v in choices.items() if v is not None}
    if not choices:
        raise field_error("non_field_errors", _("Say which consent you give or withdraw."))
    case = _lock(case)
    own_side = case.side_of(user)
    if own_side is None:
        if not permissions.intake_staff(case, user) or side not in Side.values:
            raise Forbidden(_("Only the parties record their consents."))
        own_side = side
    elif side not in (None, own_side):
        raise Forbidden(_("You record consents for your own side only."))
    if case.status in TERMINAL:
        raise InvalidTransition(_("The case is finished."), extra={"status": case.status})
    if "pre_mediation" in choices and (own_side != Side.APPLICANT or case.status not in INTAKE):
        raise field_error(
            "pre_mediation", _("Only the applicant consents to pre-filing mediation, before acceptance.")
        )
    consent, _created = CaseConsent.objects.get_or_create(case=case, side=own_side)
    for kind, value in choices.items():
        setattr(consent, kind, value)
    consent.updated_at = clock.now()
    consent.updated_by = user
    consent.save()
    _record(case, "record_consent", user, data={"side": own_side, **choices})
    return _finish(case)


@transaction.atomic
def case_bind(*, user: User, case_number: str, access_code: str) -> Case:
    """A respondent without an account binds itself to its case with the code printed on its notice."""
    not_found = NotFound(_("No case matches this number and access code."))
    case = Case.objects.filter(case_number=case_number.strip()).first()
    if case is None or not access_code:
        raise not_found
    case = _lock(case)
    match = None
    for case_party in case.parties.filter(side=Side.RESPONDENT, access_code_used_at__isnull=True).exclude(
        access_code_digest=""
    ):
        if hmac.compare_digest(case_party.access_code_digest, _access_code_digest(case_party, access_code)):
            match = case_party
            break
    if match is None:
        raise not_found
    if user.party_id and user.party_id != match.party_id:
        raise Conflict(_("Your account already acts for another party; use that party's own account."))
    if not user.party_id:
        user.party = match.party
        user.save(update_fields=["party"])
    match.access_code_used_at = clock.now()
    match.save(update_fields=["access_code_used_at"])
    _record(case, "bind_party", user, data={"party": match.party_id})
    return _finish(case)


# =====================================================================================================
# Deadlines over time: overdue marking, reminders before, escalation after. Run by periodic jobs; safe
# under retries and overlapping runs because every send is claimed by a conditional UPDATE first.
# =====================================================================================================

REMINDER_DAYS = (3, 1)
ESCALATED = (Responsible.COMMISSION, Responsible.TRIBUNAL, Responsible.MEDIATOR)


def responsible_users(deadline: Deadline) -> list[User]:
    case = deadline.case
    if deadline.responsible == Responsible.COMMISSION:
        if case.clerk_id and case.clerk.is_active:
            return [case.clerk]
        return list(User.objects.filter(role=Role.CLERK, is_active=True))
    if deadline.responsible == Responsible.TRIBUNAL:
        return tribunal_users(case)
    if deadline.responsible == Responsible.MEDIATOR:
        return list(
            User.objects.filter(mediation_organisation_id=case.mediation_organisation_id, is_active=True)
        )
    if deadline.responsible == Responsible.RESPONDENT:
        return side_users(case, Side.RESPONDENT)
    return side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)


def deadlines_mark_overdue(*, today: date | None = None) -> int:
    """Open deadlines whose last day has passed become overdue (one UPDATE)."""
    today = today or clock.today()
    return Deadline.objects.filter(
        status=DeadlineStatus.OPEN, completed_on__isnull=True, due_on__lt=today
    ).update(status=DeadlineStatus.OVERDUE)


def deadlines_send_reminders(*, today: date | None = None) -> int:
    """Remind whoever must act 3 days and again 1 day before a deadline; each reminder once."""
    today = today or clock.today()
    sent = 0
    for days in REMINDER_DAYS:
        due = Deadline.objects.filter(
            status=DeadlineStatus.OPEN,
            completed_on__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=days),
        ).filter(Q(reminded_days_before__isnull=True) | Q(reminded_days_before__gt=days))
        for deadline in due.select_related("case", "case__clerk").iterator(chunk_size=500):
            claimed = (
                Deadline.objects.filter(pk=deadline.pk, due_on=deadline.due_on)
                .filter(Q(reminded_days_before__isnull=True) | Q(reminded_days_before__gt=days))
                .update(reminded_days_before=days)
            )
            if not claimed:
                continue  # another run got it
            left = (deadline.due_on - today).days
            notify(
                responsible_users(deadline),
                kind="deadline.reminder",
                title=_("%(case)s: “%(kind)s” is due on %(date)s (%(left)s days left)")
                % {
                    "case": deadline.case,
                    "kind": deadline.get_kind_display(),
                    "date": deadline.due_on.isoformat(),
                    "left": left,
                },
                url=case_url(deadline.case),
                dedupe_key=f"remind:{deadline.pk}:{deadline.due_on}:{days}",
            )
            sent += 1
    return sent


def deadlines_escalate_overdue() -> int:
    """Tell the supervisors once about each overdue deadline the commission, tribunal or mediators missed."""
    supervisors = list(User.objects.filter(role=Role.SUPERVISOR, is_active=True))
    escalated = 0
    overdue = Deadline.objects.filter(
        status=DeadlineStatus.OVERDUE,
        completed_on__isnull=True,
        escalated_at__isnull=True,
        responsible__in=ESCALATED,
    ).exclude(case__status__in=TERMINAL)
    for deadline in overdue.select_related("case").iterator(chunk_size=500):
        if not Deadline.objects.filter(pk=deadline.pk, escalated_at__isnull=True).update(
            escalated_at=clock.now()
        ):
            continue
        notify(
            supervisors,
            kind="deadline.overdue",
            title=_("Overdue: %(case)s — “%(kind)s” was due on %(date)s")
            % {
                "case": deadline.case,
                "kind": deadline.get_kind_display(),
                "date": deadline.due_on.isoformat(),
            },
            url=case_url(deadline.case),
            dedupe_key=f"overdue:{deadline.pk}:{deadline.due_on}",
        )
        escalated += 1
    return escalated


def deadlines_recompute_for_year(year: int) -> int:
    """After the holiday table of ``year`` changes: recompute every case with a deadline it can touch."""
    window = Q(due_on__gte=date(year - 1, 12, 1), due_on__lte=date(year + 1, 1, 31)) | Q(starts_on__year=year)
    case_ids = Deadline.objects.filter(window).values_list("case_id", flat=True).distinct()
    calendar = deadlines.WorkingCalendar()
    count = 0
    for case in Case.objects.filter(pk__in=case_ids).iterator(chunk_size=200):
        with transaction.atomic():
            deadlines.recompute(case, calendar=calendar)
        count += 1
    return count


# --- the holiday calendar --------------------------------------------------------------------------------


def _calendar_editor(user: User) -> None:
    if getattr(user, "role", None) not in (Role.SUPERVISOR, Role.ADMIN):
        raise Forbidden(_("Only a supervisor maintains the holiday calendar."))


def _after_calendar_change(year: int) -> None:
    from cases.tasks import recompute_deadlines_for_year

    transaction.on_commit(lambda: recompute_deadlines_for_year.delay(year))


@transaction.atomic
def calendar_set_day(*, user: User, day: date, kind: str | None, name: str = "") -> None:
    """Mark a day a holiday or a make-up working day, or (``kind`` None) back to an ordinary day."""
    _calendar_editor(user)
    if kind is None:
        CalendarDay.objects.filter(date=day).delete()
    else:
        if kind not in CalendarDay.Kind.values:
            raise field_error("kind", _("A day is a holiday or a make-up working day."))
        if kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
            raise field_error("kind", _("Only a Saturday or Sunday can be made a working day."))
        CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
    year, _created = CalendarYear.objects.get_or_create(year=day.year)
    year.source = _("edited by %(user)s") % {"user": user.name}
    year.updated_by = user
    year.save()
    _after_calendar_change(day.year)


@transaction.atomic
def calendar_publish_year(*, user: User, year: int, published: bool) -> CalendarYear:
    """Declare a year's schedule complete (the State Council's notice is entered), or not."""
    _calendar_editor(user)
    entry, _created = CalendarYear.objects.get_or_create(year=year)
    entry.published = published
    entry.updated_by = user
    if not entry.source:
        entry.source = _("edited by %(user)s") % {"user": user.name}
    entry.save()
    _after_calendar_change(year)
    return entry
