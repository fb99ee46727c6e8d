"""The claim calculator against hand-computed figures (POST /api/v1/calculations/)."""

from __future__ import annotations

import pytest

from arbitration.models import FigureKind, LocalFigure
from tests.helpers import api

pytestmark = pytest.mark.django_db

URL = "/api/v1/calculations/"


def calculate(personas, body):
    response = api(personas.applicant, "en").post(URL, body, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


# monthly wage, weekday h, rest-day h, holiday h, already paid → amount
OVERTIME = [
    # 5000 ÷ 21.75 ÷ 8 × (1.5 × 10 + 2 × 8) = 155000 / 174 = 890.8045…
    ("5000.00", "10", "8", "0", "0", "890.80"),
    # 3000 ÷ 174 × (1.5 + 2 + 3) = 112.0689…: rounded once (rounding each line would give
    # 25.86 + 34.48 + 51.72 = 112.06)
    ("3000.00", "1", "1", "1", "0", "112.07"),
    # 4350 ÷ 174 = 25 an hour: 25 × 1.5 × 20 + 25 × 3 × 8 = 1350, less 500 paid
    ("4350.00", "20", "0", "8", "500.00", "850.00"),
    # paid more than was due: nothing owed
    ("4350.00", "4", "0", "0", "200.00", "0.00"),
    # half hours: 4350 ÷ 174 × 2 × 7.5 = 375
    ("4350.00", "0", "7.5", "0", "0", "375.00"),
]


@pytest.mark.parametrize(("wage", "weekday", "rest", "holiday", "paid", "expected"), OVERTIME)
def test_overtime(personas, wage, weekday, rest, holiday, paid, expected):
    body = {
        "kind": "overtime",
        "monthly_wage": wage,
        "weekday_hours": weekday,
        "rest_day_hours": rest,
        "holiday_hours": holiday,
        "already_paid": paid,
    }
    result = calculate(personas, body)
    assert result["amount"] == expected
    assert result["breakdown"][0]["formula"] == f"{wage} ÷ 21.75 ÷ 8"
    assert all({"label", "formula", "amount"} == set(line) for line in result["breakdown"])


def test_overtime_breakdown_lines_say_what_they_computed(personas):
    result = calculate(
        personas,
        {
            "kind": "overtime",
            "monthly_wage": "3000.00",
            "weekday_hours": "1",
            "rest_day_hours": "1",
            "holiday_hours": "1",
        },
    )
    lines = [(line["label"], line["formula"], line["amount"]) for line in result["breakdown"]]
    assert lines == [
        ("Hourly wage base", "3000.00 ÷ 21.75 ÷ 8", "17.24"),
        ("Weekday overtime (150%)", "17.2414 × 150% × 1.00", "25.86"),
        ("Rest-day overtime (200%)", "17.2414 × 200% × 1.00", "34.48"),
        ("Statutory-holiday overtime (300%)", "17.2414 × 300% × 1.00", "51.72"),
    ]
    assert result["amount"] == "112.07"


# monthly wage, from, to, already paid → amount
WAGE_ARREARS = [
    ("6000.00", "2025-01-01", "2025-03-31", "0", "18000.00"),  # three whole months
    # 16 of January's 31 days + February + 10 of March's 31 days = 6000 × 26 / 31 + 6000 = 11032.258…
    ("6000.00", "2025-01-16", "2025-03-10", "0", "11032.26"),
    # one day of June's 30: 100.005, half up
    ("3000.15", "2025-06-30", "2025-06-30", "0", "100.01"),
    # 10 of a leap February's 29 days: 1000, less 300 paid
    ("2900.00", "2024-02-01", "2024-02-10", "300.00", "700.00"),
    ("2900.00", "2024-02-01", "2024-02-29", "0", "2900.00"),  # a whole February
    # December to January across a year: 15 of 31 + the whole of January
    ("3100.00", "2024-12-17", "2025-01-31", "0", "4600.00"),
]


@pytest.mark.parametrize(("wage", "start", "end", "paid", "expected"), WAGE_ARREARS)
def test_wage_arrears(personas, wage, start, end, paid, expected):
    body = {"kind": "wage_arrears", "monthly_wage": wage, "from": start, "to": end, "already_paid": paid}
    assert calculate(personas, body)["amount"] == expected


def test_wage_arrears_shows_whole_months_together_and_part_months_by_days(personas):
    body = {"kind": "wage_arrears", "monthly_wage": "6000.00", "from": "2025-01-16", "to": "2025-04-10"}
    lines = [(line["label"], line["formula"]) for line in calculate(personas, body)["breakdown"]]
    assert lines == [
        ("2025-01: 16 of 31 days", "6000.00 × 16 ÷ 31"),
        ("2025-02 – 2025-03: 2 whole month(s)", "6000.00 × 2"),
        ("2025-04: 10 of 30 days", "6000.00 × 10 ÷ 30"),
    ]


# average monthly wage, start, end, local average, unlawful, notice pay (last month) → amount, N shown
TERMINATION = [
    # 5 years 6 months: N = 6
    ("8000.00", "2020-03-01", "2025-08-31", "10000.00", False, None, "48000.00"),
    # one day short of 5 years 6 months: 5 years 5 months 30 days, N = 5.5
    ("8000.00", "2020-03-01", "2025-08-30", "10000.00", False, None, "44000.00"),
    # exactly 5 years: N = 5
    ("8000.00", "2020-03-01", "2025-02-28", "10000.00", False, None, "40000.00"),
    # 5 years and one day: N = 5.5
    ("8000.00", "2020-03-01", "2025-03-01", "10000.00", False, None, "44000.00"),
    # under six months in all: half a month
    ("8000.00", "2025-01-01", "2025-03-15", "10000.00", False, None, "4000.00"),
    # unlawful termination: 2N
    ("8000.00", "2020-03-01", "2025-08-31", "10000.00", True, None, "96000.00"),
    # 2N and one month's pay in lieu of notice (not doubled, not capped)
    ("8000.00", "2020-03-01", "2025-08-31", "10000.00", True, "8200.00", "104200.00"),
    # above the cap (3 × 10000): base 30000 and 20 years counted as 12
    ("40000.00", "2005-01-01", "2024-12-31", "10000.00", False, None, "360000.00"),
    # above the cap with fewer than 12 years: base capped, years as served (2 years 6 months → 3)
    ("40000.00", "2020-01-01", "2022-06-30", "10000.00", False, None, "90000.00"),
    # exactly at the cap: not capped, so all 20 years count
    ("30000.00", "2005-01-01", "2024-12-31", "10000.00", False, None, "600000.00"),
    # capped and unlawful: 2 × 30000 × 12
    ("40000.00", "2005-01-01", "2024-12-31", "10000.00", True, None, "720000.00"),
    # rounded once at the end: 7777.77 × 0.5 = 3888.885 → 3888.89
    ("7777.77", "2025-01-01", "2025-01-10", "10000.00", False, None, "3888.89"),
]


@pytest.mark.parametrize(("wage", "start", "end", "local", "unlawful", "notice", "expected"), TERMINATION)
def test_termination_compensation(personas, wage, start, end, local, unlawful, notice, expected):
    body = {
        "kind": "termination_compensation",
        "average_monthly_wage": wage,
        "start_date": start,
        "end_date": end,
        "local_average_monthly_wage": local,
        "unlawful": unlawful,
        "notice_pay": notice is not None,
        "last_month_wage": notice,
    }
    result = calculate(personas, body)
    assert result["amount"] == expected
    assert result["figures"][0] == {
        "kind": "average_monthly_wage",
        "amount": local,
        "effective_from": None,
        "region": "",
        "source": "given in the request",
    }


def test_the_cap_is_shown_in_the_breakdown(personas):
    body = {
        "kind": "termination_compensation",
        "average_monthly_wage": "40000.00",
        "start_date": "2005-01-01",
        "end_date": "2024-12-31",
        "local_average_monthly_wage": "10000.00",
    }
    lines = [
        (line["label"], line["formula"], line["amount"]) for line in calculate(personas, body)["breakdown"]
    ]
    assert lines == [
        ("Months of compensation (N)", "20 year(s) 0 month(s) 0 day(s): 20", "20.00"),
        (
            "Monthly base, capped at 3× the local average monthly wage",
            "min(40000.00, 10000.00 × 3)",
            "30000.00",
        ),
        ("Capped: at most 12 years count", "min(20, 12)", "12.00"),
        ("Economic compensation (N)", "30000.00 × 12", "360000.00"),
    ]


def test_without_a_local_average_the_figure_in_force_on_the_end_date_is_used_and_named(personas):
    LocalFigure.objects.create(
        kind=FigureKind.AVERAGE_WAGE,
        region="广州市",
        amount="9000.00",
        effective_from="2024-07-01",
        source="测试",
    )
    body = {
        "kind": "termination_compensation",
        "average_monthly_wage": "40000.00",
        "start_date": "2014-07-01",
        "end_date": "2024-06-30",
    }
    before = calculate(personas, body)  # the seeded figure (12000) is in force on 2024-06-30
    assert before["amount"] == "360000.00"  # 36000 × 10
    assert (
        before["figures"][0]["amount"] == "12000.00"
        and before["figures"][0]["effective_from"] == "2021-01-01"
    )
    body["end_date"] = "2024-07-01"  # the new figure: cap 27000, 10 years and a day → 10.5
    after = calculate(personas, body)
    assert after["amount"] == "283500.00"
    assert after["figures"][0] == {
        "kind": "average_monthly_wage",
        "amount": "9000.00",
        "effective_from": "2024-07-01",
        "region": "广州市",
        "source": "测试",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "overtime", "monthly_wage": "-1.00"}, "monthly_wage"),
        ({"kind": "overtime", "monthly_wage": "五千"}, "monthly_wage"),
        ({"kind": "overtime", "monthly_wage": "5000.001"}, "monthly_wage"),
        ({"kind": "overtime", "monthly_wage": "NaN"}, "monthly_wage"),
        ({"kind": "overtime", "monthly_wage": "5000", "weekday_hours": "-2"}, "weekday_hours"),
        ({"kind": "overtime", "monthly_wage": "5000", "already_paid": "abc"}, "already_paid"),
        ({"kind": "wage_arrears", "monthly_wage": "5000", "from": "2025-03-01", "to": "2025-02-28"}, "to"),
        ({"kind": "wage_arrears", "monthly_wage": "5000", "from": "2025-02-30", "to": "2025-03-01"}, "from"),
        (
            {
                "kind": "termination_compensation",
                "average_monthly_wage": "5000",
                "start_date": "2025-03-01",
                "end_date": "2024-03-01",
            },
            "end_date",
        ),
        (
            {
                "kind": "termination_compensation",
                "average_monthly_wage": "5000",
                "start_date": "2020-03-01",
                "end_date": "2024-03-01",
                "notice_pay": True,
            },
            "last_month_wage",
        ),
        ({"kind": "severance_bonus", "monthly_wage": "5000"}, "kind"),
        ({"monthly_wage": "5000"}, "kind"),
        ({"kind": "final_award", "claim_category": "overtime", "amount": "-5"}, "amount"),
        ({"kind": "final_award", "claim_category": "bonus", "amount": "5"}, "claim_category"),
        ({"kind": "final_award", "claim_category": "overtime", "amount": "5", "on": "2010-01-01"}, "on"),
    ],
)
def test_bad_input_is_refused_naming_the_field(personas, body, field):
    response = api(personas.applicant).post(URL, body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"]


def test_only_signed_in_users_calculate(db):
    response = api().post(URL, {"kind": "overtime", "monthly_wage": "5000"}, format="json")
    assert response.status_code == 401
