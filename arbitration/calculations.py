"""The claim calculator's arithmetic: overtime, wage arrears, termination compensation (N, 2N, notice pay).

Pure functions over ``Decimal``: nothing here reads the database or the clock. Local figures (the
local average monthly wage for the cap) come in as arguments, looked up by ``arbitration.selectors``.

Every intermediate value keeps full precision; the result is rounded to the fen **once, at the end**
(half up, as cash is). The breakdown lines carry their unrounded amounts: the API shows them to the fen,
so a line may differ in the last fen from the total of rounded lines, never the result itself.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

FEN = Decimal("0.01")
ZERO = Decimal("0")
# Labour Law Art. 44 and the MOHRSS notice on working days (2008): 21.75 paid days a month, 8 hours a day.
PAID_DAYS_A_MONTH = Decimal("21.75")
HOURS_A_DAY = Decimal("8")
WEEKDAY_RATE = Decimal("1.5")
REST_DAY_RATE = Decimal("2")
HOLIDAY_RATE = Decimal("3")
# Labour Contract Law Art. 47: the cap on the base (3× the local average monthly wage) and on the years.
CAP_MULTIPLE = Decimal("3")
CAP_YEARS = Decimal("12")


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def show(value: Decimal, places: int = 2) -> str:
    """A number as a formula shows it: to ``places`` (half up), without a trailing exponent."""
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


@dataclass(frozen=True)
class Line:
    label: str
    formula: str
    amount: Decimal


@dataclass(frozen=True)
class FigureUsed:
    """A local figure a calculation used: which, how much, since when, and where it came from."""

    kind: str
    amount: Decimal
    effective_from: date | None
    region: str
    source: str


@dataclass
class Result:
    kind: str
    amount: Decimal
    breakdown: list[Line] = field(default_factory=list)
    figures: list[FigureUsed] = field(default_factory=list)


class CalculationError(ValueError):
    """Input the arithmetic cannot take, naming the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def _less_paid(lines: list[Line], due: Decimal, already_paid: Decimal) -> Decimal:
    lines.append(Line(_("Already paid"), f"− {show(already_paid)}", -already_paid))
    owed = due - already_paid
    if owed < ZERO:
        lines.append(Line(_("Paid more than was due: nothing is owed"), f"max({show(owed)}, 0)", ZERO))
        return ZERO
    return owed


def overtime(
    *,
    monthly_wage: Decimal,
    weekday_hours: Decimal = ZERO,
    rest_day_hours: Decimal = ZERO,
    holiday_hours: Decimal = ZERO,
    already_paid: Decimal = ZERO,
) -> Result:
    """Overtime pay (Labour Law Art. 44): hourly base = monthly wage ÷ 21.75 ÷ 8; weekday extension 150%,
    rest day 200%, statutory holiday 300%; less what was paid."""
    hourly = monthly_wage / PAID_DAYS_A_MONTH / HOURS_A_DAY
    lines = [Line(_("Hourly wage base"), f"{show(monthly_wage)} ÷ 21.75 ÷ 8", hourly)]
    due = ZERO
    for label, hours, rate in (
        (_("Weekday overtime (150%)"), weekday_hours, WEEKDAY_RATE),
        (_("Rest-day overtime (200%)"), rest_day_hours, REST_DAY_RATE),
        (_("Statutory-holiday overtime (300%)"), holiday_hours, HOLIDAY_RATE),
    ):
        if hours:
            amount = hourly * rate * hours
            lines.append(Line(label, f"{show(hourly, 4)} × {rate * 100:.0f}% × {show(hours)}", amount))
            due += amount
    owed = _less_paid(lines, due, already_paid) if already_paid else due
    return Result("overtime", to_fen(owed), lines)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def wage_arrears(*, monthly_wage: Decimal, start: date, end: date, already_paid: Decimal = ZERO) -> Result:
    """Unpaid wages from ``start`` to ``end`` (both included): a whole calendar month at the monthly wage,
    a part month by the calendar days worked of that month's days; less what was paid."""
    if end < start:
        raise CalculationError("to", _("The end date is before the start date."))
    lines: list[Line] = []
    due = ZERO
    whole_run: list[date] = []  # consecutive whole months, shown as one line

    def close_run() -> None:
        nonlocal due
        if not whole_run:
            return
        count = len(whole_run)
        first, last = whole_run[0], whole_run[-1]
        span = f"{first:%Y-%m}" if count == 1 else f"{first:%Y-%m} – {last:%Y-%m}"
        label = _("%(span)s: %(count)d whole month(s)") % {"span": span, "count": count}
        amount = monthly_wage * count
        lines.append(Line(label, f"{show(monthly_wage)} × {count}", amount))
        due += amount
        whole_run.clear()

    month = start.replace(day=1)
    while month <= end:
        last_day = _month_end(month)
        first, last = max(start, month), min(end, last_day)
        if first == month and last == last_day:
            whole_run.append(month)
        else:
            close_run()
            days = (last - first).days + 1
            in_month = last_day.day
            amount = monthly_wage * days / in_month
            label = _("%(month)s: %(days)d of %(in_month)d days") % {
                "month": f"{month:%Y-%m}",
                "days": days,
                "in_month": in_month,
            }
            lines.append(Line(label, f"{show(monthly_wage)} × {days} ÷ {in_month}", amount))
            due += amount
        month = last_day + timedelta(days=1)
    close_run()
    owed = _less_paid(lines, due, already_paid) if already_paid else due
    return Result("wage_arrears", to_fen(owed), lines)


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when that month is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def service_length(start: date, end: date) -> tuple[int, int, int]:
    """Whole years, whole months and days of service from ``start`` to ``end``, the last day included."""
    stop = end + timedelta(days=1)
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and _add_months(start, months) > stop:
        months -= 1
    days = (stop - _add_months(start, months)).days
    return months // 12, months % 12, days


