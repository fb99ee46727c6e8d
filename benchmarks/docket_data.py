"""Synthetic docket data for the benchmarks: any number of cases in a realistic shape, loaded with COPY.

Every case gets a history of timeline events that the real services could have recorded for its
status; its stored deadlines and ``next_due_on`` are what the real deadline engine
(``cases.deadlines.compute``) makes of that history today. So the data satisfies the model constraints
and the engine's invariants without going through the per-case services, which would take hours for
100,000 cases. Rows are written with PostgreSQL ``COPY`` (psycopg 3 ``cursor.copy``).

Shape of each case: one applicant (a person; a few workers have several cases), one respondent (an
organisation; employers are shared, a few big ones have thousands of cases), 1-3 claims, both sides'
consents, a tribunal of 1 or 3 arbitrators once accepted (a few accepted cases wait in the intake
queue), a mediation organisation when referred, and statuses spread over every ``Status``.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection

from accounts.identifiers import (
    credit_code_check_character,
    ric_check_character,
    validate_credit_code,
    validate_id_number,
)
from accounts.models import MediationOrganisation, Party, PartyKind, Role, User
from cases import deadlines
from cases.models import (
    Case,
    CaseConsent,
    CaseEvent,
    CaseNumberSequence,
    CaseParty,
    ClaimCategory,
    ClosureType,
    Deadline,
    Procedure,
    Side,
    Status,
    SuspensionGround,
    TribunalMember,
)
from cases.models.case import Claim
from core import calendar as working_days
from core import clock
from core.bulk import copy_rows, reset_sequences

# Shares of the statuses, in per cent: a commission with a few years of history behind it.
STATUS_SHARES: dict[str, int] = {
    Status.SUBMITTED: 4,
    Status.PRE_MEDIATION: 3,
    Status.MEDIATED: 8,
    Status.REJECTED: 3,
    Status.WITHDRAWN: 4,
    Status.ACCEPTED: 8,
    Status.ASYNC_HEARING: 4,
    Status.ORAL_HEARING: 5,
    Status.MEDIATION: 3,
    Status.SUSPENDED: 2,
    Status.DELIBERATION: 4,
    Status.CLOSED: 52,
}
assert set(STATUS_SHARES) == set(Status.values) and sum(STATUS_SHARES.values()) == 100

ARBITRATORS = 40
CLERKS = 12
MEDIATION_ORGANISATIONS = 8
REPEAT_APPLICANT_SHARE = 0.03  # workers with more than one case
UNASSIGNED_ACCEPTED_SHARE = 0.12  # accepted cases still in the arbitrators' intake queue
PASSWORD = "bench-password-not-secret"  # noqa: S105 - bench accounts in a throwaway database

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉斌宇浩凯鹏飞云海燕亮晨雪琳欣怡佳"
BRANDS = "华盛鑫达腾飞宏图恒通信诚瑞丰嘉禾永兴金源新锐天成博远汇智卓越锦程聚力启航远大泰和安达顺发"
TRADES = [
    "科技",
    "物流",
    "餐饮管理",
    "电子",
    "建筑工程",
    "贸易",
    "服装",
    "物业管理",
    "人力资源",
    "快递服务",
    "家政服务",
    "汽车维修",
    "网络科技",
    "装饰工程",
    "食品",
]
DISTRICTS = ["天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区"]
STREETS = ["天河南街", "林和街", "沙河街", "员村街", "车陂街", "石牌街", "五山街", "棠下街", "兴华街"]
CLAIM_TEXT = {
    ClaimCategory.WAGE_ARREARS: "支付拖欠工资",
    ClaimCategory.OVERTIME: "支付加班费",
    ClaimCategory.TERMINATION_COMPENSATION: "支付违法解除劳动合同赔偿金",
    ClaimCategory.ECONOMIC_COMPENSATION: "支付解除劳动合同经济补偿",
    ClaimCategory.WORK_INJURY: "支付工伤保险待遇",
    ClaimCategory.SOCIAL_INSURANCE: "补缴社会保险费",
    ClaimCategory.WORKING_HOURS: "确认工作时间",
    ClaimCategory.REST_LEAVE: "支付未休年休假工资",
    ClaimCategory.LABOUR_RELATION: "确认劳动关系",
    ClaimCategory.OTHER: "其他请求",
}
CLAIM_WEIGHTS = [30, 15, 12, 14, 5, 8, 2, 6, 5, 3]


# --- the history of one case ----------------------------------------------------------------------------


@dataclass
class Ev:
    kind: str
    at: timedelta  # after receipt; becomes a datetime once the history is anchored in time
    from_status: str = ""
    to_status: str = ""
    actor: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass
class Story:
    status: str
    applicant: int  # index into the applicant parties
    employer: int  # index into the employers
    claims: list[tuple[str, Decimal, str]]
    events: list[Ev] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # Case fields known from the history
    tribunal: list[int] = field(default_factory=list)
    organisation: int | None = None
    consents: dict[str, tuple[bool | None, bool | None, bool | None]] = field(default_factory=dict)
    accept: Ev | None = None
    received_at: datetime | None = None


class History:
    """Appends events at increasing offsets and tracks the status as the services would."""

    def __init__(self, rng: random.Random, story: Story) -> None:
        self.rng = rng
        self.story = story
        self.t = timedelta(0)
        self.status = Status.SUBMITTED

    def add(
        self,
        kind: str,
        days: float,
        *,
        actor: int | None = None,
        to: str | None = None,
        data: dict[str, Any] | None = None,
        reason: str = "",
    ) -> Ev:
        self.t += timedelta(days=days, minutes=self.rng.randint(1, 300))
        event = Ev(kind, self.t, actor=actor, data=data or {}, reason=reason)
        if to is not None:
            event.from_status, event.to_status = self.status, to
            self.status = to
        self.story.events.append(event)
        return event


class Generator:
    def __init__(self, rng: random.Random, *, arbitrators: list[int], clerks: list[int], supervisor: int):
        self.rng = rng
        self.arbitrators = arbitrators
        self.arbitrator_weights = list(
            itertools.accumulate(rng.uniform(0.6, 1.4) for _ in arbitrators)
        )  # some arbitrators are busier
        self.clerks = clerks
        self.supervisor = supervisor
        self.mediators: dict[int, int] = {}  # organisation index -> mediator user id

    # -- pieces --------------------------------------------------------------------------------------
    def days(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def claims(self) -> list[tuple[str, Decimal, str]]:
        count = self.rng.choices([1, 2, 3], [45, 35, 20])[0]
        categories: list[str] = []
        while len(categories) < count:
            category = self.rng.choices(ClaimCategory.values, CLAIM_WEIGHTS)[0]
            if category not in categories:
                categories.append(category)
        result = []
        for category in categories:
            amount = Decimal(self.rng.randint(500, 90_000)) + Decimal(self.rng.randint(0, 99)) / 100
            result.append((category, amount, CLAIM_TEXT[category]))
        return result

    def tribunal(self, procedure: str) -> list[int]:
        size = 1 if procedure == Procedure.SIMPLIFIED or self.rng.random() < 0.6 else 3
        seats: list[int] = []
        while len(seats) < size:
            arbitrator = self.rng.choices(self.arbitrators, cum_weights=self.arbitrator_weights)[0]
            if arbitrator not in seats:
                seats.append(arbitrator)
        return seats

    def procedure(self, story: Story) -> str:
        total = sum(amount for _category, amount, _text in story.claims)
        if total <= settings.SIMPLIFIED_AMOUNT_LIMIT and self.rng.random() < 0.55:
            return Procedure.SIMPLIFIED
        return Procedure.ORDINARY

    # -- phases ----------------------------------------------------------------------------------------
    def file(self, h: History) -> None:
        story = h.story
        online = self.rng.random() < 0.6
        clerk = None if online else self.rng.choice(self.clerks)
        event = h.add("filed" if online else "registered", 0, actor=clerk, to=Status.SUBMITTED)
        event.at = h.t = timedelta(0)
        story.values["clerk_id"] = clerk
        story.values["created_by_id"] = clerk
        worker_consents = (self.rng.random() < 0.7, self.rng.random() < 0.6, self.rng.random() < 0.8)
        story.consents = {Side.APPLICANT: worker_consents, Side.RESPONDENT: (None, None, None)}

    def take_on(self, story: Story, clerk: int) -> None:
        if story.values.get("clerk_id") is None:
            story.values["clerk_id"] = clerk

    def clerk_of(self, story: Story) -> int:
        return story.values.get("clerk_id") or self.rng.choice(self.clerks)

    def refer(self, h: History) -> None:
        clerk = self.clerk_of(h.story)
        organisation = self.rng.randrange(MEDIATION_ORGANISATIONS)
        h.story.organisation = organisation
        self.take_on(h.story, clerk)
        h.add("refer_to_mediation", self.days(0, 2), actor=clerk, to=Status.PRE_MEDIATION)

    def mediator(self, story: Story) -> int | None:
        return self.mediators.get(story.organisation) if story.organisation is not None else None

    def supplement(self, h: History, *, completed: bool) -> None:
        clerk = self.clerk_of(h.story)
        h.add("request_supplement", self.days(0.5, 3), actor=clerk, data={"items": ["劳动合同复印件"]})
        if completed:
            h.add("complete_supplement", self.days(1, 5), actor=clerk)
        else:
            h.story.values["supplement_requested_at"] = h.t

    def intake(self, h: History) -> None:
        self.file(h)
        if self.rng.random() < 0.06:
            self.refer(h)
            h.add(
                "record_mediation_failure",
                self.days(2, 14),
                actor=self.mediator(h.story),
                to=Status.SUBMITTED,
            )
        if self.rng.random() < 0.10:
            self.supplement(h, completed=True)

    def accept(self, h: History, *, tribunal: str = "now") -> None:
        """``tribunal``: ``now`` (named in accept), ``later`` (set_tribunal), or ``none``."""
        story = h.story
        clerk = self.clerk_of(story)
        self.take_on(story, clerk)
        procedure = self.procedure(story)
        story.values["procedure"] = procedure
        seats = self.tribunal(procedure) if tribunal != "none" else []
        event = h.add(
            "accept",
            self.days(1, 5),
            actor=clerk,
            to=Status.ACCEPTED,
            data={
                "case_number": None,
                "procedure": procedure,
                "arbitrators": seats if tribunal == "now" else [],
            },
        )
        story.accept = event
        story.values["accepted_at"] = event.at
        if tribunal == "later":
            h.add("set_tribunal", self.days(0.5, 5), actor=clerk, data={"arbitrators": seats})
        story.tribunal = seats

    def serve(self, h: History, *, defence: float, served_defence: float) -> None:
        story = h.story
        clerk = self.clerk_of(story)
        defence_days = 10
        if story.values.get("procedure") == Procedure.SIMPLIFIED and self.rng.random() < 0.3:
            defence_days = self.rng.randint(5, 9)
        story.values["defence_days"] = defence_days
        h.add("serve_application", self.days(0, 4), actor=clerk, data={"defence_days": defence_days})
        story.values["served_at"] = h.t
        if self.rng.random() < defence:
            h.add("file_defence", self.days(1, defence_days), data={"text": "答辩意见"})
            story.values["defence_filed_at"] = h.t
            if self.rng.random() < served_defence:
                h.add("serve_defence", self.days(0, 4), actor=clerk)
                story.values["defence_served_at"] = h.t

    def presiding(self, story: Story) -> int:
        return story.tribunal[0]

    def hearing(self, h: History, *, oral: bool | None = None) -> None:
        story = h.story
        oral = self.rng.random() < 0.55 if oral is None else oral
        if oral:
            event = h.add(
                "schedule_oral_hearing", self.days(1, 6), actor=self.presiding(story), to=Status.ORAL_HEARING
            )
            hearing = event.at + timedelta(days=self.rng.randint(5, 25))
            story.values["hearing_at"] = hearing
        else:
            story.consents[Side.APPLICANT] = (story.consents[Side.APPLICANT][0], True, True)
            story.consents[Side.RESPONDENT] = (None, True, True)
            h.add(
                "start_async_hearing", self.days(1, 6), actor=self.presiding(story), to=Status.ASYNC_HEARING
            )

    def arbitration(self, h: History) -> None:
        """Accepted with a tribunal, served, defence filed and served: ready for the hearing."""
        self.intake(h)
        self.accept(h, tribunal="now" if self.rng.random() < 0.75 else "later")
        self.serve(h, defence=0.85, served_defence=0.95)

    # -- one story per status --------------------------------------------------------------------------
    def story(self, status: str, applicant: int, employer: int) -> tuple[Story, float]:
        """The case's history, and how many days before today its last event happened."""
        story = Story(status=status, applicant=applicant, employer=employer, claims=self.claims())
        h = History(self.rng, story)
        rng = self.rng
        terminal_gap = rng.uniform(1, 1000)
        if status == Status.SUBMITTED:
            self.file(h)
            if rng.random() < 0.08:
                self.refer(h)
                h.add(
                    "record_mediation_failure",
                    self.days(2, 14),
                    actor=self.mediator(story),
                    to=Status.SUBMITTED,
                )
            if rng.random() < 0.15:
                self.supplement(h, completed=rng.random() < 0.4)
            gap = rng.uniform(0, 6)
        elif status == Status.PRE_MEDIATION:
            self.file(h)
            self.refer(h)
            gap = rng.uniform(0, 17)
        elif status == Status.MEDIATED:
            self.file(h)
            self.refer(h)
            h.add(
                "record_mediation_agreement", self.days(2, 14), actor=self.mediator(story), to=Status.MEDIATED
            )
            gap = terminal_gap
        elif status == Status.REJECTED:
            self.file(h)
            if rng.random() < 0.3:
                self.supplement(h, completed=True)
            clerk = self.clerk_of(story)
            self.take_on(story, clerk)
            h.add("reject", self.days(1, 5), actor=clerk, to=Status.REJECTED, reason="不属于劳动争议受理范围")
            gap = terminal_gap
        elif status == Status.WITHDRAWN:
            self.file(h)
            if rng.random() < 0.3:
                self.refer(h)
            h.add("withdraw", self.days(1, 8), to=Status.WITHDRAWN, reason="申请人撤回申请")
            gap = terminal_gap
        elif status == Status.ACCEPTED:
            self.intake(h)
            if rng.random() < UNASSIGNED_ACCEPTED_SHARE:
                self.accept(h, tribunal="none")
            else:
                self.accept(h, tribunal="now" if rng.random() < 0.7 else "later")
            if rng.random() < 0.65:
                self.serve(h, defence=0.45, served_defence=0.5)
            gap = rng.uniform(0, 8)
        elif status in (Status.ASYNC_HEARING, Status.ORAL_HEARING, Status.DELIBERATION):
            self.arbitration(h)
            self.hearing(h, oral=status == Status.ORAL_HEARING if status != Status.DELIBERATION else None)
            if status == Status.DELIBERATION:
                h.add(
                    "conclude_hearing", self.days(3, 20), actor=self.presiding(story), to=Status.DELIBERATION
                )
                if rng.random() < 0.1:
                    days = rng.randint(5, 15)
                    h.add("extend_ruling", self.days(1, 5), actor=self.presiding(story), data={"days": days})
                    story.values["extension_days"] = days
            gap = rng.uniform(0, 10)
        elif status == Status.MEDIATION:
            self.arbitration(h)
            if rng.random() < 0.5:
                self.hearing(h)
            before = h.status
            h.add("start_mediation", self.days(1, 10), actor=self.presiding(story), to=Status.MEDIATION)
            story.values["status_before_mediation"] = before
            gap = rng.uniform(0, 10)
        elif status == Status.SUSPENDED:
            self.arbitration(h)
            if rng.random() < 0.5:
                self.hearing(h)
            before = h.status
            ground = rng.choice(SuspensionGround.values)
            h.add(
                "suspend",
                self.days(1, 15),
                actor=self.supervisor,
                to=Status.SUSPENDED,
                data={"ground": ground},
            )
            story.values["status_before_suspension"] = before
            gap = rng.uniform(1, 150)
        elif status == Status.CLOSED:
            self.closed(h)
            gap = terminal_gap
        else:  # pragma: no cover - STATUS_SHARES covers every status
            raise ValueError(status)
        assert h.status == status, (status, h.status)
        return story, gap

    def closed(self, h: History) -> None:
        story = h.story
        rng = self.rng
        self.arbitration(h)
        closure = rng.choices(ClosureType.values[:5], [45, 28, 17, 5, 5])[0]
        presiding = self.presiding(story)
        if rng.random() < 0.08:
            h.add(
                "suspend",
                self.days(1, 10),
                actor=self.supervisor,
                to=Status.SUSPENDED,
                data={"ground": "other"},
            )
            h.add("resume", self.days(5, 40), actor=self.supervisor, to=Status.ACCEPTED)
        if closure == ClosureType.AWARD:
            self.hearing(h)
            h.add("conclude_hearing", self.days(3, 15), actor=presiding, to=Status.DELIBERATION)
            if rng.random() < 0.1:
                days = rng.randint(5, 15)
                h.add("extend_ruling", self.days(1, 5), actor=presiding, data={"days": days})
                story.values["extension_days"] = days
            h.add("issue_award", self.days(3, 20), actor=presiding, to=Status.CLOSED, reason="裁决")
        elif closure == ClosureType.MEDIATION:
            if rng.random() < 0.5:
                self.hearing(h)
            h.add("start_mediation", self.days(1, 10), actor=presiding, to=Status.MEDIATION)
            h.add(
                "close_by_mediation", self.days(1, 10), actor=presiding, to=Status.CLOSED, reason="调解结案"
            )
        elif closure == ClosureType.WITHDRAWAL:
            if rng.random() < 0.4:
                self.hearing(h)
            h.add("withdraw", self.days(1, 20), to=Status.CLOSED, reason="申请人撤回仲裁申请")
        elif closure == ClosureType.DEEMED_WITHDRAWAL:
            self.hearing(h, oral=True)
            h.add(
                "deem_withdrawn",
                self.days(5, 25),
                actor=presiding,
                to=Status.CLOSED,
                reason="无正当理由拒不到庭",
            )
        else:
            h.add("cancel", self.days(1, 20), actor=presiding, to=Status.CLOSED, reason="撤销案件")
        story.values["closure_type"] = closure
        story.values["closed_at"] = h.t
        for kind in ("status_before_mediation", "status_before_suspension"):
            story.values.pop(kind, None)


