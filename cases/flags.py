"""What the commission's staff are shown about a case before they act: reads, never writes.

- the procedure R Arts. 56-57 propose, and why, before acceptance (issue 13, point 5);
- a party named with a known number under another name: what was typed and what is registered (point 10);
- the limitation period (L Art. 27) and whether the respondent raised it (point 11) — a flag only: the
  commission does not reject on limitation of its own motion;
- the places deciding jurisdiction and a pending objection (point 12).

Parties do not see these (``flags_for`` returns nothing to them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import PARTY_ROLES, has_role
from cases.models import Case, EventKind, Side, Status
from core import clock


@dataclass(frozen=True)
class Flag:
    code: str
    level: str  # info | warning
    message: str
    basis: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def flags_for(case: Case, user: User | None) -> list[Flag]:
    if user is None or not user.is_authenticated or has_role(user, PARTY_ROLES):
        return []
    return [
        *_procedure_flags(case),
        *_name_flags(case),
        *_limitation_flags(case),
        *_jurisdiction_flags(case),
    ]


def _procedure_flags(case: Case) -> list[Flag]:
    if case.status != Status.SUBMITTED:
        return []
    from cases.services.intake import propose_procedure

    proposal = propose_procedure(case)
    return [Flag("procedure_proposal", "info", str(proposal.reason), "R 56-57")]


def _name_flags(case: Case) -> list[Flag]:
    flags = []
    for case_party in case.parties.all():
        typed, registered = case_party.stated_name, case_party.party.name
        if typed and typed != registered:
            side = _("applicant") if case_party.side == Side.APPLICANT else _("respondent")
            message = _(
                "The %(side)s was named “%(typed)s”; the number given is registered to “%(registered)s”. "
                "The case is linked to the registered party and keeps the name as typed."
            ) % {"side": side, "typed": typed, "registered": registered}
            flags.append(Flag("name_differs", "warning", message))
    return flags


def _limitation_flags(case: Case) -> list[Flag]:
    from cases.services.limitation import limitation_of, limitation_raised

    result = limitation_of(case)
    if result is None:
        return []
    raised = limitation_raised(case)
    received = clock.local_date(case.received_at)
    if not result.runs:
        message = _("Wages unpaid during employment: no limitation period runs while it lasts.")
        return [Flag("limitation", "info", message, "L 27")]
    assert result.runs_from is not None and result.expires_on is not None
    dates = {
        "start": result.runs_from.isoformat(),
        "end": result.expires_on.isoformat(),
        "received": received.isoformat(),
    }
    in_time = result.in_time(received)
    if in_time:
        message = (
            _(
                "Limitation: the year ran from %(start)s to %(end)s; the application was received on "
                "%(received)s, in time."
            )
            % dates
        )
    else:
        message = (
            _(
                "Limitation: the year ran from %(start)s to %(end)s; the application was received on "
                "%(received)s, after it. The commission does not reject on this of its own motion: it is for "
                "the respondent to raise."
            )
            % dates
        )
    if raised:
        message += " " + _("The respondent has raised limitation: the tribunal decides it.")
    return [Flag("limitation", "info" if in_time else "warning", message, "L 27")]


def _jurisdiction_flags(case: Case) -> list[Flag]:
    flags = []
    if case.transferred_received_on is not None:
        message = _(
            "Transferred from %(commission)s (case %(number)s); file received on %(day)s: the time limit "
            "for the award runs from that day (R Art. 46)."
        ) % {
            "commission": case.transferred_from_commission,
            "number": case.transferred_from_number,
            "day": case.transferred_received_on.isoformat(),
        }
        flags.append(Flag("transferred_in", "info", message, "R 9, R 46"))
    if case.place_of_performance or case.employer_registered_place:
        message = _("Place of performance: %(place)s; employer's registered place: %(registered)s.") % {
            "place": case.place_of_performance or "—",
            "registered": case.employer_registered_place or "—",
        }
        flags.append(Flag("jurisdiction_places", "info", message, "L 21"))
    if case.jurisdiction_objection_pending:
        objection = case.events.filter(kind=EventKind.OBJECT_TO_JURISDICTION).order_by("-created_at").first()
        message = _("The respondent objects to jurisdiction; decide it before the hearing: %(reason)s") % {
            "reason": objection.reason if objection else ""
        }
        flags.append(Flag("jurisdiction_objection", "warning", message, "R 10"))
    return flags
