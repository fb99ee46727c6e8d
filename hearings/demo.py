"""The hearings demo story: one asynchronous hearing in progress and one concluded.

- 张伟 v 云帆科技 (both sides have demo accounts; 黄志强 presides): a session opened three days ago; the
  statements window is over (statement and defence on the record), the evidence window is open now with
  a question of the tribunal, its answer and the employer's statement; the inquiry and final statements
  are still to come.
- 宋立新 v 宏图装饰 (the agent 王芳 acts for the worker; the employer has no account and consented at the
  counter; 周敏 presides): a session held over the last three weeks, in which the employer never acted
  (its steps are recorded as waived), closed — the case is in deliberation.

Everything goes through the services, in the past with ``clock.at``. A case that already has a session is
left alone, so a second run makes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction

from accounts.models import User
from cases.models import Case, Side, Status
from core import clock
from core.demo import STORIES, Counts, DemoContext
from evidence.models import EvidenceItem
from evidence.models import Status as EvidenceStatus
from hearings import sessions
from hearings.models import HearingSession

STORY = "hearings"
IN_PROGRESS = "zhang_wei-yunfan-wages"
CONCLUDED = "song_lixin-hongtu"


def _day(today: date) -> Callable[..., datetime]:
    """``at(days, hour, minute)``: ``days`` from the day of seeding (Asia/Shanghai) at that local time —
    fixed before the story moves the clock, since ``clock.today()`` follows ``clock.at``."""

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour, minute), tzinfo=clock.LEGAL_TZ)

    return at


def _window(kind: str, opens: datetime, closes: datetime) -> dict[str, Any]:
    return {"stage": kind, "opens_at": opens, "closes_at": closes}


def _presiding(case: Case) -> User:
    judge = case.presiding_arbitrator
    if judge is None:
        raise ValueError(f"demo case {case} has no presiding arbitrator to hold its hearing")
    return judge


def _evidence_of(case: Case, side: str) -> list[int]:
    items = EvidenceItem.objects.filter(case=case, side=side, status=EvidenceStatus.AVAILABLE)
    return list(items.order_by("number").values_list("pk", flat=True)[:2])


def _positions(case: Case, *rows: tuple[str, str, str]) -> list[dict[str, Any]]:
    """Element positions ``(claim category, element, position)`` on the case's claims of those categories."""
    claims = {c.category: c.pk for c in case.claims.filter(withdrawn=False).order_by("-position", "-id")}
    return [
        {"claim": claims[category], "element": element, "position": position}
        for category, element, position in rows
        if category in claims
    ]


def _in_progress(case: Case, worker: User, employer: User) -> int:
    _at = _day(clock.today())
    judge = _presiding(case)
    with clock.at(_at(-3, 10)):
        session = sessions.session_open(
            case=case,
            user=judge,
            stages=[
                _window("statements", _at(-3, 11), _at(-1, 9)),
                _window("evidence", _at(-1, 9), _at(2, 18)),
                _window("inquiry", _at(3, 9), _at(5, 18)),
                _window("final_statements", _at(6, 9), _at(7, 18)),
            ],
        )
    with clock.at(_at(-3, 14)):
        sessions.session_consent(session=session, user=worker, agree=True)
    with clock.at(_at(-3, 16, 20)):
        sessions.session_consent(session=session, user=employer, agree=True)
    with clock.at(_at(-2, 9, 40)):
        sessions.submission_create(
            session=session,
            user=worker,
            kind="statement",
            text="我自2023年起在被申请人处从事软件测试工作，月工资8200元。2026年7月至9月，被申请人以项目回款"
            "慢为由停发工资，三个月共拖欠24600元；4月至9月我有8个休息日被安排加班，既未补休也未支付加班工资。"
            "请求裁决被申请人支付拖欠工资24600元及休息日加班工资6032.18元。",
            elements=_positions(
                case,
                ("wage_arrears", "月工资", "8200元"),
                ("wage_arrears", "欠薪期间", "2026年7月至9月"),
                ("overtime", "休息日加班天数", "8天"),
            ),
        )
    with clock.at(_at(-2, 15, 5)):
        sessions.submission_create(
            session=session,
            user=employer,
            kind="defence",
            text="被申请人确认拖欠7月至9月工资属实，愿意在三个月内分期付清。申请人所称的休息日加班未经部门"
            "负责人审批，不是公司安排的加班，不同意支付加班工资。",
            elements=_positions(
                case,
                ("wage_arrears", "月工资", "8200元"),
                ("wage_arrears", "欠薪期间", "2026年7月至9月"),
                ("overtime", "休息日加班天数", "0天（未经审批）"),
            ),
        )
    with clock.at(_at(-1, 10, 30)):
        question = sessions.submission_create(
            session=session,
            user=judge,
            kind="question",
            to_side="applicant",
            text="请申请人说明：休息日加班是谁通知你回公司的？有无书面或电子记录？",
        )
    with clock.at(_at(-1, 20, 15)):
        sessions.submission_create(
            session=session,
            user=worker,
            kind="answer",
            in_reply_to=question.pk,
            text="每次都是项目经理在企业微信群里通知周六回公司赶上线，企业微信里有加班审批记录，我已截图作为证据提交。",
        )
    with clock.at(min(_at(0, 9, 10), clock.now() - timedelta(minutes=30))):
        sessions.submission_create(
            session=session,
            user=employer,
            kind="statement",
            text="企业微信群通知的是自愿加班，公司制度规定加班须填写加班申请单并经部门负责人签字，申请人没有申请单。",
            evidence=_evidence_of(case, Side.RESPONDENT),
        )
    return 6


