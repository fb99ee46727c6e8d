"""The mediation pages: the mediator's workspace (the queue by days left, and one dispute's thread,
agreement and outcome), and the party's mediation page (phone first).

Visibility first: who takes part in a dispute's mediation, and how, is ``mediation.selectors``'s one rule
(``mediation_case_get``: a 404 for anyone with no part), and what of the thread each reads is
``messages_visible_to``. Then the service; the forms validate with the API's input shapes
(``mediation.web.forms``), and a refusal re-renders the page with the message next to its field and the
service's status (400 a field, 403 not yours, 409 not in mediation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import COUNTER_ROLES, INTAKE_ROLES, OVERSIGHT_ROLES, Role, has_role
from cases.models import Case, Deadline, MediationEpisode, MediationStage, Side, Status
from cases.options import allowed_transitions
from cases.web.case_pages import case_label
from core import clock
from core.errors import ApplicationError, NotFound
from core.storage import attachment_disposition
from core.web.forms import attempt, describe
from evidence import selectors as evidence_selectors
from evidence.models import Status as EvidenceStatus
from mediation import selectors, services
from mediation.documents import agreement_pdf, has_mediation_document, mediation_document_pdf
from mediation.models import (
    AgreementPayment,
    AgreementStatus,
    Author,
    ItemKind,
    MediationAgreement,
    MediationMessage,
    Recipient,
    ReviewStatus,
)
from mediation.web.forms import AgreementForm, MessageForm, PaymentForm, ReasonForm, ReviewDecisionForm

PARTY_SIDES = (Side.APPLICANT, Side.RESPONDENT)
# Who sees the workspace's queue: the mediators, and the commission's mediation staff (read only).
QUEUE_ROLES = frozenset({Role.MEDIATOR}) | INTAKE_ROLES | OVERSIGHT_ROLES
# The mediator's outcome buttons, by the case's transition each takes (offered when it is allowed).
OUTCOME_STEPS = ("record_mediation_failure", "end_mediation")


def _visible(request: AuthenticatedHttpRequest, pk: int) -> tuple[Case, str]:
    """The case and this user's part in its mediation; a 404 page for anyone with no part."""
    try:
        return selectors.mediation_case_get(request.user, pk)
    except NotFound:
        raise Http404 from None


def _is_party(role: str) -> bool:
    return role in PARTY_SIDES


def _home(case: Case, role: str) -> str:
    return reverse("mediation-party" if _is_party(role) else "mediation-dispute", args=[case.pk])


def _days_left(due_on: date | None, today: date) -> int | None:
    return (due_on - today).days if due_on is not None else None


