"""The demo accounts' data (``accounts/demo.py`` seeds it): the contract's demo users, their parties and
the mediation organisations. Data only; the password is published in the contract, and ``seed_demo``
refuses to run when DEBUG is off."""

from __future__ import annotations

from accounts.demo_records import ORG, PERSON, DemoOrganisation, DemoParty, DemoUser
from accounts.models import MediationOrganisation, Role

DEMO_PASSWORD = "demo12345"  # noqa: S105 - published in the contract; seed_demo refuses DEBUG off

# The parties of the demo accounts (and a few more the accounts part has always made).
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

SHIPAI, TIANHE_INSTITUTE = "shipai", "institute"  # keys of ORGANISATIONS
ORGANISATIONS = {
    SHIPAI: DemoOrganisation(
        "天河区石牌街劳动争议调解中心",
        MediationOrganisation.Kind.STREET_CENTRE,
        "石牌街",
        "广州市天河区石牌东路35号",
    ),
    TIANHE_INSTITUTE: DemoOrganisation(
        "天河区劳动人事争议仲裁院调解工作室",
        MediationOrganisation.Kind.INSTITUTE,
        "",
        "广州市天河区天河北路663号",
    ),
}

USERS = [
    DemoUser("applicant", Role.APPLICANT, "张伟", "zhang_wei", "13800138001"),
    DemoUser("respondent", Role.RESPONDENT, "李娜（云帆科技人事）", "yunfan", "13800138011"),
    DemoUser("agent", Role.AGENT, "王芳律师", None, "13800138012"),
    DemoUser("clerk", Role.CLERK, "陈静"),
    DemoUser("mediator", Role.MEDIATOR, "刘洋", organisation=SHIPAI),
    DemoUser("mediator2", Role.MEDIATOR, "何静（仲裁院调解员）", organisation=TIANHE_INSTITUTE),
    DemoUser("arbitrator", Role.ARBITRATOR, "黄志强"),
    DemoUser("arbitrator2", Role.ARBITRATOR, "周敏"),
    # A part-time arbitrator: collective disputes need a three-member tribunal.
    DemoUser("arbitrator3", Role.ARBITRATOR, "梁永康（兼职仲裁员）"),
    DemoUser("supervisor", Role.SUPERVISOR, "吴建国"),
    DemoUser("admin", Role.ADMIN, "系统管理员"),
    DemoUser("applicant2", Role.APPLICANT, "赵磊", "zhao_lei", "13900139002"),
    DemoUser("respondent2", Role.RESPONDENT, "孙丽（鸿运餐饮行政）", "hongyun", "13900139012"),
]
