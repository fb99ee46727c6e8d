"""Server-rendered case pages: the list, the case page, filing, intake, the docket, the calendar.

Views stay thin: visibility comes from ``cases.selectors`` (a case the user may not see is a 404), every
write goes through ``cases.services``, and input is checked by the API's serializers (via
``cases.web.case_forms``). A refusal from a service is shown to the user, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.identifiers import validate_credit_code, validate_id_number, validate_mobile
from accounts.models import Party, Role, User
from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import (
    APPLYING_ROLES,
    COUNTER_ROLES,
    DOCKET_ROLES,
    FILING_ROLES,
    INTAKE_ROLES,
    PARTY_ROLES,
    has_role,
)
from cases import permissions, selectors, services
from cases.disclosure import party_view
from cases.flags import flags_for
from cases.inputs import CaseCreateSerializer
from cases.models import Case, CaseEvent, Deadline, Mandate, Side, Status
from cases.models.case import INTAKE, TERMINAL
from cases.options import Option, options_for
from cases.registry import CASE_LINKS, STEPS
from cases.services import care, reviews
from cases.services.mandates import may_decide
from cases.web import case_forms
from cases.web.case_forms import Wizard
from core import clock
from core.errors import ApplicationError, flatten_fields
from core.web.forms import attempt, describe

T = TypeVar("T")

PAGE_SIZE = 20
SOON_DAYS = 3  # the docket and the intake queue flag deadlines this close


def _require_role(user: User, roles: Iterable[str]) -> None:
    if not has_role(user, frozenset(roles)):
        raise PermissionDenied


def _attempt(call: Callable[[], T]) -> tuple[T | None, ApplicationError | None]:
    """Run a service; a refusal comes back as the error to show (the service rolled back everything)."""
    return attempt(
        call,
        conflicts=(TransitionNotAllowed, ConcurrentTransition, IntegrityError),
        lost_race=_("Someone else changed this case at the same time; reload and try again."),
    )


def case_label(case: Case) -> str:
    return case.case_number or _("Application no. %(id)s") % {"id": case.pk}


# --- rows of the list pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    case: Case
    label: str
    applicants: str
    respondents: str
    deadline: Deadline | None
    urgency: str  # "overdue", "soon" or ""


def _names(parties: list[Party]) -> str:
    if len(parties) > 1:
        return _("%(first)s and others (%(count)s in all)") % {
            "first": parties[0].name,
            "count": len(parties),
        }
    return parties[0].name if parties else ""


def urgency(due_on: date | None, today: date) -> str:
    if due_on is None:
        return ""
    if due_on < today:
        return "overdue"
    return "soon" if due_on <= today + timedelta(days=SOON_DAYS) else ""


def case_rows(cases: Iterable[Case], today: date) -> list[CaseRow]:
    """List rows from ``selectors.case_list_queryset`` cases, using only what it prefetched."""
    rows = []
    for case in cases:
        parties = list(case.parties.all())
        pending = getattr(case, "open_deadlines", [])
        rows.append(
            CaseRow(
                case=case,
                label=case_label(case),
                applicants=_names([p.party for p in parties if p.side == Side.APPLICANT]),
                respondents=_names([p.party for p in parties if p.side == Side.RESPONDENT]),
                deadline=pending[0] if pending else None,
                urgency=urgency(case.next_due_on, today),
            )
        )
    return rows


def _page(request: HttpRequest, queryset: Any, size: int = PAGE_SIZE) -> Any:
    return selectors.CasePaginator(queryset, size).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _status_choices(statuses: Iterable[str] | None = None) -> list[tuple[str, Any]]:
    wanted = set(statuses) if statuses is not None else None
    return [(value, label) for value, label in Status.choices if wanted is None or value in wanted]


# --- the lists -------------------------------------------------------------------------------------------


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Parties: their own cases, newest first; staff: the cases they may see, the nearest deadline first."""
    user = request.user
    form = case_forms.CaseFilterForm(request.GET or None, statuses=_status_choices())
    party_user = user.role in PARTY_ROLES
    ordering = "-received_at" if party_user else "next_due_on"
    cases = selectors.case_filter(selectors.case_list_queryset(user), **form.filters())
    page = _page(request, cases.order_by(*selectors.ORDERINGS[ordering]))
    titles: dict[str, str] = {
        Role.MEDIATOR: _("Referred disputes"),
        **dict.fromkeys(PARTY_ROLES, _("My cases")),
    }
    title = titles.get(user.role, _("All cases"))
    return render(
        request,
        "cases/case_list.html",
        {
            "title": title,
            "form": form,
            "page": page,
            "rows": case_rows(page.object_list, clock.today()),
            "query": _query_without_page(request),
            "can_apply": user.role in APPLYING_ROLES,
        },
    )


