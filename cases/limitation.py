"""The limitation period for applying (仲裁时效, L Art. 27): pure date arithmetic.

- One year from the day the worker knew or should have known its rights were infringed (¶1).
- An interruption (a claim on the other side, a request to an authority for help, the other side
  agreeing to perform) starts the year afresh from the interruption (¶2).
- A suspension (force majeure or another proper cause) stops the running; it continues from the day the
  cause ends (¶3).
- Wages unpaid during employment are not limited while the employment lasts; once it ends the claim must
  be made within one year of its end (¶4).

A year ends on the same date a year later (the starting day is not counted; with no such date, the
month's last day); a last day that is a rest day or holiday moves to the next working day (Civil Code
Arts. 201-203). Limitation is the respondent's defence: the commission shows the result, it never rejects
an application on it of its own motion.
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.calendar import WorkingCalendar


@dataclass(frozen=True)
class Suspension:
    began: date
    ended: date


@dataclass(frozen=True)
class LimitationResult:
    runs: bool  # False: unpaid wages while employment lasts; no period runs
    runs_from: date | None
    expires_on: date | None
    ignored: tuple[date, ...] = field(default=())  # interruptions or suspensions after the period ran out

    def in_time(self, applied_on: date) -> bool:
        return not self.runs or (self.expires_on is not None and applied_on <= self.expires_on)


def one_year_after(day: date) -> date:
    year = day.year + 1
    return date(year, day.month, min(day.day, months.monthrange(year, day.month)[1]))


def limitation_period(
    *,
    knew_on: date,
    unpaid_wages: bool = False,
    employment_ended_on: date | None = None,
    interruptions: list[date] | tuple[date, ...] = (),
    suspensions: list[Suspension] | tuple[Suspension, ...] = (),
    calendar: WorkingCalendar | None = None,
) -> LimitationResult:
    """When the period runs from and its last day, after interruptions and suspensions."""
    if unpaid_wages:
        if employment_ended_on is None:
            return LimitationResult(runs=False, runs_from=None, expires_on=None)
        start = employment_ended_on
    else:
        start = knew_on
    stopped_days = 0
    ignored: list[date] = []
    happenings: list[tuple[date, Suspension | None]] = [(d, None) for d in interruptions] + [
        (s.began, s) for s in suspensions
    ]
    for day, suspension in sorted(happenings, key=lambda item: item[0]):
        running_until = one_year_after(start) + timedelta(days=stopped_days)
        if day < start:
            continue  # before the period began: it changes nothing
        if day > running_until:
            ignored.append(day)  # the period had run out: nothing revives it
            continue
        if suspension is None:
            start, stopped_days = day, 0
        else:
            stopped_days += (suspension.ended - suspension.began).days
    last_day = one_year_after(start) + timedelta(days=stopped_days)
    if calendar is not None:
        last_day = calendar.first_working_day_on_or_after(last_day)
    return LimitationResult(runs=True, runs_from=start, expires_on=last_day, ignored=tuple(ignored))
