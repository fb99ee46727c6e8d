"""The deadline engine to the day (../shared/domain.md §3): start day excluded, calendar days, roll-over
to the first working day when the last day is a holiday or rest day, make-up working days count, and a
year with no published schedule counts weekends and the 放假办法's fixed and lunar holidays as rest days
and is marked provisional."""

from __future__ import annotations

from datetime import date

import pytest

from core.calendar import WorkingCalendar, period, statutory_holidays
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
    ("2027-03-01", 5, "2027-03-08", True, "2027 unpublished: Saturday 03-06 rolls to Monday"),
    ("2027-06-07", 3, "2027-06-10", True, "a 2027 weekday stays, still provisional"),
    # Unpublished years: the holidays the 放假办法 fixes by date or lunar date (worked out by hand from the
    # lunar calendar: 2027 春节 is 02-06, 端午 06-09, 中秋 09-15, 清明 04-05; 2028 春节 is 01-26).
    ("2026-12-27", 5, "2027-01-04", True, "New Year's Day 2027 (Friday), then the weekend"),
    ("2027-01-31", 5, "2027-02-09", True, "Spring Festival 2027: 除夕 02-05 (Friday) to 初三 02-08 (Monday)"),
    ("2027-03-31", 5, "2027-04-06", True, "Qingming 2027 is Monday 04-05"),
    ("2027-04-26", 5, "2027-05-03", True, "Labour Day 05-01..05-02 (a weekend) then Monday"),
    ("2027-06-04", 5, "2027-06-10", True, "Dragon Boat 2027 is Wednesday 06-09"),
    ("2027-09-10", 5, "2027-09-16", True, "Mid-autumn 2027 is Wednesday 09-15"),
    ("2027-09-26", 5, "2027-10-04", True, "National Day 10-01..10-03 (Friday to Sunday)"),
    ("2028-01-20", 5, "2028-01-31", True, "Spring Festival 2028: 除夕 01-25 (Tuesday) to 初三 01-28"),
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


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rule_for_unpublished_years_agrees_with_the_published_schedules(year):
    """Every day the 放假办法 (as amended for 2025 on) makes a holiday is one in the State Council's
    schedule for the years it has published."""
    published = set(
        CalendarDay.objects.filter(date__year=year, kind="holiday").values_list("date", flat=True)
    )
    rule = statutory_holidays(year)
    assert len(rule) == 13
    assert set(rule) <= published, sorted(set(rule) - published)


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
