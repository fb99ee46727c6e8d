"""The final-award line (一裁终局, L Art. 47; R Art. 50), per item on the amount awarded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from arbitration.calculations import FigureUsed
from arbitration.finality import classify
from tests.helpers import api

pytestmark = pytest.mark.django_db


def final_award(personas, category, amount, on):
    body = {"kind": "final_award", "claim_category": category, "amount": amount, "on": on}
    response = api(personas.applicant, "en").post("/api/v1/calculations/", body, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


# Guangzhou's monthly minimum wage: 2300 from 2021-12-01, 2500 from 2025-03-01 (the seeded table).
@pytest.mark.parametrize(
    ("category", "amount", "on", "final", "threshold"),
    [
        ("wage_arrears", "30000.00", "2025-06-01", True, "30000.00"),  # exactly 12 × 2500
        ("wage_arrears", "30000.01", "2025-06-01", False, "30000.00"),  # a fen above
        ("wage_arrears", "29999.99", "2025-06-01", True, "30000.00"),  # a fen below
        (
            "overtime",
            "27600.00",
            "2025-02-28",
            True,
            "27600.00",
        ),  # exactly 12 × 2300, the day before the raise
        ("overtime", "27600.01", "2025-02-28", False, "27600.00"),
        ("overtime", "27599.99", "2025-02-28", True, "27600.00"),
        # one amount, two minimum-wage periods: above the old line, below the new one
        ("economic_compensation", "28000.00", "2025-02-28", False, "27600.00"),
        ("economic_compensation", "28000.00", "2025-03-01", True, "30000.00"),
        ("termination_compensation", "0.00", "2025-03-01", True, "30000.00"),  # nothing awarded
        ("work_injury", "30000.01", "2025-03-01", False, "30000.00"),
        # standards disputes are final whatever the amount
        ("working_hours", "999999.00", "2025-06-01", True, "30000.00"),
        ("rest_leave", "50000.00", "2025-06-01", True, "30000.00"),
        ("social_insurance", "80000.00", "2025-06-01", True, "30000.00"),
        # outside L Art. 47 altogether
        ("labour_relation", "0.00", "2025-06-01", False, "30000.00"),
        ("other", "100.00", "2025-06-01", False, "30000.00"),
    ],
)
def test_the_final_award_line(personas, category, amount, on, final, threshold):
    block = final_award(personas, category, amount, on)["final_award"]
    assert block["final"] is final
    assert block["threshold"] == threshold
    assert block["reason"]


def test_the_reason_says_why(personas):
    above = final_award(personas, "wage_arrears", "30000.01", "2025-06-01")
    assert above["final_award"]["reason"] == (
        "30000.01 awarded exceeds 12 × the monthly minimum wage (12 × 2500.00 = 30000.00): not final."
    )
    assert above["final_award"]["minimum_wage"] == {
        "kind": "minimum_wage",
        "amount": "2500.00",
        "effective_from": "2025-03-01",
        "region": "广州市",
        "source": "广东省最低工资标准调整（广州市，一类）",
    }
    assert above["amount"] is None and above["breakdown"] == []
    standards = final_award(personas, "rest_leave", "50000.00", "2025-06-01")
    assert "working hours, rest and leave or social insurance" in standards["final_award"]["reason"]
    zh = api(personas.applicant).post(
        "/api/v1/calculations/",
        {"kind": "final_award", "claim_category": "overtime", "amount": "100", "on": "2025-06-01"},
        format="json",
    )
    assert "终局裁决" in zh.json()["final_award"]["reason"]


def test_a_calculation_carries_its_own_final_award_block(personas):
    body = {"kind": "wage_arrears", "monthly_wage": "6000.00", "from": "2025-01-01", "to": "2025-05-31"}
    result = api(personas.applicant, "en").post(
        "/api/v1/calculations/", {**body, "on": "2025-06-01"}, format="json"
    )
    assert result.json()["amount"] == "30000.00"
    assert result.json()["final_award"]["final"] is True
    body["to"] = "2025-06-01"  # one more day: 30200.00 is over the line
    result = api(personas.applicant, "en").post(
        "/api/v1/calculations/", {**body, "on": "2025-06-01"}, format="json"
    )
    assert result.json()["amount"] == "30200.00"
    assert result.json()["final_award"]["final"] is False


def test_classify_is_judged_on_the_figure_it_is_given():
    figure = FigureUsed("minimum_wage", Decimal("2000.00"), None, "", "")
    assert classify("overtime", Decimal("24000.00"), figure).final is True
    assert classify("overtime", Decimal("24000.01"), figure).final is False
    assert classify("overtime", None, figure).final is True