@login_required
def intake_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Applications awaiting the acceptance decision, and those in pre-filing mediation; most urgent first."""
    _require_role(request.user, INTAKE_ROLES)
    cases = selectors.case_filter(selectors.case_list_queryset(request.user), status=list(INTAKE))
    page = _page(request, cases.order_by(*selectors.ORDERINGS["next_due_on"]), size=50)
    rows = case_rows(page.object_list, clock.today())
    return render(
        request,
        "cases/intake_queue.html",
        {
            "page": page,
            "rows": rows,
            "reapplied": set(selectors.earlier_deemed_withdrawals(row.case for row in rows)),
            "query": _query_without_page(request),
            "can_register": request.user.role in COUNTER_ROLES,
        },
    )


@login_required
def docket(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The arbitrator's docket: by next deadline, with counts per status and the tribunal intake queue."""
    _require_role(request.user, DOCKET_ROLES)
    visible = selectors.case_list_queryset(request.user)
    form = case_forms.CaseFilterForm(request.GET or None, statuses=_status_choices())
    filters = form.filters()
    procedure = filters.get("procedure")
    queue, own = selectors.docket_split(visible, procedure=procedure)
    # The chips count the docket without its status filter, so each chip says what choosing it shows.
    counts = selectors.status_counts(own)
    chosen = filters.get("status") or []
    # Closed cases are hidden unless asked for, or unless a closed status is what was chosen.
    show_closed = form.show_closed()
    listed = own if show_closed or chosen else own.exclude(status__in=TERMINAL)
    page = _page(
        request, selectors.case_filter(listed, status=chosen).order_by(*selectors.ORDERINGS["next_due_on"])
    )
    today = clock.today()
    chip_query: dict[str, str] = {"procedure": procedure} if procedure else {}
    if show_closed:
        chip_query["closed"] = "on"
    chips = [
        {
            "status": value,
            "label": label,
            "count": counts[value],
            "active": value in chosen,
            "query": urlencode({**chip_query, "status": value}),
        }
        for value, label in Status.choices
        if counts.get(value)
    ]
    return render(
        request,
        "cases/docket.html",
        {
            "form": form,
            "chips": chips,
            "total": sum(n for status, n in counts.items() if show_closed or status not in TERMINAL),
            "closed_count": sum(n for status, n in counts.items() if status in TERMINAL),
            "show_closed": show_closed,
            "all_query": urlencode(chip_query),
            "any_status": not chosen,
            "page": page,
            "rows": case_rows(page.object_list, today),
            "queue": case_rows(queue.order_by(*selectors.ORDERINGS["next_due_on"])[:PAGE_SIZE], today),
            "queue_count": queue.count(),
            "query": _query_without_page(request),
        },
    )


# --- filing: the online application and the counter registration -----------------------------------------


@login_required
def case_apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_role(request.user, FILING_ROLES)
    wizard = Wizard.for_filing(request.session, request.user)
    return _wizard_page(request, wizard, url_name="case-apply", heading=_("File an application"))


@login_required
def case_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_role(request.user, COUNTER_ROLES)
    wizard = Wizard.for_counter(request.session)
    return _wizard_page(request, wizard, url_name="case-register", heading=_("Register an application"))


def _step_url(url_name: str, step: case_forms.WizardStep) -> str:
    return f"{reverse(url_name)}?step={step.name}"


