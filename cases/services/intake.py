"""Intake: supplements, acceptance with its case number and procedure, rejection, withdrawal."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import (
    Case,
    CaseNumberSequence,
    EventKind,
    Procedure,
    Side,
)
from cases.services.kernel import (
    check_action,
    check_transition,
    finish,
    fire,
    lock_case,
    record_event,
    side_users,
    take_on,
    tell,
    tribunal_users,
)
from cases.services.tribunal import seat_tribunal, validate_tribunal
from core import clock
from core.errors import field_error


@transaction.atomic
def case_request_supplement(*, case: Case, user: User, items: list[str], reason: str = "") -> Case:
    case = lock_case(case)
    check_action(case, EventKind.REQUEST_SUPPLEMENT, user)
    case.supplement_requested_at = clock.now()
    case.save()
    record_event(case, EventKind.REQUEST_SUPPLEMENT, user, reason=reason, data={"items": items})
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.supplement",
        _("please supplement your application"),
        "；".join(items),
    )
    return finish(case)


@transaction.atomic
def case_complete_supplement(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    check_action(case, EventKind.COMPLETE_SUPPLEMENT, user)
    case.supplement_requested_at = None
    case.save()
    record_event(case, EventKind.COMPLETE_SUPPLEMENT, user, reason=reason)
    return finish(case)


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
    case = lock_case(case)
    check_transition(case, EventKind.ACCEPT, user)
    case.procedure = choose_procedure(case, procedure or ProcedureInput())
    if arbitrators:
        validate_tribunal(case, arbitrators)
    year = clock.today().year
    case.number_seq, case.case_number = _next_case_number(year)
    case.number_year = year
    case.accepted_at = clock.now()
    take_on(case, user)
    fire(
        case,
        EventKind.ACCEPT,
        user,
        reason=reason,
        data={
            "case_number": case.case_number,
            "procedure": case.procedure,
            "arbitrators": [a.pk for a in arbitrators or []],
        },
    )
    if arbitrators:
        seat_tribunal(case, arbitrators)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    tell(
        case,
        everyone,
        "case.accepted",
        _("the case has been accepted (%(procedure)s)") % {"procedure": case.get_procedure_display()},
    )
    return finish(case)


@transaction.atomic
def case_reject(*, case: Case, user: User, reason: str) -> Case:
    if not reason.strip():
        raise field_error("reason", _("A rejection must give its reasons in writing."))
    case = lock_case(case)
    take_on(case, user)
    fire(case, EventKind.REJECT, user, reason=reason)
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.rejected",
        _("your application was not accepted"),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_withdraw(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    fire(case, EventKind.WITHDRAW, user, reason=reason)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT) + tribunal_users(case)
    tell(case, everyone, "case.withdrawn", _("the application was withdrawn"), reason)
    return finish(case)