def compensation_months(start: date, end: date) -> tuple[Decimal, str]:
    """N, the months of compensation (Labour Contract Law Art. 47): one a whole year; a remainder of six
    months or more counts one, less than six months half a month."""
    years, months, days = service_length(start, end)
    shown = _("%(years)d year(s) %(months)d month(s) %(days)d day(s)") % {
        "years": years,
        "months": months,
        "days": days,
    }
    if months >= 6:
        return Decimal(years + 1), _("%(length)s: %(years)d + 1 (six months or more)") % {
            "length": shown,
            "years": years,
        }
    if months or days:
        return Decimal(years) + Decimal("0.5"), _("%(length)s: %(years)d + 0.5 (less than six months)") % {
            "length": shown,
            "years": years,
        }
    return Decimal(years), _("%(length)s: %(years)d") % {"length": shown, "years": years}


def termination_compensation(
    *,
    average_monthly_wage: Decimal,
    start: date,
    end: date,
    local_average: FigureUsed,
    unlawful: bool = False,
    notice_pay: bool = False,
    last_month_wage: Decimal | None = None,
) -> Result:
    """Economic compensation N (Labour Contract Law Art. 47), 2N for unlawful termination (Art. 87), and
    one month's pay in lieu of notice (Art. 40). When the wage exceeds 3× the local average monthly wage,
    the base is that cap and at most 12 years count."""
    if end < start:
        raise CalculationError("end_date", _("The end date is before the start date."))
    if notice_pay and last_month_wage is None:
        raise CalculationError(
            "last_month_wage", _("Give the last month's wage for the pay in lieu of notice.")
        )
    lines: list[Line] = []
    months, why = compensation_months(start, end)
    lines.append(Line(_("Months of compensation (N)"), why, months))
    base = average_monthly_wage
    cap = local_average.amount * CAP_MULTIPLE
    if average_monthly_wage > cap:
        base = cap
        lines.append(
            Line(
                _("Monthly base, capped at 3× the local average monthly wage"),
                f"min({show(average_monthly_wage)}, {show(local_average.amount)} × 3)",
                base,
            )
        )
        if months > CAP_YEARS:
            lines.append(Line(_("Capped: at most 12 years count"), f"min({months}, 12)", CAP_YEARS))
            months = CAP_YEARS
    else:
        lines.append(
            Line(
                _("Monthly base: average monthly wage of the last 12 months"),
                f"{show(average_monthly_wage)} ≤ {show(local_average.amount)} × 3",
                base,
            )
        )
    compensation = base * months
    lines.append(Line(_("Economic compensation (N)"), f"{show(base)} × {months}", compensation))
    total = compensation
    if unlawful:
        total = compensation * 2
        lines.append(Line(_("Damages for unlawful termination (2N)"), f"{show(compensation)} × 2", total))
    if notice_pay:
        assert last_month_wage is not None
        lines.append(Line(_("One month's pay in lieu of notice"), show(last_month_wage), last_month_wage))
        total += last_month_wage
    return Result("termination_compensation", to_fen(total), lines, [local_average])
