"""Composing the tribunal."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from cases import permissions
from cases.models import (
    Case,
    EventKind,
    Procedure,
    Side,
    TribunalMember,
)
from cases.models.case import TRIBUNAL_STATUSES
from cases.services.kernel import (
    finish,
    lock_case,
    record_event,
    side_users,
    tell,
)
from core.errors import Forbidden, InvalidTransition, field_error
from core.messages import Message


def validate_tribunal(case: Case, arbitrators: list[User]) -> None:
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


def seat_tribunal(case: Case, arbitrators: list[User], parties: list[User] | None = None) -> None:
    """Seat the tribunal and tell it and the parties (``parties``: both sides' users, when the caller has
    them already)."""
    case.tribunal.all().delete()
    TribunalMember.objects.bulk_create(
        TribunalMember(case=case, arbitrator=a, presiding=i == 0, position=i)
        for i, a in enumerate(arbitrators)
    )
    Case.objects.filter(pk=case.pk).update(presiding_arbitrator=arbitrators[0])
    case.presiding_arbitrator = arbitrators[0]
    names = "、".join(a.name for a in arbitrators)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) if parties is None else parties
    # L Arts. 32-33: the parties are told who sits, so that they may apply for an arbitrator's recusal.
    tell(
        case,
        everyone,
        "case.tribunal",
        Message(gettext_noop("the tribunal is composed: %(names)s"), names=names),
        Message(
            gettext_noop("You may apply for the recusal of an arbitrator, stating the grounds (L Art. 33).")
        ),
    )
    tell(case, arbitrators, "case.assigned", Message(gettext_noop("you have been assigned to this case")))


@transaction.atomic
def case_set_tribunal(*, case: Case, user: User, arbitrators: list[User]) -> Case:
    case = lock_case(case)
    if not permissions.intake_staff(case, user):
        raise Forbidden(_("Only a clerk or a supervisor composes the tribunal."))
    if case.status not in TRIBUNAL_STATUSES:
        raise InvalidTransition(
            _("A tribunal is composed only for an accepted, open case."), extra={"status": case.status}
        )
    validate_tribunal(case, arbitrators)
    seat_tribunal(case, arbitrators)
    record_event(case, EventKind.SET_TRIBUNAL, user, data={"arbitrators": [a.pk for a in arbitrators]})
    return finish(case)


def arbitrators_by_id(ids: list[int], field: str = "arbitrators") -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=ids, role=Role.ARBITRATOR, is_active=True)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise field_error(
            field, _("Not an active arbitrator: %(ids)s") % {"ids": ", ".join(map(str, missing))}
        )
    return [found[i] for i in ids]
