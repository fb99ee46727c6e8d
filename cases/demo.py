"""The ``cases`` demo story: about sixty disputes of Tianhe workers and employers, in every status and
closure type, for the people the ``accounts`` story made.

The cases and their stories are data (``cases/demo_data.py``, written in the words of
``cases/demo_records.py``); this module drives them through the real services (filing, acceptance,
service, defence, consents, tribunal, hearings, mediation, suspension, closure) inside ``clock.at``, so
that each case's timeline, number and deadlines are the ones the system itself would have produced. The
steps of all the cases are interleaved in time, whichever app owns a step, as they would have happened:
case numbers follow the order of acceptance. Days are counted back from the day of seeding, so a seed
made on a working day has deadlines due today, due within three days and overdue (periods end on
working days: on a rest day nothing can be due that day). A case is recognised by its facts, which are
unique and never edited by any service: running the seed twice creates nothing twice. Every demo case,
made now or found, goes into the demo context under its key (``DemoCase.key``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from accounts.demo_data import PARTIES, USERS
from accounts.models import MediationOrganisation, User
from cases import deadlines, services
from cases.demo_data import CASES, EMPLOYERS, WORKERS
from cases.demo_records import AGENT, COUNTER, SELF, A, Day, DemoCase, DemoClaim, P, R, Step
from cases.models import Case, Side
from core import calendar as working_days
from core import clock
from core.demo import STORIES, Counts, DemoContext

__all__ = ["ALL_PARTIES", "CASES", "register", "seed"]

STORY = "cases"
ALL_PARTIES = {**PARTIES, **WORKERS, **EMPLOYERS}  # every party a demo case names, by key
ACCOUNT_OF_PARTY = {spec.party: spec.username for spec in USERS if spec.party}

M = TypeVar("M", bound=Model)

WORKDAY_START = time(10, 0)
STEP_GAP = timedelta(minutes=40)
HEARING_TIME = time(9, 30)
COMMISSION = {"clerk", "mediator", "supervisor", "arbitrator", "arbitrator2", "arbitrator3", P}


def resolve_day(value: Day, today: date, calendar: working_days.WorkingCalendar) -> int:
    """Days before today: a Due becomes the latest start whose period ends inside its window, a working
    day when there is one (the clerk acts on working days), else the start ending soonest after it."""
    if isinstance(value, int):
        return value
    earliest = today + timedelta(days=value.first)
    latest = today + timedelta(days=value.last)
    inside: list[tuple[bool, int]] = []
    after: list[tuple[date, int]] = []
    for back in range(0, value.days + working_days.MAX_ROLL_DAYS):
        start = today - timedelta(days=back)
        due_on = working_days.period(start, value.days, calendar).due_on
        if earliest <= due_on <= latest:
            inside.append((not calendar.is_working_day(start), back))
        elif due_on > latest:
            after.append((due_on, back))
    if inside:
        return min(inside)[1]
    return min(after)[1]


def working_day_back(back: int, today: date, calendar: working_days.WorkingCalendar, step: int = 1) -> int:
    """The nearest working day on or before (``step`` 1) or after (``step`` -1) the day ``back`` days ago."""
    for candidate in range(back, back + step * working_days.MAX_ROLL_DAYS, step):
        if calendar.is_working_day(today - timedelta(days=candidate)):
            return candidate
    return back


def at_the_commission(spec: DemoCase, position: int) -> bool:
    """Whether the filing (position 0) or a step is done at the commission, on a working day; parties
    file and answer online whenever they like."""
    if position == 0:
        return spec.filed_by == COUNTER
    who = spec.steps[position - 1].actor
    if who == A:
        return spec.filed_by != AGENT and spec.applicants[0] not in ACCOUNT_OF_PARTY
    if who == R:
        return spec.respondent not in ACCOUNT_OF_PARTY
    return who in COMMISSION


@dataclass
class Plan:
    """When a demo case's filing and steps happen, and the oral hearing a step schedules."""

    moments: list[datetime]
    hearings: dict[int, datetime]  # step position → hearing_at


