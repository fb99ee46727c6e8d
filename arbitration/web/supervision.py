"""The supervisor's dashboard: the figures against their targets, the gap, the trend, the drill-downs.

The page reads the same functions as the API (``arbitration.supervision``), so its numbers are the API's.
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
from arbitration.supervision import reports
from arbitration.supervision.figures import FIGURES, GROUPS, summary
from arbitration.supervision.gap import PERIODS, gap
from arbitration.supervision.inputs import FiguresQuerySerializer, ReportRequestSerializer
from core import clock


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
    body = summary(period, group_by)
    base = {"from": period.first.isoformat(), "to": period.last.isoformat()}

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

    groups = [
        {"key": g["key"], "label": g["label"], "figures": rows(g, {"group_by": group_by, "group": g["key"]})}
        for g in body["groups"]
    ]
    asked = request.GET.get("gap", "")
    kind = asked if asked in PERIODS else "year"
    return render(
        request,
        "arbitration/supervision.html",
        {
            "period": period,
            "group_by": group_by or "",
            "groups_available": GROUPS,
            "figures": rows(body, {}),
            "days": body["days_to_close"],
            "groups": groups,
            "gap": gap(kind),
            "gap_kind": kind,
            "errors": errors,
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
