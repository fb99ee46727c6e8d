"""The deadline engine to the day (../shared/domain.md §3): start day excluded, calendar days, roll-over
to the first working day when the last day is a holiday or rest day, make-up working days count, and a
year with no published schedule falls back to weekends-only and is marked provisional."""

from __future__ import annotations

from datetime import date

import pytest

from core.calendar import WorkingCalendar, period
from core.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = date.fromisoformat

# (counted from, days, last day, provisional, why) — expected dates worked out by hand from the State
# Council's notices for 2025 and 2026.
PERIODS = [
    ("2025-09-26", 5, "2025-10-09", False, "last day 10-01 is in the National Day holiday (10-01..10-08)"),
    ("2025-03-04", 5, "2025-03-10", False, "last day is Sunday 03-09: Monday"),
    ("2025-10-06", 5, "2025-10-11", False, "last day Saturday 10-11 is a make-up working day: it stays"),
    ("2025-01-21", 5, "2025-01-26", False, "Sunday 01-26 is a make-up working day"),
    ("2025-10-01", 5, "2025-10-09", False, "starting on a holiday changes nothing; 10-06 is a holiday"),
    ("2025-12-31", 1, "2026-01-04", False, "New Year 01-01..01-03; Sunday 01-04 is a make-up working day"),
    ("2026-02-10", 5, "2026-02-24", False, "last day 02-15 opens the Spring Festival (02-15..02-23)"),
    ("2026-02-09", 5, "2026-02-14", False, "Saturday 02-14 is a make-up working day"),
    ("2026-04-26", 5, "2026-05-06", False, "Labour Day 05-01..05-05"),
    ("2026-03-30", 5, "2026-04-07", False, "Qingming 04-04..04-06"),
    ("2026-03-06", 45, "2026-04-20", False, "the 45-day ruling period, ending on a Monday"),
    ("2026-03-02", 60, "2026-05-06", False, "45 + 15 days ends on Labour Day"),
    ("2026-12-20", 10, "2026-12-30", False, "close to the year's end but inside 2026: not provisional"),
    ("2026-12-28", 5, "2027-01-04", True, "2027 unpublished: Saturday 01-02 rolls to Monday, provisional"),
    ("2027-03-01", 5, "2027-03-08", True, "2027 weekends-only: Saturday 03-06 rolls to Monday"),
    ("2027-06-07", 3, "2027-06-10", True, "a 2027 weekday stays, still provisional"),
]


@pytest.mark.parametrize("start,days,due,provisional,why", PERIODS, ids=[p[4] for p in PERIODS])
def test_period_end(start, days, due, provisional, why):
    result = period(D(start), days, WorkingCalendar())
    assert (result.due_on, result.provisional) == (D(due), provisional), why


def test_the_package_years_are_published_and_2027_is_not():
    assert set(CalendarYear.objects.filter(published=True).values_list("year", flat=True)) == set(
        range(2004, 2027)
    )
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert CalendarDay.objects.get(date=D("2025-10-11")).kind == "workday"
    assert CalendarDay.objects.get(date=D("2025-10-03")).name == "国庆节"


def test_a_supervisor_entered_2027_schedule_is_used_and_not_provisional():
    # The State Council's notice for 2027 arrives: 01-01..01-03 off, Saturday 2027-01-09 a make-up day.
    for day in ("2027-01-01", "2027-01-02", "2027-01-03"):
        CalendarDay.objects.create(date=D(day), kind="holiday", name="元旦")
    CalendarDay.objects.create(date=D("2027-01-09"), kind="workday", name="元旦")
    CalendarYear.objects.create(year=2027, published=True, source="国务院办公厅通知")
    result = period(D("2026-12-28"), 5, WorkingCalendar())
    assert (result.due_on, result.provisional) == (D("2027-01-04"), False)
    assert period(D("2027-01-04"), 5, WorkingCalendar()).due_on == D("2027-01-09")  # the make-up Saturday


def test_a_corrupt_table_is_a_clear_error_not_a_hang():
    for offset in range(60):
        CalendarDay.objects.update_or_create(
            date=date.fromordinal(D("2030-01-01").toordinal() + offset), defaults={"kind": "holiday"}
        )
    with pytest.raises(ValueError, match="no working day"):
        period(D("2029-12-31"), 1, WorkingCalendar())
