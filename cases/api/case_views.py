"""Thin views of the case API: visibility first (404), then the step's availability (409/403), then the
input (400), then the service."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from accounts.models import User
from accounts.requests import AuthenticatedRequest
from accounts.roles import STAFF_ROLES, has_role
from cases import selectors, services
from cases.api.case_serializers import (
    ArbitratorSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    EventSerializer,
)
from cases.api.schema import ACTION_NAME, TRANSITION_NAME, ref
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
from core.errors import Forbidden


def detail_response(
    request: AuthenticatedRequest, case: Case, status_code: int = status.HTTP_200_OK
) -> Response:
    fresh = selectors.case_detail_get(request.user, case.pk)
    return Response(CaseDetailSerializer(fresh, context={"request": request}).data, status=status_code)


class _ItemPaginator(selectors.CasePaginator):
    """A filtered list's page as ``selectors.CaseListItem`` rows, which ``CaseListSerializer`` turns into the
    answer."""

    def page(self, number: int | str) -> Any:
        return self.page_items(number)


class _ListItemPaginator(selectors.ListPaginator):
    """An unfiltered list's page (its SQL compiled once: ``selectors.ListPaginator``) as list rows."""

    def page(self, number: int | str) -> Any:
        return self.page_items(number)


class CaseListPagination(Pagination):
    """Pages of cases: unfiltered (``ordering`` given), a ``selectors.ListPaginator`` of the user's cases;
    filtered, a ``selectors.CasePaginator`` of the queryset."""

    def __init__(self, user: User | None = None, ordering: str | None = None) -> None:
        self.user = user
        self.ordering = ordering

    def django_paginator_class(self, queryset: QuerySet[Case], page_size: int) -> selectors.CasePaginator:  # type: ignore[override]
        if self.user is not None and self.ordering is not None:
            return _ListItemPaginator(self.user, self.ordering, page_size)
        return _ItemPaginator(queryset, page_size)


# The comma-separated form of ?status=a,b (OpenAPI's form style without explode).
STATUS_PARAMETER = OpenApiParameter(
    "status",
    {"type": "array", "items": {"$ref": "#/components/schemas/CaseStatusEnum"}, "minItems": 1},
    OpenApiParameter.QUERY,
    style="form",
    explode=False,
    description="Only cases in this status; several statuses separated by commas.",
)


