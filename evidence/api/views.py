"""Thin views of the evidence API: visibility first (404), then the service."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from accounts.roles import PARTY_ROLES, has_role
from cases import selectors as case_selectors
from core.api.base import ApiView
from core.api.pagination import Pagination, RowsPagination
from core.errors import Forbidden
from core.storage import attachment_disposition
from evidence import selectors, services
from evidence.api.serializers import (
    EVIDENCE_ROW,
    OPINION_ROW,
    AccessSerializer,
    DeclaredSerializer,
    DownloadSerializer,
    EvidenceSerializer,
    OpinionOutSerializer,
    evidence_rows,
)
from evidence.documents import catalogue_pdf
from evidence.inputs import DeclareSerializer, OpinionSerializer


class CaseEvidenceView(ApiView):
    pagination_class = RowsPagination

    @extend_schema(
        responses={200: EvidenceSerializer(many=True)},
        summary="The case's evidence catalogue (证据目录)",
        description=(
            "Both sides' available items, by side in submission order, each with the other side's "
            "cross-examination opinions.\n\n"
            "Who may call: anyone who may see the case; a party or its verified agent sees both "
            "sides' available items and its own declarations.\n\n"
            "Errors: 404 when the case is not yours; 400 for a page number or size out of range."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_selectors.case_get(request.user, pk)
        # The page and its total in one query, the page's opinions in another, both compiled once, read as
        # rows and written by hand: ~5.5 ms a request before, most of it Python (cProfile of
        # benchmarks/http_load.py's evidence over 100,000 cases).
        paginator = RowsPagination()
        rows = paginator.paginate_rows(
            request,
            lambda start, size: selectors.catalogue_page(case, request.user, EVIDENCE_ROW, start, size),
        )
        opinions = selectors.opinion_rows([row[0] for row in rows], OPINION_ROW)
        return paginator.get_paginated_response(evidence_rows(rows, opinions))

    @extend_schema(
        request=DeclareSerializer,
        responses={201: DeclaredSerializer},
        summary="Declare an evidence item and get a link to upload it",
        description=(
            "Step 1 of 3. Declare title, purpose of proof (证明目的), file name, content type, size and "
            "SHA-256; the answer's `upload` is a presigned PUT, valid for minutes: send the bytes "
            "straight to storage with exactly `upload.headers`. Step 3: `POST "
            "/api/v1/evidence/{id}/finalize/`.\n\n"
            "Who may call: a party (or its verified agent) for its own side; a clerk for the side "
            "that handed it in (`side`); the presiding arbitrator for what the tribunal collects.\n\n"
            "Errors: 400 for a type not accepted or a malformed size or SHA-256; 403 for anyone else "
            "on the case; 404 when the case is not yours; 409 on a closed case; 413 over the size "
            "cap; 503 when storage is down (nothing written)."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_selectors.case_get(request.user, pk)
        serializer = DeclareSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        declared = services.evidence_declare(case=case, user=request.user, **serializer.validated_data)
        data = DeclaredSerializer(declared.item, context={"upload": declared.upload}).data
        return Response(data, status=status.HTTP_201_CREATED)


class CaseEvidenceCatalogueView(ApiView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The evidence catalogue (证据目录) as a PDF for the case file",
        description=(
            "Every available item this user may see, by side in submission order.\n\n"
            "Who may call: anyone who may see the case.\n\n"
            "Errors: 404 when the case is not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        case = case_selectors.case_get(request.user, pk)
        pdf = catalogue_pdf(case, selectors.catalogue(request.user, case.pk))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"{case.case_number or case.pk}-证据目录.pdf"
        response["Content-Disposition"] = attachment_disposition(name)
        return response


class EvidenceDetailView(ApiView):
    @extend_schema(
        responses={200: EvidenceSerializer},
        summary="One evidence item",
        description=(
            "Who may call: anyone who may see it (the other side once it is available).\n\n"
            "Errors: 404 when there is no such item or it is not yours to see."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(EvidenceSerializer(selectors.evidence_get(request.user, pk)).data)


class EvidenceFinalizeView(ApiView):
    @extend_schema(
        request=None,
        responses={200: EvidenceSerializer},
        summary="Check the uploaded file and make the item available",
        description=(
            "Step 3 of 3, after the PUT. The server reads the stored file and compares its size, "
            "SHA-256 and real type with the declaration. Calling it again gives the same answer.\n\n"
            "Who may call: whoever declared the item (or a clerk).\n\n"
            "Errors: 422 `missing_object` when nothing was uploaded yet (upload, then call again); "
            "422 `size_mismatch` / `checksum_mismatch` and 400 `unsupported_type` discard the upload "
            "for good (declare again); 409 when the declaration expired; 404 when not yours; 503 when"
            " storage is down."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        item = selectors.evidence_get(request.user, pk)
        item = services.evidence_finalize(item=item, user=request.user)
        return Response(EvidenceSerializer(selectors.evidence_get(request.user, item.pk)).data)


class EvidenceDownloadView(ApiView):
    @extend_schema(
        responses={200: DownloadSerializer},
        summary="A short-lived link to download the item",
        description=(
            "Valid for minutes; every link handed out is recorded in the item's access log.\n\n"
            "Who may call: anyone who may see the item.\n\n"
            "Errors: 404 when not yours; 409 while the item is not available; 503 when storage is "
            "down (nothing recorded)."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        item = selectors.evidence_get(request.user, pk)
        link = services.evidence_download(item=item, user=request.user)
        return Response({"url": link.url, "expires_at": link.expires_at.isoformat()})


class EvidenceOpinionsView(ApiView):
    @extend_schema(
        request=OpinionSerializer,
        responses={201: OpinionOutSerializer},
        summary="Cross-examine an item of the other side (质证)",
        description=(
            "Agree or disagree on authenticity (真实性), legality (合法性) and relevance (关联性), with the "
            "reason for any disagreement. Once per side per item.\n\n"
            "Who may call: a party (or its verified agent) of the other side.\n\n"
            "Errors: 400 on your own side's item or a disagreement without a reason; 403 for staff; "
            "404 when not yours; 409 the second time, while the item is not available, or outside the"
            " hearing's cross-examination window (`stage_not_open` / `stage_closed`)."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        item = selectors.evidence_get(request.user, pk)
        serializer = OpinionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opinion = services.evidence_opinion_record(item=item, user=request.user, **serializer.validated_data)
        return Response(OpinionOutSerializer(opinion).data, status=status.HTTP_201_CREATED)


class EvidenceAccessesView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: AccessSerializer(many=True)},
        summary="Who downloaded the item, and when (the tribunal and staff)",
        description=(
            "Who may call: the tribunal and the commission's staff who may see the case.\n\n"
            "Errors: 403 for parties; 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        item = selectors.evidence_get(request.user, pk)
        if has_role(request.user, PARTY_ROLES):
            raise Forbidden(_("The access log is for the tribunal and the commission's staff."))
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.access_log(item), request, view=self)
        return paginator.get_paginated_response(AccessSerializer(page, many=True).data)
