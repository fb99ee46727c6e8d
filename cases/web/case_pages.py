"""Server-rendered case pages: the list, the case page, filing, intake, the docket, the calendar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases import actions, selectors


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(request.user, pk, queryset=selectors.case_detail_queryset())
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "options": actions.options_for(case, request.user),
            "events": selectors.case_events(case),
        },
    )
