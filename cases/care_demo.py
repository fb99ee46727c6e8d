"""The care demo story (issue 16): a few priority cases, one legal-aid referral with its outcome, and a
few service reviews after closure, one of them bad and followed up by a supervisor.

- Priority (marked by the clerk): the twelve construction workers against 骏达建筑 (a collective
  dispute), 韦小军 against 宏图装饰, and 赵磊 against 鸿运餐饮 (whose account, ``applicant2``, sees the
  mark).
- Legal aid: 赵磊 asks from his account; the centre assigns a lawyer, recorded by the clerk.
- Reviews: 张伟 (``applicant``) rates his closed case against 嘉禾物流 very good and his mediated one
  against 云帆 good; 云帆 (``respondent``) rates 梁嘉怡's mediated case good; 鸿运餐饮 (``respondent2``)
  rates 吴海燕's award very bad, and the supervisor records the follow-up.

Everything goes through the services, at moments shortly before the seeding; a second run makes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from accounts.models import User
from cases.models import Case, CaseParty, LegalAidReferral, Side
from cases.services import care, reviews
from core import clock
from core.demo import STORIES, Counts, DemoContext

STORY = "care"
PRIORITY = ("huang_deming-junda", "wei_xiaojun-hongtu", "zhao_lei-hongyun")
REFERRAL = "zhao_lei-hongyun"
# (case, the account that rates, rating, comment)
REVIEWS = (
    ("zhang_wei-jiahe_logistics", "applicant", "very_good", "仲裁员把加班费的计算讲得很清楚，流程也快。"),
    ("zhang_wei-yunfan-mediation", "applicant", "good", ""),
    ("liang_jiayi-yunfan", "respondent", "good", "调解员沟通耐心。"),
    ("wu_haiyan-hongyun", "respondent2", "very_bad", "开庭通知只提前了几天，我们来不及准备材料。"),
)
FOLLOW_UP = "已电话回访鸿运餐饮人事负责人：开庭通知系依法提前5日送达，已解释期限规定并告知可申请延期开庭。"


def _after(moment: datetime | None, hours: int) -> datetime:
    """``hours`` after ``moment`` (or before now), never later than now."""
    now = clock.now()
    at = (moment or now) + timedelta(hours=hours)
    return min(at, now - timedelta(minutes=5))


def seed(context: DemoContext) -> Counts:
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["clerk", "supervisor", *{r[1] for r in REVIEWS}, "applicant2"]
        )
    }
    clerk = users["clerk"]
    made = {"priority cases": 0, "legal-aid referrals": 0, "service reviews": 0}
    with transaction.atomic():
        for key in PRIORITY:
            case = context.get(Case, key)
            if not CaseParty.objects.filter(
                case=case, side=Side.APPLICANT, migrant_wage_arrears=True
            ).exists():
                with clock.at(_after(None, -3)):
                    care.case_set_priority(
                        case=case,
                        user=clerk,
                        migrant_wage_arrears=True,
                        reason="申请人为农民工，请求支付拖欠工资",
                    )
                made["priority cases"] += 1
        case = context.get(Case, REFERRAL)
        if not LegalAidReferral.objects.filter(case=case).exists():
            with clock.at(_after(None, -2)):
                care.case_request_legal_aid(
                    case=case, user=users["applicant2"], note="本人在餐馆打工，无力聘请律师"
                )
            with clock.at(_after(None, -1)):
                care.case_record_legal_aid_outcome(
                    case=case,
                    user=clerk,
                    outcome="assigned",
                    lawyer_name="李明律师",
                    lawyer_phone="13711112222",
                )
            made["legal-aid referrals"] += 1
        for key, username, rating, comment in REVIEWS:
            case = context.get(Case, key)
            user = users[username]
            if reviews.review_of(case, user) is not None:
                continue
            closed = case.closed_at or case.updated_at
            with clock.at(_after(closed, 26)):
                review = reviews.review_submit(case=case, user=user, rating=rating, comment=comment)
            made["service reviews"] += 1
            if review.needs_follow_up:
                with clock.at(_after(review.created_at, 20)):
                    reviews.review_follow_up(review_id=review.pk, user=users["supervisor"], note=FOLLOW_UP)
    return made


def register() -> None:
    """Called from ``CasesConfig.ready()``: after the cases and the stories that act on them."""
    STORIES.register(STORY, seed, after=("cases",))


__all__ = ["register", "seed"]