def _urgency(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return "overdue"
    return "soon" if days_left <= 3 else ""


# --- the workspace's queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    case: Case
    label: str
    applicants: str
    respondents: str
    due_on: date | None
    days_left: int | None
    urgency: str


def _names(case: Case, side: str) -> str:
    return "、".join(p.party.name for p in case.parties.all() if p.side == side)


@login_required
@require_GET
def mediation_workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The disputes referred to the mediator's organisation, the fewest days left of the period first."""
    if not has_role(request.user, QUEUE_ROLES):
        raise PermissionDenied
    page = Paginator(selectors.mediation_queue(request.user), 50).get_page(request.GET.get("page"))
    today = clock.today()
    rows = []
    for case in page.object_list:
        due_on = getattr(case, "mediation_due_on", None)  # annotated by the queue's selector
        left = _days_left(due_on, today)
        rows.append(
            QueueRow(
                case=case,
                label=case_label(case),
                applicants=_names(case, Side.APPLICANT),
                respondents=_names(case, Side.RESPONDENT),
                due_on=due_on,
                days_left=left,
                urgency=_urgency(left),
            )
        )
    return render(request, "mediation/workspace.html", {"page": page, "rows": rows, "query": ""})


# --- what both dispute pages show ---------------------------------------------------------------------------


@dataclass
class Line:
    """One message of the thread as this viewer reads it."""

    message: MediationMessage
    mine: bool
    who: str
    to: str


@dataclass
class Mediation:
    case: Case
    role: str
    episodes: list[MediationEpisode]
    episode: MediationEpisode | None  # the open one, else the latest
    agreement: MediationAgreement | None  # of that episode: the one awaiting confirmation, or confirmed
    deadline: Deadline | None
    days_left: int | None
    lines: list[Line]
    payments: list[AgreementPayment]  # recorded under the agreement, once it is confirmed
    document: bool = False  # the agreement has a 调解书 (issued on review, or the tribunal's)

    @property
    def reviewable(self) -> bool:
        """A confirmed pre-filing agreement: the parties may apply jointly for its review (R Art. 74)."""
        return (
            self.agreement is not None
            and self.agreement.status == AgreementStatus.CONFIRMED
            and self.episode is not None
            and self.episode.stage == MediationStage.PRE_FILING
        )

    @property
    def open(self) -> bool:
        return (
            self.episode is not None
            and self.episode.concluded_at is None
            and self.case.status in (Status.PRE_MEDIATION, Status.MEDIATION)
        )


def _who(message: MediationMessage, role: str) -> str:
    if message.author_side == role:
        return _("You")
    if message.author_side == Author.MEDIATOR:
        return _("Mediator")
    return str(Author(message.author_side).label)


def _addressee(message: MediationMessage, role: str) -> str:
    if message.author_side != Author.MEDIATOR:
        return _("to the mediator")
    if message.to == Recipient.BOTH:
        return _("to both parties")
    if message.to == role:
        return _("to you")
    return _("to the applicant") if message.to == Side.APPLICANT else _("to the respondent")


def _mediation(user: User, case: Case, role: str) -> Mediation:
    """Everything the pages show, in a fixed number of queries whatever the thread's length."""
    episodes = list(selectors.episodes_of(case))
    episode = next((e for e in episodes if e.concluded_at is None), episodes[-1] if episodes else None)
    agreement = None
    if episode is not None:
        current = [a for a in episode.agreements.all() if a.status != AgreementStatus.SUPERSEDED]
        agreement = current[-1] if current else None
    deadline = selectors.mediation_deadline(case) if case.status == Status.PRE_MEDIATION else None
    lines = [
        Line(message=m, mine=m.author_side == role, who=_who(m, role), to=_addressee(m, role))
        for m in selectors.messages_visible_to(user, case, role)
    ]
    return Mediation(
        case=case,
        role=role,
        episodes=episodes,
        episode=episode,
        agreement=agreement,
        deadline=deadline,
        days_left=_days_left(deadline.due_on, clock.today()) if deadline else None,
        lines=lines,
        payments=list(selectors.payments_of(agreement))
        if agreement is not None and agreement.status == AgreementStatus.CONFIRMED
        else [],
        document=agreement is not None and has_mediation_document(agreement),
    )


def _agreement_rows(agreement: MediationAgreement | None) -> list[dict[str, Any]]:
    if agreement is None:
        return []
    return [
        {
            "side": side,
            "label": Side(side).label,
            "at": getattr(agreement, f"{side}_confirmed_at"),
        }
        for side in PARTY_SIDES
    ]


# --- the mediator's page of one dispute ---------------------------------------------------------------------

THREADS = (
    ("", gettext_lazy("All")),
    (Recipient.APPLICANT, gettext_lazy("With the applicant")),
    (Recipient.RESPONDENT, gettext_lazy("With the respondent")),
    (Recipient.BOTH, gettext_lazy("Jointly")),
)


def _dispute_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    role: str,
    *,
    message: MessageForm | None = None,
    agreement: AgreementForm | None = None,
    outcome: ReasonForm | None = None,
    error: ApplicationError | None = None,
) -> HttpResponse:
    user = request.user
    state = _mediation(user, case, role)
    acting = (
        state.open and state.episode is not None and selectors.mediates_episode(user, case, state.episode)
    )
    # A conversation is its addressee: a party's own messages are addressed to its side.
    thread = request.GET.get("with", "")
    if thread not in Recipient.values:
        thread = ""
    lines = [line for line in state.lines if not thread or line.message.to == thread]
    outcomes = (
        [name for name in allowed_transitions(case, user) if name in OUTCOME_STEPS] if state.open else []
    )
    context = {
        "case": case,
        "label": case_label(case),
        "m": state,
        "lines": lines,
        "thread": thread,
        "threads": [{"key": key, "label": label, "active": key == thread} for key, label in THREADS],
        "acting": acting,
        "reads_thread": role in (selectors.MEDIATOR, selectors.TRIBUNAL),
        "message_form": (message or MessageForm(mediator=True, initial={"to": thread or Recipient.BOTH}))
        if acting
        else None,
        "agreement_form": (agreement or AgreementForm()) if acting else None,
        "confirmations": _agreement_rows(state.agreement),
        "outcome_form": (outcome or ReasonForm(name="outcome")) if outcomes else None,
        "outcomes": outcomes,
        "error_message": describe(error) if error else "",
    }
    status = error.status_code if error else 200
    return render(request, "mediation/dispute.html", context, status=status)


