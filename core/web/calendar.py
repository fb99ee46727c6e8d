"""The holiday calendar page: every user may read it; those who hold the calendar permissions (supervisors,
admins) mark holidays and make-up working days, and publish a year's schedule."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import clock, selectors, services
from core.calendar import statutory_holidays
from core.web.forms import CalendarDayForm, CalendarRemoveForm, add_errors, attempt, describe

YEARS = range(2000, 2101)


@login_required
def holiday_calendar(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """A year's holidays and make-up working days; supervisors and admins maintain them."""
    year = year or clock.today().year
    if year not in YEARS:
        raise Http404
    can_edit = request.user.has_perm("core.change_calendarday")  # what the services check
    form = CalendarDayForm(initial={"date": date(year, 1, 1) if year != clock.today().year else None})
    if request.method == "POST":
        response, form = _calendar_change(request, year)
        if response is not None:
            return response
    entry = selectors.calendar_year(year)
    return render(
        request,
        "core/holiday_calendar.html",
        {
            "year": year,
            "entry": entry,
            "published": bool(entry and entry.published),
            "days": selectors.calendar_days(year),
            # An unpublished year: the holidays counted meanwhile (the 放假办法's fixed and lunar dates).
            "rule_days": [] if entry and entry.published else sorted(statutory_holidays(year).items()),
            "can_edit": can_edit,
            "form": form,
            "previous_year": year - 1 if year - 1 in YEARS else None,
            "next_year": year + 1 if year + 1 in YEARS else None,
        },
    )


def _calendar_change(request: HttpRequest, year: int) -> tuple[HttpResponse | None, Any]:
    """Add, remove or publish; returns the redirect on success, or the form to show with its errors."""
    user = request.user
    action = request.POST.get("action")
    form = CalendarDayForm(request.POST if action == "add" else None)
    back = redirect("holiday-calendar-year", year=year)
    if action in ("publish", "unpublish"):
        _entry, error = attempt(
            lambda: services.calendar_publish_year(user=user, year=year, published=action == "publish")
        )
        done = (
            _("The %(year)s schedule is marked published.")
            if action == "publish"
            else _("The %(year)s schedule is marked unpublished.")
        ) % {"year": year}
    elif action == "remove":
        remove = CalendarRemoveForm(request.POST)
        if not remove.is_valid():
            raise Http404
        day = remove.cleaned_data["date"]
        _none, error = attempt(lambda: services.calendar_set_day(user=user, day=day, kind=None))
        done = _("%(date)s is an ordinary day again.") % {"date": day.isoformat()}
        back = redirect("holiday-calendar-year", year=day.year)
    elif action == "add":
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
            return None, form
        day = form.cleaned_data["date"]
        _none, error = attempt(
            lambda: services.calendar_set_day(
                user=user, day=day, kind=form.cleaned_data["kind"], name=form.cleaned_data["name"]
            )
        )
        done = _("%(date)s was saved.") % {"date": day.isoformat()}
        back = redirect("holiday-calendar-year", year=day.year)
    else:
        raise Http404
    if error is not None:
        messages.error(request, describe(error))
        if action == "add" and error.fields:
            add_errors(form, error.fields)  # shown next to the field, with the input kept
            return None, form
        return back, form
    messages.success(request, done)
    return back, form
