"""Recusal (回避, L Arts. 33-34): a party applies, with grounds, for the recusal of a named arbitrator of
its tribunal; the commission's chair (the supervisor) grants it, replacing the arbitrator in the same
seat, or refuses it with reasons."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from cases.models import Case, EventKind, RecusalApplication, RecusalGround, RecusalStatus, Side
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_acted_for,
    side_users,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import Conflict, field_error
from core.messages import Message


@transaction.atomic
def case_apply_recusal(
    *, case: Case, user: User, arbitrator: int, ground: str, reason: str, side: str | None = None
) -> Case:
    """A party applies online; a clerk records, for the side named, an application made in person or on
    paper (L Art. 34: the application may be made orally or in writing)."""
    if not reason.strip():
        raise field_error("reason", _("State the facts the application rests on."))
    case = lock_case(case)
    check_action(case, EventKind.APPLY_RECUSAL, user)
    side, at_counter = side_acted_for(case, user, side)
    seat = case.tribunal.select_related("arbitrator").filter(arbitrator_id=arbitrator).first()
    if seat is None:
        raise field_error("arbitrator", _("This arbitrator does not sit on the case's tribunal."))
    if case.recusals.filter(arbitrator_id=arbitrator, status=RecusalStatus.PENDING).exists():
        raise Conflict(
            _("An application for this arbitrator's recusal already awaits the chair's decision."),
            fields={"arbitrator": [_("Already applied for; awaiting the decision.")]},
        )
    application = RecusalApplication.objects.create(
        case=case,
        side=side,
        applied_by=user,
        applied_at=clock.now(),
        arbitrator=seat.arbitrator,
        ground=ground,
        reason=reason,
    )
    record_event(
        case,
        EventKind.APPLY_RECUSAL,
        user,
        reason=reason,
        data={
            "application": application.pk,
            "side": application.side,
            "at_counter": at_counter,
            "arbitrator": arbitrator,
            "arbitrator_name": seat.arbitrator.name,
            "ground": ground,
        },
    )
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True)
    tell(
        case,
        supervisors,
        "case.recusal_applied",
        Message(
            gettext_noop("a party applies for the recusal of arbitrator %(name)s"), name=seat.arbitrator.name
        ),
        dict(RecusalGround.choices).get(ground, ground),  # the ground's label, in each reader's language
    )
    return finish(case)


@transaction.atomic
def case_decide_recusal(
    *, case: Case, user: User, application: int, decision: str, reason: str, replacement: int | None = None
) -> Case:
    if not reason.strip():
        raise field_error("reason", _("A decision on recusal must give its reasons."))
    if decision == "refused" and replacement is not None:
        raise field_error("replacement", _("A refused application replaces nobody."))
    if decision == "granted" and replacement is None:
        raise field_error("replacement", _("Name the arbitrator who replaces the one recused."))
    case = lock_case(case)
    check_action(case, EventKind.DECIDE_RECUSAL, user)
    found = case.recusals.select_for_update().filter(pk=application).first()
    if found is None:
        raise field_error("application", _("There is no such recusal application on this case."))
    if found.status != RecusalStatus.PENDING:
        raise Conflict(
            _("This application has already been decided."),
            fields={"application": [found.get_status_display()]},
        )
    recused = found.arbitrator
    newcomer: User | None = None
    if decision == "granted" and replacement is not None:
        newcomer = User.objects.filter(pk=replacement, role=Role.ARBITRATOR, is_active=True).first()
        if newcomer is None:
            raise field_error("replacement", _("Not an active arbitrator."))
        if newcomer.pk == recused.pk or case.tribunal.filter(arbitrator=newcomer).exists():
            raise field_error("replacement", _("This arbitrator already sits on the tribunal."))
        seat = case.tribunal.get(arbitrator=recused)
        seat.arbitrator = newcomer
        seat.save(update_fields=["arbitrator"])
        if seat.presiding:
            case.presiding_arbitrator = newcomer
            case.save()
    found.status = RecusalStatus.GRANTED if decision == "granted" else RecusalStatus.REFUSED
    found.decided_by = user
    found.decided_at = clock.now()
    found.decision_reason = reason
    found.replacement = newcomer
    found.save()
    data: dict[str, object] = {
        "application": found.pk,
        "decision": decision,
        "arbitrator": recused.pk,
        "arbitrator_name": recused.name,
    }
    if newcomer is not None:
        data.update(replacement=newcomer.pk, replacement_name=newcomer.name)
    record_event(case, EventKind.DECIDE_RECUSAL, user, reason=reason, data=data)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    if newcomer is not None:
        title = Message(
            gettext_noop("arbitrator %(old)s is recused and replaced by %(new)s"),
            old=recused.name,
            new=newcomer.name,
        )
        tell(case, [*everyone, *tribunal_users(case), recused], "case.recusal_decided", title, reason)
        tell(case, [newcomer], "case.assigned", Message(gettext_noop("you have been assigned to this case")))
    else:
        title = Message(
            gettext_noop("the application for the recusal of arbitrator %(name)s was refused"),
            name=recused.name,
        )
        tell(case, [*everyone, *tribunal_users(case)], "case.recusal_decided", title, reason)
    return finish(case)