class CaseListView(ApiView):
    pagination_class = CaseListPagination

    @extend_schema(
        parameters=[CaseListQuerySerializer, STATUS_PARAMETER],
        responses={200: CaseListSerializer(many=True)},
        summary="List the cases this user may see",
        description=(
            "A page of the cases this user may see: a party sees its own cases (and an agent those it "
            "acts in), staff see the cases of their work, supervisors all. Filter by status, procedure, "
            "arbitrator, an open deadline due by a date, or a search text; order by `ordering`.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 for an unknown status, ordering or filter value, or a page number or size out of "
            "range; 404 for a page past the last one."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        params: dict[str, Any] = {}
        if request.query_params:  # none (the first page, as most ask it): nothing to check, nothing given
            # A plain dict: an empty value (?ordering=) is refused, as in a JSON body, rather than ignored.
            query = CaseListQuerySerializer(data=request.query_params.dict())
            query.is_valid(raise_exception=True)
            params = dict(query.validated_data)
        ordering = params.pop("ordering", None) or "next_due_on"
        # Unfiltered, the paginator reads the user's cases in statements it compiled once (a value that
        # filters nothing, as case_filter reads it, may take either path: the same page). Filtered, it
        # counts the visible and filtered cases, then reads one page of their ids.
        filtered = any(value is not None and value != "" and value != [] for value in params.values())
        if filtered:
            cases = selectors.case_filter(selectors.cases_visible_to(request.user), **params)
            cases = cases.order_by(*selectors.ORDERINGS[ordering])
        else:
            cases = Case.objects.none()  # unused: the paginator builds the user's list when it must
        paginator = CaseListPagination() if filtered else CaseListPagination(request.user, ordering)
        page = paginator.paginate_queryset(cases, request, view=self)
        return paginator.get_paginated_response(
            CaseListSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=CaseCreateSerializer,
        responses={201: CaseDetailSerializer},
        summary="File an application",
        description=(
            "A party files an application against a respondent (the user becomes its applicant); a clerk "
            "registers one received at the counter, naming the applicant and, if need be, the date it was "
            "received. Answers the new case, in status `submitted`. Send an `Idempotency-Key` header so a "
            "retry after a lost answer files nothing twice.\n\n"
            "Who may call: applicants (and their agents) and clerks.\n\n"
            "Errors: 400 for missing or invalid fields (an ID number or credit code that fails its check, "
            "an amount that is not plain yuan), or an ID number that already belongs to another account "
            "(`identity_unverified`); 403 for other roles; 409 when an `Idempotency-Key` was used for a "
            "different request."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_file(user=request.user, **serializer.validated_data)
        return detail_response(request, case, status.HTTP_201_CREATED)


class CaseDetailView(ApiView):
    @extend_schema(
        responses={200: CaseDetailSerializer},
        summary="Read a case",
        description=(
            "The case with its parties, claims, tribunal, consents and deadlines, and what this user may "
            "do on it now: `allowed_transitions` (the transitions enabled now) and `options` (every step "
            "offered to this user, with `reason` when it is not yet possible). Contact details of another "
            "party are masked for users who are not that party, its agents or staff.\n\n"
            "Who may call: any signed-in user who may see the case.\n\n"
            "Errors: 404 when there is no such case or this user may not see it."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_detail_get(request.user, pk)
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
        parameters=[
            OpenApiParameter(
                "name", ref(TRANSITION_NAME), OpenApiParameter.PATH, description="The transition to fire."
            )
        ],
        request=TRANSITION_INPUT,
        responses={200: CaseDetailSerializer},
        summary="Move a case to its next status (a transition)",
        description=(
            "Fires the transition `name` (accept, reject, withdraw, refer_to_mediation, …) and answers "
            "the case as it now is. The body holds the transition's fields: `reason` for all (required "
            "by reject and suspend), and e.g. `procedure` and `arbitrators` for accept or `hearing_at` "
            "for schedule_oral_hearing. The case's `allowed_transitions` lists the ones this user may "
            "fire now.\n\n"
            "Who may call: the user the transition belongs to (a clerk accepts, a party withdraws, the "
            "tribunal concludes the hearing…).\n\n"
            "Errors: 400 for invalid or missing fields (`deadline_too_soon` for a hearing less than five "
            "days ahead); 403 when this user may not fire it; 404 for no such case or transition; 409 "
            "(`invalid_transition`) when the case's status or a missing condition does not allow it now."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        return _take_step(request, pk, name, transition=True)


class CaseActionView(ApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name", ref(ACTION_NAME), OpenApiParameter.PATH, description="The action to take."
            )
        ],
        request=ACTION_INPUT,
        responses={200: CaseDetailSerializer},
        summary="Take a procedural step that keeps the status",
        description=(
            "Takes the action `name` (serve_application, file_defence, request_supplement, "
            "extend_ruling, …) and answers the case as it now is, with any extra fields the action "
            "produces (such as the access codes printed on served notices). The body holds the action's "
            "fields. The case's `options` lists the actions offered to this user.\n\n"
            "Who may call: the user the action belongs to (a clerk serves, the respondent files its "
            "defence…).\n\n"
            "Errors: 400 for invalid or missing fields; 403 when this user may not take it; 404 for no "
            "such case or action; 409 when the case's status or a missing condition does not allow it now."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        return _take_step(request, pk, name, transition=False)


class CaseEventsView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: EventSerializer(many=True)},
        summary="Read a case's timeline",
        description=(
            "A page of the case's events, oldest first: every transition and action, who took it "
            "(`actor`, null for the system's own steps such as a deadline passing), when, why, and the "
            "status before and after.\n\n"
            "Who may call: any signed-in user who may see the case.\n\n"
            "Errors: 400 for a page number or size out of range; 404 for no such case, one this user may "
            "not see, or a page past the last one."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.case_events(case), request, view=self)
        return paginator.get_paginated_response(EventSerializer(page, many=True).data)


class CaseConsentsView(ApiView):
    @extend_schema(
        request=ConsentRequestSerializer,
        responses={200: CaseDetailSerializer},
        summary="Record a party's consents",
        description=(
            "A party (or its agent) gives or withdraws its own consents to pre-filing mediation, an "
            "asynchronous hearing and electronic service; a clerk records a side's consents given at the "
            "counter (naming `side`). Answers the case; its `consents` shows both sides' answers.\n\n"
            "Who may call: the case's parties and their agents, and clerks.\n\n"
            "Errors: 400 when no consent is given; 403 for other users or another side's consents; 404 "
            "for no such case or one this user may not see."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        serializer = ConsentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_record_consents(case=case, user=request.user, **serializer.validated_data)
        return detail_response(request, case)


class TribunalAnswerSerializer(serializers.Serializer):
    arbitrators = serializers.ListField(
        child=serializers.IntegerField(), help_text="User ids; empty before the tribunal is composed."
    )
    presiding = serializers.IntegerField(allow_null=True, help_text="The presiding arbitrator's user id.")


class CaseTribunalView(ApiView):
    @extend_schema(
        responses={200: TribunalAnswerSerializer},
        summary="Read a case's tribunal",
        description=(
            "The user ids of the case's arbitrators and of the one who presides (null before the tribunal "
            "is composed).\n\n"
            "Who may call: any signed-in user who may see the case.\n\n"
            "Errors: 404 for no such case or one this user may not see."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_detail_get(request.user, pk)
        return Response(
            {
                "arbitrators": [m.arbitrator_id for m in case.tribunal.all()],
                "presiding": case.presiding_arbitrator_id,
            }
        )

    @extend_schema(
        request=TribunalSerializer,
        responses={200: CaseDetailSerializer},
        summary="Compose a case's tribunal",
        description=(
            "Names one arbitrator or three (user ids from GET /api/v1/arbitrators/); the first presides. "
            "Answers the case.\n\n"
            "Who may call: clerks and supervisors.\n\n"
            "Errors: 400 for a wrong number of arbitrators or users who are not arbitrators; 403 for other "
            "roles; 404 for no such case; 409 when the case's status no longer allows composing it."
        ),
    )
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
        responses={200: CaseDetailSerializer},
        summary="Verify, reject or revoke an agent's mandate",
        description=(
            "An agent acts for a party only once its mandate (授权委托书) is verified: the party confirms "
            "or rejects it; a clerk records that the signed power of attorney was checked.\n\n"
            "Who may call: the party itself (from its own account) or a clerk of the filing window.\n\n"
            "Errors: 400 for a decision other than verified/rejected, or a clerk's verification "
            "without a note; 403 for anyone else; 404 when the case or agent is not yours; 409 when "
            "the mandate is already decided that way (or was rejected)."
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
    error_statuses = (404,)  # no case matches the number and the code

    @extend_schema(
        request=BindSerializer,
        responses={200: CaseDetailSerializer},
        summary="Bind a case with the access code of a served notice",
        description=(
            "A respondent with no link to the case yet binds its account to it with the case number and "
            "the access code printed on the notice it was served. Answers the case.\n\n"
            "Who may call: any signed-in user holding the notice.\n\n"
            "Errors: 400 for missing fields; 404 when the number and code do not match or the code was "
            "used; 429 after too many attempts (wait `Retry-After` seconds)."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = BindSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.case_bind(user=request.user, **serializer.validated_data)
        return detail_response(request, case)


class CaseStatusCountsView(ApiView):
    @extend_schema(
        parameters=[CaseListQuerySerializer, STATUS_PARAMETER],
        responses={
            200: OpenApiResponse(
                {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
                description="The number of cases in each status that has any, by status name.",
            )
        },
        summary="Count the cases this user may see, by status",
        description=(
            "The counters of the docket: how many of the cases this user may see are in each status, "
            "after the same filters as the case list (`status` and `ordering` are ignored). Statuses with "
            "no case are left out.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 for an unknown filter value."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        query = CaseListQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        params = {k: v for k, v in query.validated_data.items() if k not in ("ordering", "status")}
        cases = selectors.case_filter(selectors.cases_visible_to(request.user), **params)
        return Response(selectors.status_counts(cases))


class ArbitratorListView(ApiView):
    pagination_class = Pagination  # the schema documents the page envelope the answer has

    @extend_schema(
        responses={200: ArbitratorSerializer(many=True)},
        summary="List the arbitrators to seat on a tribunal",
        description=(
            "A page of the active arbitrators, by name, each with the number of open cases on whose "
            "tribunal it sits: the choice for PUT /api/v1/cases/{id}/tribunal/ and for `accept`.\n\n"
            "Who may call: the commission's staff (clerks, mediators, arbitrators, supervisors, admins).\n\n"
            "Errors: 401 when not signed in; 403 for parties and agents; 400 for a page number or size out "
            "of range; 404 for a page past the last one."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        if not has_role(request.user, STAFF_ROLES):
            raise Forbidden(_("Only the commission's staff list the arbitrators."))
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.arbitrators_with_open_cases(), request, view=self)
        return paginator.get_paginated_response(ArbitratorSerializer(page, many=True).data)
