"""Demo data for the embedded profile and test stacks: ``manage.py seed_demo``.

Idempotent: every record is looked up by its natural key (username, ID number, credit code, name)
before it is created, so running the seed twice creates nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from cases import services
from cases.identifiers import credit_code_check_character, ric_check_character
from cases.models import MediationOrganisation, Party, PartyKind, Role, User

DEMO_PASSWORD = "demo12345"  # noqa: S105 - published in the contract; seed_demo refuses DEBUG off


def id_number(first17: str) -> str:
    return first17 + ric_check_character(first17)


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_character(first17)


@dataclass(frozen=True)
class DemoParty:
    kind: str
    name: str
    number17: str
    phone: str = ""
    address: str = ""
    legal_representative: str = ""

    @property
    def number(self) -> str:
        return id_number(self.number17) if self.kind == PartyKind.PERSON else credit_code(self.number17)


PERSON, ORG = PartyKind.PERSON, PartyKind.ORGANISATION

PARTIES = {
    "zhang_wei": DemoParty(
        PERSON, "张伟", "44010619900307123", "13800138001", "广州市天河区石牌街华师路12号"
    ),
    "zhao_lei": DemoParty(PERSON, "赵磊", "44010619881115432", "13900139002", "广州市天河区员村二横路8号"),
    "yunfan": DemoParty(
        ORG,
        "广州市云帆信息科技有限公司",
        "91440106MA59DKYE1",
        "13700137003",
        "广州市天河区天河北路233号",
        "李建华",
    ),
    "hongyun": DemoParty(
        ORG,
        "广州市天河区鸿运餐饮管理有限公司",
        "91440106MA5CQ8BN2",
        "13600136004",
        "广州市天河区体育西路101号",
        "孙国强",
    ),
    "lin_xiaohong": DemoParty(PERSON, "林小红", "44522419950612242", "13500135005", "广州市天河区棠下村"),
    "he_jun": DemoParty(PERSON, "何军", "43062319790921101", "13400134006", "广州市天河区车陂路55号"),
    "jiahe_logistics": DemoParty(
        ORG, "广州嘉禾物流有限公司", "91440101MA5D1W8F3", "13300133007", "广州市天河区黄埔大道西668号", "何嘉"
    ),
}

CENTRE = {"name": "天河区石牌街劳动争议调解中心", "street": "石牌街", "address": "广州市天河区石牌东路35号"}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    party: str | None = None
    phone: str = ""


USERS = [
    DemoUser("applicant", Role.APPLICANT, "张伟", "zhang_wei", "13800138001"),
    DemoUser("respondent", Role.RESPONDENT, "李娜（云帆科技人事）", "yunfan", "13800138011"),
    DemoUser("agent", Role.AGENT, "王芳律师", None, "13800138012"),
    DemoUser("clerk", Role.CLERK, "陈静"),
    DemoUser("mediator", Role.MEDIATOR, "刘洋"),
    DemoUser("arbitrator", Role.ARBITRATOR, "黄志强"),
    DemoUser("arbitrator2", Role.ARBITRATOR, "周敏"),
    DemoUser("supervisor", Role.SUPERVISOR, "吴建国"),
    DemoUser("admin", Role.ADMIN, "系统管理员"),
    DemoUser("applicant2", Role.APPLICANT, "赵磊", "zhao_lei", "13900139002"),
    DemoUser("respondent2", Role.RESPONDENT, "孙丽（鸿运餐饮行政）", "hongyun", "13900139012"),
]


def _party(spec: DemoParty) -> Party:
    lookup = {"id_number": spec.number} if spec.kind == PERSON else {"credit_code": spec.number}
    party, _ = Party.objects.get_or_create(
        **lookup,
        defaults={
            "kind": spec.kind,
            "name": spec.name,
            "phone": spec.phone,
            "address": spec.address,
            "legal_representative": spec.legal_representative,
        },
    )
    return party


@transaction.atomic
def seed_accounts() -> dict[str, int]:
    """The demo users, parties and mediation centre; returns counts of what was created."""
    created = {"parties": 0, "users": 0, "organisations": 0}
    before = Party.objects.count()
    parties = {key: _party(spec) for key, spec in PARTIES.items()}
    created["parties"] = Party.objects.count() - before
    centre, made = MediationOrganisation.objects.get_or_create(
        name=CENTRE["name"],
        defaults={
            "kind": MediationOrganisation.Kind.STREET_CENTRE,
            "street": CENTRE["street"],
            "address": CENTRE["address"],
        },
    )
    created["organisations"] += int(made)
    for spec in USERS:
        if User.objects.filter(username=spec.username).exists():
            continue
        services.user_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            role=spec.role,
            display_name=spec.display_name,
            phone=spec.phone,
            party=parties[spec.party] if spec.party else None,
            mediation_organisation=centre if spec.role == Role.MEDIATOR else None,
        )
        created["users"] += 1
    return created
