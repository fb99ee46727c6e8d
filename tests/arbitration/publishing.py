"""A case awarded and closed with its parties' full particulars, for the publication and
recommendation-letter tests."""

from __future__ import annotations

from cases.models import Case
from tests.helpers import api, credit_code

WORKER_PHONE = "13912345678"
WORKER_ADDRESS = "广州市越秀区中山五路33号2栋1203房"
EMPLOYER_ADDRESS = "广州市天河区珠江新城华夏路10号"
EMPLOYER = "广州锦绣餐饮管理有限公司"
# Identifiers planted in the tribunal's own words, none of them known to the case's records.
FINDING = (
    "证人王小明称，申请人驾驶粤A12345货车送货，工资按月转入其中国工商银行账户6222 0212 3456 7890 123。"
    "被申请人人事经理刘德华的座机为020-87654321，手机186-2000-1234。"
    "申请人另在深圳明辉电子有限公司兼职，住在广州市海珠区新港东路1000号。"
)
REASONING = "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬，被申请人拖欠申请人工资。"


def issued_case(
    personas,
    *,
    finding: str = FINDING,
    reasoning: str = REASONING,
    employer_code: str | None = None,
    decision: str = "upheld",
) -> Case:
    """A case filed by 张三 against 广州锦绣餐饮管理有限公司 with full particulars, awarded and closed."""
    body = {
        "applicant": {
            "kind": "person",
            "name": "张三",
            "id_number": personas.applicant.party.id_number,
            "phone": WORKER_PHONE,
            "address": WORKER_ADDRESS,
        },
        "respondent": {
            "kind": "organisation",
            "name": EMPLOYER,
            "credit_code": employer_code or credit_code(),
            "legal_representative": "陈大文",
            "address": EMPLOYER_ADDRESS,
        },
        "claims": [{"category": "wage_arrears", "amount": "18000.00", "description": "2025年1月至3月工资"}],
        "facts": f"申请人张三于2024年入职{EMPLOYER}，被申请人拖欠工资，锦绣餐饮公司拒不支付。",
    }
    response = api(personas.applicant).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    clerk, arbitrator = api(personas.clerk), api(personas.arbitrator)
    accepted = clerk.post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk], "procedure": "ordinary"},
        format="json",
    )
    assert accepted.status_code == 200, accepted.json()
    for name, step in (
        ("schedule_oral_hearing", {"hearing_at": "2031-01-10T09:00:00+08:00"}),
        ("conclude_hearing", {}),
    ):
        response = arbitrator.post(f"/api/v1/cases/{case_id}/transitions/{name}/", step, format="json")
        assert response.status_code == 200, response.json()
    case = Case.objects.get(pk=case_id)
    claim = case.claims.get()
    draft = {
        "items": [
            {
                "claim": claim.pk,
                "elements": [
                    {"element": "月工资", "applicant": "6000元", "respondent": "6000元", "agreed": True}
                ],
                "granted": "18000.00" if decision != "dismissed" else None,
                "decision": decision,
                "finding": finding,
                "reasoning": reasoning,
            }
        ]
    }
    response = arbitrator.put(f"/api/v1/cases/{case_id}/award/", draft, format="json")
    assert response.status_code == 200, response.json()
    response = arbitrator.post(
        f"/api/v1/cases/{case_id}/transitions/issue_award/",
        {"mediation_tried": "no", "mediation_not_tried_reason": "被申请人拒绝调解"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return case
