"""The clerk's service desk (送达, phone first): for the clerk's open and recently closed cases, each kept
document still to be served on a side, and each service still awaiting its receipt; forms to record a
service (method, dates, proof, confirmation) and a receipt. They post the API's shapes
(``cases.inputs.RecordServiceSerializer``, ``ServiceReceiptSerializer``) to ``cases.services.delivery``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import COUNTER_ROLES, has_role
from arbitration.documents import without_content
from arbitration.models import CaseDocument, DocumentKind
from cases.inputs import RecordServiceSerializer, ServiceReceiptSerializer
from cases.models import Case, ServedDocument, Service, ServiceMethod, Side
from cases.services import delivery
from core.errors import ApplicationError, flatten_fields

# Which service a kept document is, for the deadlines counted from its receipt.
SERVED_AS: dict[str, str] = {
    DocumentKind.RESPONDENT_NOTICE: ServedDocument.APPLICATION,
    DocumentKind.ACCEPTANCE_NOTICE: ServedDocument.ACCEPTANCE_NOTICE,
    DocumentKind.HEARING_NOTICE: ServedDocument.HEARING_NOTICE,
    DocumentKind.MEDIATION_DOCUMENT: ServedDocument.MEDIATION_DOCUMENT,
    DocumentKind.AWARD: ServedDocument.AWARD,
}
# Documents handed over at filing need no service.
NOT_SERVED = (DocumentKind.APPLICATION_RECEIPT,)
MAX_CASES = 100


@dataclass
class Pending:
    """A kept document not yet served on ``side``."""

    document: CaseDocument
    side: str
    served_as: str

    @property
    def side_label(self) -> str:
        return str(Side(self.side).label)


@dataclass
class DeskCase:
    case: Case
    pending: list[Pending] = field(default_factory=list)
    awaiting: list[Service] = field(default_factory=list)


def _sides(document: CaseDocument) -> list[str]:
    return [document.side] if document.side else [Side.APPLICANT, Side.RESPONDENT]


def desk_cases(user: Any) -> list[DeskCase]:
    """The user's cases (as their clerk) with something to serve or a receipt to wait for."""
    cases = (
        Case.objects.filter(clerk=user)
        .order_by("-id")
        .only("id", "case_number", "status", "procedure")[:MAX_CASES]
    )
    rows = []
    for case in cases:
        services = list(Service.objects.filter(case=case))
        served = {(s.document_id, s.side) for s in services if s.document_id}
        desk = DeskCase(case=case, awaiting=[s for s in services if s.effective_at is None])
        docs = without_content(CaseDocument.objects.filter(case=case).exclude(kind__in=NOT_SERVED))
        for document in docs.order_by("generated_at", "id"):
            for side in _sides(document):
                if (document.pk, side) not in served:
                    desk.pending.append(
                        Pending(document, side, SERVED_AS.get(document.kind, ServedDocument.OTHER.value))
                    )
        if desk.pending or desk.awaiting:
            rows.append(desk)
    return rows


def _case_of(user: Any, raw: str) -> Case:
    case = Case.objects.filter(pk=int(raw), clerk=user).first() if raw.isdigit() else None
    if case is None:
        raise Http404
    return case


@login_required
@require_http_methods(["GET", "POST"])
def service_desk(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not has_role(request.user, COUNTER_ROLES):
        raise Http404
    errors: dict[str, list[str]] = {}
    detail = ""
    form_key = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        case = _case_of(request.user, request.POST.get("case", ""))
        form_key = request.POST.get("form", "")
        try:
            if action == "service":
                data: dict[str, Any] = {
                    k: request.POST.get(k, "")
                    for k in ("document", "document_id", "side", "method", "proof", "reason")
                }
                for optional in ("document_id", "sent_on", "received_on"):
                    data[optional] = request.POST.get(optional) or None
                data["confirmed"] = request.POST.get("confirmed") == "on"
                form = RecordServiceSerializer(data=data)
                if not form.is_valid():
                    raise ApplicationError(
                        _("Please correct the marked fields."), fields=flatten_fields(form.errors)
                    )
                delivery.case_record_service(case=case, user=request.user, **form.validated_data)
                messages.success(request, _("The service is recorded."))
            elif action == "receipt":
                data = {
                    "service": request.POST.get("service", ""),
                    "received_at": request.POST.get("received_at") or None,
                    "proof": request.POST.get("proof", ""),
                    "reason": request.POST.get("reason", ""),
                }
                receipt = ServiceReceiptSerializer(data=data)
                if not receipt.is_valid():
                    raise ApplicationError(
                        _("Please correct the marked fields."), fields=flatten_fields(receipt.errors)
                    )
                delivery.case_record_service_receipt(case=case, user=request.user, **receipt.validated_data)
                messages.success(request, _("The receipt is recorded."))
            else:
                raise Http404
            return redirect("service-desk")
        except ApplicationError as error:
            errors = error.fields or {}
            detail = str(error.detail)
            status = error.status_code
    context = {
        "cases": desk_cases(request.user),
        "methods": ServiceMethod.choices,
        "errors": errors,
        "detail": detail,
        "form_key": form_key,
        "posted": request.POST if request.method == "POST" else {},
    }
    return render(request, "arbitration/service_desk.html", context, status=status)
