"""Advance execution (先予执行, L Art. 44): the worker applies, the tribunal decides, the court executes.

A worker claiming wages, work-injury medical fees, economic compensation or damages may ask that they be
paid before the award. The tribunal grants it only when the rights and obligations are clear and not
paying first would seriously affect the applicant's life, and refuses otherwise, giving its reasons; a
granted ruling is transferred to the people's court for execution (the court and the date recorded).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import AdvanceExecution, AdvanceKind, AdvanceStatus, Case, EventKind, Side
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_users,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import field_error
from core.messages import Message


@transaction.atomic
def case_apply_advance_execution(*, case: Case, user: User, kind: str, amount: Decimal, grounds: str) -> Case:
    if kind not in AdvanceKind.values:
        raise field_error(
            "kind", _("Advance execution is for wages, medical fees or compensation (L Art. 44).")
        )
    if amount is None or amount <= 0:
        raise field_error("amount", _("State the amount to be paid first."))
    if not grounds.strip():
        raise field_error("grounds", _("Say why the applicant's life would be seriously affected."))
    case = lock_case(case)
    check_action(case, EventKind.APPLY_ADVANCE_EXECUTION, user)
    application = AdvanceExecution.objects.create(
        case=case, kind=kind, amount=amount, grounds=grounds, applied_by=user, applied_at=clock.now()
    )
    record_event(
        case,
        EventKind.APPLY_ADVANCE_EXECUTION,
        user,
        reason=grounds,
        data={"advance": application.pk, "kind": kind, "amount": str(amount)},
    )
    tell(
        case,
        tribunal_users(case),
        "case.advance_execution",
        Message(gettext_noop("the worker applied for advance execution of %(amount)s yuan"), amount=amount),
        grounds,
    )
    return finish(case)


@transaction.atomic
def case_decide_advance_execution(
    *,
    case: Case,
    user: User,
    grant: bool,
    reason: str,
    rights_clear: bool = False,
    serious_effect: bool = False,
) -> Case:
    """Grant only on both of the law's conditions (L Art. 44); a refusal gives its reasons too."""
    if not reason.strip():
        raise field_error("reason", _("Give the reasons for the decision."))
    if grant and not rights_clear:
        raise field_error(
            "rights_clear",
            _("Advance execution is granted only when the rights and obligations are clear (L Art. 44)."),
        )
    if grant and not serious_effect:
        raise field_error(
            "serious_effect",
            _(
                "Advance execution is granted only when not paying first would seriously affect the "
                "applicant's life (L Art. 44)."
            ),
        )
    case = lock_case(case)
    check_action(case, EventKind.DECIDE_ADVANCE_EXECUTION, user)
    application = AdvanceExecution.objects.select_for_update().get(case=case, status=AdvanceStatus.PENDING)
    application.status = AdvanceStatus.GRANTED if grant else AdvanceStatus.REFUSED
    application.rights_clear = rights_clear
    application.serious_effect = serious_effect
    application.decision_reason = reason
    application.decided_by = user
    application.decided_at = clock.now()
    application.save()
    record_event(
        case,
        EventKind.DECIDE_ADVANCE_EXECUTION,
        user,
        reason=reason,
        data={
            "advance": application.pk,
            "granted": grant,
            "rights_clear": rights_clear,
            "serious_effect": serious_effect,
            "amount": str(application.amount),
        },
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    title = (
        Message(gettext_noop("advance execution of %(amount)s yuan was granted"), amount=application.amount)
        if grant
        else Message(gettext_noop("the application for advance execution was refused"))
    )
    tell(case, everyone, "case.advance_execution", title, reason)
    return finish(case)


@transaction.atomic
def case_transfer_advance_execution(
    *, case: Case, user: User, court: str, transferred_on: date | None = None, reason: str = ""
) -> Case:
    """Record that the granted ruling was transferred to the people's court for execution."""
    if not court.strip():
        raise field_error("court", _("Name the court the ruling is transferred to."))
    transferred_on = transferred_on or clock.today()
    if transferred_on > clock.today():
        raise field_error("transferred_on", _("The transfer date cannot be in the future."))
    case = lock_case(case)
    check_action(case, EventKind.TRANSFER_ADVANCE_EXECUTION, user)
    application = (
        AdvanceExecution.objects.select_for_update()
        .filter(case=case, status=AdvanceStatus.GRANTED, transferred_on__isnull=True)
        .order_by("decided_at", "id")
        .first()
    )
    assert application is not None and application.decided_at is not None  # the step's condition
    if transferred_on < clock.local_date(application.decided_at):
        raise field_error("transferred_on", _("The transfer cannot come before the ruling was granted."))
    application.court = court
    application.transferred_on = transferred_on
    application.transferred_by = user
    application.save()
    record_event(
        case,
        EventKind.TRANSFER_ADVANCE_EXECUTION,
        user,
        reason=reason,
        data={"advance": application.pk, "court": court, "transferred_on": transferred_on.isoformat()},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    tell(
        case,
        everyone,
        "case.advance_execution",
        Message(
            gettext_noop("the ruling on advance execution was transferred to %(court)s for execution"),
            court=court,
        ),
        reason,
    )
    return finish(case)
