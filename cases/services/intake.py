"""Intake: supplements, acceptance with its case number and procedure, rejection, withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import (
    Case,
    CaseNumberSequence,
    EventKind,
    Procedure,
    RejectionGround,
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
from cases.services.right_to_sue import REJECTED, right_to_sue_text
from cases.services.tribunal import seat_tribunal, validate_tribunal
from core import clock
from core.errors import field_error
from core.messages import Message
from core.notify import together


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
        Message(gettext_noop("please supplement your application")),
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
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        # One statement: the year's row made or locked, and its number taken (PostgreSQL and SQLite).
        cursor.execute(  # the table's name is the model's, not input
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "  # noqa: S608
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        (last,) = cursor.fetchone()
    return last, settings.CASE_NUMBER_TEMPLATE.format(year=year, seq=last)


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


def amount_within_limit(case: Case) -> bool:
    """R 56(2): every claim states its amount and together they stay within the limit. A claim with no
    amount (confirming a labour relation, reinstatement…) is not worth 0: its value is unknown."""
    claims = [c for c in case.claims.all() if not c.withdrawn]
    if not claims or any(c.amount is None for c in claims):
        return False
    return (
        sum((c.amount for c in claims if c.amount is not None), Decimal("0"))
        <= settings.SIMPLIFIED_AMOUNT_LIMIT
    )


@dataclass(frozen=True)
class ProcedureDecision:
    procedure: str
    reason: Message  # kept with the acceptance, read in each reader's language


def propose_procedure(case: Case, found: ProcedureInput | None = None) -> ProcedureDecision:
    """The procedure R Arts. 56-57 give with what is known, and why: shown to the clerk before acceptance
    and recorded with it."""
    found = found or ProcedureInput()
    if case.is_collective:
        return ProcedureDecision(
            Procedure.ORDINARY,
            Message(gettext_noop("A collective dispute is heard by a three-member tribunal (R Art. 63).")),
        )
    if found.excluded:
        return ProcedureDecision(
            Procedure.ORDINARY,
            Message(
                gettext_noop(
                    "An exclusion of R Art. 57 applies (public interest, major impact or whereabouts "
                    "unknown)."
                )
            ),
        )
    limits = {"total": str(case.claims_total), "limit": str(settings.SIMPLIFIED_AMOUNT_LIMIT)}
    grounds = []
    if found.facts_clear:
        grounds.append(Message(gettext_noop("the facts and rights are clear with little dispute")))
    if found.parties_agree:
        grounds.append(Message(gettext_noop("both parties agree to it")))
    if amount_within_limit(case):
        grounds.append(Message(gettext_noop("the claims total %(total)s yuan, within %(limit)s"), **limits))
    if grounds:
        reason = Message(gettext_noop("Simplified procedure (R Art. 56): %(grounds)s."), grounds=grounds)
        return ProcedureDecision(Procedure.SIMPLIFIED, reason)
    if any(c.amount is None for c in case.claims.all() if not c.withdrawn):
        reason = Message(
            gettext_noop(
                "Ordinary procedure: a claim states no amount, so the amount limit of R Art. 56 cannot be "
                "shown to be met, and no other ground was found."
            )
        )
    else:
        reason = Message(
            gettext_noop(
                "Ordinary procedure: the claims total %(total)s yuan, above %(limit)s, and no other ground "
                "of R Art. 56 was found."
            ),
            **limits,
        )
    return ProcedureDecision(Procedure.ORDINARY, reason)


def choose_procedure(case: Case, found: ProcedureInput) -> ProcedureDecision:
    """Simplified when any ground of R 56 holds and none of R 57's exclusions; ordinary otherwise. A
    procedure the clerk asks for is checked; with none asked for, the proposal (with its reason) stands."""
    proposal = propose_procedure(case, found)
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
        if proposal.procedure != Procedure.SIMPLIFIED:
            raise field_error(
                "procedure",
                _(
                    "The simplified procedure needs clear facts, the parties' agreement, "
                    "or claims that each state an amount and total at most %(limit)s yuan."
                )
                % {"limit": settings.SIMPLIFIED_AMOUNT_LIMIT},
            )
        return proposal
    if found.requested == Procedure.ORDINARY:
        if proposal.procedure == Procedure.ORDINARY:
            return proposal
        return ProcedureDecision(
            Procedure.ORDINARY, Message(gettext_noop("Ordinary procedure, as the clerk chose."))
        )
    return proposal


def _transfer_note(case: Case) -> dict[str, object]:
    """A case transferred here: whence, and that its ruling period runs from the file's receipt (R 46)."""
    if case.transferred_received_on is None:
        return {}
    from cases.services.filing import transferred_in_data

    note = Message(
        gettext_noop(
            "Transferred from %(commission)s (case %(number)s); the file was received on %(day)s, and the "
            "time limit for the award runs from that day (R Art. 46)."
        ),
        commission=case.transferred_from_commission,
        number=case.transferred_from_number,
        day=case.transferred_received_on.isoformat(),
    )
    return {
        "transferred_from": transferred_in_data(case),
        "ruling_from": case.transferred_received_on.isoformat(),
        "transfer_note": note,
    }


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
    decision = choose_procedure(case, procedure or ProcedureInput())
    case.procedure = decision.procedure
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
            "procedure_reason": decision.reason,
            "arbitrators": [a.pk for a in arbitrators or []],
            **_transfer_note(case),
        },
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    with together():  # the tribunal's and the parties' notices, written at once
        if arbitrators:
            seat_tribunal(case, arbitrators, everyone)
        tell(
            case,
            everyone,
            "case.accepted",
            Message(
                gettext_noop("the case has been accepted (%(procedure)s)"),
                procedure=Procedure(case.procedure).label,
            ),
            decision.reason,
        )
    return finish(case)


