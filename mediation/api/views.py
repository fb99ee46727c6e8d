"""Thin views of the mediation API: visibility first (404), then the service."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from accounts.roles import has_role
from accounts.selectors import mediation_organisations
from cases.inputs import ReasonSerializer
from core.api.base import ApiView
from core.api.pagination import Pagination
from core.errors import Forbidden, NotFound, field_error
from core.storage import attachment_disposition
from mediation import selectors, services
from mediation.api.serializers import (
    AgreementOutSerializer,
    EpisodeSerializer,
    MessageOutSerializer,
    OrganisationSerializer,
    PaymentOutSerializer,
    PerformanceCountsSerializer,
    PerformanceRowSerializer,
    ReviewOutSerializer,
)
from mediation.documents import agreement_pdf, has_mediation_document, mediation_document_pdf
from mediation.inputs import (
    AgreementSerializer,
    ConfirmSerializer,
    MessageSerializer,
    PaymentSerializer,
    ReviewDecisionSerializer,
)

OutcomeSerializer = inline_serializer(
    "MediationOutcomeResult",
    {"status": serializers.CharField(), "episode": EpisodeSerializer()},
)


class OrganisationsView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: OrganisationSerializer(many=True)},
        summary="The mediation organisations a dispute can be referred to",
        description="Who may call: any signed-in user.\n\nErrors: 401 when not signed in.",
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(mediation_organisations(), request, view=self)
        return paginator.get_paginated_response(OrganisationSerializer(page, many=True).data)


class CaseMediationView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: EpisodeSerializer(many=True)},
        summary="The dispute's mediation episodes (pre-filing and in arbitration), with their agreements",
        description=(
            "Organisation, mediator, stage `pre_filing|in_arbitration`, started, concluded, outcome "
            "`agreement|failed|timeout|withdrawn|null`. The confidential thread is not part of it.\n\n"
            "Who may call: the parties (and verified agents), the mediators of the organisation the "
            "dispute was referred to, the tribunal, clerks and supervisors.\n\n"
            "Errors: 404 when the case is not yours (a mediator of another organisation included)."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, _role = selectors.mediation_case_get(request.user, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.episodes_of(case), request, view=self)
        return paginator.get_paginated_response(EpisodeSerializer(page, many=True).data)


class MessagesView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: MessageOutSerializer(many=True)},
        summary="The mediation thread, as this user may read it",
        description=(
            "A party reads the messages its side wrote and those addressed to its side or to both; the "
            "mediator reads the whole thread of its organisation's pre-filing mediation; the tribunal "
            "reads only the thread of its own mediation in arbitration, never the pre-filing one.\n\n"
            "Who may call: the parties (and verified agents), the mediators of the organisation, the "
            "tribunal (clerks and supervisors read an empty thread).\n\n"
            "Errors: 404 when the case is not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, role = selectors.mediation_case_get(request.user, pk)
        paginator = Pagination()
        rows = selectors.messages_visible_to(request.user, case, role)
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(MessageOutSerializer(page, many=True).data)

    @extend_schema(
        request=MessageSerializer,
        responses={201: MessageOutSerializer},
        summary="Write in the mediation thread",
        description=(
            "The mediator writes `to` the applicant, the respondent or both; a party's message goes to "
            "the mediator (its `to` is its own side: the other party does not read it).\n\n"
            "Who may call: the mediator of the episode (pre-filing: a mediator of the organisation; in "
            "arbitration: the presiding arbitrator); the parties (and verified agents).\n\n"
            "Errors: 400 for an empty text or an unknown `to`; 403 for others who see the case; 404 "
            "when the case is not yours; 409 when the dispute is not in mediation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, _role = selectors.mediation_case_get(request.user, pk)
        serializer = MessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.message_post(case=case, user=request.user, **serializer.validated_data)
        return Response(MessageOutSerializer(message).data, status=status.HTTP_201_CREATED)


class AgreementView(ApiView):
    @extend_schema(
        request=AgreementSerializer,
        responses={201: AgreementOutSerializer},
        summary="Draw up the mediation agreement (调解协议书)",
        description=(
            "Structured items (`obligor` applicant|respondent, `kind` payment|other, `amount`, `due_on`, "
            "`description`) and `terms`. It replaces an earlier draft not yet confirmed by both parties, "
            "and awaits each party's confirmation.\n\n"
            "Who may call: the mediator of the episode.\n\n"
            "Errors: 400 naming the field for no items (`items`), a negative amount "
            "(`items.<n>.amount`) or a due date in the past (`items.<n>.due_on`); 403 for others; 404 "
            "when the case is not yours; 409 when the dispute is not in mediation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, _role = selectors.mediation_case_get(request.user, pk)
        serializer = AgreementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_draft(case=case, user=request.user, **serializer.validated_data)
        return Response(AgreementOutSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementConfirmView(ApiView):
    @extend_schema(
        request=ConfirmSerializer,
        responses={200: AgreementOutSerializer},
        summary="Confirm (sign) the mediation agreement",
        description=(
            "Each party confirms once; when both have, the agreement is `confirmed` and a pre-filing "
            "dispute becomes `mediated`.\n\n"
            "Who may call: a party (or its verified agent); a clerk recording, with `side`, a "
            "confirmation signed at the counter.\n\n"
            "Errors: 403 for others; 404 when the agreement is not yours to see; 409 when the agreement "
            "is no longer awaiting confirmation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        agreement = selectors.agreement_get(request.user, pk)
        serializer = ConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_confirm(
            agreement=agreement, user=request.user, **serializer.validated_data
        )
        fresh = selectors.agreement_get(request.user, agreement.pk)
        return Response(AgreementOutSerializer(fresh).data)


def _outcome_response(request: AuthenticatedRequest, pk: int) -> Response:
    case, _role = selectors.mediation_case_get(request.user, pk)
    episode = selectors.episodes_of(case).last()
    return Response({"status": case.status, "episode": EpisodeSerializer(episode).data})


class DeclineView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: OutcomeSerializer},
        summary="Decline pre-filing mediation (the respondent)",
        description=(
            "Recorded as a failure (`outcome_detail: declined`); the application returns to acceptance "
            "review with a fresh acceptance period.\n\n"
            "Who may call: the respondent (or its verified agent).\n\n"
            "Errors: 403 for others; 404 when the case is not yours; 409 when the dispute is not in "
            "pre-filing mediation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, _role = selectors.mediation_case_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.mediation_decline(case=case, user=request.user, **serializer.validated_data)
        return _outcome_response(request, pk)


class EndView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: OutcomeSerializer},
        summary="End pre-filing mediation and go on to arbitration (the applicant)",
        description=(
            "Recorded as `withdrawn` (`outcome_detail: ended_by_applicant`); the application returns to "
            "acceptance review with a fresh acceptance period (L Art. 14).\n\n"
            "Who may call: the applicant (or its verified agent).\n\n"
            "Errors: 403 for others; 404 when the case is not yours; 409 when the dispute is not in "
            "pre-filing mediation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case, _role = selectors.mediation_case_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.mediation_end(case=case, user=request.user, **serializer.validated_data)
        return _outcome_response(request, pk)


class PaymentsView(ApiView):
    @extend_schema(
        request=PaymentSerializer,
        responses={201: PaymentOutSerializer},
        summary="Record a payment made under a confirmed agreement (performance)",
        description=(
            "`item` is a payment item of the agreement; `evidence` names uploaded evidence items of the "
            "case (the proof). An item not fully paid by its due date notifies the worker once.\n\n"
            "Who may call: a party (or its verified agent); the mediator of the episode.\n\n"
            "Errors: 400 naming the field for an unknown item, an amount not above zero, a date in the "
            "future or evidence not of this case; 403 for others; 404 when the agreement is not yours "
            "to see; 409 when the agreement is not confirmed."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        agreement = selectors.agreement_get(request.user, pk)
        serializer = PaymentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = services.payment_record(agreement=agreement, user=request.user, **serializer.validated_data)
        return Response(PaymentOutSerializer(payment).data, status=status.HTTP_201_CREATED)


class ReviewView(ApiView):
    @extend_schema(
        request=None,
        responses={200: ReviewOutSerializer},
        summary="Apply jointly for review of the agreement into a 调解书 (R Art. 74)",
        description=(
            "Each party applies; once both have, the application awaits the commission (`pending`). "
            "It must be made within 15 days of the agreement's confirmation.\n\n"
            "Who may call: a party (or its verified agent).\n\n"
            "Errors: 400 `review_too_late` after 15 days, with the last day; 403 for others; 404 when "
            "the agreement is not yours to see; 409 when the agreement is not confirmed or the review "
            "is already decided."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        agreement = selectors.agreement_get(request.user, pk)
        review = services.review_apply(agreement=agreement, user=request.user)
        return Response(ReviewOutSerializer(review).data)


class ReviewDecisionView(ApiView):
    @extend_schema(
        request=ReviewDecisionSerializer,
        responses={200: ReviewOutSerializer},
        summary="Issue a 调解书 on the agreement, or refuse with reasons (the commission)",
        description=(
            "Who may call: clerks and supervisors of the commission.\n\n"
            "Errors: 400 for a refusal without `reasons`; 403 for others; 404 when the agreement is not "
            "yours to see; 409 when no joint application awaits a decision."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        agreement = selectors.agreement_get(request.user, pk)
        serializer = ReviewDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.review_decide(agreement=agreement, user=request.user, **serializer.validated_data)
        return Response(ReviewOutSerializer(review).data)


class AgreementRenegeView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: AgreementOutSerializer},
        summary="Refuse to sign the agreement (or the 调解书) before it took effect",
        description=(
            "The agreement is set aside. In arbitration the case goes back to the status it came from "
            "(`end_mediation`) for a prompt ruling; before filing the mediator may draw up another.\n\n"
            "Who may call: a party (or its verified agent).\n\n"
            "Errors: 403 for others; 404 when the agreement is not yours to see; 409 when the agreement "
            "is no longer awaiting confirmation."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        agreement = selectors.agreement_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agreement_renege(agreement=agreement, user=request.user, **serializer.validated_data)
        fresh = selectors.agreement_get(request.user, pk)
        return Response(AgreementOutSerializer(fresh).data)


class AgreementPdfView(ApiView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The mediation agreement (调解协议书) as a Chinese PDF",
        description=(
            "The parties, the mediator, each item (who, what, how much, by when), the other terms and each "
            "party's confirmation; the same agreement gives the same bytes.\n\n"
            "Who may call: the parties (and verified agents) and the mediation staff of the dispute.\n\n"
            "Errors: 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        agreement = selectors.agreement_get(request.user, pk)
        response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
        label = agreement.case.case_number or agreement.case_id
        response["Content-Disposition"] = attachment_disposition(f"{label}-调解协议书-{agreement.pk}.pdf")
        return response


class MediationDocumentPdfView(ApiView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The mediation document (调解书) of an agreement, as a Chinese PDF",
        description=(
            "The commission's 调解书 on an agreement it confirmed on the parties' joint application (R Art. "
            "74), or the tribunal's on an agreement reached in arbitration, with each party's signature for "
            "receipt (it takes effect once both have signed); the same state gives the same bytes.\n\n"
            "Who may call: the parties (and verified agents) and the mediation staff of the dispute (its "
            "mediators, the tribunal, clerks and supervisors).\n\n"
            "Errors: 404 when the agreement is not yours to see, or has no 调解书 (not issued on review, or "
            "refused by a party in arbitration)."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        agreement = selectors.agreement_get(request.user, pk)
        if not has_mediation_document(agreement):
            raise NotFound(_("No mediation document has been issued on this agreement."))
        response = HttpResponse(mediation_document_pdf(agreement), content_type="application/pdf")
        label = agreement.case.case_number or agreement.case_id
        response["Content-Disposition"] = attachment_disposition(f"{label}-调解书-{agreement.pk}.pdf")
        return response


PerformanceSerializer = inline_serializer(
    "MediationPerformance",
    {
        "counts": PerformanceCountsSerializer(),
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": PerformanceRowSerializer(many=True),
    },
)


class PerformanceView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "performance",
                str,
                enum=list(selectors.PERFORMANCE),
                required=False,
                description="Only the agreements in this state (the counts always cover all of them).",
            )
        ],
        responses={200: PerformanceSerializer},
        summary="Performance of the confirmed mediation agreements (for the supervisors)",
        description=(
            "Every confirmed agreement that promises money: what it promised (`due`), what the parties "
            "recorded as paid (`paid`), `performance` `performed` (paid in full) | `partly_performed` "
            "(something paid) | `not_performed` (nothing paid), and `overdue` (a payment item unpaid past "
            "its due date); `counts` gives how many are in each state. Newest first, paginated.\n\n"
            "Who may call: supervisors and admins.\n\n"
            "Errors: 400 for an unknown `performance`; 403 for everyone else."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        if not has_role(request.user, selectors.PERFORMANCE_ROLES):
            raise Forbidden(_("Only the supervisors see the performance of agreements."))
        wanted = request.query_params.get("performance")
        if wanted is not None and wanted not in selectors.PERFORMANCE:
            raise field_error("performance", _("Choose performed, partly_performed or not_performed."))
        counts = selectors.performance_counts()
        rows = selectors.agreements_performance(wanted)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        response = paginator.get_paginated_response(PerformanceRowSerializer(page, many=True).data)
        response.data = {"counts": counts, **response.data}
        return response
