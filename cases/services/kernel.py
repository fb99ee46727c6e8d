"""The step kernel: the small public API every step of every app is built from.

A step's service, whichever app owns it, follows one pattern inside one transaction::

    case = lock_case(case)                 # concurrent steps on one case queue on the row lock
    check_step(case, "name", user)         # or fire(): 404 unknown, 409 wrong status, 403 not yours,
                                           # 400 a guard's "why not"
    fire(case, "name", user, reason=...)   # transitions: change status, save, record the event
    record_event(case, "name", user, ...)  # actions: record the event (``case_event_recorded`` is sent)
    tell(case, users, kind, title)         # notifications: inbox now, delivered after commit (outbox)
    return finish(case)                    # recompute the deadlines (every registered provider)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django.db import transaction
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from cases import deadlines
from cases.conditions import Condition
from cases.models import (
    Case,
    CaseAgent,
    CaseEvent,
    CaseParty,
    Mandate,
    Side,
    Status,
)
from cases.push import case_group
from cases.registry import STEPS, Step
from cases.signals import case_event_recorded
from core import clock
from core.errors import ApplicationError, Forbidden, InvalidTransition, NotFound, field_error
from core.messages import Message, as_message
from core.notify import notify
from core.push import push


def record_event(
    case: Case,
    kind: str,
    actor: User | None,
    *,
    from_status: str = "",
    to_status: str = "",
    reason: str | Message = "",
    data: dict[str, Any] | None = None,
    transient: dict[str, Any] | None = None,
) -> CaseEvent:
    """Add an event to the case's timeline, push it to the case's watchers after commit, and tell the
    listening apps (``cases.signals.case_event_recorded``, inside the transaction).

    A reason or a ``data`` text the system composes is passed as a ``Message``: it is kept as its id and
    parameters too, so that every reader reads it in their own language (``CaseEvent.messages``).

    ``transient`` goes to the listeners only, never into the timeline: what exists for this moment alone
    (the access codes printed on the served notices, of which only a digest is kept)."""
    data = dict(data or {})
    messages = {key: value.spec() for key, value in data.items() if isinstance(value, Message)}
    if isinstance(reason, Message):
        messages["reason"] = reason.spec()
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        created_at=clock.now(),
        from_status=from_status,
        to_status=to_status,
        reason=str(reason),
        data={key: str(value) if isinstance(value, Message) else value for key, value in data.items()},
        messages=messages,
    )
    message = {
        "type": "case.event",
        "case": case.pk,
        "event": event.pk,
        "kind": kind,
        "status": case.status,
        "at": event.created_at.isoformat(),
    }
    transaction.on_commit(lambda: push(case_group(case.pk), message), robust=True)
    case_event_recorded.send(sender=CaseEvent, case=case, event=event, transient=transient or {})
    return event


def side_users(case: Case, *sides: str) -> list[User]:
    """Everyone who acts for the sides: the parties' own accounts and their agents with a verified mandate
    (one query, however many sides).

    Written out in SQL: nearly every step asks it, and building it through the ORM (two related
    subqueries) cost three times what running it does."""
    users, parties, agents = (m._meta.db_table for m in (User, CaseParty, CaseAgent))
    marks = ", ".join(["%s"] * len(sides))
    sql = (
        f"SELECT * FROM {users} WHERE is_active AND ("  # noqa: S608 (the tables' names, not input)
        f"party_id IN (SELECT party_id FROM {parties} WHERE case_id = %s AND side IN ({marks})) "
        f"OR id IN (SELECT a.user_id FROM {agents} a JOIN {parties} p ON p.id = a.case_party_id "
        f"WHERE a.case_id = %s AND a.mandate = %s AND p.side IN ({marks}))) ORDER BY id"
    )
    return list(User.objects.raw(sql, [case.pk, *sides, case.pk, Mandate.VERIFIED, *sides]))


def side_acted_for(case: Case, user: User, side: str | None) -> tuple[str, bool]:
    """(the side a request is made for, whether a clerk recorded it at the counter).

    A party (or its agent) acts for its own side and need not name it; a clerk or supervisor records, on a
    party's behalf, a request made in person or on paper, and names the side (400 at ``side`` if not)."""
    own = case.side_of(user)
    if own is not None:
        if side not in (None, "", own):
            raise Forbidden(_("You act for your own side only."))
        return own, False
    if side not in Side.values:
        raise field_error("side", _("Name the side whose request made at the counter is recorded."))
    return str(side), True


def tribunal_users(case: Case) -> list[User]:
    return [m.arbitrator for m in case.tribunal.select_related("arbitrator")]


def case_url(case: Case) -> str:
    return reverse("case-detail", args=[case.pk])


