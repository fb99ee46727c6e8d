"""The supervision figures over the API: summary, drill-down and gap to target (supervisors only)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from arbitration.models import ReportStatus, SupervisionReport
from arbitration.supervision import care, drilldown, reports
from arbitration.supervision.figures import FIGURES, summary
from arbitration.supervision.gap import PERIODS, gap
from arbitration.supervision.inputs import (
    DrilldownQuerySerializer,
    FiguresQuerySerializer,
    ReportRequestSerializer,
)
from core.api.base import ApiView, ListCreateApiView
from core.api.serializers import api_time
from core.errors import Conflict, Forbidden, NotFound, field_error

DEFINITIONS = "\n".join(f"- `{f.name}` = {f.definition}." for f in FIGURES)
WHO = "Who may call: supervisors (and admins); others get 403, anonymous callers 401."


def _supervisors_only(request: AuthenticatedRequest) -> None:
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise Forbidden(_("Only supervisors see the supervision figures."))


def _with_links(body: dict[str, Any], query: dict[str, str], group: str | None = None) -> None:
    for figure in FIGURES:
        for part in ("numerator", "denominator"):
            params = {**query, "figure": figure.name, "part": part}
            if group is not None:
                params["group"] = group
            body[figure.name][f"{part}_cases"] = f"/api/v1/metrics/cases/?{urlencode(params)}"


PERIOD_PARAMETERS = [
    OpenApiParameter(
        "from", OpenApiTypes.DATE, description="First day, YYYY-MM-DD (default: 1 January of `to`'s year)."
    ),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, YYYY-MM-DD (default: today)."),
    OpenApiParameter(
        "group_by",
        str,
        enum=["month", "quarter", "arbitrator", "organisation", "street", "claim_category"],
        description="Split the figures into `groups` by this.",
    ),
]


class SummaryView(ApiView):
    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
        summary="The supervision figures of a period, against their targets",
        description=(
            "Each figure is `{value, numerator, denominator, target, met, parts, numerator_cases, "
            'denominator_cases}`: `value` a decimal string with 4 places (`"0.9123"`) or null when the '
            "denominator is 0; `target` from the settings (closure 0.90, mediation 0.60 by default) or "
            "null for figures without one; `met` whether value ≥ target; `parts` the counts the numerator "
            "and denominator are summed from; the `…_cases` links list the cases behind each. Also "
            "`days_to_close` (average and median calendar days from acceptance to closure of the cases "
            "closed in the period). `groups` repeats all of it per month, quarter, presiding arbitrator, "
            "mediation organisation, street or main claim category (a case's first claim still pursued). "
            "What counted when comes from the case's timeline, not its status today, so a past period "
            "always gives the same figures.\n\nDefinitions (domain.md §7; periods in Asia/Shanghai days, "
            f"both ends included):\n{DEFINITIONS}\n\n{WHO}\n\n"
            "Errors: 400 naming `from` (after `to`, or malformed), `to` (malformed) or `group_by` "
            "(unknown); 401; 403."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        _supervisors_only(request)
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period, group_by = query.validated_data["period"], query.validated_data["group_by"]
        body = summary(period, group_by)
        base = {"from": period.first.isoformat(), "to": period.last.isoformat()}
        _with_links(body, base)
        for entry in body["groups"]:
            _with_links(entry, {**base, "group_by": group_by}, entry["key"])
        return Response(body)


class DrilldownView(ApiView):
    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("figure", str, required=True, enum=[f.name for f in FIGURES]),
            OpenApiParameter("part", str, required=True, enum=["numerator", "denominator"]),
            OpenApiParameter("group", str, description="A group's `key` from the summary (with group_by)."),
            OpenApiParameter("export", str, enum=["json", "csv"], description="`csv` downloads the list."),
        ],
        responses={200: OpenApiTypes.OBJECT},
        summary="The cases behind a figure's numerator or denominator",
        description=(
            "`{count, results: [{id, case_number, status, closure_type, counted_as, received_on, "
            "accepted_on, closed_on, street, arbitrator, organisation, external_ref}]}` (`external_ref`: the "
            "reference of a case loaded by `import_cases`, else empty) — one entry per counted row, so "
            "`count` equals the number in the summary (a dispute that counted twice, e.g. a pre-filing "
            "mediation and a closure in one period, is listed twice with what it counted as). "
            "`export=csv` answers the same rows as a UTF-8 CSV attachment.\n\n"
            f"{WHO}\n\nErrors: 400 naming `figure`, `part`, `from`, `to`, `group_by` or `group`; 401; 403."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response | HttpResponse:
        _supervisors_only(request)
        query = DrilldownQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = [
            drilldown.entry_data(e)
            for e in drilldown.entries(
                request.user,
                figure=data["figure"],
                part=data["part"],
                period=data["period"],
                group_by=data["group_by"],
                group=data.get("group"),
            )
        ]
        if data["export"] == "csv":
            response = HttpResponse(drilldown.as_csv(rows), content_type="text/csv; charset=utf-8")
            name = f"{data['figure']}-{data['part']}-{data['period'].first}-{data['period'].last}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return Response({"count": len(rows), "results": rows})


class GapView(ApiView):
    @extend_schema(
        parameters=[OpenApiParameter("period", str, enum=list(PERIODS), description="Default: year.")],
        responses={200: OpenApiTypes.OBJECT},
        summary="What the current period needs to reach each target, and the trend month by month",
        description=(
            "For the current year, quarter or month: `closure_rate.needed` = ceil(target × counted) − "
            "closed, the closures still needed by the period's end if no more cases are accepted, with "
            "`pending` (the cases open now) and `reachable`; `mediation_success_rate.needed` = "
            "ceil((target × concluded − resolved) ÷ (1 − target)), the mediated resolutions needed (each "
            "adds one to both sides). `arithmetic` shows each sum. `trend`: each month's two rates.\n\n"
            f"{WHO}\n\nErrors: 400 naming `period`; 401; 403."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        _supervisors_only(request)
        kind = request.query_params.get("period") or "year"
        if kind not in PERIODS:
            raise field_error("period", _("Choose year, quarter or month."))
        return Response(gap(kind))


# --- stored reports -------------------------------------------------------------------------------------


class ReportSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    requested_by: serializers.Field = serializers.StringRelatedField()
    files = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionReport
        fields = [
            "id",
            "kind",
            "title",
            "period_from",
            "period_to",
            "parameters",
            "status",
            "progress",
            "error",
            "requested_by",
            "created_at",
            "finished_at",
            "files",
            "url",
        ]

    def get_title(self, report: SupervisionReport) -> str:
        return reports.title_of(report)

    def get_files(self, report: SupervisionReport) -> dict[str, Any]:
        return {
            extension: {
                "sha256": stored["sha256"],
                "size": stored["size"],
                "download": f"/api/v1/metrics/reports/{report.pk}/download/?file={extension}",
            }
            for extension, stored in report.files.items()
        }

    def get_url(self, report: SupervisionReport) -> str:
        return f"/api/v1/metrics/reports/{report.pk}/"


class ReportDetailSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "figures"]


REPORT_KINDS = (
    "`quarterly_bulletin` 办案指标季度通报 (`year`, `quarter`): the quarter's figures against their targets, "
    "by month, presiding arbitrator, street and mediation organisation; `major_cases` 重案月报 (`year`, "
    "`month`, optional `amount_at_least`, default `SUPERVISION_LARGE_AMOUNT`): the collective disputes and "
    "the claims of at least that amount among the cases handled in the month (pending at its start or "
    "accepted in it), and the cases open and past their ruling due date at its end; `special_cases` 特案专报 "
    "(`cases`: 1 to 20 case ids, optional `title` and `note`): each case summarised."
)


class ReportsView(ListCreateApiView):
    serializer_class = ReportSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SupervisionReport]:
        _supervisors_only(self.request)  # type: ignore[arg-type]
        return reports.reports_visible_to(self.request.user)  # type: ignore[arg-type]

    @extend_schema(
        summary="The reports asked for, newest first",
        description=(
            "Paginated (`page`, `page_size`). Each with `status` (queued, running, done, failed) and "
            f"`progress` (0-100).\n\n{WHO}\n\nErrors: 400 naming `page` or `page_size`; 401; 403; 404 for "
            "a page past the last one."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ReportRequestSerializer,
        responses={202: ReportSerializer},
        summary="Ask for a report: made in the background, then kept as it was made",
        description=(
            f"{REPORT_KINDS}\n\nAnswers 202 with the report `queued`; poll its `url` until `status` is "
            "`done` (or `failed`), then `files.xlsx.download` / `files.pdf.download`. The figures come from "
            "the same functions as `/api/v1/metrics/summary/` and are kept in the report (`figures`): "
            "computing the period again later does not change a report made.\n\n"
            f"{WHO}\n\nErrors: 400 naming `kind`, `year`, `quarter` or `month` (missing, out of range, a "
            "period not begun), `amount_at_least` or `cases`; 401; 403."
        ),
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _supervisors_only(request)  # type: ignore[arg-type]
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = reports.report_request(user=request.user, **serializer.validated_data)  # type: ignore[arg-type]
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


def _report_get(request: AuthenticatedRequest, pk: int) -> SupervisionReport:
    _supervisors_only(request)
    report = reports.reports_visible_to(request.user).filter(pk=pk).first()
    if report is None:
        raise NotFound(_("No such report."))
    return report


class ReportView(ApiView):
    @extend_schema(
        responses={200: ReportDetailSerializer},
        summary="One report: its status and progress, its files and the figures it keeps",
        description=f"{WHO}\n\nErrors: 401; 403; 404 when there is no such report.",
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(ReportDetailSerializer(_report_get(request, pk)).data)


class ReportDownloadView(ApiView):
    error_statuses = (409,)  # the report is not made yet

    @extend_schema(
        parameters=[OpenApiParameter("file", str, enum=["xlsx", "pdf"], description="Default: xlsx.")],
        responses={200: OpenApiTypes.OBJECT},
        summary="A short-lived link to a report's Excel or PDF",
        description=(
            "`{url, expires_at}`: `url` serves the file straight from storage (a presigned link) for 5 "
            f"minutes.\n\n{WHO}\n\nErrors: 400 naming `file`; 401; 403; 404 when there is no such "
            "report; 409 while it is not done."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        report = _report_get(request, pk)
        extension = request.query_params.get("file") or "xlsx"
        if extension not in reports.CONTENT_TYPES:
            raise field_error("file", _("Choose xlsx or pdf."))
        if report.status != ReportStatus.DONE:
            raise Conflict(_("The report is not ready."))
        link = reports.report_download(report, extension)
        return Response({"url": link.url, "expires_at": api_time(link.expires_at)})


# --- issue 16: priority cases' waiting, and the service ratings -------------------------------------------

ONLY_PERIOD = PERIOD_PARAMETERS[:2]


def _period(request: AuthenticatedRequest) -> Any:
    query = FiguresQuerySerializer(
        data={k: v for k, v in request.query_params.items() if k in ("from", "to")}
    )
    query.is_valid(raise_exception=True)
    return query.validated_data["period"]


class WaitingView(ApiView):
    @extend_schema(
        parameters=ONLY_PERIOD,
        responses={200: OpenApiTypes.OBJECT},
        summary="How long priority cases wait against the others",
        description=(
            "The cases received in the period, split into `priority` (a migrant worker's wage arrears) and "
            "`other`: each `{cases, to_acceptance: {cases, average, median}, to_closure: {cases, average, "
            "median}}` — calendar days (Asia/Shanghai) from receipt to acceptance of those accepted, and "
            'to closure of those closed; days are decimal strings with one place (`"4.5"`), null when no '
            f"case counts. Computed in the database.\n\n{WHO}\n\n"
            "Errors: 400 naming `from` (after `to`, or malformed) or `to`; 401; 403."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        _supervisors_only(request)
        period = _period(request)
        return Response(
            {"from": period.first.isoformat(), "to": period.last.isoformat(), **care.waiting(period)}
        )


class RatingsView(ApiView):
    @extend_schema(
        parameters=ONLY_PERIOD,
        responses={200: OpenApiTypes.OBJECT},
        summary="The service ratings (好差评) by arbitrator, mediator and month",
        description=(
            "The ratings parties gave in the period: `total`, `by_arbitrator` and `by_mediator` (the "
            "presiding arbitrator and the last mediator of the case when it was rated; `id` null for none) "
            "and `by_month` (`YYYY-MM`), each `{count, average, grades: {very_good, good, fair, bad, "
            "very_bad}, bad, follow_up_pending}`; `average` the mean score (very good 5 … very bad 1) as a "
            f'decimal string with two places (`"4.50"`), null without ratings. Aggregated in the '
            f"database.\n\n{WHO}\n\n"
            "Errors: 400 naming `from` (after `to`, or malformed) or `to`; 401; 403."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        _supervisors_only(request)
        period = _period(request)
        return Response(
            {"from": period.first.isoformat(), "to": period.last.isoformat(), **care.ratings(period)}
        )
