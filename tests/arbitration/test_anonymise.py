"""The anonymiser and its independent check, on a corpus of sample awards with planted identifiers."""

from __future__ import annotations

import pytest

from accounts.identifiers import credit_code_check_character, ric_check_character
from arbitration.anonymise import Known, anonymise, find_personal


def id_with_x() -> str:
    """A valid resident ID number whose check character is X."""
    for serial in range(1000):
        first17 = f"44010619880215{serial:03d}"
        if ric_check_character(first17) == "X":
            return first17 + "X"
    raise AssertionError("no serial gives X")


ID_X = id_with_x()
CODE = "91440101MA5CKE8L0" + credit_code_check_character("91440101MA5CKE8L0")
OTHER_CODE = "91440300MA5G1234X" + credit_code_check_character("91440300MA5G1234X")

# (text, what the case knows, the planted strings none of which may survive)
CORPUS = [
    (
        f"申请人：李秀英，女，公民身份号码：{ID_X}，住址：广州市白云区机场路1688号5栋702房，"
        "联系电话：13700001111。被申请人：广州恒达物流有限公司，统一社会信用代码："
        f"{CODE}，住所地：广州市白云区太和镇大源北路8号。法定代表人：周建国。"
        "申请人于2023年3月1日入职恒达物流公司任司机，驾驶粤A12345、粤B·D23456货车。",
        Known(
            persons=("李秀英", "周建国"), organisations=("广州恒达物流有限公司",), identifiers=(ID_X, CODE)
        ),
        [
            "李秀英",
            ID_X,
            "机场路1688号",
            "13700001111",
            "恒达物流",
            CODE,
            "大源北路8号",
            "周建国",
            "粤A12345",
            "D23456",
        ],
    ),
    (
        "被申请人的人事主管黄志强证实，工资发放至申请人建设银行卡6217 0000 1234 5678 901，"
        "另有一张招商银行卡6225880212345678。公司固定电话（020）38881234，客服400-800-1234，"
        "传真020-38885678转801。申请人手机+86 158 1234 5678，邮箱 lixy_1990@qq.com。",
        Known(),
        [
            "黄志强",
            "6217 0000 1234 5678 901",
            "6225880212345678",
            "38881234",
            "400-800-1234",
            "38885678",
            "158 1234 5678",
            "lixy_1990@qq.com",
        ],
    ),
    (
        "申请人王芳与深圳市华盛电子科技有限公司、东莞华盛包装制品有限公司存在劳动关系争议。证人：欧阳明亮，"
        f"系深圳华盛公司员工。被申请人统一社会信用代码为{OTHER_CODE}。申请人现住深圳市南山区科技园南区"
        "高新南七道18号A座1201室。",
        Known(persons=("王芳",)),
        [
            "王芳",
            "华盛电子",
            "华盛包装",
            "欧阳明亮",
            OTHER_CODE,
            "高新南七道18号",
        ],
    ),
    (
        "申请人张伟（身份证号440106199003071234）称，其与同事赵敏于2024年5月被辞退。"
        "被申请人负责人孙丽华表示工资已通过工商银行账户622202 1234 5678 9012转账。"
        "申请人户籍地址：湖南省长沙市岳麓区麓山南路932号。",
        Known(persons=("张伟",)),
        [
            "张伟",
            "440106199003071234",
            "赵敏",
            "孙丽华",
            "622202 1234 5678 9012",
            "麓山南路932号",
        ],
    ),
    (
        "申请人：陈小红，身份证号码：４４０１０６１９９００３０７１２３Ｘ，电话：１３８００１３８０００。"
        "被申请人广州市天河区美味餐厅（个体工商户）经营者：吴大海，手机139 2222 3333。",
        Known(persons=("陈小红", "吴大海"), organisations=("广州市天河区美味餐厅",)),
        ["陈小红", "１３８００１３８０００", "13800138000", "吴大海", "139 2222 3333", "美味餐厅"],
    ),
]


@pytest.mark.parametrize(("text", "known", "planted"), CORPUS)
def test_no_planted_identifier_survives(text, known, planted):
    result = anonymise(text, known)
    assert [p for p in planted if p in result] == [], result
    # And the check, which refuses publication, finds nothing left: no false refusal either.
    assert find_personal(result, known) == [], result


def test_names_become_surname_mou_and_companies_mou_gongsi():
    text = "申请人：张三。被申请人：广州示例科技有限公司。证人李四称，张三在示例科技公司工作，李四是其同事。"
    result = anonymise(text, Known(persons=("张三",), organisations=("广州示例科技有限公司",)))
    assert result == "申请人：张某。被申请人：某公司。证人李某称，张某在某公司工作，李某是其同事。"


def test_two_people_of_one_surname_stay_apart():
    result = anonymise("申请人张三与证人张四。", Known(persons=("张三",)))
    assert result == "申请人张某与证人张某乙。"


def test_ordinary_award_text_is_left_alone_and_not_flagged():
    text = (
        "劳动人事争议仲裁裁决书 穗劳人仲案字〔2025〕123号。依据《中华人民共和国劳动合同法》第四十七条、"
        "第八十七条，被申请人应于本裁决生效之日起五日内支付申请人2025年1月1日至2025-03-31期间工资"
        "18,000.00元、经济补偿金12000元及住房公积金差额1234567.89元。本裁决为终局裁决。"
        "被申请人应于当日向申请人支付。申请人于2025年4月向本委申请仲裁，请求金额合计30,000元。"
    )
    assert anonymise(text, Known()) == text
    assert find_personal(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("联系电话138.0013.8000", "phone"),
        ("手机1 3 8 0 0 1 3 8 0 0 0", "phone"),
        ("身份证440.106.1990.0307.123X", "id_number"),
        ("卡号6222/0212/3456/7890", "bank_account"),
        ("座机020.38881234", "phone"),
        ("车牌粤 A 1 2 3 4 5", None),  # spread out this far it no longer reads as a plate to either
        ("车牌粤A·12345", "plate"),
        ("代码91440101MA5CKE8L0X", "credit_code"),
        ("证人：司空摘星", "name"),  # a surname outside the replacer's list, after a label's colon
        ("住东风东路123号", "address"),
        ("与广州某某贸易有限公司", None),
        ("与广州金色贸易有限公司", "organisation"),
    ],
)
def test_the_check_finds_what_the_replacer_does_not_know(text, kind):
    spans = find_personal(text)
    if kind is None:
        return
    assert kind in {s.kind for s in spans}, spans
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_the_check_knows_the_cases_identifiers_verbatim():
    known = Known(persons=("李秀英",), organisations=("广州恒达物流有限公司",), identifiers=("白云区机场路",))
    spans = find_personal("李秀英在恒达物流公司，住白云区机场路。", known)
    assert [(s.text, s.kind) for s in spans] == [
        ("李秀英", "known_name"),
        ("恒达物流公司", "known_name"),
        ("白云区机场路", "known_identifier"),
    ]