# --- parties and users ----------------------------------------------------------------------------------


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def employer_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    result: list[str] = []
    while len(result) < count:
        brand = rng.choice(BRANDS) + rng.choice(BRANDS)
        name = f"广州市{rng.choice(DISTRICTS)[:2]}{brand}{rng.choice(TRADES)}有限公司"
        if name not in names:
            names.add(name)
            result.append(name)
    return result


def id_number(index: int) -> str:
    """A valid resident ID number, different for every index below 16,000,000."""
    birth = date(1966, 1, 1) + timedelta(days=index % 14_600)
    first17 = f"440106{birth:%Y%m%d}{index // 14_600:03d}"
    return first17 + ric_check_character(first17)


def credit_code(index: int) -> str:
    first17 = f"91440106MA{index:07d}"
    return first17 + credit_code_check_character(first17)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


# --- the load --------------------------------------------------------------------------------------------


@dataclass
class Loaded:
    cases: int
    seconds: float
    rows: dict[str, int]
    users: dict[str, Any]


def _anchor(now: datetime, gap_days: float, last: timedelta) -> datetime:
    """Receipt time such that the last event happened ``gap_days`` before now."""
    return now - timedelta(days=gap_days) - last


def staff_users(password: str) -> tuple[list[MediationOrganisation], list[User]]:
    """The benchmark's mediation organisations and staff: arbitrators, clerks, a supervisor and one mediator
    per organisation, all with the hashed ``password``."""
    organisations = MediationOrganisation.objects.bulk_create(
        MediationOrganisation(
            name=f"{STREETS[i % len(STREETS)]}劳动争议调解中心{i + 1}号", street=STREETS[i % len(STREETS)]
        )
        for i in range(MEDIATION_ORGANISATIONS)
    )

    def user(username: str, role: str, **fields: Any) -> User:
        return User(username=username, password=password, role=role, display_name=username, **fields)

    staff = User.objects.bulk_create(
        [user(f"bench-arbitrator-{i + 1:02d}", Role.ARBITRATOR) for i in range(ARBITRATORS)]
        + [user(f"bench-clerk-{i + 1:02d}", Role.CLERK) for i in range(CLERKS)]
        + [user("bench-supervisor", Role.SUPERVISOR)]
        + [
            user(f"bench-mediator-{i + 1:02d}", Role.MEDIATOR, mediation_organisation=org)
            for i, org in enumerate(organisations)
        ]
    )
    return organisations, staff


