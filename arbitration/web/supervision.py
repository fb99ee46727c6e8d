"""The supervisor's dashboard: the figures against their targets, their trend month by month, bars by
arbitrator, street and organisation, the gap to target and the cases overdue.

The page reads the same functions as the API (``arbitration.supervision``), so its numbers are the API's;
the charts are SVG drawn on the server (``charts.py``), nothing fetched.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from arbitration.models import ReportKind, ReportStatus, SupervisionReport
from arbitration.supervision import care, drilldown, reports
from arbitration.supervision.figures import (
    FIGURES,
    FIGURES_BY_NAME,
    GROUPS,
    MAX_BUCKETS,
    TIME_GROUPS,
    Period,
    bucket_count,
    summary,
    target_of,
)
from arbitration.supervision.gap import PERIODS, gap
from arbitration.supervision.inputs import FiguresQuerySerializer, ReportRequestSerializer
from arbitration.web import charts
from core import clock

RATES = ("closure_rate", "mediation_success_rate")
BAR_GROUPS = ("arbitrator", "street", "organisation")
OVERDUE_SHOWN = 20
ALL_GROUPS = "*"  # the group filter's "every group" ("" is the group of rows without one)
# Month by month up to three years; by quarter beyond (the buckets the figures allow).
TREND_MONTHS = 36


def _trend_grouping(period: Period) -> str | None:
    if bucket_count(period, "month") <= TREND_MONTHS:
        return "month"
    return "quarter" if bucket_count(period, "quarter") <= MAX_BUCKETS else None


def _targets() -> list[charts.Target]:
    out = []
    for name in RATES:
        figure = FIGURES_BY_NAME[name]
        target = target_of(figure)
        if target is not None:
            out.append(charts.Target(name, _("Target: %(figure)s") % {"figure": figure.label}, str(target)))
    return out


def _series(groups: list[dict[str, Any]]) -> list[charts.Series]:
    return [
        charts.Series(
            name,
            str(FIGURES_BY_NAME[name].label),
            [(g["key"], g["label"], g[name]["value"]) for g in groups],
        )
        for name in RATES
    ]


def _supervisors_only(request: AuthenticatedHttpRequest) -> None:
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise PermissionDenied


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    _supervisors_only(request)
    query = FiguresQuerySerializer(data=request.GET)
    errors: dict[str, Any] = {}
    if not query.is_valid():
        errors = query.errors
        query = FiguresQuerySerializer(data={})
        query.is_valid()
    period, group_by = query.validated_data["period"], query.validated_data["group_by"]
    base = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    # One group only (an arbitrator, a street …): the figures, the trend and the overdue cases are that
    # group's; the bars keep comparing every group.
    group = request.GET.get("group", ALL_GROUPS)
    only = (
        (group_by, group[:100]) if group != ALL_GROUPS and group_by and group_by not in TIME_GROUPS else None
    )
    if only is not None:
        base.update(group_by=only[0], group=only[1])

    def rows(entry: dict[str, Any], extra: dict[str, str]) -> list[dict[str, Any]]:
        out = []
        for figure in FIGURES:
            result = entry[figure.name]
            links = {
                part: "/api/v1/metrics/cases/?"
                + urlencode({**base, **extra, "figure": figure.name, "part": part})
                for part in ("numerator", "denominator")
            }
            out.append({"name": figure.name, "label": figure.label, **result, "links": links})
        return out

    # One summary per split the page shows; the trend's also gives the whole period.
    trend_by = _trend_grouping(period)
    body = summary(period, trend_by, only)
    splits: dict[str | None, dict[str, Any]] = {} if only else {trend_by: body}
    for split in (*BAR_GROUPS, group_by):
        if split not in splits:
            splits[split] = summary(period, split)
    targets = _targets()
    trend = body["groups"] if trend_by else []
    trend_chart = (
        charts.line_chart(
            _("Closure and mediation success rates against their targets"), _series(trend), targets
        )
        if trend
        else None
    )
    bars = [
        {
            "group_by": split,
            "chart": charts.bar_chart(
                _("Rates by %(group)s") % {"group": label}, _series(splits[split]["groups"]), targets, split
            ),
            "empty": not splits[split]["groups"],
            "label": label,
        }
        for split, label in zip(
            BAR_GROUPS, (_("arbitrator"), _("street"), _("mediation organisation")), strict=True
        )
    ]
    groups = (
        [
            {
                "key": g["key"],
                "label": g["label"],
                "figures": rows(g, {"group_by": group_by, "group": g["key"]}),
            }
            for g in splits[group_by]["groups"]
        ]
        if group_by and only is None
        else []
    )
    overdue = drilldown.entries(
        request.user,
        figure="open_overdue",
        part="numerator",
        period=period,
        group_by=only[0] if only else None,
        group=only[1] if only else None,
    )
    choices = splits[group_by]["groups"] if group_by and group_by not in TIME_GROUPS else []
    asked = request.GET.get("gap", "")
    kind = asked if asked in PERIODS else "year"
    gap_figures = gap(kind)
    return render(
        request,
        "arbitration/supervision.html",
        {
            "period": period,
            "group_by": group_by or "",
            "groups_available": GROUPS,
            "group_choices": choices,
            "group": only[1] if only else None,
            "group_label": next((g["label"] for g in choices if only and g["key"] == only[1]), None),
            "figures": rows(body, {}),
            "days": body["days_to_close"],
            "groups": groups,
            "trend": trend,
            "trend_by": trend_by,
            "trend_chart": trend_chart,
            "bars": bars,
            "overdue": [drilldown.entry_data(e) for e in overdue[:OVERDUE_SHOWN]],
            "overdue_count": len(overdue),
            "overdue_link": "/api/v1/metrics/cases/?"
            + urlencode({**base, "figure": "open_overdue", "part": "numerator"}),
            "gap": gap_figures,
            "gap_chart": _gap_bars(gap_figures),
            "gap_kind": kind,
            "errors": errors,
            "waiting": care.waiting(period),
            "ratings": care.ratings(period),
        },
    )


# --- the stored reports ---------------------------------------------------------------------------------


def _report_state(report: SupervisionReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "progress": report.progress,
        "error": report.error,
        "files": sorted(report.files),
    }


def _request_data(post: Any) -> dict[str, Any]:
    """The form's fields as the API takes them: blanks left out, the case ids a list."""
    data: dict[str, Any] = {k: v for k, v in post.items() if k != "csrfmiddlewaretoken" and v.strip()}
    if "cases" in data:
        data["cases"] = [
            part for part in data["cases"].replace("，", ",").replace(" ", ",").split(",") if part
        ]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reports asked for, with their progress; the form to ask for another."""
    _supervisors_only(request)
    errors: dict[str, Any] = {}
    if request.method == "POST":
        form = ReportRequestSerializer(data=_request_data(request.POST))
        if form.is_valid():
            report = reports.report_request(user=request.user, **form.validated_data)
            messages.success(
                request, _("The report is being made: %(title)s") % {"title": reports.title_of(report)}
            )
            return redirect("supervision-reports")
        errors = form.errors
    rows = [
        {"report": r, "title": reports.title_of(r), **_report_state(r)}
        for r in reports.reports_visible_to(request.user)[:50]
    ]
    today = clock.today()
    return render(
        request,
        "arbitration/supervision_reports.html",
        {
            "rows": rows,
            "kinds": ReportKind.choices,
            "errors": errors,
            "values": request.POST if request.method == "POST" else {},
            "year": today.year,
            "active": (ReportStatus.QUEUED, ReportStatus.RUNNING),
        },
        status=400 if errors else 200,
    )


def _report(request: AuthenticatedHttpRequest, pk: int) -> SupervisionReport:
    _supervisors_only(request)
    report = reports.reports_visible_to(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@login_required
@require_GET
def report_progress(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """What the page polls while a report is made."""
    return JsonResponse(_report_state(_report(request, pk)))


@login_required
@require_GET
def report_file(request: AuthenticatedHttpRequest, pk: int, extension: str) -> HttpResponse:
    """Straight to the stored file (a short-lived storage link): the bytes do not pass through here."""
    report = _report(request, pk)
    if extension not in report.files:
        raise Http404
    return redirect(reports.report_download(report, extension).url)


def _gap_bars(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each rate's value now against its target, as a bar the width of its share."""
    out = []
    for name in RATES:
        entry = figures[name]
        value = entry["value"]
        out.append(
            {
                "name": name,
                "label": FIGURES_BY_NAME[name].label,
                "value": value,
                "target": entry["target"],
                "width": 0 if value is None else round(float(value) * 100, 1),
                "target_at": round(float(entry["target"]) * 100, 1),
                "needed": entry["needed"],
                "met": value is not None and float(value) >= float(entry["target"]),
            }
        )
    return out


# --- the supervisor's home page -------------------------------------------------------------------------


def home_figures(user: Any) -> dict[str, Any]:
    """The year's headline figures for the home page (``core.web.home``), with a link to the dashboard."""
    today = clock.today()
    period = Period(today.replace(month=1, day=1), today)
    body = summary(period)
    return {
        "period": period,
        "figures": [{"name": f.name, "label": f.label, **body[f.name]} for f in FIGURES],
        "days": body["days_to_close"],
    }
