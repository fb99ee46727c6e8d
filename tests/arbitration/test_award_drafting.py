"""Drafting and issuing the award: PUT/GET /api/v1/cases/{id}/award/ and the step issue_award."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from arbitration.models import Award, AwardItem, Issued
from tests.arbitration.conftest import case_in_deliberation
from tests.helpers import api

pytestmark = pytest.mark.django_db


def claim_ids(case):
    return [c.pk for c in case.claims.order_by("position", "id")]


def items(case, *, decide_all=True, granted_wages="18000.00"):
    wages, overtime, leave = claim_ids(case)
    return [
        {
            "claim": wages,
            "elements": [
                {"element": "月工资", "applicant": "6000元", "respondent": "6000元"},
                {
                    "element": "欠薪期间",
                    "applicant": "2025年1月至3月",
                    "respondent": "2025年2月至3月",
                    "finding": "2025年1月至3月",
                },
            ],
            "calculation": {
                "kind": "wage_arrears",
                "monthly_wage": "6000.00",
                "from": "2025-01-01",
                "to": "2025-03-31",
            },
            "granted": granted_wages,
            "decision": "upheld",
            "finding": "被申请人未支付2025年1月至3月工资。",
            "reasoning": "用人单位应当按月足额支付劳动报酬。",
        },
        {
            "claim": overtime,
            "calculation": {"kind": "overtime", "monthly_wage": "4350.00", "rest_day_hours": "16"},
            "granted": "600.00",
            "decision": "partly_upheld",
            "finding": "申请人休息日加班12小时。",
            "reasoning": "部分加班未能举证。",
        },
        {
            "claim": leave,
            "granted": None,
            "decision": "dismissed" if decide_all else "",
            "finding": "年休假已安排。",
            "reasoning": "",
        },
    ]


def put(user, case, body):
    return api(user, "en").put(f"/api/v1/cases/{case.pk}/award/", body, format="json")


def issue(user, case):
    body = {"mediation_tried": "no", "mediation_not_tried_reason": "被申请人拒绝调解"}
    return api(user, "en").post(f"/api/v1/cases/{case.pk}/transitions/issue_award/", body, format="json")


def test_the_tribunal_drafts_the_award_element_by_element_and_issues_it(personas, deliberating):
    case = deliberating
    wages, _overtime, leave = claim_ids(case)
    drafted = put(
        personas.arbitrator, case, {"items": items(case, decide_all=False), "costs": "本案不收费。"}
    )
    assert drafted.status_code == 200, drafted.json()
    award = drafted.json()
    assert award["status"] == "draft" and award["kind"] == "final"
    first, second, _third = award["items"]
    assert first["computed_amount"] == "18000.00" and first["granted"] == "18000.00"
    assert first["breakdown"] == [
        {"label": "2025-01 – 2025-03: 3 whole month(s)", "formula": "6000.00 × 3", "amount": "18000.00"}
    ]
    assert [e["agreed"] for e in first["elements"]] == [True, False]  # same positions: agreed
    assert second["computed_amount"] == "800.00"  # 25 an hour × 200% × 16; granted less
    assert first["final_award"]["final"] is True and "18000.00" in first["final_award"]["reason"]
    assert award["undecided_claims"] == [leave]

    # Not issued while a claim has no decision: the refusal names it.
    refused = issue(personas.arbitrator, case)
    assert refused.status_code == 400
    assert "items.2.decision" in refused.json()["fields"]
    assert put(personas.arbitrator, case, {"items": items(case)[:2]}).status_code == 200
    refused = issue(personas.arbitrator, case)
    assert refused.status_code == 400
    assert list(refused.json()["fields"]) == [f"claims.{leave}"]

    assert put(personas.arbitrator, case, {"items": items(case), "costs": "本案不收费。"}).status_code == 200
    issued = issue(personas.arbitrator, case)
    assert issued.status_code == 200, issued.json()
    assert issued.json()["status"] == "closed" and issued.json()["closure_type"] == "award"

    # The parties now read the issued award; it is final (every item is) and fixed.
    read = api(personas.applicant, "en").get(f"/api/v1/cases/{case.pk}/award/").json()
    assert read["status"] == "issued" and read["final"] is True and read["mixed"] is False
    assert [i["decision"] for i in read["items"]] == ["upheld", "partly_upheld", "dismissed"]
    assert read["award_date"] is not None and read["undecided_claims"] == []

    # Once issued it never changes: the API (the case is closed), the model, the queryset, the database.
    assert put(personas.arbitrator, case, {"items": items(case)}).status_code == 409
    stored = Award.objects.get(case=case)
    stored.costs = "改"
    with pytest.raises(Issued):
        stored.save()
    with pytest.raises(Issued):
        Award.objects.filter(case=case).update(costs="改")
    with pytest.raises(Issued):
        AwardItem.objects.filter(award=stored).update(granted="1.00")
    with pytest.raises(Issued):
        AwardItem.objects.filter(award=stored).first().delete()
    with (
        pytest.raises(DatabaseError, match="never changes"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE arbitration_awarditem SET granted = 1 WHERE award_id = %s", [stored.pk])
    assert AwardItem.objects.get(award=stored, claim_id=wages).granted == 18000


def test_who_may_read_and_write_the_award(personas, deliberating):
    case = deliberating
    assert put(personas.outsider, case, {"items": []}).status_code == 404
    assert api(personas.outsider).get(f"/api/v1/cases/{case.pk}/award/").status_code == 404
    assert put(personas.applicant, case, {"items": []}).status_code == 403
    assert put(personas.clerk, case, {"items": []}).status_code == 403
    assert put(personas.arbitrator2, case, {"items": []}).status_code == 404  # not this case's tribunal
    assert put(personas.arbitrator, case, {"items": items(case)}).status_code == 200
    # The draft is the tribunal's and the commission's; the parties see nothing before it is issued.
    assert api(personas.applicant).get(f"/api/v1/cases/{case.pk}/award/").status_code == 404
    assert len(api(personas.clerk).get(f"/api/v1/cases/{case.pk}/award/").json()["items"]) == 3
    # Only in deliberation.
    started = api(personas.arbitrator).post(
        f"/api/v1/cases/{case.pk}/transitions/start_mediation/", {}, format="json"
    )
    assert started.status_code == 200, started.json()
    late = put(personas.arbitrator, case, {"items": items(case)})
    assert late.status_code == 409 and late.json()["code"] == "invalid_transition"
    assert issue(personas.applicant, case).status_code in (403, 409)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda its, other: its[0].update(claim=other), "items.0.claim"),
        (lambda its, other: its[1].update(claim=its[0]["claim"]), "items.1.claim"),
        (lambda its, other: its[0].update(granted="-1.00"), "items.0.granted"),
        (lambda its, other: its[0].update(granted="一万"), "items.0.granted"),
        (lambda its, other: its[2].update(granted="5.00"), "items.2.granted"),  # dismissed yet granted
        (
            lambda its, other: its[0]["calculation"].update(monthly_wage="-5"),
            "items.0.calculation.monthly_wage",
        ),
        (lambda its, other: its[0]["calculation"].update(to="2024-01-01"), "items.0.calculation.to"),
        (lambda its, other: its[0]["calculation"].update(kind="bonus"), "items.0.calculation.kind"),
        (lambda its, other: its[0].update(decision="maybe"), "items.0.decision"),
        (lambda its, other: its.append({"category": "other", "decision": "upheld"}), "items.3.title"),
        (lambda its, other: its.append({"title": "赔礼道歉", "decision": "upheld"}), "items.3.category"),
    ],
)
def test_bad_items_are_refused_naming_the_field(personas, deliberating, change, field):
    other = case_in_deliberation(personas)
    body = items(deliberating)
    change(body, other.claims.first().pk)
    response = put(personas.arbitrator, deliberating, {"items": body})
    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"]
    assert not Award.objects.filter(case=deliberating).exists()  # nothing half-written


def test_a_free_form_item_decides_another_claim(personas, deliberating):
    body = [
        *items(deliberating),
        {
            "category": "other",
            "title": "出具离职证明",
            "decision": "upheld",
            "finding": "应出具",
            "reasoning": "劳动合同法第五十条",
        },
    ]
    award = put(personas.arbitrator, deliberating, {"items": body}).json()
    assert award["items"][3]["claim"] is None and award["items"][3]["title"] == "出具离职证明"
    assert award["items"][3]["final_award"]["final"] is False
    assert issue(personas.arbitrator, deliberating).status_code == 200
    read = api(personas.applicant, "en").get(f"/api/v1/cases/{deliberating.pk}/award/").json()
    assert read["final"] is False and read["mixed"] is True  # final items and a non-final one


def test_a_partial_award_decides_some_claims_first(personas, deliberating):
    case = deliberating
    _wages, overtime, leave = claim_ids(case)
    first = items(case)[:1]
    assert put(personas.arbitrator, case, {"partial_award": True, "items": first}).status_code == 200
    refused = issue(personas.arbitrator, case)  # the draft is a partial award, not the award
    assert refused.status_code == 400 and "partial_award" in refused.json()["fields"]
    partial = api(personas.arbitrator, "en").post(
        f"/api/v1/cases/{case.pk}/award/partial/", {}, format="json"
    )
    assert partial.status_code == 200, partial.json()
    assert partial.json()["issued"][0]["kind"] == "partial"
    assert partial.json()["undecided_claims"] == [overtime, leave]
    assert api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/").json()["status"] == "deliberation"
    # The parties read the partial award at once.
    assert api(personas.applicant).get(f"/api/v1/cases/{case.pk}/award/").json()["status"] == "issued"

    again = put(personas.arbitrator, case, {"items": items(case)})
    assert again.status_code == 400 and "items.0.claim" in again.json()["fields"]
    assert put(personas.arbitrator, case, {"items": items(case)[1:]}).status_code == 200
    assert issue(personas.arbitrator, case).status_code == 200
    read = api(personas.applicant).get(f"/api/v1/cases/{case.pk}/award/").json()
    assert [a["kind"] for a in read["issued"]] == ["partial", "final"]
    kinds = [
        e["kind"] for e in api(personas.applicant).get(f"/api/v1/cases/{case.pk}/events/").json()["results"]
    ]
    assert kinds.index("partial_award") < kinds.index("issue_award")


def test_a_three_member_tribunal_records_the_majority_and_the_dissent(personas, arbitrator3):
    tribunal = [personas.arbitrator, personas.arbitrator2, arbitrator3]
    case = case_in_deliberation(personas, tribunal)
    one = {
        "items": items(case),
        "dissents": [{"arbitrator": arbitrator3.pk, "opinion": "加班事实证据不足。"}],
    }
    # Every member of the tribunal drafts; the presiding arbitrator issues.
    award = put(personas.arbitrator2, case, one).json()
    assert award["decided_by"] == "majority"
    assert award["dissents"] == [
        {"arbitrator": arbitrator3.pk, "display_name": "仲裁员丙", "opinion": "加班事实证据不足。"}
    ]
    two = {
        **one,
        "dissents": [{"arbitrator": a.pk, "opinion": "不同意"} for a in (personas.arbitrator2, arbitrator3)],
    }
    assert put(personas.arbitrator, case, two).json()["decided_by"] == "presiding"  # L Art. 45
    with_presiding = {**one, "dissents": [{"arbitrator": a.pk, "opinion": "x"} for a in tribunal[:2]]}
    assert "dissents" in put(personas.arbitrator, case, with_presiding).json()["fields"]
    stranger = {**one, "dissents": [{"arbitrator": personas.clerk.pk, "opinion": "x"}]}
    assert "dissents.0.arbitrator" in put(personas.arbitrator, case, stranger).json()["fields"]
    assert issue(personas.arbitrator2, case).status_code == 403
    assert issue(personas.arbitrator, case).status_code == 200


def test_a_sole_arbitrator_records_no_dissent(personas, deliberating):
    body = {
        "items": items(deliberating),
        "dissents": [{"arbitrator": personas.arbitrator.pk, "opinion": "x"}],
    }
    assert "dissents" in put(personas.arbitrator, deliberating, body).json()["fields"]