@login_required
@require_GET
def mediation_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The case page's link: each user's page of the dispute's mediation."""
    case, role = _visible(request, pk)
    return redirect(_home(case, role))


@login_required
@require_GET
def mediation_dispute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, role = _visible(request, pk)
    if _is_party(role):
        return redirect("mediation-party", case.pk)
    return _dispute_page(request, case, role)


# --- the party's page ---------------------------------------------------------------------------------------


def _party_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    role: str,
    *,
    message: MessageForm | None = None,
    reason: ReasonForm | None = None,
    renege: ReasonForm | None = None,
    payment: PaymentForm | None = None,
    error: ApplicationError | None = None,
) -> HttpResponse:
    state = _mediation(request.user, case, role)
    agreement = state.agreement
    awaiting = agreement is not None and agreement.status == AgreementStatus.AWAITING
    if payment is None and agreement is not None and agreement.status == AgreementStatus.CONFIRMED:
        payment = _payment_form(request.user, case, agreement)
    pre_filing = case.status == Status.PRE_MEDIATION and state.open
    context = {
        "case": case,
        "label": case_label(case),
        "m": state,
        "side_label": Side(role).label,
        "message_form": (message or MessageForm(mediator=False)) if state.open else None,
        "confirmations": _agreement_rows(agreement),
        "may_confirm": awaiting and getattr(agreement, f"{role}_confirmed_at") is None,
        "renege_form": (renege or ReasonForm(name="renege")) if awaiting else None,
        "payment_form": payment,
        "may_decline": pre_filing and role == Side.RESPONDENT,
        "may_end": pre_filing and role == Side.APPLICANT,
        "reason_form": reason or ReasonForm(name="leave"),
        "error_message": describe(error) if error else "",
    }
    return render(request, "mediation/party.html", context, status=error.status_code if error else 200)