def _concluded(case: Case, agent: User, clerk: User) -> int:
    _at = _day(clock.today())
    judge = _presiding(case)
    with clock.at(_at(-18, 10)):
        session = sessions.session_open(
            case=case,
            user=judge,
            stages=[
                _window("statements", _at(-17, 9), _at(-15, 18)),
                _window("inquiry", _at(-14, 9), _at(-12, 18)),
                _window("final_statements", _at(-11, 9), _at(-10, 18)),
            ],
        )
    with clock.at(_at(-18, 11)):
        sessions.session_consent(session=session, user=agent, agree=True)
    with clock.at(_at(-18, 15, 30)):  # the employer came to the counter
        sessions.session_consent(session=session, user=clerk, agree=True, side=Side.RESPONDENT)
    with clock.at(_at(-17, 10, 20)):
        sessions.submission_create(
            session=session,
            user=agent,
            kind="statement",
            text="申请人2023年7月入职，底薪6500元加签单提成。6月至9月申请人签约四单，按提成制度应得提成15800元，"
            "被申请人至今未发放；10月被申请人以业绩不达标为由解除劳动合同，未支付经济补偿。",
            elements=[
                {"claim": c.pk, "element": "入职时间", "position": "2023年7月"}
                for c in case.claims.filter(withdrawn=False).order_by("position", "id")[:1]
            ],
        )
    with clock.at(_at(-14, 9, 30)):
        question = sessions.submission_create(
            session=session,
            user=judge,
            kind="question",
            to_side="both",
            text="请双方说明：提成制度中“收款后发放”的约定，申请人入职时是否知晓并签字确认？",
        )
    with clock.at(_at(-13, 16, 45)):
        sessions.submission_create(
            session=session,
            user=agent,
            kind="answer",
            in_reply_to=question.pk,
            text="申请人入职时只签了劳动合同，提成制度是2025年公司群发的文件，申请人从未签字确认。",
        )
    with clock.at(_at(-11, 14)):
        sessions.submission_create(
            session=session,
            user=agent,
            kind="final_statement",
            text="请求裁决被申请人支付提成15800元及经济补偿19500元。",
        )
    with clock.at(_at(-9, 10)):
        sessions.session_close(
            session=HearingSession.objects.get(pk=session.pk),
            user=judge,
            reason="各环节期间届满，被申请人未在期间内陈述、答复，视为放弃；事实清楚，径行裁决。",
        )
    return 4


def seed(context: DemoContext) -> Counts:
    made = submissions = 0
    plans = (
        (
            IN_PROGRESS,
            lambda case: _in_progress(case, context.get(User, "applicant"), context.get(User, "respondent")),
        ),
        (CONCLUDED, lambda case: _concluded(case, context.get(User, "agent"), context.get(User, "clerk"))),
    )
    for key, run in plans:
        case = Case.objects.get(pk=context.get(Case, key).pk)
        if HearingSession.objects.filter(case=case).exists() or case.status != Status.ASYNC_HEARING:
            continue
        with transaction.atomic():
            submissions += run(case)
        made += 1
    return {"hearing sessions": made, "hearing submissions": submissions}


def register() -> None:
    STORIES.register(STORY, seed, after=("cases", "evidence"))
