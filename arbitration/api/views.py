"""Thin views of arbitration's API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from arbitration import after_award, documents, selectors, services
from arbitration.api.serializers import (
    AfterAwardOutSerializer,
    AwardOutSerializer,
    CalculationOutSerializer,
    CaseDocumentOutSerializer,
    DownloadOutSerializer,
    award_data,
    calculation_data,
    challenge_data,
    document_data,
)
from arbitration.inputs import AwardDraftSerializer, CalculationSerializer
from cases.inputs import ReasonSerializer
from cases.models import Case
from cases.selectors import case_get
from core import clock
from core.api.base import ApiView
from core.errors import Forbidden, NotFound


class CalculationView(ApiView):
    @extend_schema(
        request=CalculationSerializer,
        responses={200: CalculationOutSerializer},
        summary="Calculate a claim: overtime, wage arrears, termination compensation, or final or not",
        description=(
            "Bodies by `kind` (money and hours as decimal strings, dates `YYYY-MM-DD`; `on`, the day the "
            "final-award line is judged on, defaults to today):\n"
            "- `overtime`: `monthly_wage`, `weekday_hours`, `rest_day_hours`, `holiday_hours`, "
            "`already_paid`;\n"
            "- `wage_arrears`: `monthly_wage`, `from`, `to`, `already_paid`;\n"
            "- `termination_compensation`: `average_monthly_wage`, `start_date`, `end_date`, `unlawful`, "
            "`notice_pay`, `last_month_wage` (with `notice_pay`), optional `local_average_monthly_wage`;\n"
            "- `final_award`: `claim_category`, `amount`.\n"
            "The amount is rounded to the fen once, at the end; `figures` names every local figure used.\n\n"
            "Who may call: any signed-in user; no case is needed.\n\n"
            "Errors: 400 naming the field for an unknown `kind`, a negative or non-decimal amount, an end "
            "date before the start date, or no local figure in force on the date; 401 when not signed in."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = CalculationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kind = serializer.validated_data["kind"]
        result, finality = selectors.calculate(serializer.validated_data)
        return Response(calculation_data(kind, result, finality))


def _award_answer(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    draft, issued = selectors.awards_of(request.user, case)
    current = draft or (issued[-1] if issued else None)
    if current is None and not selectors.may_read_draft(request.user, case):
        raise NotFound(_("No award has been issued in this case."))
    if current is None:
        body: dict[str, Any] = {
            "id": None,
            "status": "none",
            "kind": "final",
            "final": False,
            "mixed": False,
            "decided_by": "",
            "costs": "",
            "items": [],
            "dissents": [],
        }
    else:
        body = award_data(current)
    body["undecided_claims"] = [c.pk for c in selectors.undecided_claims(case, draft)]
    body["issued"] = [award_data(a) for a in issued]
    # What the parties said on each claim, pre-filling the draft: the tribunal's own reading.
    body["positions"] = selectors.positions_of(case) if selectors.is_tribunal(request.user, case) else None
    return body


class AwardView(ApiView):
    @extend_schema(
        responses={200: AwardOutSerializer},
        summary="The case's award: the draft, the claims still undecided, and the issued awards",
        description=(
            "Each item shows its element findings, computed amount with breakdown, amount granted, "
            "decision, finding, reasoning and its `final_award` block (on the award date once issued, on "
            "today's date in a draft); the award is `final` only when every item is.\n\n"
            "`positions` (the tribunal only, else null): per claim the elements the parties' hearing "
            "statements and defences named, each side's latest position and `agreed` when they are the "
            "same; and per side its statements' texts (`kind`, `text`, `submitted_at`).\n\n"
            "Who may call: anyone who sees the case; the draft only the tribunal, clerks and supervisors.\n\n"
            "Errors: 404 when the case is not yours, or (for the parties) before an award is issued."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        return Response(_award_answer(request, case))

    @extend_schema(
        request=AwardDraftSerializer,
        responses={200: AwardOutSerializer},
        summary="Write the award draft (replaces the previous draft)",
        description=(
            "`items`: per claim `claim`, `elements` ([{`element`, `applicant`, `respondent`, `agreed`, "
            "`finding`}]), `calculation` (a calculations body, or null), `granted`, `decision` "
            "(`upheld|partly_upheld|dismissed`, empty while undecided), `finding`, `reasoning`; a free-form "
            "item has no `claim` but a `category` and `title`. `partial_award: true` drafts a partial award "
            "(L Art. 43). `dissents` (three-member tribunals): [{`arbitrator`, `opinion`}].\n\n"
            "Who may call: the members of the case's tribunal.\n\n"
            "Errors: 400 naming the field (a claim not of this case or decided already, a bad calculation, "
            "a dismissed claim with an amount granted, a dissent by a non-member); 403 for others who see "
            "the case; 404 when the case is not yours; 409 when the case is not in deliberation."
        ),
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        if not case.tribunal.filter(arbitrator=request.user).exists():
            raise Forbidden(_("Only the tribunal drafts and issues the award."))
        serializer = AwardDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.award_save(case=case, user=request.user, **serializer.validated_data)
        return Response(_award_answer(request, case))


class PartialAwardView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: AwardOutSerializer},
        summary="Issue the draft partial award (先行裁决, L Art. 43)",
        description=(
            "The claims it decides are decided for good; the case stays in deliberation for the rest.\n\n"
            "Who may call: the presiding arbitrator.\n\n"
            "Errors: 400 when there is no draft partial award or an item has no decision (naming it); "
            "403 for others who see the case; 404 when the case is not yours; 409 when the case is not in "
            "deliberation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.award_issue_partial(case=case, user=request.user, **serializer.validated_data)
        return Response(_award_answer(request, case))


class CaseDocumentsView(ApiView):
    @extend_schema(
        responses={200: CaseDocumentOutSerializer(many=True)},
        summary="The case's formal documents (文书), oldest first",
        description=(
            "Each document as it was made, with its SHA-256: the receipt of the application, the "
            "acceptance or rejection notice, the notice to each respondent, hearing notices, the hearing "
            "record, the 调解书 and the award (two award documents when final and non-final items mix). "
            "`download` is the path that gives a short-lived link to the PDF.\n\n"
            "Who may call: anyone who sees the case. Parties (and verified agents) get their side's "
            "documents, both sides' and those addressed to them; the tribunal and mediators all but the "
            "notices addressed to one party (the respondent's notice prints its access code); clerks and "
            "supervisors all.\n\n"
            "Errors: 404 when the case is not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        rows = selectors.documents_of(request.user, case).select_related("case_party")
        return Response([document_data(d) for d in documents.documents_ready(list(rows))])


class DocumentDownloadView(ApiView):
    @extend_schema(
        responses={200: DownloadOutSerializer},
        summary="A short-lived link to a document's PDF",
        description=(
            "`url` serves the PDF (Chinese) as an attachment until `expires_at` (5 minutes), to whoever "
            "holds it, like a presigned storage link.\n\n"
            "Who may call: those who may read the document (see the case's documents).\n\n"
            "Errors: 404 when the document is not there or not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        document = selectors.document_get(request.user, pk)
        url, expires_at = documents.download_link(document)
        return Response({"url": url, "expires_at": expires_at})


class AfterAwardView(ApiView):
    @extend_schema(
        responses={200: AfterAwardOutSerializer},
        summary="After the award: each party's window to go to court, and the lawsuits and applications",
        description=(
            "`windows`: per side and kind (`lawsuit` 15 days, L Arts. 48 and 50; `set_aside` 30 days, the "
            "employer over a final award, L Art. 49) the day that side received the award and the last day "
            "(`status` `awaiting_receipt|open|passed`). `challenges`: what staff recorded with the actions "
            "`record_court_challenge` and `record_court_result`.\n\n"
            "Who may call: anyone who sees the case.\n\n"
            "Errors: 404 when the case is not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        today = clock.today()
        return Response(
            {
                "windows": [w.as_dict(today) for w in after_award.award_windows(case)],
                "challenges": [challenge_data(c) for c in after_award.court_challenges([case.pk])],
            }
        )