def load(count: int, *, seed: int = 20261126, log: Callable[[str], None] = print) -> Loaded:
    """Create users and ``count`` cases with everything the docket shows; returns the figures."""
    started = time.perf_counter()
    rng = random.Random(seed)
    now = clock.now()
    today = clock.today()
    calendar = working_days.WorkingCalendar()

    # Users: arbitrators, clerks, a supervisor, one mediator per organisation, and party users.
    password = make_password(PASSWORD)
    organisations, staff = staff_users(password)
    arbitrators = [u.pk for u in staff if u.role == Role.ARBITRATOR]
    clerks = [u.pk for u in staff if u.role == Role.CLERK]
    supervisor = next(u.pk for u in staff if u.role == Role.SUPERVISOR)
    generator = Generator(rng, arbitrators=arbitrators, clerks=clerks, supervisor=supervisor)
    generator.mediators = {i: u.pk for i, u in enumerate(u for u in staff if u.role == Role.MEDIATOR)}

    # Who the cases are between.
    employers = max(20, count // 35)
    applicants = count - int(count * REPEAT_APPLICANT_SHARE)
    employer_cum = list(itertools.accumulate(1 / (k + 4) for k in range(employers)))
    statuses = [status for status, share in STATUS_SHARES.items() for _ in range(share)]

    log(f"generating {count:,} case histories ...")
    stories: list[tuple[Story, float]] = []
    for i in range(count):
        applicant = i if i < applicants else rng.randrange(applicants)
        employer = rng.choices(range(employers), cum_weights=employer_cum)[0]
        status = statuses[i % 100] if count >= 100 else rng.choice(statuses)
        stories.append(generator.story(status, applicant, employer))

    # Anchor each history in time; ids follow receipt, as they do when cases are filed one by one.
    for story, gap in stories:
        last = story.events[-1].at
        story.received_at = _anchor(now, gap, last)
    stories.sort(key=lambda pair: pair[0].received_at)

    # Case numbers: per year of acceptance, in order of acceptance.
    accepted = sorted(
        (s for s, _gap in stories if s.accept is not None), key=lambda s: s.received_at + s.accept.at
    )
    sequences: Counter[int] = Counter()
    numbers: dict[int, tuple[int, int, str]] = {}
    for story in accepted:
        year = clock.local_date(story.received_at + story.accept.at).year
        sequences[year] += 1
        number = settings.CASE_NUMBER_TEMPLATE.format(year=year, seq=sequences[year])
        numbers[id(story)] = (year, sequences[year], number)
        story.accept.data["case_number"] = number

    # Parties.
    log("parties ...")
    party_rows = []
    party_id = itertools.count(1)
    applicant_ids = []
    for i in range(applicants):
        pk = next(party_id)
        applicant_ids.append(pk)
        party_rows.append(
            (pk, PartyKind.PERSON, person_name(rng), id_number(i), None, "", mobile(rng), "广州市天河区", now)
        )
    employer_ids = []
    for i, name in enumerate(employer_names(rng, employers)):
        pk = next(party_id)
        employer_ids.append(pk)
        party_rows.append(
            (
                pk,
                PartyKind.ORGANISATION,
                name,
                None,
                credit_code(i + 1),
                person_name(rng),
                mobile(rng),
                "广州市",
                now,
            )
        )
    for row in party_rows[:: max(1, len(party_rows) // 50)]:
        validate_id_number(row[3]) if row[3] else validate_credit_code(row[4])
    party_fields = [
        "id",
        "kind",
        "name",
        "id_number",
        "credit_code",
        "legal_representative",
        "phone",
        "address",
        "created_at",
    ]
    rows = {"party": copy_rows(Party, party_fields, party_rows)}

    # Cases and everything under them, in batches so progress shows and memory stays flat.
    case_fields = [
        "id",
        "case_number",
        "number_year",
        "number_seq",
        "status",
        "procedure",
        "is_collective",
        "closure_type",
        "facts",
        "street",
        "claims_total",
        "received_at",
        "accepted_at",
        "closed_at",
        "mediation_organisation",
        "presiding_arbitrator",
        "clerk",
        "hearing_at",
        "status_before_mediation",
        "status_before_suspension",
        "supplement_requested_at",
        "served_at",
        "defence_days",
        "defence_filed_at",
        "defence_served_at",
        "extension_days",
        "next_due_on",
        "created_by",
        "created_at",
        "updated_at",
    ]
    deadline_fields = [
        "case",
        "kind",
        "key",
        "starts_on",
        "days",
        "due_on",
        "status",
        "provisional",
        "completed_on",
        "responsible",
        "basis",
        "updated_at",
    ]
    event_fields = ["case", "kind", "actor", "created_at", "from_status", "to_status", "reason", "data"]
    rows.update(case=0, caseparty=0, claim=0, caseconsent=0, tribunalmember=0, deadline=0, caseevent=0)
    timed = ("received_at", "accepted_at", "closed_at", "supplement_requested_at", "served_at")
    timed += ("defence_filed_at", "defence_served_at")
    batch = 20_000
    for start in range(0, len(stories), batch):
        case_rows, party_links, claim_rows, consent_rows, seat_rows, deadline_rows, event_rows = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        for offset, (story, _gap) in enumerate(stories[start : start + batch]):
            pk = start + offset + 1
            received = story.received_at
            values = dict(story.values)
            for name in timed[1:]:
                if name in values:
                    values[name] = received + values[name]
            if "hearing_at" in values and story.status == Status.ORAL_HEARING:
                # The hearing the case waits for is ahead of today.
                values["hearing_at"] = now + timedelta(days=rng.randint(5, 30))
            elif "hearing_at" in values:
                values["hearing_at"] = received + values["hearing_at"]
            case = Case(
                status=story.status,
                received_at=received,
                closed_at=values.get("closed_at"),
                supplement_requested_at=values.get("supplement_requested_at"),
                defence_days=values.get("defence_days", 10),
            )
            events = [
                CaseEvent(
                    kind=e.kind,
                    created_at=received + e.at,
                    from_status=e.from_status,
                    to_status=e.to_status,
                    data=e.data,
                )
                for e in story.events
            ]
            specs = deadlines.compute(case, events, today, calendar)
            pending = [s.due_on for s in specs if s.completed_on is None and s.status in ("open", "overdue")]
            year, seq, number = numbers.get(id(story), (None, None, None))
            total = sum((amount for _c, amount, _t in story.claims), Decimal("0.00"))
            organisation = organisations[story.organisation].pk if story.organisation is not None else None
            last = received + story.events[-1].at
            case_rows.append(
                (
                    pk,
                    number,
                    year,
                    seq,
                    story.status,
                    values.get("procedure", Procedure.ORDINARY),
                    False,
                    values.get("closure_type", ""),
                    "申请人入职被申请人处工作，双方因劳动报酬等发生争议。",
                    rng.choice(STREETS),
                    total,
                    received,
                    values.get("accepted_at"),
                    values.get("closed_at"),
                    organisation,
                    story.tribunal[0] if story.tribunal else None,
                    values.get("clerk_id"),
                    values.get("hearing_at"),
                    values.get("status_before_mediation", ""),
                    values.get("status_before_suspension", ""),
                    values.get("supplement_requested_at"),
                    values.get("served_at"),
                    values.get("defence_days", 10),
                    values.get("defence_filed_at"),
                    values.get("defence_served_at"),
                    values.get("extension_days", 0),
                    min(pending) if pending else None,
                    values.get("created_by_id"),
                    received,
                    last,
                )
            )
            party_links.append((pk, applicant_ids[story.applicant], Side.APPLICANT, 0, False, ""))
            party_links.append((pk, employer_ids[story.employer], Side.RESPONDENT, 0, False, ""))
            for position, (category, amount, text) in enumerate(story.claims):
                claim_rows.append((pk, category, amount, text, position, False))
            for side, (pre, async_, service) in story.consents.items():
                asked = (pre, async_, service) != (None, None, None)
                consent_rows.append((pk, side, pre, async_, service, received if asked else None))
            for position, arbitrator in enumerate(story.tribunal):
                seat_rows.append((pk, arbitrator, position == 0, position))
            for spec in specs:
                deadline_rows.append(
                    (
                        pk,
                        spec.kind,
                        spec.key,
                        spec.starts_on,
                        spec.days,
                        spec.due_on,
                        spec.status,
                        spec.provisional,
                        spec.completed_on,
                        spec.responsible,
                        spec.basis,
                        last,
                    )
                )
            for e in story.events:
                data = e.data
                if e.kind == "refer_to_mediation":
                    data = {"organisation": organisation}
                elif e.kind == "schedule_oral_hearing":
                    data = {"hearing_at": values["hearing_at"].isoformat()}
                event_rows.append(
                    (
                        pk,
                        e.kind,
                        e.actor,
                        received + e.at,
                        e.from_status,
                        e.to_status,
                        e.reason,
                        data,
                    )
                )
        rows["case"] += copy_rows(Case, case_fields, case_rows)
        rows["caseparty"] += copy_rows(
            CaseParty,
            ["case", "party", "side", "position", "is_representative", "access_code_digest"],
            party_links,
        )
        rows["claim"] += copy_rows(
            Claim, ["case", "category", "amount", "description", "position", "withdrawn"], claim_rows
        )
        rows["caseconsent"] += copy_rows(
            CaseConsent,
            ["case", "side", "pre_mediation", "async_hearing", "electronic_service", "updated_at"],
            consent_rows,
        )
        rows["tribunalmember"] += copy_rows(
            TribunalMember, ["case", "arbitrator", "presiding", "position"], seat_rows
        )
        rows["deadline"] += copy_rows(Deadline, deadline_fields, deadline_rows)
        rows["caseevent"] += copy_rows(CaseEvent, event_fields, event_rows)
        done = min(start + batch, len(stories))
        log(f"  {done:>7,} / {len(stories):,} cases  ({time.perf_counter() - started:5.1f} s)")

    CaseNumberSequence.objects.bulk_create(CaseNumberSequence(year=y, last=n) for y, n in sequences.items())
    reset_sequences(Party, Case, CaseParty, Claim, CaseConsent, TribunalMember, Deadline, CaseEvent)

    # Party users: a worker with several cases, and the biggest employer's HR account.
    repeat = Counter(s.applicant for s, _gap in stories).most_common(1)[0][0]
    applicant_user = User.objects.create(
        username="bench-applicant", password=password, role=Role.APPLICANT, party_id=applicant_ids[repeat]
    )
    biggest = Counter(s.employer for s, _gap in stories).most_common(1)[0][0]
    respondent_user = User.objects.create(
        username="bench-respondent", password=password, role=Role.RESPONDENT, party_id=employer_ids[biggest]
    )
    users = [*staff, applicant_user, respondent_user]
    rows["user"] = len(users)

    log("VACUUM ANALYZE ...")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seconds = time.perf_counter() - started
    log(f"loaded {count:,} cases in {seconds:.1f} s")
    return Loaded(cases=count, seconds=seconds, rows=rows, users={"count": len(users)})


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