@transaction.atomic
def case_reject(
    *, case: Case, user: User, grounds: list[str], reason: str, competent_commission: str = ""
) -> Case:
    """Not accepted, on the grounds of R Art. 30 it fails, with reasons in writing (R Art. 31).

    Lack of jurisdiction alone is no refusal of the dispute: the applicant gets a written explanation
    naming the commission to apply to. Any other ground is a rejection, which opens the way to court
    (L Art. 29): the applicant is told so.
    """
    if not reason.strip():
        raise field_error("reason", _("A rejection must give its reasons in writing."))
    grounds = list(dict.fromkeys(grounds))
    if not grounds:
        raise field_error("grounds", _("Name the condition of R Art. 30 the application fails."))
    competent_commission = competent_commission.strip()
    if RejectionGround.NO_JURISDICTION in grounds and not competent_commission:
        raise field_error(
            "competent_commission",
            _("Name the commission that has jurisdiction: the applicant is told to apply there (R Art. 31)."),
        )
    if RejectionGround.NO_JURISDICTION not in grounds and competent_commission:
        raise field_error(
            "competent_commission", _("A competent commission is named only when jurisdiction is lacking.")
        )
    case = lock_case(case)
    take_on(case, user)
    only_jurisdiction = grounds == [RejectionGround.NO_JURISDICTION]
    sue = right_to_sue_text(REJECTED)
    explanation = ""
    if RejectionGround.NO_JURISDICTION in grounds:
        explanation = _(
            "This commission has no jurisdiction over the dispute: neither the place where the labour "
            "contract is performed nor the employer's registered place is within its area (L Art. 21). "
            "Please apply for arbitration to %(commission)s (R Art. 31)."
        ) % {"commission": competent_commission}
    fire(
        case,
        EventKind.REJECT,
        user,
        reason=reason,
        data={
            "grounds": grounds,
            "notice": "jurisdiction_explanation" if only_jurisdiction else "rejection",
            "competent_commission": competent_commission,
            "explanation": explanation,
            # A rejection (not a referral elsewhere) opens the way to court: told with it (L 29).
            **({} if only_jurisdiction else {"right_to_sue": {"basis": "L 29", "text": sue}}),
        },
    )
    labels = dict(RejectionGround.choices)
    body = "\n".join([*(str(labels[g]) for g in grounds), reason, explanation or sue]).strip()
    if only_jurisdiction:
        tell(
            case,
            side_users(case, Side.APPLICANT),
            "case.rejected",
            Message(
                gettext_noop("apply to %(commission)s: this commission has no jurisdiction"),
                commission=competent_commission,
            ),
            body,
        )
    else:
        tell(
            case,
            side_users(case, Side.APPLICANT),
            "case.rejected",
            Message(gettext_noop("your application was not accepted")),
            body,
        )
    return finish(case)


@transaction.atomic
def case_withdraw(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    fire(case, EventKind.WITHDRAW, user, reason=reason)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(case, everyone, "case.withdrawn", Message(gettext_noop("the application was withdrawn")), reason)
    return finish(case)
