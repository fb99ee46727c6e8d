"""Pages of publication: the public search of anonymised awards (no login, phone first), one published
award, the supervisor's publish page for a case, and the recommendation-letter page. They call the same
services and input shapes as the API (``arbitration.publication``, ``arbitration.recommendations``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import PUBLICATION_ROLES, RECOMMENDATION_ROLES, has_role
from arbitration import publication, recommendations
from arbitration.inputs import (
    PublicSearchSerializer,
    RecommendationLetterSerializer,
    RecurringQuerySerializer,
)
from arbitration.models import AwardStatus, PublishedAward
from cases.models import Case, ClaimCategory
from cases.registry import CASE_LINKS, CaseLink
from cases.selectors import case_get
from core import clock
from core.errors import ApplicationError, flatten_fields

PAGE_SIZE = 10


def _labels(row: PublishedAward) -> list[str]:
    return [str(ClaimCategory(c).label) if c in ClaimCategory.values else c for c in row.categories]


@require_http_methods(["GET"])
def public_awards(request: HttpRequest) -> HttpResponse:
    """The public search: by words (Chinese matched inside unsegmented text), claim type and year."""
    params = {k: v for k, v in request.GET.items() if k in ("q", "claim_category", "year", "typical") and v}
    form = PublicSearchSerializer(data=params)
    errors: dict[str, list[str]] = {}
    page = None
    if form.is_valid():
        data = form.validated_data
        rows = publication.published_awards(
            query=data["q"], claim_category=data["claim_category"], year=data["year"], typical=data["typical"]
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        for row in page:
            row.labels = _labels(row)  # type: ignore[attr-defined]
    else:
        errors = flatten_fields(form.errors)
    context = {
        "params": params,
        "errors": errors,
        "page": page,
        "query": urlencode(params),
        "categories": ClaimCategory.choices,
        "years": publication.publication_years(),
        "may_flag": has_role(request.user, PUBLICATION_ROLES),
    }
    return render(request, "arbitration/public_awards.html", context, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
def public_award(request: HttpRequest, pk: int) -> HttpResponse:
    """One published award; a supervisor flags or unflags it as a typical case here."""
    try:
        row = publication.published_award_get(pk)
    except ApplicationError:
        raise Http404 from None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("login")
        user: User = request.user
        try:
            row = publication.published_award_set_typical(
                published=row, user=user, typical=request.POST.get("typical") == "on"
            )
        except ApplicationError as error:
            messages.error(request, str(error.detail))
            return redirect("public-award", pk=pk)
        messages.success(request, _("Saved."))
        return redirect("public-award", pk=pk)
    context = {
        "row": row,
        "labels": _labels(row),
        "may_flag": has_role(request.user, PUBLICATION_ROLES),
    }
    return render(request, "arbitration/public_award.html", context)


def may_publish(case: Case, user: User) -> bool:
    """The case page's link: supervisors, once an award is issued."""
    return has_role(user, PUBLICATION_ROLES) and case.awards.filter(status=AwardStatus.ISSUED).exists()


def register_links() -> None:
    CASE_LINKS.register(
        CaseLink(
            name="award-publish",
            section=_lazy("Award"),
            label=_lazy("Publish the award, anonymised"),
            url_name="award-publish",
            permission=may_publish,
            description=_lazy("Check the anonymised text and publish it for the public search."),
            position=60,
            owner="arbitration",
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The supervisor's page: the anonymised text (editable), what still looks personal, publish."""
    case = case_get(request.user, pk)
    status = 200
    published = case.awards.filter(publication__isnull=False).values_list("publication", flat=True).first()
    try:
        if published:
            return redirect("public-award", pk=published)
        text, spans = publication.award_preview(case=case, user=request.user)
        typical = False
        if request.method == "POST":
            text = request.POST.get("text", "")
            typical = request.POST.get("typical") == "on"
            try:
                row = publication.award_publish(case=case, user=request.user, text=text, typical=typical)
            except ApplicationError as error:
                if error.code != "personal_data":
                    raise
                spans, status = error.extra["spans"], error.status_code
            else:
                messages.success(request, _("The award is published."))
                return redirect("public-award", pk=row.pk)
    except ApplicationError as error:
        return render(
            request,
            "arbitration/publish.html",
            {"case": case, "refusal": error.detail},
            status=error.status_code,
        )
    context = {"case": case, "text": text, "spans": spans, "typical": typical, "marked": _marked(text, spans)}
    return render(request, "arbitration/publish.html", context, status=status)


def _marked(text: str, spans: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The text cut into pieces, each marked when it still looks personal (the page highlights them)."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for span in spans:
        start, end = int(span["start"]), int(span["end"])
        if start < at:
            continue
        pieces += [(text[at:start], False), (text[start:end], True)]
        at = end
    pieces.append((text[at:], False))
    return [p for p in pieces if p[0]]


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_letters(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Employers with several awards against them in the period, and the letters recorded to them."""
    if not has_role(request.user, RECOMMENDATION_ROLES):
        raise PermissionDenied
    period = RecurringQuerySerializer(data={k: v for k, v in request.GET.items() if v})
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("credit_code", "addressee", "text", "letter_date")}
        form = RecommendationLetterSerializer(data=values)
        try:
            if not form.is_valid():
                raise ApplicationError(
                    _("Please correct the marked fields."), fields=flatten_fields(form.errors)
                )
            recommendations.letter_record(user=request.user, **form.validated_data)
        except ApplicationError as error:
            errors, status = error.fields or {"credit_code": [str(error.detail)]}, error.status_code
        else:
            messages.success(request, _("The letter is recorded."))
            return redirect(request.get_full_path())
    employers: list[recommendations.RecurringEmployer] = []
    if period.is_valid():
        end = period.validated_data.get("to") or clock.today()
        start = period.validated_data.get("from") or end - timedelta(days=365)
        try:
            employers = recommendations.recurring_employers(
                user=request.user, start=start, end=end, minimum=period.validated_data["minimum"]
            )
        except ApplicationError as error:
            errors.update(error.fields)
        values.setdefault("letter_date", clock.today().isoformat())
        window = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "minimum": period.validated_data["minimum"],
        }
    else:
        errors.update(flatten_fields(period.errors))
        window = {}
    context = {
        "employers": employers,
        "letters": recommendations.letters_list(user=request.user)[:50],
        "window": window,
        "values": values,
        "errors": errors,
    }
    return render(request, "arbitration/recommendations.html", context, status=status if not errors else 400)