def _wizard_page(
    request: AuthenticatedHttpRequest, wizard: Wizard, *, url_name: str, heading: str
) -> HttpResponse:
    if request.method == "POST":
        return _wizard_post(request, wizard, url_name=url_name, heading=heading)
    wanted = request.GET.get("step")
    step = wizard.step(wanted)
    if wanted is not None and wanted != step.name:
        return redirect(_step_url(url_name, step))  # a later step before the earlier ones are done
    return _wizard_render(request, wizard, step, wizard.form(step), url_name=url_name, heading=heading)


def _wizard_post(
    request: AuthenticatedHttpRequest, wizard: Wizard, *, url_name: str, heading: str
) -> HttpResponse:
    action = request.POST.get("action", "next")
    if action == "discard":
        wizard.clear()
        messages.info(request, _("The draft was discarded."))
        return redirect(url_name)
    step = wizard.step(request.POST.get("step"))
    if request.POST.get("step") != step.name:
        # The draft no longer reaches the posted step (it expired, or another tab changed it).
        messages.error(request, _("Your draft has changed; please continue from this step."))
        return redirect(_step_url(url_name, step))
    if step.name == "review":
        if action == "back":
            return redirect(_step_url(url_name, wizard.previous(step)))
        return _wizard_submit(request, wizard, url_name=url_name)

    form = wizard.form(step, request.POST)
    valid = form.is_valid()
    if action == "add_row" and step.name == "claims":
        rows = min(form.count + 1, case_forms.MAX_CLAIM_ROWS)
        wizard.keep(step, form.raw(), done=False, claim_rows=rows)
        return redirect(_step_url(url_name, step))
    if action == "back":
        # Going back keeps what was typed; the step counts as done only if it was complete.
        wizard.keep(step, form.raw(), done=valid)
        return redirect(_step_url(url_name, wizard.previous(step)))
    if valid:
        wizard.keep(step, form.raw(), done=True)
        return redirect(_step_url(url_name, wizard.following(step)))
    messages.error(request, _("Please correct the marked fields."))
    return _wizard_render(request, wizard, step, form, url_name=url_name, heading=heading)


def _wizard_render(
    request: AuthenticatedHttpRequest,
    wizard: Wizard,
    step: case_forms.WizardStep,
    form: Any,
    *,
    url_name: str,
    heading: str,
) -> HttpResponse:
    return render(
        request,
        "cases/case_wizard.html",
        {
            "heading": heading,
            "step": step,
            "number": wizard.number(step),
            "total": len(wizard.steps),
            "steps": wizard.steps,
            "form": form,
            "action_url": reverse(url_name),
            "review": _review(wizard, url_name) if step.name == "review" else None,
        },
    )


REVIEW_NORMALISERS = {
    "credit_code": validate_credit_code,
    "id_number": validate_id_number,
    "phone": validate_mobile,
}


def _review(wizard: Wizard, url_name: str) -> dict[str, Any]:
    """The draft for the review page, with the labels of the choices made."""
    facts = wizard.saved("facts") or {}
    consents = wizard.saved("consents") or {}
    claims = [case_forms.claim_body(row) for row in wizard.saved("claims") or []]
    total = Decimal("0.00")
    for claim in claims:
        claim["category_label"] = dict(case_forms.ClaimCategory.choices).get(claim["category"], "")
        # Shown as it will be filed (two places); a malformed amount is refused at submission, and
        # meanwhile is shown as typed and left out of the total.
        with suppress(InvalidOperation):
            amount = Decimal(claim["amount"] or 0).quantize(Decimal("0.01"))
            total += amount
            if claim["amount"]:
                claim["amount"] = str(amount)

    def party(name: str) -> dict[str, Any] | None:
        saved = wizard.saved(name)
        if saved is None:
            return None
        shown = {**saved, "kind_label": dict(case_forms.PartyKind.choices).get(saved.get("kind"), "")}
        # The identifiers as they will be stored (upper case, no spaces); a wrong one stays as typed.
        for field, normalise in REVIEW_NORMALISERS.items():
            if shown.get(field):
                with suppress(ValidationError):
                    shown[field] = normalise(shown[field])
        return shown

    return {
        "applicant": party("applicant") if "applicant" in wizard.names else None,
        "respondent": party("respondent"),
        "claims": claims,
        "total": total.quantize(Decimal("0.01")),
        "facts": facts.get("facts", ""),
        "street": facts.get("street", ""),
        "received_at": (facts.get("received_at") or "").replace("T", " "),
        "consents": [
            (field.label, bool(consents.get(name)))
            for name, field in case_forms.ConsentsForm.base_fields.items()
        ],
        "edit": {s.name: _step_url(url_name, s) for s in wizard.steps},
        "errors": wizard.review_errors(),
    }