def plan(
    spec: DemoCase, today: date, now: datetime, calendar: working_days.WorkingCalendar, offset: timedelta
) -> Plan:
    """Days are counted back from ``today``; what the commission does falls on a working day (moved
    earlier), nothing happens after ``now``, and the story's order is kept. ``offset`` (seconds, one per
    case) keeps two cases' steps from happening at the same instant."""
    days: list[int] = []
    for position, value in enumerate((spec.received, *(s.day for s in spec.steps))):
        day = resolve_day(value, today, calendar)
        if isinstance(value, int) and at_the_commission(spec, position):
            day = working_day_back(day, today, calendar)
        days.append(min(day, days[-1]) if days else day)
    moments = []
    on_day: Counter[int] = Counter()
    for day in days:
        start = datetime.combine(today - timedelta(days=day), WORKDAY_START, tzinfo=clock.LEGAL_TZ)
        moments.append(start + STEP_GAP * on_day[day] + offset)
        on_day[day] += 1
    # Today's steps that would fall later than now happen just before it instead.
    for i, moment in enumerate(moments):
        if moment >= now:
            moments[i] = now - timedelta(seconds=len(moments) - i)
    hearings = {}
    for position, s in enumerate(spec.steps, start=1):
        if "hearing" not in s.data:
            continue
        # On a working day, with at least the notice the law requires (L Art. 35).
        latest = days[position] - deadlines.HEARING_NOTICE_DAYS
        back = working_day_back(s.data["hearing"], today, calendar)
        if back > latest:
            back = working_day_back(s.data["hearing"], today, calendar, step=-1)
        hearing_day = today - timedelta(days=back)
        hearings[position] = datetime.combine(hearing_day, HEARING_TIME, tzinfo=clock.LEGAL_TZ)
    return Plan(moments, hearings)


def _claims(claims: Iterable[DemoClaim]) -> list[services.ClaimInput]:
    return [
        services.ClaimInput(c.category, c.description, Decimal(c.amount) if c.amount else None)
        for c in claims
    ]


def _fresh(records: dict[str, M], model: type[M]) -> dict[str, M]:
    """The context's records read again in this story's transaction: the services get the rows as they
    are now, not the instances (and cached relations) the accounts story was left holding."""
    rows = model._default_manager.in_bulk([record.pk for record in records.values()])
    return {key: rows[record.pk] for key, record in records.items()}


# Demo steps that are another app's records rather than case steps (mediation's agreement and its
# confirmations): the app registers how to take them from its ``ready()``, so ``cases`` need not import
# it. Each is called with the case, the acting user, the demo users by username, and the step's data.
DEMO_ACTIONS: dict[str, Callable[..., None]] = {}


