"""Thin views of the case API: visibility first (404), then the step's availability (409/403), then the
input (400), then the service."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from accounts.requests import AuthenticatedRequest
from cases import selectors, services
from cases.api.case_serializers import CaseDetailSerializer, CaseListSerializer, EventSerializer
from cases.inputs import (
    BindSerializer,
    CaseCreateSerializer,
    CaseListQuerySerializer,
    ConsentRequestSerializer,
    MandateDecisionSerializer,
    TribunalSerializer,
)
from cases.models import Case
from cases.registry import STEPS
from core.api.base import ApiView
from core.api.pagination import Pagination
from core.api.views import ERRORS
from core.errors import field_error


def detail_response(
    request: AuthenticatedRequest, case: Case, status_code: int = status.HTTP_200_OK
) -> Response:
    fresh = selectors.case_get(request.user, case.pk, queryset=selectors.case_detail_queryset())
    return Response(CaseDetailSerializer(fresh, context={"request": request}).data, status=status_code)


class CaseListPagination(Pagination):
    django_paginator_class = selectors.CasePaginator


class CaseListView(ApiView):
    pagination_class = CaseListPagination

    @extend_schema(
        parameters=[CaseListQuerySerializer],
        responses={200: CaseListSerializer(many=True), **ERRORS},
        summary="The cases this user may see",
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        query = CaseListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        ordering = params.pop("ordering", None) or "next_due_on"
        if ordering not in selectors.ORDERINGS:
            raise field_error(
                "ordering", _("Order by one of: %(names)s") % {"names": ", ".join(selectors.ORDERINGS)}
            )
        # Visible and filtered; the paginator counts these, then reads one page of rows.
        cases = selectors.case_filter(selectors.cases_visible_to(request.user), **params)
        cases = cases.order_by(*selectors.ORDERINGS[ordering])
        paginator = CaseListPagination()
        page = paginator.paginate_queryset(cases, request, view=self)
        return paginator.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseDetailSerializer, **ERRORS})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_file(user=request.user, **serializer.validated_data)
        return detail_response(request, case, status.HTTP_201_CREATED)


class CaseDetailView(ApiView):
    @extend_schema(responses={200: CaseDetailSerializer, **ERRORS})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk, queryset=selectors.case_detail_queryset())
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


def _step_inputs(transition: bool) -> list[Any]:
    """The input shapes of the registered steps of one kind, for the schema (read when it is built)."""
    steps = STEPS.transitions() if transition else STEPS.actions()
    return list(dict.fromkeys(step.input for step in steps))


# The URLconf (and so this module) is imported after every app's ready() has registered its steps.
TRANSITION_INPUT = PolymorphicProxySerializer(
    component_name="TransitionInput", serializers=_step_inputs(True), resource_type_field_name=None
)
ACTION_INPUT = PolymorphicProxySerializer(
    component_name="ActionInput", serializers=_step_inputs(False), resource_type_field_name=None
)


def _take_step(request: AuthenticatedRequest, pk: int, name: str, *, transition: bool) -> Response:
    """Visibility first (404), then the step's availability (404/409/403), then its input (400)."""
    case = selectors.case_get(request.user, pk)
    step = services.check_step(case, name, request.user, transition=transition)
    serializer = step.input(data=request.data)
    serializer.is_valid(raise_exception=True)
    result = services.take_step(case=case, user=request.user, name=name, data=serializer.validated_data)
    response = detail_response(request, case)
    if step.present is not None:
        response.data.update(step.present(result))
    return response


class CaseTransitionView(ApiView):
    @extend_schema(
        request=TRANSITION_INPUT,
        responses={200: CaseDetailSerializer, **ERRORS},
        summary="Fire a transition (refer_to_mediation, accept, reject, withdraw, …)",
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        return _take_step(request, pk, name, transition=True)


class CaseActionView(ApiView):
    @extend_schema(
        request=ACTION_INPUT,
        responses={200: CaseDetailSerializer, **ERRORS},
        summary="Take a procedural step (serve_application, file_defence, extend_ruling, …)",
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        return _take_step(request, pk, name, transition=False)


class CaseEventsView(ApiView):
    @extend_schema(responses={200: EventSerializer(many=True), **ERRORS}, summary="The case's timeline")
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.case_events(case), request, view=self)
        return paginator.get_paginated_response(EventSerializer(page, many=True).data)


class CaseConsentsView(ApiView):
    @extend_schema(request=ConsentRequestSerializer, responses={200: CaseDetailSerializer, **ERRORS})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        serializer = ConsentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_record_consents(case=case, user=request.user, **serializer.validated_data)
        return detail_response(request, case)


class CaseTribunalView(ApiView):
    @extend_schema(responses={200: TribunalSerializer, **ERRORS})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk, queryset=selectors.case_detail_queryset())
        return Response(
            {
                "arbitrators": [m.arbitrator_id for m in case.tribunal.all()],
                "presiding": case.presiding_arbitrator_id,
            }
        )

    @extend_schema(request=TribunalSerializer, responses={200: CaseDetailSerializer, **ERRORS})
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        serializer = TribunalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arbitrators = services.arbitrators_by_id(serializer.validated_data["arbitrators"])
        case = services.case_set_tribunal(case=case, user=request.user, arbitrators=arbitrators)
        return detail_response(request, case)


class CaseAgentMandateView(ApiView):
    @extend_schema(
        request=MandateDecisionSerializer,
        responses={200: CaseDetailSerializer, **ERRORS},
        summary="Verify, reject or revoke an agent's mandate",
        description=(
            "An agent acts for a party only once its mandate (授权委托书) is verified. The party itself "
            "confirms or rejects it from its own account; a clerk of the filing window records that the "
            "signed power of attorney was checked (a note is required). 403 for anyone else; 409 when the "
            "mandate is already decided that way (or was rejected)."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, agent_id: int) -> Response:
        case = selectors.case_get(request.user, pk)
        serializer = MandateDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.case_decide_mandate(
            case=case, agent_id=agent_id, user=request.user, **serializer.validated_data
        )
        return detail_response(request, case)


class BindThrottle(ScopedRateThrottle):
    scope = "bind"


class CaseBindView(ApiView):
    throttle_classes = [BindThrottle]
    throttle_scope = "bind"

    @extend_schema(request=BindSerializer, responses={200: CaseDetailSerializer, **ERRORS})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = BindSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_bind(user=request.user, **serializer.validated_data)
        return detail_response(request, case)


class CaseStatusCountsView(ApiView):
    @extend_schema(
        parameters=[CaseListQuerySerializer],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="{status: count}")},
        summary="How many visible cases are in each status (the docket's counters)",
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        query = CaseListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = {k: v for k, v in query.validated_data.items() if k not in ("ordering", "status")}
        cases = selectors.case_filter(selectors.cases_visible_to(request.user), **params)
        return Response(selectors.status_counts(cases))
