"""The hearing page linked from the case page, registered with ``cases.registry.CASE_LINKS`` from
``HearingsConfig.ready()`` (the case app never imports hearings)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Case, Status
from cases.registry import CASE_LINKS, PARTY_ACTIONS, CaseLink, PartyAction
from core import clock
from hearings.models import HearingSession, SessionStatus, Stage, StageKind, StageStatus

SECTION = _("Hearing")


def shows_hearing(case: Case, user: User) -> bool:
    """In the asynchronous hearing, or once a session was held (its record stays readable)."""
    if case.status == Status.ASYNC_HEARING:
        return True
    return HearingSession.objects.filter(case=case).exists()


def register() -> None:
    PARTY_ACTIONS.register("hearing-windows", hearing_windows)
    CASE_LINKS.register(
        CaseLink(
            name="hearing",
            section=SECTION,
            label=_("Asynchronous hearing"),
            url_name="hearing-case",
            permission=shows_hearing,
            description=_("The hearing room: state your case, answer questions, follow the other side."),
            position=10,
            owner="hearings",
        )
    )


def hearing_windows(user: User, sides: dict[int, set[str]]) -> list[PartyAction]:
    """For the party's home page (``cases.registry.PARTY_ACTIONS``): the hearing stages whose window is
    open now, each due on the day it closes."""
    now = clock.now()
    stages = Stage.objects.filter(
        session__case_id__in=list(sides),
        session__status=SessionStatus.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
    ).exclude(status__in=[StageStatus.CLOSED, StageStatus.SKIPPED])
    return [
        PartyAction(
            case_id=case_id,
            kind=f"hearing_{kind}",
            label=gettext("Hearing: %(stage)s") % {"stage": StageKind(kind).label},
            url=reverse("hearing-room", args=[session_id]),
            due_on=clock.local_date(closes_at),
        )
        for session_id, case_id, kind, closes_at in stages.values_list(
            "session_id", "session__case_id", "kind", "closes_at"
        )
    ]
