"""Mediation's part of the demo: the agreements of the mediated disputes, and the ``mediation`` story.

Registered with ``cases.demo.DEMO_ACTIONS`` as the step ``mediation_agreement``: the mediator draws up
the agreement and both parties confirm it (a party with no account signs at the counter, recorded by
the clerk), which makes the dispute ``mediated`` as it would in use.

The ``mediation`` story (after ``cases``) then gives the demo cases what happens in mediation besides
case steps, through the services and in the past with ``clock.at``:

- threads of messages: 赵磊 v 鸿运餐饮 (both sides have demo accounts; 刘洋 of the Shipai centre
  mediates, about eleven days left) and 胡晓琳 v 众联电子 (the mediator's notes of his calls, the
  15 days ending today);
- performance of the confirmed agreements: 马春花's paid in full (recorded by the mediator), 赵磊 v
  速达配送 partly paid (the worker recorded the wages, the deposit is still owed, overdue), 许志强's
  nothing paid and overdue;
- a joint application for review (R Art. 74) of 张伟 v 云帆科技's agreement, pending the commission;
- 何军 v 云帆科技: the tribunal's 调解书 drawn up, signed for by 何军 at the counter, awaiting the
  employer's signature for receipt (the demo respondent signs it and the case closes).

A record already there is left alone, so a second run makes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import User
from cases.models import Case, MediationEpisode, Side, Status
from cases.services.kernel import side_users
from core import clock
from core.demo import STORIES, Counts, DemoContext
from mediation import services
from mediation.models import (
    AgreementPayment,
    AgreementReview,
    AgreementStatus,
    ItemKind,
    MediationAgreement,
    MediationMessage,
    Recipient,
)

STORY = "mediation"
THREAD_DAYS_LEFT = "zhao_lei-hongyun-mediation"
THREAD_ENDING = "hu_xiaolin-zhonglian"
PERFORMED = "ma_chunhua-aqiang"
PARTLY_PERFORMED = "zhao_lei-suda"
NOT_PERFORMED = "xu_zhiqiang-huayue"
REVIEW_PENDING = "zhang_wei-yunfan-mediation"
DOCUMENT_AWAITING = "he_jun-yunfan"


def agreement(
    *, case: Case, user: User, users: dict[str, User], items: list[dict[str, Any]], terms: str = ""
) -> None:
    today = clock.today()
    drafted = services.agreement_draft(
        case=case,
        user=user,
        terms=terms,
        items=[
            {
                "obligor": item["obligor"],
                "kind": item["kind"],
                "amount": Decimal(item["amount"]) if item.get("amount") else None,
                "due_on": today + timedelta(days=item["due_in_days"]) if "due_in_days" in item else None,
                "description": item.get("description", ""),
            }
            for item in items
        ],
    )
    for side in (Side.APPLICANT, Side.RESPONDENT):
        own = side_users(case, side)
        if own:
            services.agreement_confirm(agreement=drafted, user=own[0])
        else:
            services.agreement_confirm(agreement=drafted, user=users["clerk"], side=side)


def _moment(after: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    """``days`` after the day of ``after`` (Asia/Shanghai) at that local time, never later than a minute
    before now nor earlier than ``after``."""
    day = clock.local_date(after) + timedelta(days=days)
    moment = datetime.combine(day, time(hour, minute), tzinfo=clock.LEGAL_TZ)
    return max(min(moment, clock.now() - timedelta(minutes=1)), after + timedelta(minutes=1))


def _episode(case: Case) -> MediationEpisode:
    return (
        MediationEpisode.objects.filter(case=case)
        .order_by("-started_at", "-pk")
        .select_related("mediator")[0]
    )


def _thread(case: Case, script: list[tuple[int, int, int, str, str, str]], users: dict[str, User]) -> int:
    """Post ``(days after referral, hour, minute, who, to, text)``; ``who`` a demo username."""
    started = _episode(case).started_at
    for days, hour, minute, who, to, words in script:
        with clock.at(_moment(started, days, hour, minute)):
            services.message_post(case=case, user=users[who], text=words, to=to)
    return len(script)


def _threads(cases: dict[str, Case], users: dict[str, User]) -> int:
    posted = 0
    scripts: dict[str, list[tuple[int, int, int, str, str, str]]] = {
        THREAD_DAYS_LEFT: [
            (
                0,
                15,
                10,
                "mediator",
                Recipient.BOTH,
                "赵磊、鸿运餐饮：你们好，我是石牌街劳动争议调解中心的调解员刘洋，本案由我负责调解。"
                "调解期限为15日，请双方在此留言或来电（020-85511234）说明情况。",
            ),
            (
                1,
                9,
                40,
                "applicant2",
                Recipient.APPLICANT,
                "刘调解员您好，分店的排班表和店长让我过去帮忙的微信截图我都有，半个月工资3400元，"
                "我只要这笔钱，不要别的。",
            ),
            (
                1,
                16,
                5,
                "respondent2",
                Recipient.RESPONDENT,
                "公司确认赵磊10月16日至31日在石牌桥分店工作。分店当时尚未单独核算，工资应由总店发放，"
                "财务漏发了，同意补发，但希望分两次付。",
            ),
            (
                2,
                10,
                30,
                "mediator",
                Recipient.RESPONDENT,
                "孙女士：申请人只主张半个月工资，金额不大，建议一次付清，以免进入仲裁程序。请与公司确认"
                "能否在本月底前支付。",
            ),
            (
                2,
                11,
                0,
                "mediator",
                Recipient.APPLICANT,
                "赵磊：公司已确认您在分店工作且工资漏发，正在商量付款时间，我这两天给您回复。",
            ),
        ],
        THREAD_ENDING: [
            (
                0,
                14,
                0,
                "mediator",
                Recipient.APPLICANT,
                "（电话记录）已联系胡晓琳，申请人坚持按提成表计算的11860元，可接受分两期支付。",
            ),
            (
                3,
                10,
                20,
                "mediator",
                Recipient.RESPONDENT,
                "（电话记录）众联电子负责人称提成须年底统一结算，同意先付8月提成，其余年底再说。",
            ),
            (
                8,
                15,
                0,
                "mediator",
                Recipient.BOTH,
                "胡晓琳、众联电子：双方对提成金额没有争议，分歧在付款时间。请在调解期限届满前回复能否接受"
                "本月内付清一半、下月付清余款的方案；期限届满仍未达成协议的，申请将转入仲裁受理审查。",
            ),
        ],
    }
    for key, script in scripts.items():
        case = cases[key]
        if case.status != Status.PRE_MEDIATION or MediationMessage.objects.filter(case=case).exists():
            continue
        with transaction.atomic():
            posted += _thread(case, script, users)
    return posted


def _confirmed(case: Case) -> MediationAgreement | None:
    return MediationAgreement.objects.filter(case=case, status=AgreementStatus.CONFIRMED).first()


def _pay(agreement: MediationAgreement, user: User, items: int | None, before_due: int) -> int:
    """Record the first ``items`` payment items (all with None) as paid in full ``before_due`` days
    before each fell due, recorded that evening."""
    made = 0
    for item in agreement.items.filter(kind=ItemKind.PAYMENT).order_by("position", "pk")[:items]:
        assert item.due_on is not None and item.amount is not None
        paid_on = item.due_on - timedelta(days=before_due)
        with clock.at(min(datetime.combine(paid_on, time(17), tzinfo=clock.LEGAL_TZ), clock.now())):
            services.payment_record(
                agreement=agreement, user=user, item=item.pk, amount=item.amount, paid_on=clock.today()
            )
        made += 1
    return made


def _payments(cases: dict[str, Case], users: dict[str, User]) -> int:
    made = 0
    # (case, who records, how many payment items were paid: None all)
    plans: list[tuple[str, str, int | None]] = [
        (PERFORMED, "mediator", None),
        (PARTLY_PERFORMED, "applicant2", 1),
    ]
    for key, who, items in plans:
        agreement = _confirmed(cases[key])
        if agreement is None or AgreementPayment.objects.filter(item__agreement=agreement).exists():
            continue
        with transaction.atomic():
            made += _pay(agreement, users[who], items, before_due=2)
    return made


def _review(cases: dict[str, Case], users: dict[str, User]) -> int:
    agreement = _confirmed(cases[REVIEW_PENDING])
    if agreement is None or AgreementReview.objects.filter(agreement=agreement).exists():
        return 0
    assert agreement.confirmed_at is not None
    with transaction.atomic():
        with clock.at(_moment(agreement.confirmed_at, 2, 9, 30)):
            services.review_apply(agreement=agreement, user=users["applicant"])
        with clock.at(_moment(agreement.confirmed_at, 4, 14, 15)):
            services.review_apply(agreement=agreement, user=users["respondent"])
    return 1


def _document(cases: dict[str, Case], users: dict[str, User]) -> int:
    """The tribunal's 调解书 awaiting the employer's signature for receipt."""
    case = cases[DOCUMENT_AWAITING]
    if case.status != Status.MEDIATION or MediationAgreement.objects.filter(case=case).exists():
        return 0
    judge = case.presiding_arbitrator
    if judge is None:
        raise ValueError(f"demo case {case} has no presiding arbitrator to mediate")
    started = _episode(case).started_at
    with transaction.atomic():
        with clock.at(_moment(started, 7, 15)):
            drafted = agreement_in_arbitration(case=case, user=judge)
        with clock.at(_moment(started, 8, 10, 30)):  # 何军 signed for it at the counter
            services.agreement_confirm(agreement=drafted, user=users["clerk"], side=Side.APPLICANT)
    return 1


def agreement_in_arbitration(*, case: Case, user: User) -> MediationAgreement:
    return services.agreement_draft(
        case=case,
        user=user,
        terms="被申请人与申请人于2026年9月解除劳动合同，双方就经济补偿达成一致；本调解书经双方签收后生效。",
        items=[
            {
                "obligor": Side.RESPONDENT,
                "kind": ItemKind.PAYMENT,
                "amount": Decimal("52200.00"),
                "due_on": clock.today() + timedelta(days=15),
                "description": "支付申请人解除劳动合同经济补偿（6个月×8700元）",
            },
            {
                "obligor": Side.APPLICANT,
                "kind": ItemKind.OTHER,
                "amount": None,
                "due_on": None,
                "description": "收到款项后，申请人不再就本案劳动关系向被申请人主张其他权利",
            },
        ],
    )


def seed(context: DemoContext) -> Counts:
    users = {username: User.objects.get(pk=user.pk) for username, user in context.all(User).items()}
    keys = (
        THREAD_DAYS_LEFT,
        THREAD_ENDING,
        PERFORMED,
        PARTLY_PERFORMED,
        NOT_PERFORMED,
        REVIEW_PENDING,
        DOCUMENT_AWAITING,
    )
    cases = {key: Case.objects.get(pk=context.get(Case, key).pk) for key in keys}
    steps: list[tuple[str, Callable[[dict[str, Case], dict[str, User]], int]]] = [
        ("mediation messages", _threads),
        ("agreement payments", _payments),
        ("agreement reviews", _review),
        ("mediation documents", _document),
    ]
    return {label: run(cases, users) for label, run in steps}


def register() -> None:
    from cases.demo import DEMO_ACTIONS

    DEMO_ACTIONS["mediation_agreement"] = agreement
    STORIES.register(STORY, seed, after=("cases",))