def _wizard_submit(request: AuthenticatedHttpRequest, wizard: Wizard, *, url_name: str) -> HttpResponse:
    serializer = CaseCreateSerializer(data=wizard.body())
    if not serializer.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return redirect(_step_url(url_name, wizard.bounce(flatten_fields(serializer.errors))))
    case, error = _attempt(lambda: services.case_file(user=request.user, **serializer.validated_data))
    if error is not None:
        messages.error(request, describe(error))
        return redirect(_step_url(url_name, wizard.bounce(error.fields)))
    assert case is not None  # no error, so the service returned the case
    wizard.clear()
    if url_name == "case-apply":
        # The case page then offers what other apps register for a new filing ("add evidence now").
        request.session[JUST_FILED] = case.pk
    messages.success(
        request,
        _("Your application was submitted as %(label)s.") % {"label": case_label(case)}
        if url_name == "case-apply"
        else _("The application was registered as %(label)s.") % {"label": case_label(case)},
    )
    return redirect("case-detail", pk=case.pk)


# --- the case page and its forms ---------------------------------------------------------------------------

FAILED_STEP = "case-step-failed"
JUST_FILED = "case-just-filed"


@dataclass(frozen=True)
class OptionView:
    option: Option
    form: case_forms.StepForm | None
    open: bool


@login_required
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = selectors.case_detail_get(user, pk)
    options = options_for(case, user)
    failed = request.session.pop(FAILED_STEP, None)
    if failed and failed.get("case") != case.pk:
        failed = None
    can_set_tribunal = permissions.may_compose_tribunal(case, user)
    choices = case_forms.StepChoices.load(
        [o.name for o in options if o.enabled] + (["tribunal"] if can_set_tribunal else [])
    )
    claims = list(case.claims.all())
    option_views = _option_views(
        options, failed=failed, choices=choices, claims=claims, wanted=request.GET.get("step")
    )

    own_side = case.side_of(user)
    consent_form = None
    if own_side is not None and case.status not in TERMINAL:
        consent = case.consent_for(own_side)
        consent_form = case_forms.ConsentForm(
            initial={
                "async_hearing": bool(consent and consent.async_hearing),
                "electronic_service": bool(consent and consent.electronic_service),
            }
        )
    tribunal = list(case.tribunal.all())
    tribunal_form = None
    if can_set_tribunal:
        tribunal_form = case_forms.TribunalForm(
            arbitrators=choices.arbitrators,
            initial={f"arbitrator_{i + 1}": m.arbitrator_id for i, m in enumerate(tribunal)},
        )

    parties = list(case.parties.all())
    deadlines = list(case.deadlines.all())
    just_filed = request.session.pop(JUST_FILED, None) == case.pk
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "label": case_label(case),
            "applicants": [party_view(case, p, user) for p in parties if p.side == Side.APPLICANT],
            "respondents": [party_view(case, p, user) for p in parties if p.side == Side.RESPONDENT],
            "agents": _agents(case, parties, user),
            "claims": claims,
            "consents": _consents(case),
            "tribunal": tribunal,
            "deadlines": _deadline_rows(deadlines, own_side, party_user=user.role in PARTY_ROLES),
            "events": _event_rows(selectors.case_events(case)),
            "options": option_views,
            "consent_form": consent_form,
            "tribunal_form": tribunal_form,
            "own_side": own_side,
            "suspension_ground": selectors.suspension_ground(case),
            "flags": flags_for(case, user),
            "earlier_deemed_withdrawals": (
                []
                if user.role in PARTY_ROLES
                else selectors.earlier_deemed_withdrawals([case]).get(case.pk, [])
            ),
            "recusals": selectors.recusal_applications(case),
            "legal_aid": care.referrals_of(case) if care.may_see_referrals(case, user) else [],
            "own_review": reviews.review_of(case, user) if own_side else None,
            "review_form": case_forms.ReviewForm() if reviews.may_review(case, user) else None,
            "link_sections": _link_sections(case, user),
            "after_filing": CASE_LINKS.for_case(case, user, after_filing=True) if just_filed else [],
        },
    )


