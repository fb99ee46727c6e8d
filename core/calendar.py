"""The working-day calendar and the period rule: the arithmetic of legal time, used by every app.

Period rules (CPL Art. 85 via R Art. 19, ../shared/domain.md §3): the starting day is not counted;
periods run in calendar days; when the last day is a statutory holiday or a rest day the period ends on
the first working day after it; deadlines fall at 24:00 Asia/Shanghai, so a deadline is a date.

Working days come from the holiday table (``CalendarDay``/``CalendarYear``), seeded from the
``chinese-calendar`` package and editable by supervisors. A year with no published schedule counts as
rest days the weekends and the holidays the State Council's 放假办法 fixes by date or by the lunar
calendar (``statutory_holidays``: 元旦; 春节 除夕 to 初三; 清明; 劳动节 5/1-5/2; 端午; 中秋; 国庆
10/1-10/3) — not the make-up working days and bridging days each year's schedule adds, which cannot be
foreseen — and every period that touches such a year is marked *provisional* until the schedule is
loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta

from core.models import CalendarDay, CalendarYear

MAX_ROLL_DAYS = 40  # no run of non-working days is this long; a guard against a corrupt table


# --- the working-day calendar -----------------------------------------------------------------------


class WorkingCalendar:
    """Working days from the holiday table, loaded a year at a time.

    A day is a working day when it is a make-up working day, or a weekday that is not a holiday. A
    year with no published schedule has only weekends as rest days, and is reported as unpublished.
    """

    def __init__(self) -> None:
        self._holidays: set[date] = set()
        self._workdays: set[date] = set()
        self._published: dict[int, bool] = {}

    def _load(self, year: int) -> None:
        if year in self._published:
            return
        published = CalendarYear.objects.filter(year=year, published=True).exists()
        self._published[year] = published
        if not published:
            self._holidays.update(statutory_holidays(year))
        for day, kind in CalendarDay.objects.filter(date__year=year).values_list("date", "kind"):
            (self._holidays if kind == CalendarDay.Kind.HOLIDAY else self._workdays).add(day)

    def is_published(self, year: int) -> bool:
        self._load(year)
        return self._published[year]

    def is_working_day(self, day: date) -> bool:
        self._load(day.year)
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._holidays

    def first_working_day_on_or_after(self, day: date) -> date:
        for _ in range(MAX_ROLL_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day within {MAX_ROLL_DAYS} days of {day}: check the holiday table")


_shared: ContextVar[WorkingCalendar | None] = ContextVar("working_calendar", default=None)


@contextmanager
def one_calendar() -> Iterator[WorkingCalendar]:
    """One calendar for a run of steps on many cases (a group action): the holiday table is read once for
    the run rather than once per case. Outside such a run each use reads it afresh."""
    calendar = WorkingCalendar()
    token = _shared.set(calendar)
    try:
        yield calendar
    finally:
        _shared.reset(token)


def working_calendar() -> WorkingCalendar:
    """The run's calendar (``one_calendar``), or a fresh one."""
    return _shared.get() or WorkingCalendar()


def statutory_holidays(year: int) -> dict[date, str]:
    """The days of ``year`` that the 全国年节及纪念日放假办法 (as amended in 2024) makes rest days for
    everyone, by date or by the lunar calendar, with their names. The lunar dates and the 清明 solar term
    come from the ``lunar-python`` package."""
    from lunar_python import Lunar, Solar

    def lunar(month: int, day: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())

    new_year = lunar(1, 1)  # 正月初一
    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    days = {date(year, 1, 1): "元旦"}
    days.update({new_year + timedelta(days=offset): "春节" for offset in range(-1, 3)})  # 除夕 to 初三
    days[date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days.update({date(year, 5, 1): "劳动节", date(year, 5, 2): "劳动节"})
    days[lunar(5, 5)] = "端午节"
    days[lunar(8, 15)] = "中秋节"
    days.update({date(year, 10, day): "国庆节" for day in (1, 2, 3)})
    return days


@dataclass(frozen=True)
class Period:
    starts_on: date
    days: int
    due_on: date
    provisional: bool


def period(starts_on: date, days: int, calendar: WorkingCalendar) -> Period:
    """The last day of a period of ``days`` calendar days counted from the day after ``starts_on``."""
    last = starts_on + timedelta(days=days)
    due = calendar.first_working_day_on_or_after(last)
    first_counted = starts_on + timedelta(days=1)
    touched = range(min(first_counted.year, due.year), due.year + 1)
    provisional = any(not calendar.is_published(year) for year in touched)
    return Period(starts_on=starts_on, days=days, due_on=due, provisional=provisional)


# --- loading the holiday table ------------------------------------------------------------------------

CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_calendar() -> tuple[dict[date, str], dict[date, str], set[int]]:
    """Holidays, make-up working days and covered years from the installed chinese-calendar package."""
    from chinese_calendar import constants

    holidays = {day: CHINESE_NAMES.get(str(name), str(name)) for day, name in constants.holidays.items()}
    workdays = {day: CHINESE_NAMES.get(str(name), str(name)) for day, name in constants.workdays.items()}
    years = set(range(min(holidays).year, max(holidays).year + 1))
    return holidays, workdays, years


def load_package_calendar(
    day_model: type[CalendarDay] = CalendarDay,  # or a migration's historical model: the same fields
    year_model: type[CalendarYear] = CalendarYear,
    *,
    replace_edited: bool = False,
) -> list[int]:
    """Copy the package's schedule into the table for each year it covers; returns the years loaded.

    A year a supervisor already maintains (published, from another source) is left alone unless
    ``replace_edited``. Takes the models as arguments so a migration can pass its historical ones.
    """
    from chinese_calendar import __version__ as package_version

    holidays, workdays, years = package_calendar()
    source = f"chinese-calendar {package_version}"
    loaded = []
    for year in sorted(years):
        existing = year_model.objects.filter(year=year).first()
        edited_by_hand = existing is not None and not existing.source.startswith("chinese-calendar")
        if edited_by_hand and not replace_edited:
            continue
        day_model.objects.filter(date__year=year).delete()
        day_model.objects.bulk_create(
            [day_model(date=d, kind="holiday", name=n) for d, n in holidays.items() if d.year == year]
            + [day_model(date=d, kind="workday", name=n) for d, n in workdays.items() if d.year == year]
        )
        year_model.objects.update_or_create(year=year, defaults={"published": True, "source": source})
        loaded.append(year)
    return loaded
