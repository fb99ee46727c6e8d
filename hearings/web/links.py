"""The hearing page linked from the case page, registered with ``cases.registry.CASE_LINKS`` from
``HearingsConfig.ready()`` (the case app never imports hearings)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Case, Status
from cases.registry import CASE_LINKS, CaseLink
from hearings.models import HearingSession

SECTION = _("Hearing")


def shows_hearing(case: Case, user: User) -> bool:
    """In the asynchronous hearing, or once a session was held (its record stays readable)."""
    if case.status == Status.ASYNC_HEARING:
        return True
    return HearingSession.objects.filter(case=case).exists()


def register() -> None:
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