def _deadline_rows(
    deadlines: list[Deadline], own_side: str | None, *, party_user: bool
) -> list[dict[str, Any]]:
    """The deadlines with who must act by each: a party reads "you" on its own, and the commission's or the
    tribunal's for what they are, never as if they were its own to meet."""
    rows = selectors.deadlines_with_unpublished_years(deadlines)
    for row in rows:
        deadline = row["deadline"]
        row["mine"] = party_user and selectors.deadline_is_for_side(deadline, own_side)
        row["who"] = _("You") if row["mine"] else deadline.get_responsible_display()
        row["theirs"] = party_user and not row["mine"]
    return rows


def _link_sections(case: Case, user: User) -> list[dict[str, Any]]:
    """The pages other apps register for this case (evidence…), grouped under their headings."""
    sections: dict[str, dict[str, Any]] = {}
    for shown in CASE_LINKS.for_case(case, user):
        title = str(shown.link.section)
        sections.setdefault(title, {"title": title, "name": shown.link.name, "links": []})["links"].append(
            shown
        )
    return list(sections.values())


def _option_views(
    options: list[Option],
    *,
    failed: dict[str, Any] | None,
    choices: case_forms.StepChoices,
    claims: list[Any],
    wanted: str | None = None,
) -> list[OptionView]:
    """A form for every step the user may take now; the one that just failed shows its input and errors, and
    the one a link asked for (``?step=<name>``, e.g. from the home page's "what you need to do") is open."""
    current_claims = [
        {
            "category": c.category,
            "amount": "" if c.amount is None else str(c.amount),
            "description": c.description,
        }
        for c in claims
    ]
    views = []
    for option in options:
        if not option.enabled:
            views.append(OptionView(option, None, False))
        elif failed and failed["name"] == option.name:
            form = case_forms.StepForm(failed["data"], name=option.name, choices=choices)
            form.is_valid()  # brings back the input's own errors; the service's are added below
            form.add_field_errors(failed["errors"])
            views.append(OptionView(option, form, True))
        else:
            form = case_forms.StepForm(name=option.name, choices=choices, claims=current_claims)
            views.append(OptionView(option, form, option.name == wanted))
    return views


def _agents(case: Case, parties: list[Any], user: User) -> list[dict[str, Any]]:
    by_case_party = {p.pk: p for p in parties}
    rows = []
    for a in case.agents.all():
        if a.mandate == Mandate.REJECTED:
            continue
        can_decide = may_decide(a, user) is not None and case.status not in TERMINAL
        rows.append(
            {
                "agency": a,
                "user": a.user,
                "side": a.case_party.get_side_display(),
                "party_name": party_view(case, by_case_party[a.case_party_id], user).name,
                "form": case_forms.MandateForm() if can_decide else None,
            }
        )
    return rows


CONSENT_LABELS = {
    "pre_mediation": gettext_lazy("Pre-filing mediation"),
    "async_hearing": gettext_lazy("Asynchronous hearing"),
    "electronic_service": gettext_lazy("Electronic service"),
}


def _consents(case: Case) -> list[dict[str, Any]]:
    rows = []
    for side, label in Side.choices:
        consent = case.consent_for(side)
        rows.append(
            {
                "side": label,
                "values": [
                    {"label": kind_label, "value": getattr(consent, kind) if consent else None}
                    for kind, kind_label in CONSENT_LABELS.items()
                ],
                "updated_at": consent.updated_at if consent else None,
            }
        )
    return rows


