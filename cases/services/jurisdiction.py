"""Jurisdiction (L Art. 21; R Arts. 8-10): the places that decide it, an objection decided before the
hearing, and the transfer of a case to the commission that has it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import Case, DeadlineKind, EventKind, Side
from cases.services.kernel import (
    check_action,
    finish,
    fire,
    lock_case,
    record_event,
    side_users,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import field_error
from core.messages import Message

UPHELD = "upheld"
DISMISSED = "dismissed"


@transaction.atomic
def case_record_jurisdiction(
    *, case: Case, user: User, place_of_performance: str, employer_registered_place: str, reason: str = ""
) -> Case:
    """L 21: the commission of the place where the contract is performed or of the employer's registered
    place has jurisdiction; both are recorded with the application."""
    place_of_performance = place_of_performance.strip()
    employer_registered_place = employer_registered_place.strip()
    if not place_of_performance and not employer_registered_place:
        raise field_error("place_of_performance", _("Give the place of performance or the employer's place."))
    case = lock_case(case)
    check_action(case, EventKind.RECORD_JURISDICTION, user)
    before = {
        "place_of_performance": case.place_of_performance,
        "employer_registered_place": case.employer_registered_place,
    }
    case.place_of_performance = place_of_performance
    case.employer_registered_place = employer_registered_place
    case.save()
    record_event(
        case,
        EventKind.RECORD_JURISDICTION,
        user,
        reason=reason,
        data={
            "place_of_performance": place_of_performance,
            "employer_registered_place": employer_registered_place,
            "before": before,
        },
    )
    return finish(case)


@transaction.atomic
def case_object_to_jurisdiction(*, case: Case, user: User, reason: str) -> Case:
    """R 10: the respondent objects in writing before its defence period ends; the commission decides
    before the hearing (the hearing cannot be set while the objection is pending)."""
    if not reason.strip():
        raise field_error("reason", _("Give the grounds of the objection."))
    case = lock_case(case)
    check_action(case, EventKind.OBJECT_TO_JURISDICTION, user)
    defence = case.deadlines.filter(kind=DeadlineKind.DEFENCE).first()
    if defence is not None and defence.due_on < clock.today():
        raise field_error(
            "jurisdiction",
            _(
                "An objection to jurisdiction is raised before the defence period ends "
                "(on %(date)s, R Art. 10)."
            )
            % {"date": defence.due_on.isoformat()},
        )
    case.jurisdiction_objected_at = clock.now()
    case.save()
    record_event(case, EventKind.OBJECT_TO_JURISDICTION, user, reason=reason)
    staff = [case.clerk] if case.clerk is not None else []
    tell(
        case,
        staff + tribunal_users(case) + side_users(case, Side.APPLICANT),
        "case.jurisdiction_objection",
        Message(gettext_noop("the respondent objects to jurisdiction")),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_decide_jurisdiction_objection(
    *, case: Case, user: User, decision: str, reason: str, competent_commission: str = ""
) -> Case:
    """The commission decides the objection in writing. Upheld: the case is transferred to the commission
    named (its period runs afresh from that commission's receipt, R 46); dismissed: the case goes on."""
    if not reason.strip():
        raise field_error("reason", _("Give the reasons for the decision."))
    competent_commission = competent_commission.strip()
    if decision == UPHELD and not competent_commission:
        raise field_error("competent_commission", _("Name the commission the case is transferred to."))
    case = lock_case(case)
    check_action(case, EventKind.DECIDE_JURISDICTION_OBJECTION, user)
    case.jurisdiction_decided_at = clock.now()
    case.save()
    record_event(
        case,
        EventKind.DECIDE_JURISDICTION_OBJECTION,
        user,
        reason=reason,
        data={"decision": decision, "competent_commission": competent_commission},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    if decision == UPHELD:
        _transfer(case, user, competent_commission, reason)
    else:
        tell(
            case,
            everyone,
            "case.jurisdiction_decided",
            Message(gettext_noop("the objection to jurisdiction was dismissed")),
            reason,
        )
    return finish(case)


def _transfer(case: Case, user: User, commission: str, reason: str) -> None:
    note = _(
        "The case is transferred to %(commission)s, which has jurisdiction; its time limit runs from that "
        "commission's receipt of the case (R Art. 46)."
    ) % {"commission": commission}
    fire(
        case, EventKind.TRANSFER, user, reason=reason, data={"competent_commission": commission, "note": note}
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    tell(
        case,
        everyone,
        "case.transferred",
        Message(gettext_noop("the case was transferred to %(commission)s"), commission=commission),
        note,
    )


@transaction.atomic
def case_transfer(*, case: Case, user: User, competent_commission: str, reason: str) -> Case:
    """R 9: the commission finds an accepted case outside its jurisdiction and transfers it."""
    if not reason.strip():
        raise field_error("reason", _("Give the reasons for the transfer."))
    if not competent_commission.strip():
        raise field_error("competent_commission", _("Name the commission the case is transferred to."))
    case = lock_case(case)
    _transfer(case, user, competent_commission.strip(), reason)
    return finish(case)