class _Runner:
    """Drives the demo cases, interleaved in time, through the services."""

    def __init__(self, context: DemoContext) -> None:
        self.users = _fresh(context.all(User), User)
        self.organisations = _fresh(context.all(MediationOrganisation), MediationOrganisation)
        self.cases: dict[int, Case] = {}

    def _account(self, party_key: str) -> User | None:
        username = ACCOUNT_OF_PARTY.get(party_key)
        return self.users.get(username) if username else None

    def actor(self, spec: DemoCase, case: Case, who: str) -> tuple[User, str | None]:
        """The user who takes a step, and for the clerk standing in for a party, that party's side."""
        if who == A:
            if spec.filed_by == AGENT:
                return self.users["agent"], None
            own = self._account(spec.applicants[0])
            return (own, None) if own else (self.users["clerk"], Side.APPLICANT)
        if who == R:
            own = self._account(spec.respondent)
            return (own, None) if own else (self.users["clerk"], Side.RESPONDENT)
        if who == P:
            presiding = Case.objects.values_list("presiding_arbitrator", flat=True).get(pk=case.pk)
            return User.objects.get(pk=presiding), None
        return self.users[who], None

    def file(self, index: int, spec: DemoCase) -> None:
        kwargs: dict[str, Any] = {
            "respondent": ALL_PARTIES[spec.respondent].as_input(),
            "claims": _claims(spec.claims),
            "facts": spec.facts,
            "street": spec.street,
            "consents": {kind: kind in spec.consents for kind in services.CONSENT_KINDS},
        }
        applicants = [ALL_PARTIES[key].as_input() for key in spec.applicants]
        user: User | None
        if spec.filed_by == SELF:
            user = self._account(spec.applicants[0])
            if user is None:
                raise ValueError(f"demo case {spec.key!r} is filed online by an applicant with no account")
        elif spec.filed_by == AGENT:
            user = self.users["agent"]
            kwargs["applicant"] = applicants[0]
        else:
            user = self.users["clerk"]
            kwargs["received_at"] = clock.now()
            if len(applicants) > 1:
                kwargs["applicants"] = applicants
                kwargs["representatives"] = list(spec.representatives)
            else:
                kwargs["applicant"] = applicants[0]
        self.cases[index] = case = services.case_file(user=user, **kwargs)
        if spec.filed_by == AGENT:
            # The agent brought the signed power of attorney to the filing window with the application.
            services.case_decide_mandate(
                case=case,
                agent_id=case.agents.get(user=user).pk,
                user=self.users["clerk"],
                decision="verified",
                note="授权委托书原件及律师执业证已核对",
            )

    def take(self, index: int, spec: DemoCase, s: Step, hearing_at: datetime | None) -> None:
        case = self.cases[index]
        user, side = self.actor(spec, case, s.actor)
        data = dict(s.data)
        if s.name == "consent":
            services.case_record_consents(case=case, user=user, side=side, **data)
            return
        if s.name in DEMO_ACTIONS:
            DEMO_ACTIONS[s.name](case=case, user=user, users=self.users, **data)
            return
        if s.name == "tribunal":
            arbitrators = [self.users[name] for name in data["arbitrators"]]
            services.case_set_tribunal(case=case, user=user, arbitrators=arbitrators)
            return
        if "arbitrators" in data:
            data["arbitrators"] = [self.users[name].pk for name in data["arbitrators"]]
        if "organisation" in data:
            data["mediation_organisation"] = self.organisations[data.pop("organisation")]
        if "hearing" in data:
            del data["hearing"]
            data["hearing_at"] = hearing_at
        if "claims" in data:
            data["claims"] = _claims(data["claims"])
        notified = data.pop("notified", False)
        services.take_step(case=case, user=user, name=s.name, data=data)
        if notified:  # the clerk hands both sides the written hearing notice against a signed receipt
            for notified_side in (Side.APPLICANT, Side.RESPONDENT):
                services.take_step(
                    case=case,
                    user=self.users["clerk"],
                    name="serve_hearing_notice",
                    data={"side": notified_side, "method": "in_person", "received_on": clock.today()},
                )


def _check_keys() -> None:
    """Two cases under one key would hide one of them from the stories after this one."""
    keys = Counter(spec.key for spec in CASES)
    twice = sorted(key for key, count in keys.items() if count > 1)
    if twice:
        raise ValueError(f"demo cases share a key (name them with key=...): {', '.join(twice)}")


def seed(context: DemoContext) -> Counts:
    """The demo cases not made yet, each driven through the services; returns how many were made."""
    _check_keys()
    made = set(Case.objects.filter(facts__in=[c.facts for c in CASES]).values_list("facts", flat=True))
    todo = [(index, spec) for index, spec in enumerate(CASES) if spec.facts not in made]
    if todo:
        _run(context, todo)
    cases = {case.facts: case for case in Case.objects.filter(facts__in=[c.facts for c in CASES])}
    for spec in CASES:
        context.add(spec.key, cases[spec.facts])
    return {"cases": len(todo)}


def _run(context: DemoContext, todo: list[tuple[int, DemoCase]]) -> None:
    """Plan every case's steps, then take them all in the order of their moments."""
    today, now = clock.today(), clock.now()
    calendar = working_days.WorkingCalendar()
    plans = {index: plan(spec, today, now, calendar, timedelta(seconds=index)) for index, spec in todo}
    timeline = sorted(
        (moment, index, position) for index, p in plans.items() for position, moment in enumerate(p.moments)
    )
    with transaction.atomic():
        runner = _Runner(context)
        for moment, index, position in timeline:
            spec = CASES[index]
            with clock.at(moment):
                if position == 0:
                    runner.file(index, spec)
                else:
                    hearing_at = plans[index].hearings.get(position)
                    runner.take(index, spec, spec.steps[position - 1], hearing_at)
        # The steps ran in the past: bring every deadline's status up to today.
        for case in Case.objects.filter(pk__in=[c.pk for c in runner.cases.values()]):
            deadlines.recompute(case, calendar=calendar)


def register() -> None:
    """Called from ``CasesConfig.ready()``: the cases need the accounts' people and organisations."""
    STORIES.register(STORY, seed, after=("accounts",))
