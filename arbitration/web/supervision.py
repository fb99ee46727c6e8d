"""The supervisor's dashboard: the figures against their targets, the gap, the trend, the drill-downs.

The page reads the same functions as the API (``arbitration.supervision``), so its numbers are the API's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from arbitration.supervision.figures import FIGURES, GROUPS, summary
from arbitration.supervision.gap import PERIODS, gap
from arbitration.supervision.inputs import FiguresQuerySerializer


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise PermissionDenied
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
