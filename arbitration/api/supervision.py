"""The supervision figures over the API: summary, drill-down and gap to target (supervisors only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from arbitration.supervision import drilldown
from arbitration.supervision.figures import FIGURES, summary
from arbitration.supervision.gap import PERIODS, gap
from arbitration.supervision.inputs import DrilldownQuerySerializer, FiguresQuerySerializer
from core.api.base import ApiView
from core.errors import Forbidden, field_error

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
