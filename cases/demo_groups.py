"""The ``case_groups`` demo story: twelve workers of one building contractor, whose cases are linked (串案)
and accepted and served as a group.

The workers came to the counter together; the clerk registered each one's own application, the system
proposed linking them (one employer, the same wage claim, filed the same week), the clerk confirmed the
proposal with the arbitrator ``arbitrator`` leading, and took acceptance and service once for all twelve
— each case's timeline shows its own steps. A case is recognised by its facts: seeding twice makes nothing
twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from accounts.identifiers import credit_code_check_character, ric_check_character
from accounts.models import User
from cases import services
from cases.models import Case, GroupProposal, ProposalStatus
from cases.services import groups
from core.demo import STORIES, Counts, DemoContext

STORY = "case_groups"
EMPLOYER_NAME = "广州市示例建筑劳务有限公司"
_EMPLOYER17 = "91440106MA5CK8L12"
EMPLOYER_CODE = _EMPLOYER17 + credit_code_check_character(_EMPLOYER17)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙"
GIVEN = ["建国", "志强", "秀英", "海涛", "桂芳", "永红", "德明", "春燕", "国庆", "丽华", "振华", "金凤"]
GROUP_SIZE = 12
LABEL = "示例建筑劳务公司欠薪串案（天河某工地）"


def _worker(i: int) -> dict[str, str]:
    first17 = f"4401061985{(i % 12) + 1:02d}15{300 + i:03d}"[:17]
    return {
        "kind": "person",
        "name": SURNAMES[i] + GIVEN[i],
        "id_number": first17 + ric_check_character(first17),
        "phone": f"1390000{1200 + i:04d}",
    }


def _facts(i: int) -> str:
    return (
        f"申请人{SURNAMES[i]}{GIVEN[i]}于2025年3月起在被申请人承包的天河某工地从事钢筋工作，"
        "被申请人自2026年8月起拖欠工资，至今未付。（串案演示之" + f"{i + 1}）"
    )


def seed(context: DemoContext) -> Counts:
    clerk = context.get(User, "clerk")
    arbitrator = context.get(User, "arbitrator")
    made = 0
    ids = []
    with transaction.atomic():
        for i in range(GROUP_SIZE):
            case = Case.objects.filter(facts=_facts(i)).first()
            if case is None:
                case = services.case_file(
                    user=clerk,
                    applicant=_worker(i),
                    respondent={
                        "kind": "organisation",
                        "name": EMPLOYER_NAME,
                        "credit_code": EMPLOYER_CODE,
                        "address": "广州市天河区示例路8号",
                    },
                    claims=[
                        services.ClaimInput(
                            category="wage_arrears",
                            amount=Decimal(15000 + 500 * i),
                            description="2026年8月至10月工资",
                        )
                    ],
                    facts=_facts(i),
                    consents={"async_hearing": True, "electronic_service": True},
                )
                made += 1
            ids.append(case.pk)
        if made == 0:
            return {"linked cases": 0}
        proposal = GroupProposal.objects.filter(
            status=ProposalStatus.PENDING, respondent_code=EMPLOYER_CODE
        ).first()
        if proposal is not None:
            group = groups.group_proposal_confirm(
                proposal=proposal, user=clerk, label=LABEL, lead_arbitrator=arbitrator.pk
            )
        else:
            group = groups.group_create(user=clerk, cases=ids, label=LABEL, lead_arbitrator=arbitrator.pk)
        groups.group_act(group=group, user=clerk, name="accept", data={"arbitrators": [arbitrator.pk]})
        groups.group_act(group=group, user=clerk, name="serve_application", data={})
    return {"linked cases": made}


def register() -> None:
    STORIES.register(STORY, seed, after=("cases",))