@login_required
@require_GET
def mediation_party(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, role = _visible(request, pk)
    if not _is_party(role):
        return redirect("mediation-dispute", case.pk)
    return _party_page(request, case, role)


def _payment_form(
    user: User, case: Case, agreement: MediationAgreement, data: Any = None
) -> PaymentForm | None:
    """The form recording a payment under one of the agreement's payment items (none: no form)."""
    items = [
        (
            item.pk,
            _("%(obligor)s pays ¥%(amount)s")
            % {"obligor": item.get_obligor_display(), "amount": item.amount},
        )
        for item in agreement.items.all()
        if item.kind == ItemKind.PAYMENT
    ]
    if not items:
        return None
    proofs = evidence_selectors.catalogue(user, case.pk).filter(status=EvidenceStatus.AVAILABLE)
    evidence = [
        (e.pk, _("No. %(number)s · %(title)s") % {"number": e.number, "title": e.title}) for e in proofs
    ]
    return PaymentForm(data, items=items, evidence=evidence)


def _refused(
    request: AuthenticatedHttpRequest, case: Case, role: str, error: ApplicationError, **forms: Any
) -> HttpResponse:
    """The user's page again, with the refusal and the forms as they were filled in."""
    if _is_party(role):
        return _party_page(
            request,
            case,
            role,
            error=error,
            message=forms.get("message"),
            reason=forms.get("reason"),
            renege=forms.get("renege"),
            payment=forms.get("payment"),
        )
    return _dispute_page(
        request,
        case,
        role,
        error=error,
        message=forms.get("message"),
        agreement=forms.get("agreement"),
        outcome=forms.get("outcome"),
    )


# --- the writes ---------------------------------------------------------------------------------------------


@login_required
@require_POST
def mediation_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A message of the thread: the mediator to one party or both, a party to the mediator."""
    case, role = _visible(request, pk)
    form = MessageForm(request.POST, mediator=not _is_party(role))
    if not form.is_valid():
        return _refused(request, case, role, ApplicationError(_("Invalid input.")), message=form)
    sent, error = attempt(lambda: services.message_post(case=case, user=request.user, **form.validated))
    if error is not None:
        form.add_field_errors(error.fields)
        return _refused(request, case, role, error, message=form)
    assert sent is not None
    messages.success(request, _("Your message was sent."))
    thread = f"?with={sent.to}" if not _is_party(role) else ""
    return redirect(f"{_home(case, role)}{thread}#message-{sent.pk}")


@login_required
@require_POST
def mediation_agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The mediator draws up the agreement (it replaces a draft not yet confirmed by both)."""
    case, role = _visible(request, pk)
    if _is_party(role):
        raise PermissionDenied
    form = AgreementForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, role, ApplicationError(_("Invalid input.")), agreement=form)
    _drafted, error = attempt(
        lambda: services.agreement_draft(case=case, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_errors(error.fields)
        return _refused(request, case, role, error, agreement=form)
    messages.success(request, _("The agreement was drawn up; it awaits both parties' confirmation."))
    return redirect(f"{_home(case, role)}#agreement")


@login_required
@require_POST
def mediation_confirm(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """A party confirms (signs) the agreement; with both signatures a pre-filing dispute is mediated."""
    agreement = _agreement_visible(request, agreement_id)
    case, role = _visible(request, agreement.case_id)
    done, error = attempt(lambda: services.agreement_confirm(agreement=agreement, user=request.user))
    if error is not None:
        return _refused(request, case, role, error)
    assert done is not None
    if done.status == AgreementStatus.CONFIRMED:
        messages.success(request, _("Both parties have confirmed: the dispute is settled by mediation."))
    else:
        messages.success(request, _("Your confirmation was recorded; the other party has yet to confirm."))
    return redirect(f"{_home(case, role)}#agreement")


def _agreement_visible(request: AuthenticatedHttpRequest, agreement_id: int) -> MediationAgreement:
    try:
        return selectors.agreement_get(request.user, agreement_id)
    except NotFound:
        raise Http404 from None


@login_required
@require_POST
def mediation_renege(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """A party refuses to sign the agreement awaiting confirmation (with its reason)."""
    agreement = _agreement_visible(request, agreement_id)
    case, role = _visible(request, agreement.case_id)
    form = ReasonForm(request.POST, name="renege")
    if not form.is_valid():
        return _refused(request, case, role, ApplicationError(_("Invalid input.")), renege=form)
    _done, error = attempt(
        lambda: services.agreement_renege(agreement=agreement, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _refused(request, case, role, error, renege=form)
    messages.success(request, _("You refused to sign the agreement; the mediator has been told."))
    return redirect(f"{_home(case, role)}#agreement")


@login_required
@require_POST
def mediation_payment(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """A party records a payment made under the confirmed agreement, with its proof."""
    agreement = _agreement_visible(request, agreement_id)
    case, role = _visible(request, agreement.case_id)
    form = _payment_form(request.user, case, agreement, request.POST)
    if form is None:
        raise Http404
    if not form.is_valid():
        return _refused(request, case, role, ApplicationError(_("Invalid input.")), payment=form)
    _paid, error = attempt(
        lambda: services.payment_record(agreement=agreement, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _refused(request, case, role, error, payment=form)
    messages.success(request, _("The payment was recorded."))
    return redirect(f"{_home(case, role)}#payments")


Outcome = Callable[..., Any]

# The outcome buttons, by the name in their URL: the service, and the form's name on the page.
OUTCOMES: dict[str, tuple[Outcome, str]] = {
    "record_mediation_failure": (services.case_record_mediation_failure, "outcome"),
    "end_mediation": (services.case_end_mediation, "outcome"),
    "decline": (services.mediation_decline, "leave"),
    "end": (services.mediation_end, "leave"),
}


def _done_message(name: str) -> str:
    return {
        "record_mediation_failure": _(
            "Mediation was recorded as failed; the application returns to acceptance review."
        ),
        "end_mediation": _("Mediation ended without agreement."),
        "decline": _(
            "You declined mediation; the application returns to the commission for acceptance review."
        ),
        "end": _("Mediation has ended; your application goes on to acceptance review for arbitration."),
    }[name]


@login_required
@require_POST
def mediation_outcome(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    """An outcome button: the mediator records a failure (or, in arbitration, ends mediation); the
    respondent declines; the applicant ends mediation to go on to arbitration."""
    case, role = _visible(request, pk)
    if name not in OUTCOMES:
        raise Http404
    service, form_name = OUTCOMES[name]
    form = ReasonForm(request.POST, name=form_name)
    forms = {"reason" if _is_party(role) else "outcome": form}
    if not form.is_valid():
        return _refused(request, case, role, ApplicationError(_("Invalid input.")), **forms)
    _case, error = attempt(lambda: service(case=case, user=request.user, **form.validated))
    if error is not None:
        form.add_field_errors(error.fields)
        return _refused(request, case, role, error, **forms)
    messages.success(request, _done_message(name))
    return redirect(_home(case, role))


# --- the documents --------------------------------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


@login_required
@require_GET
def mediation_agreement_pdf(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """The agreement (调解协议书) as a PDF, for those with a part in the dispute's mediation."""
    agreement = _agreement_visible(request, agreement_id)
    label = agreement.case.case_number or agreement.case_id
    return _pdf(agreement_pdf(agreement), f"{label}-调解协议书-{agreement.pk}.pdf")


@login_required
@require_GET
def mediation_document(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """The 调解书 of the agreement (issued on review, or the tribunal's, awaiting or bearing signatures)."""
    agreement = _agreement_visible(request, agreement_id)
    if not has_mediation_document(agreement):
        raise Http404
    label = agreement.case.case_number or agreement.case_id
    return _pdf(mediation_document_pdf(agreement), f"{label}-调解书-{agreement.pk}.pdf")


# --- review into a 调解书 (R Art. 74): the parties' joint application and the commission's decision --------


def _review_page(
    request: AuthenticatedHttpRequest,
    agreement: MediationAgreement,
    *,
    decision: ReviewDecisionForm | None = None,
    error: ApplicationError | None = None,
) -> HttpResponse:
    user = request.user
    case, role = _visible(request, agreement.case_id)
    review = selectors.review_of(agreement)
    last_day = services.review_last_day(agreement)
    today = clock.today()
    open_review = review is None or review.status in (ReviewStatus.APPLYING, ReviewStatus.PENDING)
    reviewable = (
        agreement.status == AgreementStatus.CONFIRMED and agreement.episode.stage == MediationStage.PRE_FILING
    )
    applied = [
        {"side": side, "label": Side(side).label, "at": getattr(review, f"{side}_applied_at", None)}
        for side in PARTY_SIDES
    ]
    own_applied = review is not None and _is_party(role) and getattr(review, f"{role}_applied_at") is not None
    late = last_day is not None and today > last_day
    context = {
        "case": case,
        "label": case_label(case),
        "agreement": agreement,
        "review": review,
        "applied": applied,
        "last_day": last_day,
        "late": late and open_review and reviewable,
        "late_reason": _(
            "The joint application for review must be made within 15 days of the agreement (by %(day)s)."
        )
        % {"day": last_day.isoformat() if last_day else ""},
        "reviewable": reviewable,
        "may_apply": _is_party(role) and reviewable and open_review and not own_applied and not late,
        "decision_form": (decision or ReviewDecisionForm())
        if has_role(user, COUNTER_ROLES) and review is not None and review.status == ReviewStatus.PENDING
        else None,
        "document": has_mediation_document(agreement),
        "back": _home(case, role),
        "error_message": describe(error) if error else "",
    }
    return render(request, "mediation/review.html", context, status=error.status_code if error else 200)


@login_required
@require_GET
def mediation_review(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """The review of an agreement: each party's application (within 15 days), the commission's decision."""
    return _review_page(request, _agreement_visible(request, agreement_id))


@login_required
@require_POST
def mediation_review_apply(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """A party applies for the review; once both have, the application goes to the commission."""
    agreement = _agreement_visible(request, agreement_id)
    review, error = attempt(lambda: services.review_apply(agreement=agreement, user=request.user))
    if error is not None:
        return _review_page(request, agreement, error=error)
    assert review is not None
    if review.status == ReviewStatus.PENDING:
        messages.success(request, _("Both parties have applied: the commission will review the agreement."))
    else:
        messages.success(request, _("Your application was recorded; the other party has yet to apply."))
    return redirect("mediation-review", agreement.pk)


@login_required
@require_POST
def mediation_review_decide(request: AuthenticatedHttpRequest, agreement_id: int) -> HttpResponse:
    """The commission issues a 调解书 on the agreement, or refuses it with its reasons."""
    agreement = _agreement_visible(request, agreement_id)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _review_page(request, agreement, decision=form, error=ApplicationError(_("Invalid input.")))
    review, error = attempt(
        lambda: services.review_decide(agreement=agreement, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _review_page(request, agreement, decision=form, error=error)
    assert review is not None
    if review.status == ReviewStatus.ISSUED:
        messages.success(request, _("The mediation document (调解书) was issued."))
    else:
        messages.success(request, _("The review was refused; the parties have been told the reasons."))
    return redirect("mediation-review", agreement.pk)


@login_required
@require_GET
def mediation_reviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The joint applications awaiting the commission's decision (its clerks and supervisors)."""
    if not has_role(request.user, COUNTER_ROLES):
        raise PermissionDenied
    page = Paginator(selectors.reviews_pending(request.user), 50).get_page(request.GET.get("page"))
    rows = [{"review": review, "label": case_label(review.agreement.case)} for review in page.object_list]
    return render(request, "mediation/reviews.html", {"page": page, "rows": rows, "query": ""})


# --- the supervisors' view of agreements' performance ------------------------------------------------------

PERFORMANCE_LABELS = {
    selectors.PERFORMED: gettext_lazy("Performed"),
    selectors.PARTLY_PERFORMED: gettext_lazy("Partly performed"),
    selectors.NOT_PERFORMED: gettext_lazy("Not performed"),
}


@login_required
@require_GET
def mediation_performance(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How the confirmed agreements are being performed: the counts, and the agreements behind each."""
    if not has_role(request.user, selectors.PERFORMANCE_ROLES):
        raise PermissionDenied
    counts = selectors.performance_counts()
    wanted = request.GET.get("performance", "")
    if wanted not in selectors.PERFORMANCE:
        wanted = ""
    rows = selectors.agreements_performance(wanted or None)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "tabs": [
            {"key": key, "label": label, "count": counts[key], "active": key == wanted}
            for key, label in PERFORMANCE_LABELS.items()
        ],
        "total": sum(counts[key] for key in selectors.PERFORMANCE),
        "overdue": counts["overdue"],
        "wanted": wanted,
        "page": page,
        "rows": [
            {
                "agreement": agreement,
                "label": case_label(agreement.case),
                "state": PERFORMANCE_LABELS[agreement.performance],  # type: ignore[attr-defined]
            }
            for agreement in page.object_list
        ],
        "query": f"performance={wanted}" if wanted else "",
    }
    return render(request, "mediation/performance.html", context)