def _status_label(value: str) -> str:
    return str(dict(Status.choices).get(value, value)) if value else ""


def _event_rows(events: Iterable[CaseEvent]) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        step = STEPS.get(event.kind)
        rows.append(
            {
                "event": event,
                "label": STEPS.event_label(event.kind),
                "from_status": _status_label(event.from_status),
                "to_status": _status_label(event.to_status),
                "details": step.describe(event) if step is not None and step.describe is not None else [],
            }
        )
    return rows


def _back_to_case(case: Case, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('case-detail', args=[case.pk])}#{anchor}")


@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    """Fire a transition or take an action from the case page, then go back to it."""
    step = STEPS.get(name)
    if step is None:
        raise Http404
    user = request.user
    case = selectors.case_get(user, pk)
    anchor = f"step-{name}"
    _ok, refused = _attempt(lambda: services.check_step(case, name, user))
    if refused is not None:
        messages.error(request, describe(refused))
        return _back_to_case(case, anchor)

    form = case_forms.StepForm(request.POST, name=name, choices=case_forms.StepChoices.load([name]))
    posted = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    if not form.is_valid():
        # Shown again from the session with the same input; checking it again brings back its errors.
        request.session[FAILED_STEP] = {"case": case.pk, "name": name, "data": posted, "errors": {}}
        messages.error(request, _("Please correct the marked fields."))
        return _back_to_case(case, anchor)

    result, error = _attempt(lambda: services.take_step(case=case, user=user, name=name, data=form.validated))
    if error is not None:
        errors = {key: [str(m) for m in values] for key, values in error.fields.items()}
        request.session[FAILED_STEP] = {"case": case.pk, "name": name, "data": posted, "errors": errors}
        messages.error(request, describe(error))
        return _back_to_case(case, anchor)

    messages.success(request, _("Done: %(step)s.") % {"step": step.label})
    extra = step.present(result) if step.present is not None else {}
    if extra.get("access_codes"):
        # Only a digest is stored: this is the one time the codes can be read.
        codes = "；".join(f"{row['party']}：{row['access_code']}" for row in extra["access_codes"])
        messages.warning(
            request,
            _("Access codes for the notices (print them now; they are not shown again): %(codes)s")
            % {"codes": codes},
        )
    return _back_to_case(case, "top")


@login_required
@require_POST
def case_consents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(request.user, pk)
    form = case_forms.ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return _back_to_case(case, "consents")
    _case, error = _attempt(
        lambda: services.case_record_consents(case=case, user=request.user, **form.validated)
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("Your consents were recorded."))
    return _back_to_case(case, "consents")


@login_required
@require_POST
def case_mandate(request: AuthenticatedHttpRequest, pk: int, agent_id: int) -> HttpResponse:
    """The party, or a clerk who checked the power of attorney, decides an agent's mandate."""
    case = selectors.case_get(request.user, pk)
    form = case_forms.MandateForm(request.POST)
    if not form.is_valid():
        errors = [str(m) for messages_ in form.errors.values() for m in messages_]
        messages.error(request, " ".join(errors) or _("Please correct the marked fields."))
        return _back_to_case(case, "parties")
    _agency, error = _attempt(
        lambda: services.case_decide_mandate(
            case=case, agent_id=agent_id, user=request.user, **form.validated
        )
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("The agent's mandate was recorded."))
    return _back_to_case(case, "parties")


@login_required
@require_POST
def case_tribunal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(request.user, pk)
    form = case_forms.TribunalForm(request.POST, arbitrators=case_forms.arbitrator_choices())
    if not form.is_valid():
        errors = [str(m) for messages_ in form.errors.values() for m in messages_]
        messages.error(request, " ".join(errors) or _("Please correct the marked fields."))
        return _back_to_case(case, "tribunal")
    _case, error = _attempt(
        lambda: services.case_set_tribunal(
            case=case,
            user=request.user,
            arbitrators=services.arbitrators_by_id(form.validated["arbitrators"]),
        )
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("The tribunal was composed."))
    return _back_to_case(case, "tribunal")
