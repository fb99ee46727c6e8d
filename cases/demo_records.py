"""The words the demo cases are written in (``cases/demo_data.py``) and ``cases/demo.py`` reads: who
acts, when, and the shorthands for the common steps. Apart from the data, so that both import it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accounts.demo_records import ORG, PERSON, DemoParty
from cases import deadlines
from cases.models import Procedure


def text(block: str) -> str:
    """One paragraph written over several source lines (Chinese prose has no spaces between lines)."""
    return "".join(line.strip() for line in block.strip().splitlines())


def worker(name: str, number17: str, phone: str, address: str) -> DemoParty:
    """A worker named in an application (no demo account of their own)."""
    return DemoParty(PERSON, name, number17, phone, address)


def employer(name: str, number17: str, phone: str, address: str, representative: str) -> DemoParty:
    """An employer named in an application (no demo account of its own)."""
    return DemoParty(ORG, name, number17, phone, address, representative)


A = "@applicant"  # the applicant's side: its own account, its agent, or the clerk at the counter
R = "@respondent"  # the respondent's own account, or the clerk recording what it handed in at the counter
P = "@presiding"  # the presiding arbitrator of the case's tribunal

SELF, AGENT, COUNTER = "self", "agent", "counter"  # how an application arrives
ELECTRONIC = frozenset({"electronic_service"})
ASYNC = frozenset({"electronic_service", "async_hearing"})
MEDIATE = frozenset({"electronic_service", "pre_mediation"})
MEDIATE_OR_ASYNC = frozenset({"electronic_service", "pre_mediation", "async_hearing"})


@dataclass(frozen=True)
class Due:
    """A day chosen at seeding time so that a period of ``days`` counted from it ends between ``first``
    and ``last`` days from today: deadlines due today or within three days whatever day it is."""

    days: int
    first: int = 0
    last: int = 0


Day = int | Due  # days before today, or a Due


@dataclass(frozen=True)
class Step:
    day: Day
    actor: str  # a demo username, or A / R / P
    name: str  # a transition or action of ``services.take_step``, or "consent" / "tribunal"
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoClaim:
    category: str
    amount: str | None
    description: str


@dataclass(frozen=True)
class DemoCase:
    applicants: tuple[str, ...]
    respondent: str
    filed_by: str  # SELF (online, by the applicant's account), AGENT, or COUNTER (registered by the clerk)
    received: Day
    street: str
    claims: tuple[DemoClaim, ...]
    facts: str
    steps: tuple[Step, ...] = ()
    consents: frozenset[str] = ELECTRONIC
    representatives: tuple[int, ...] = ()
    # How later demo stories find the case (``context.get(Case, key)``); by default
    # "<first applicant>-<respondent>", named where one applicant has two cases against one employer.
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", f"{self.applicants[0]}-{self.respondent}")


def claim(category: str, amount: str | None, description: str) -> DemoClaim:
    """A claim as the application states it (``amount`` None: a claim for a finding, not money)."""
    return DemoClaim(category, amount, description)


def step(day: Day, actor: str, name: str, **data: Any) -> Step:
    """Any step, with the input ``services.take_step`` takes (``organisation``: a key of ORGANISATIONS)."""
    return Step(day, actor, name, data)


def accept(day: Day, *arbitrators: str, procedure: str = Procedure.ORDINARY, **found: Any) -> Step:
    """The clerk accepts; with arbitrators the tribunal is composed at once, else it joins the queue."""
    data: dict[str, Any] = {"procedure": procedure, "reason": "经审查符合受理条件，予以受理", **found}
    if arbitrators:
        data["arbitrators"] = list(arbitrators)
    return Step(day, "clerk", "accept", data)


def tribunal(day: Day, *arbitrators: str) -> Step:
    """The clerk composes the tribunal of a case accepted into the arbitrators' queue."""
    return Step(day, "clerk", "tribunal", {"arbitrators": list(arbitrators)})


def serve(day: Day, defence_days: int = deadlines.DEFENCE_DAYS) -> Step:
    """The clerk serves the application on the respondent; the defence period starts."""
    return step(day, "clerk", "serve_application", defence_days=defence_days)


def defence(day: Day, words: str) -> Step:
    """The respondent's defence: online by its own account, else handed in at the counter."""
    return step(day, R, "file_defence", text=words)


def serve_defence(day: Day) -> Step:
    """The clerk serves the defence on the applicant."""
    return step(day, "clerk", "serve_defence")


def consent(day: Day, actor: str, **choices: bool) -> Step:
    """A side's consents given after filing (``async_hearing=True``…)."""
    return Step(day, actor, "consent", choices)


def start_async(day: Day) -> Step:
    """The presiding arbitrator opens the asynchronous hearing both sides agreed to."""
    return step(day, P, "start_async_hearing", reason="双方均同意互联网异步审理")


def oral(day: Day, hearing: int, reason: str = "") -> Step:
    """Schedule the oral hearing for ``hearing`` days before today (negative: still to come)."""
    return step(day, P, "schedule_oral_hearing", hearing=hearing, reason=reason, notified=True)


def conclude(day: Day) -> Step:
    """The presiding arbitrator closes the hearing: the case awaits the award."""
    return step(day, P, "conclude_hearing", reason="当事人已作最后陈述，庭审（审理）结束")
