"""The limitation period's date arithmetic (L Art. 27; Civil Code Arts. 201-203), table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from cases.limitation import Suspension, limitation_period
from core.calendar import WorkingCalendar

D = date.fromisoformat


def stretch(began: str, ended: str) -> Suspension:
    return Suspension(D(began), D(ended))


@pytest.mark.parametrize(
    ("facts", "runs_from", "expires_on"),
    [
        # One year from the day the worker knew: the same date a year later.
        ({"knew_on": D("2025-03-10")}, "2025-03-10", "2026-03-10"),
        # No 29 February next year: the month's last day.
        ({"knew_on": D("2024-02-29")}, "2024-02-29", "2025-02-28"),
        # An interruption within the year starts it afresh.
        ({"knew_on": D("2025-03-10"), "interruptions": [D("2025-09-01")]}, "2025-09-01", "2026-09-01"),
        # Two interruptions: the later one counts.
        (
            {"knew_on": D("2025-03-10"), "interruptions": [D("2025-09-01"), D("2026-06-30")]},
            "2026-06-30",
            "2027-06-30",
        ),
        # An interruption after the year ran out revives nothing.
        ({"knew_on": D("2025-03-10"), "interruptions": [D("2026-04-01")]}, "2025-03-10", "2026-03-10"),
        # An interruption before the worker knew changes nothing.
        ({"knew_on": D("2025-03-10"), "interruptions": [D("2025-01-01")]}, "2025-03-10", "2026-03-10"),
        # A suspension adds the days it lasted (45 here).
        (
            {"knew_on": D("2025-03-10"), "suspensions": [stretch("2025-05-01", "2025-06-15")]},
            "2025-03-10",
            "2026-04-24",
        ),
        # A suspension that begins after the year ran out stops nothing.
        (
            {"knew_on": D("2025-03-10"), "suspensions": [stretch("2026-03-11", "2026-05-01")]},
            "2025-03-10",
            "2026-03-10",
        ),
        # A suspension, then an interruption: the interruption starts a fresh year.
        (
            {
                "knew_on": D("2025-03-10"),
                "suspensions": [stretch("2025-05-01", "2025-05-11")],
                "interruptions": [D("2025-08-01")],
            },
            "2025-08-01",
            "2026-08-01",
        ),
        # An interruption, then a suspension of 10 days inside the fresh year.
        (
            {
                "knew_on": D("2025-03-10"),
                "interruptions": [D("2025-08-01")],
                "suspensions": [stretch("2026-01-10", "2026-01-20")],
            },
            "2025-08-01",
            "2026-08-11",
        ),
        # A suspension that keeps the period alive long enough for a late interruption to count.
        (
            {
                "knew_on": D("2025-03-10"),
                "suspensions": [stretch("2025-04-01", "2025-05-01")],
                "interruptions": [D("2026-03-25")],
            },
            "2026-03-25",
            "2027-03-25",
        ),
        # Unpaid wages: one year from the end of the employment, whenever the worker knew.
        (
            {"knew_on": D("2023-01-31"), "unpaid_wages": True, "employment_ended_on": D("2025-12-31")},
            "2025-12-31",
            "2026-12-31",
        ),
    ],
)
def test_the_limitation_year(facts, runs_from, expires_on):
    result = limitation_period(**facts)
    assert result.runs
    assert (result.runs_from.isoformat(), result.expires_on.isoformat()) == (runs_from, expires_on)


def test_unpaid_wages_run_no_period_while_the_employment_lasts():
    result = limitation_period(knew_on=D("2020-01-31"), unpaid_wages=True)
    assert not result.runs and result.in_time(D("2026-03-02"))


@pytest.mark.parametrize(
    ("applied_on", "in_time"),
    [("2026-03-10", True), ("2026-03-11", False), ("2025-12-01", True)],
)
def test_the_last_day_is_still_in_time(applied_on, in_time):
    assert limitation_period(knew_on=D("2025-03-10")).in_time(D(applied_on)) is in_time


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("knew_on", "expires_on"),
    [
        ("2025-03-14", "2026-03-16"),  # a Saturday: the next Monday
        ("2024-10-01", "2025-10-09"),  # National Day 2025 runs to 10-08
        ("2025-02-17", "2026-02-24"),  # Spring Festival 2026 (02-15..02-23)
        ("2025-03-11", "2026-03-11"),  # a working day stays
    ],
)
def test_a_last_day_on_a_rest_day_moves_to_the_next_working_day(knew_on, expires_on):
    result = limitation_period(knew_on=D(knew_on), calendar=WorkingCalendar())
    assert result.expires_on == D(expires_on)
