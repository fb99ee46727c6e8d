"""The claim calculator page (phone first): a party estimates a claim before filing.

The form posts the API's own body shape (``arbitration.inputs.CalculationSerializer``) and shows the
result with its breakdown, the figures used and whether an award of that amount would be final; a
refusal is shown next to its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from arbitration import documents, selectors
from arbitration.calculations import to_fen
from arbitration.inputs import CalculationKind, CalculationSerializer
from arbitration.models import CaseDocument
from cases.models import Service
from cases.selectors import case_get
from cases.services import delivery
from core.errors import ApplicationError, flatten_fields
from core.storage import attachment_disposition


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    type: str = "money"  # money | hours | date | bool
    help: Any = ""


FIELDS: dict[str, list[Field]] = {
    CalculationKind.OVERTIME: [
        Field("monthly_wage", _("Monthly wage (yuan)")),
        Field("weekday_hours", _("Weekday overtime hours"), "hours"),
        Field("rest_day_hours", _("Rest-day overtime hours"), "hours"),
        Field("holiday_hours", _("Statutory-holiday overtime hours"), "hours"),
        Field("already_paid", _("Overtime pay already received (yuan)")),
    ],
    CalculationKind.WAGE_ARREARS: [
        Field("monthly_wage", _("Monthly wage (yuan)")),
        Field("from", _("Unpaid from"), "date"),
        Field("to", _("Unpaid until (included)"), "date"),
        Field("already_paid", _("Already paid for that period (yuan)")),
    ],
    CalculationKind.TERMINATION_COMPENSATION: [
        Field(
            "average_monthly_wage",
            _("Average monthly wage of the last 12 months (yuan)"),
            help=_("Everything paid before tax, divided by 12 (or by the months worked, if fewer)."),
        ),
        Field("start_date", _("First day of work"), "date"),
        Field("end_date", _("Last day of work"), "date"),
        Field("unlawful", _("The employer ended the contract unlawfully (2N)"), "bool"),
        Field("notice_pay", _("Dismissed without 30 days' notice (one month's pay)"), "bool"),
        Field("last_month_wage", _("Last month's wage (yuan)")),
    ],
}
KINDS = [(value, label) for value, label in CalculationKind.CHOICES if value in FIELDS]


@login_required
@require_http_methods(["GET", "POST"])
def calculator(request: AuthenticatedHttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") or request.GET.get("kind") or CalculationKind.OVERTIME
    if kind not in FIELDS:
        kind = CalculationKind.OVERTIME
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    outcome: dict[str, Any] | None = None
    status = 200
    if request.method == "POST":
        body: dict[str, Any] = {"kind": kind}
        for field in FIELDS[kind]:
            raw = request.POST.get(field.name, "").strip()
            values[field.name] = raw
            if field.type == "bool":
                body[field.name] = raw == "on"
            elif raw:
                body[field.name] = raw
        try:
            serializer = CalculationSerializer(data=body)
            if not serializer.is_valid():
                raise ApplicationError(
                    _("Please correct the marked fields."), fields=flatten_fields(serializer.errors)
                )
            result, finality = selectors.calculate(serializer.validated_data)
            outcome = {"result": result, "finality": finality, "fen": to_fen}
        except ApplicationError as error:
            errors = error.fields or {"non_field_errors": [str(error.detail)]}
            status = error.status_code
    fields = [
        {"field": f, "value": values.get(f.name, ""), "errors": errors.get(f.name, [])} for f in FIELDS[kind]
    ]
    context = {"kind": kind, "kinds": KINDS, "fields": fields, "outcome": outcome, "errors": errors}
    return render(request, "arbitration/calculator.html", context, status=status)


# --- the parties' document list ---------------------------------------------------------------------------


@login_required
def case_documents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The case's documents this user may read, newest first, each to download (phone first)."""
    case = case_get(request.user, pk)
    rows = selectors.documents_of(request.user, case).select_related("case_party__party")
    context = {
        "case": case,
        "label": case.case_number or _("application no. %(id)s") % {"id": case.pk},
        "documents": list(reversed(documents.documents_ready(list(rows)))),
    }
    return render(request, "arbitration/documents.html", context)


def _pdf(document: CaseDocument) -> HttpResponse:
    response = HttpResponse(documents.document_bytes(document), content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(documents.filename(document))
    response["X-Content-SHA256"] = document.sha256
    return response


@login_required
def case_document_pdf(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> HttpResponse:
    document = selectors.document_get(request.user, document_id)
    if document.case_id != pk:
        raise Http404
    _record_opening(request, document)
    return _pdf(document)


def _record_opening(request: AuthenticatedHttpRequest, document: CaseDocument) -> None:
    """A party opening a document served on its side: the first opening is recorded, and an electronic
    service takes effect then (``cases.services.delivery.service_open``)."""
    case = document.case
    side = case.side_of(request.user)
    if side is None:
        return
    for service_id in Service.objects.filter(
        case=case, document_id=document.pk, side=side, opened_at__isnull=True
    ).values_list("pk", flat=True):
        delivery.service_open(case=case, service_id=service_id, user=request.user)


def document_file(request: HttpRequest, token: str) -> HttpResponse:
    """The PDF behind a short-lived link the API gave a reader (``GET /api/v1/documents/{id}/download/``)."""
    document = documents.document_from_link(token)
    if document is None:
        raise Http404
    return _pdf(document)
