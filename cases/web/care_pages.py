"""Issue 16 pages: a party's service review from the case page, and the supervisors' follow-up of bad
ratings. (The priority flag and the legal-aid steps are case steps, offered on the case page.)"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from cases import selectors
from cases.services import reviews
from cases.web.case_forms import FollowUpForm, ReviewForm
from core.web.forms import attempt, describe


@login_required
@require_POST
def case_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A party rates the service of its closed case, once."""
    case = selectors.case_get(request.user, pk)
    form = ReviewForm(request.POST)
    back = reverse("case-detail", args=[case.pk]) + "#review"
    if not form.is_valid():
        errors = [str(m) for field_errors in form.errors.values() for m in field_errors]
        messages.error(request, " ".join(errors) or _("Please correct the marked fields."))
        return redirect(back)
    _review, error = attempt(lambda: reviews.review_submit(case=case, user=request.user, **form.validated))
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("Thank you: your rating was recorded."))
    return redirect(back)


@login_required
def review_follow_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Supervisors: the bad ratings, those awaiting a follow-up first, each with a form for the note."""
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise PermissionDenied
    rows = list(reviews.reviews_to_follow_up()[:200])
    return render(
        request,
        "cases/review_follow_ups.html",
        {"rows": [(review, FollowUpForm(prefix=f"r{review.pk}")) for review in rows]},
    )


@login_required
@require_POST
def review_follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise PermissionDenied
    form = FollowUpForm(request.POST, prefix=f"r{pk}")
    back = reverse("review-follow-ups") + f"#review-{pk}"
    if not form.is_valid():
        errors = [str(m) for field_errors in form.errors.values() for m in field_errors]
        messages.error(request, " ".join(errors) or _("Please correct the marked fields."))
        return redirect(back)
    _review, error = attempt(
        lambda: reviews.review_follow_up(review_id=pk, user=request.user, **form.validated)
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("The follow-up was recorded."))
    return redirect(back)
