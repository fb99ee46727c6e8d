"""Anonymising an award's text for publication, and a separate check of what the result still gives away.

Two halves written apart on purpose. ``anonymise`` *replaces*: the names the case knows (its parties, their
representatives) and the shapes of identifiers in their usual spellings. ``find_personal`` *checks* the
result with its own, looser rules — digits read through any separator, full-width forms, labels followed
by something that is not a 某 — and with the case's known identifiers verbatim. Publication is refused
while the check finds anything, so a form the replacer does not know (a phone written ``138.0013.8000``,
a witness with a surname missing from the list) stops the publication instead of leaking.

Pure functions over strings: no database, so the corpus tests run them directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MASK = "×××"
HAN = "\u4e00-\u9fff"

# Full-width letters and digits read as their ASCII forms, one character for one (positions kept).
_WIDE = {0xFF10 + i: ord("0") + i for i in range(10)}
_WIDE.update({0xFF21 + i: ord("A") + i for i in range(26)})
_WIDE.update({0xFF41 + i: ord("a") + i for i in range(26)})
_WIDE.update({0x3000: ord(" "), 0xFF0D: ord("-")})


def narrow(text: str) -> str:
    return text.translate(_WIDE)


COMPOUND_SURNAMES = tuple(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "令狐",
        "夏侯",
        "轩辕",
        "宇文",
        "司徒",
        "端木",
        "南宫",
        "西门",
        "独孤",
        "呼延",
    ]
)
# Common single-character surnames. Used only where a name is expected (after a party or role label),
# never to find names in running text; surnames that are also everyday words after such a label (于, 向,
# 应, 时…: "申请人于当日") are left out, and the check catches a name after a label's colon without a list.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "佘池查麻苑迟邝"
)
ROLE_LABELS = (
    "被申请人",
    "申请人",
    "法定代表人",
    "主要负责人",
    "负责人",
    "委托代理人",
    "委托诉讼代理人",
    "代理人",
    "证人",
    "经办人",
    "联系人",
    "员工",
    "职工",
    "劳动者",
    "同事",
    "主管",
    "经理",
    "股东",
)
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + f"|[{SURNAMES}])"
# What may follow a name: punctuation, or the words a sentence goes on with.
_AFTER_NAME = (
    r"(?=[，。、；：,.;:（()）\s]|称|说|作证|证实|陈述|表示|主张|认为|于|在|向|系|是|的|与|和|及|等|$)"
)
_LABELLED_NAME = re.compile(
    "(?P<label>"
    + "|".join(ROLE_LABELS)
    + r")(?P<sep>[：:\s]*)"
    + f"(?P<name>{_SURNAME}(?:(?!某)[{HAN}]){{1,2}}?){_AFTER_NAME}"
)

CITIES = tuple(
    [
        "北京",
        "上海",
        "天津",
        "重庆",
        "广东",
        "广州",
        "深圳",
        "佛山",
        "东莞",
        "珠海",
        "中山",
        "惠州",
        "江门",
        "肇庆",
        "汕头",
        "湛江",
        "清远",
        "江苏",
        "南京",
        "苏州",
        "无锡",
        "浙江",
        "杭州",
        "宁波",
        "湖北",
        "武汉",
        "四川",
        "成都",
        "陕西",
        "西安",
        "湖南",
        "长沙",
        "河南",
        "郑州",
        "福建",
        "厦门",
        "福州",
        "山东",
        "青岛",
        "济南",
        "安徽",
        "合肥",
        "广西",
        "南宁",
        "云南",
        "昆明",
        "贵州",
        "贵阳",
        "海南",
        "海口",
        "江西",
        "南昌",
        "河北",
        "石家庄",
        "山西",
        "太原",
        "辽宁",
        "沈阳",
        "大连",
        "吉林",
        "长春",
        "哈尔滨",
    ]
)
_ORG_SUFFIX = re.compile(
    r"(?:有限责任公司|股份有限公司|集团有限公司|有限公司|分公司|公司|集团|商行|经营部|事务所|工厂|厂)$"
)
_REGION_PREFIX = re.compile("^(?:" + "|".join(CITIES) + f")(?:省|市)?(?:[{HAN}]{{1,3}}[区县])?")

# An organisation's name in running text, found from its legal-form suffix backwards (see
# ``_unknown_organisations``); a bare 公司/厂 is too common a word to anchor on.
_ORG_ANCHOR = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司)")
_ORG_STOP = (
    "被申请人",
    "申请人",
    "法定代表人",
    "入职",
    "就职",
    "任职",
    "受雇于",
    "与",
    "和",
    "及",
    "在",
    "于",
    "向",
    "到",
    "系",
    "是",
    "为",
    "由",
    "对",
    "被",
    "的",
    "称",
    "原",
    "即",
    "该",
    "其",
    "至",
    "从",
    "自",
    "经",
    "给",
)

ADDRESS_LABELS = (
    "现住址|户籍地址|经营地址|送达地址|联系地址|居住地址|住所地|住址|住所|地址|现住|户籍地|居住地|经营地|住在"
)
_ADDRESS_VALUE = re.compile(f"(?P<label>{ADDRESS_LABELS})(?P<sep>[：:\\s]*)(?P<value>[^，。；;,\\n]{{4,80}})")
_ADDRESS_WORDS = re.compile(r"[省市区县镇乡村路街道巷弄号栋幢座楼室房]")
_NOT_PLACE = f"(?:(?![省市区县镇乡在于住到至从与和及：:])[{HAN}])"
_STREET_ADDRESS = re.compile(
    f"{_NOT_PLACE}{{1,10}}(?:大道|大街|路|街|巷|弄|胡同|村)[{HAN}]{{0,6}}?\\d+(?:[-之]\\d+)?号"
    f"(?:[{HAN}\\dA-Za-z\\-]{{0,12}}?(?:栋|座|幢|楼|层|室|房|单元))*"
)

# Identifier shapes in their usual spellings (the text is narrowed first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)),
    (
        "id_number",
        re.compile(
            r"(?<![0-9A-Za-z])[1-9]\d{5}[ ]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ ]?"
            r"\d{3}[\dXx](?![0-9A-Za-z])"
        ),
    ),
    (
        "credit_code",
        re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"),
    ),
    # 16 to 19 digits, grouped by single spaces or hyphens however the bank prints them.
    ("bank_account", re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){15,18}(?![0-9A-Za-z])")),
    (
        "id_number",
        re.compile(r"(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])"),
    ),
    ("phone", re.compile(r"(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")),
    (
        "phone",
        re.compile(r"(?<![0-9A-Za-z])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[ -]?\d{7,8}(?:(?:-|转)\d{1,5})?(?!\d)"),
    ),
    ("phone", re.compile(r"(?<![0-9A-Za-z])[48]00[ -]?\d{3}[ -]?\d{4}(?!\d)")),
    (
        "plate",
        re.compile(
            r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][ ·•.]?"
            r"[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]{1,2}(?![0-9A-Za-z])"
        ),
    ),
]


@dataclass(frozen=True)
class Known:
    """What the case knows about the people and organisations in it."""

    persons: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    # ID numbers, credit codes, phones, addresses given in the case.
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


def surname_of(name: str) -> str:
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[:1]


def organisation_core(name: str) -> str:
    """The distinctive middle of an organisation's name: no city in front, no legal form behind
    (``广州示例科技有限公司`` → ``示例科技``), or "" when too little is left to be distinctive."""
    core = _REGION_PREFIX.sub("", name.strip())
    core = _ORG_SUFFIX.sub("", core).strip("（）() ")
    return core if len(core) >= 2 else ""


# Trade words an organisation's name carries after its brand (广州[锦绣][餐饮][管理]有限公司).
TRADES = (
    "人力资源|供应链|房地产|信息技术|管理|服务|科技|技术|信息|网络|贸易|商贸|实业|发展|投资|咨询|餐饮|物流|电子|"
    "建筑|工程|劳务|文化|传媒|酒店|物业|装饰|制造|机械|食品|服装|教育|培训|医疗|健康|汽车|印刷|包装|环保|能源|"
    "置业|开发|电器|家具|设计|运输|保安|清洁|美容|百货|超市"
)


def organisation_short_forms(name: str) -> re.Pattern[str] | None:
    """How a text shortens a known organisation's name: its brand followed by trade words or a legal form
    (``锦绣餐饮公司``, ``锦绣公司`` for ``广州锦绣餐饮管理有限公司``); the brand alone is not matched, it
    may be an ordinary word."""
    core = organisation_core(name)
    brand = re.sub(f"(?:{TRADES})+$", "", core)
    if len(brand) < 2:
        return None
    suffix = "有限责任公司|股份有限公司|有限公司|分公司|公司|集团|厂"
    return re.compile(f"{re.escape(brand)}(?:(?:{TRADES})*(?:{suffix})|(?:{TRADES})+)")


@dataclass
class _Pseudonyms:
    """Stable replacements: the same person is the same 张某 throughout; a second 张 is 张某乙."""

    by_name: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    organisations: int = 0

    def person(self, name: str) -> str:
        if name not in self.by_name:
            base = surname_of(name) + "某"
            alias = base
            for ordinal in "乙丙丁戊己庚辛壬癸":
                if alias not in self.used:
                    break
                alias = base + ordinal
            self.used.add(alias)
            self.by_name[name] = alias
        return self.by_name[name]

    def organisation(self, name: str) -> str:
        if name not in self.by_name:
            form = "公司" if "公司" in name else "单位"
            self.by_name[name] = (
                "某" + ("甲乙丙丁戊己庚辛壬癸"[self.organisations - 1] if self.organisations else "") + form
            )
            self.organisations = min(self.organisations + 1, 10)
        return self.by_name[name]


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    """Replace every key by its value, longest keys first (so a name inside a longer one goes with it)."""
    keys = sorted((k for k in mapping if k), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def _unknown_organisations(text: str) -> list[str]:
    """Organisation names the case does not know: from each legal-form suffix back over the Han
    characters (and brackets) of the name, stopping at a word a name does not start after."""
    found: list[str] = []
    for match in _ORG_ANCHOR.finditer(text):
        start = match.start()
        while start > 0 and match.end() - start < 30:
            before = text[:start]
            if not re.match(f"[{HAN}（）()]", text[start - 1]) or before.endswith(_ORG_STOP):
                break
            start -= 1
        if match.start() - start >= 2:
            found.append(text[start : match.end()])
    return found


def anonymise(text: str, known: Known) -> str:
    """The award's text with the people, organisations and identifiers replaced."""
    names = _Pseudonyms()
    text = narrow(text)
    # Identifiers the case knows, verbatim, before anything rewrites around them.
    text = _replace_all(text, {narrow(v): MASK for v in known.identifiers if len(v.strip()) >= 4})
    mapping: dict[str, str] = {}
    for organisation in known.organisations:
        alias = names.organisation(organisation)
        mapping[organisation] = alias
        core = organisation_core(organisation)
        if core:
            mapping[core + "公司"] = alias
            mapping[core] = alias
        short = organisation_short_forms(organisation)
        if short:
            mapping.update({m.group(0): alias for m in short.finditer(text)})
    for organisation in _unknown_organisations(text):
        mapping.setdefault(organisation, names.organisation(organisation))
    for person in known.persons:
        if len(person) >= 2:
            mapping.setdefault(person, names.person(person))
    text = _replace_all(text, mapping)
    # Names after a party or role label, then every other mention of the same name.
    labelled = {m.group("name"): names.person(m.group("name")) for m in _LABELLED_NAME.finditer(text)}
    text = _replace_all(text, labelled)
    text = _ADDRESS_VALUE.sub(_mask_address, text)
    text = _STREET_ADDRESS.sub(MASK, text)
    for _kind, pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def _mask_address(match: re.Match[str]) -> str:
    value = match.group("value")
    if not _ADDRESS_WORDS.search(value) or value.startswith(MASK):
        return match.group(0)
    return match.group("label") + match.group("sep") + MASK