def tell(
    case: Case,
    users: Iterable[User],
    kind: str,
    title: str | Message | Promise,
    body: str | Message | Promise = "",
) -> None:
    """Notify, naming the case: in the inbox with the step's writes, delivered outside after commit.

    ``title`` a ``Message`` (or a ``gettext_lazy`` string): each reader reads it in their own language."""
    label = case.case_number or Message(gettext_noop("application no. %(id)s"), id=case.pk)
    title = Message(gettext_noop("%(case)s: %(what)s"), case=label, what=as_message(title))
    notify(users, kind=kind, title=title, body=as_message(body), url=case_url(case))


def lock_case(case: Case) -> Case:
    """The case row, locked for this transaction: concurrent steps on one case run one after another."""
    return Case.objects.select_for_update(of=("self",)).prefetch_related("consents", "agents").get(pk=case.pk)


def check_transition(case: Case, name: str, user: User | None, *, authorised: bool = False) -> None:
    """404 unknown, 409 wrong status, 403 not this user's, 400 a guard's reason.

    ``authorised``: the calling service has itself decided who may cause this transition (a party
    declining mediation, the periodic job recording a lapse): the transition's permission, written for
    the users who fire it by hand, is not asked; status and guards still are.
    """
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
    if not authorised and (user is None or not current.has_perm(case, user)):
        raise Forbidden(_("You may not take this step on this case."))
    # The case's transitions are guarded by Conditions only (``transition`` in cases/models/case.py).
    conditions = cast("list[Condition]", current.conditions)
    failing = next((c for c in conditions if not c(case)), None)
    if failing is not None:
        raise ApplicationError(str(failing.reason), fields={failing.field: [str(failing.reason)]})


def check_action(case: Case, name: str, user: User) -> Step:
    step = STEPS.get(name)
    if step is None or step.transition:
        raise NotFound(_("There is no such step."))
    if case.status not in step.statuses:
        raise InvalidTransition(
            _("This step is not possible while the case is “%(status)s”.")
            % {"status": case.get_status_display()},
            extra={"status": case.status},
        )
    if step.permission is None or not step.permission(case, user):
        raise Forbidden(_("You may not take this step on this case."))
    failing = next((c for c in step.conditions if not c(case)), None)
    if failing is not None:
        raise ApplicationError(str(failing.reason), fields={failing.field: [str(failing.reason)]})
    return step


def check_step(case: Case, name: str, user: User, *, transition: bool | None = None) -> Step:
    """Check, before reading any input, that this user may take step ``name`` on the case now.

    ``transition`` narrows the lookup to transitions (True) or actions (False), as the API's two paths do.
    """
    step = STEPS.get(name)
    if step is None or (transition is not None and step.transition != transition):
        raise NotFound(_("There is no such step."))
    if step.transition:
        check_transition(case, name, user)
        return step
    return check_action(case, name, user)


def take_step(*, case: Case, user: User, name: str, data: dict[str, Any]) -> Any:
    """Run step ``name`` with its validated input: the one entry for the API and the pages alike.

    The step's service locks the case and checks the step again on the fresh row, so ``case`` may be
    a stale copy.
    """
    step = STEPS.get(name)
    if step is None:
        raise NotFound(_("There is no such step."))
    return step.service(case=case, user=user, **data)


def take_on(case: Case, user: User) -> None:
    """The clerk who first handles an application becomes its clerk (and keeps seeing it)."""
    if case.clerk_id is None and user.role == Role.CLERK:
        case.clerk = user


def fire(
    case: Case,
    name: str,
    user: User | None,
    *,
    reason: str | Message = "",
    data: dict[str, Any] | None = None,
    authorised: bool = False,
) -> CaseEvent:
    """Fire a checked transition on a locked case, save it, and add it to the timeline.

    ``user`` is None only for a transition the system takes (``authorised``, e.g. a periodic job)."""
    check_transition(case, name, user, authorised=authorised)
    from_status = case.status
    getattr(case, name)()
    if case.status == Status.CLOSED and case.closed_at is None:
        case.closed_at = clock.now()
    case.save()
    return record_event(
        case, name, user, from_status=from_status, to_status=case.status, reason=reason, data=data
    )


def finish(case: Case) -> Case:
    deadlines.recompute(case)
    return case


def simple_transition(
    name: str, kind: str, message: str | Message, *, reason_required: bool = False
) -> Callable[..., Case]:
    """A service for a transition that needs nothing but an optional (or required) reason."""

    @transaction.atomic
    def service(*, case: Case, user: User, reason: str = "") -> Case:
        if reason_required and not reason.strip():
            raise field_error("reason", _("Give the reason for this step."))
        case = lock_case(case)
        fire(case, name, user, reason=reason)
        everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
        tell(case, everyone, kind, message, reason)
        return finish(case)

    service.__name__ = f"case_{name}"
    service.__doc__ = f"Fire ``{name}``: lock, check, change, record, recompute, notify."
    return service