# --- the check ------------------------------------------------------------------------------------------
# Written apart from the replacer: it reads digits through separators, does not need a surname list, and
# looks for what the case knows verbatim.

_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\+?\d(?:[\s\-.·_/()（）]{0,2}[\dXx])+")
_CHECK_CODE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Z]{18}(?![0-9A-Za-z]))(?=[0-9A-Z]*[A-Z])[0-9A-Z]{18}")
_CHECK_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*[A-Z]\s*[·•.\-]?\s*[A-Z0-9]{5,6}"
)
_CHECK_EMAIL = re.compile(r"\S+@\S+\.\w+")
_CHECK_ADDRESS = re.compile(
    r"(?:路|街|道|巷|弄|村|胡同)\s*\d+\s*(?:[-之]\s*\d+\s*)?号|\d+\s*(?:栋|幢)|\d{3,4}\s*(?:室|房)(?![租费屋产])"
)
_CHECK_LABEL = re.compile(
    r"(?:申请人|被申请人|法定代表人|负责人|代理人|证人|经办人|联系人)[：:]\s*"
    f"(?P<value>[{HAN}]{{2,4}})"
)
_CHECK_COMPANY = re.compile(f"[{HAN}（）()]{{0,10}}(?<!某)有限(?:责任)?公司")


def _digit_run_kind(digits: str, raw: str, after: str) -> str | None:
    if after.startswith(("元", "万元")) or (
        "." in raw and len(raw.split(".")[-1]) <= 2 and raw.count(".") == 1
    ):
        return None
    size = len(digits)
    if size in (15, 18) and re.fullmatch(r"\d{17}[\dXx]|\d{15}", digits):
        return "id_number"
    if 16 <= size <= 19 and digits.isdigit():
        return "bank_account"
    if re.fullmatch(r"(?:86)?1[3-9]\d{9}", digits):
        return "phone"
    if re.fullmatch(r"0\d{9,11}|[48]00\d{7}", digits):
        return "phone"
    return None


def find_personal(text: str, known: Known = Known()) -> list[Span]:
    """Every span of ``text`` that still looks like personal data, in order."""
    wide = narrow(text)
    spans: list[Span] = []

    def add(start: int, end: int, kind: str) -> None:
        spans.append(Span(start, end, text[start:end], kind))

    for match in _DIGIT_RUN.finditer(wide):
        raw = match.group(0)
        digits = re.sub(r"[^\dXx]", "", raw)
        kind = _digit_run_kind(digits, raw, wide[match.end() :])
        if kind:
            add(match.start(), match.end(), kind)
    for pattern, kind in (
        (_CHECK_CODE, "credit_code"),
        (_CHECK_PLATE, "plate"),
        (_CHECK_EMAIL, "email"),
        (_CHECK_ADDRESS, "address"),
        (_CHECK_COMPANY, "organisation"),
    ):
        for match in pattern.finditer(wide):
            add(match.start(), match.end(), kind)
    for match in _CHECK_LABEL.finditer(wide):
        value = match.group("value")
        if "某" not in value and not value.startswith(("本委", "仲裁", "公司", "单位")):
            add(match.start("value"), match.end("value"), "name")
    for value, kind in (
        *((v, "known_name") for v in known.persons),
        *((v, "known_name") for v in known.organisations),
        *((organisation_core(v), "known_name") for v in known.organisations),
        *((v, "known_identifier") for v in known.identifiers),
    ):
        value = narrow(value.strip())
        if len(value) < 2 or (kind == "known_identifier" and len(value) < 4):
            continue
        for match in re.finditer(re.escape(value), wide):
            add(match.start(), match.end(), kind)
    for organisation in known.organisations:
        short = organisation_short_forms(organisation)
        for match in short.finditer(wide) if short else ():
            add(match.start(), match.end(), "known_name")
    spans.sort(key=lambda s: (s.start, -s.end))
    # One span for one place: drop those inside an earlier one.
    kept: list[Span] = []
    for span in spans:
        if kept and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
