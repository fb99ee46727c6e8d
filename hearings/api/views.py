"""Thin views of the hearing API: visibility first (404), then the service."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from accounts.roles import PARTY_ROLES, has_role
from cases import selectors as case_selectors
from core.api.base import ApiView
from core.api.pagination import Pagination, RowsPagination
from core.storage import attachment_disposition
from hearings import groups, record, selectors, sessions
from hearings.api.serializers import (
    SUBMISSION_ROW,
    RecordConfirmationSerializer,
    SessionEventSerializer,
    SessionSerializer,
    SubmissionSerializer,
    submission_rows,
)
from hearings.documents import record_pdf
from hearings.inputs import (
    ConsentSerializer,
    EventsQuerySerializer,
    RecordConfirmSerializer,
    SessionDecisionSerializer,
    SessionOpenSerializer,
    SessionReasonSerializer,
    StageAdjustSerializer,
    SubmissionInputSerializer,
)
from hearings.models import HearingSession, StageKind, SubmissionKind


def session_response(request: AuthenticatedRequest, session: HearingSession, code: int = 200) -> Response:
    fresh = selectors.session_get(request.user, session.pk)
    return Response(SessionSerializer(fresh).data, status=code)


class CaseSessionsView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: SessionSerializer(many=True)},
        summary="The case's hearing sessions",
        description=(
            "Who may call: the parties (and verified agents), the tribunal and staff who may see the "
            "case.\n\n"
            "Errors: 404 when the case is not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_selectors.case_get(request.user, pk)
        rows = (
            selectors.sessions_visible_to(request.user)
            .filter(case=case)
            .prefetch_related("stages__waivers", "consents", "nothing_to_add")
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(SessionSerializer(page, many=True).data)

    @extend_schema(
        request=SessionOpenSerializer,
        responses={201: SessionSerializer},
        summary="Open an asynchronous hearing session (the tribunal) or apply for one (a party)",
        description=(
            "The presiding arbitrator sends `stages` with a window each (statements, evidence, "
            "cross_examination, inquiry, final_statements); a party's application waits for the "
            "tribunal.\n\n"
            "Who may call: the presiding arbitrator (opens, with `stages`); a party (applies, "
            "without).\n\n"
            "Errors: 400 for windows that overlap, end before they start or are already over; 403 for"
            " others; 404 when the case is not yours; 409 when the case is not in `async_hearing` or "
            "already has a session in progress."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_selectors.case_get(request.user, pk)
        serializer = SessionOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if has_role(request.user, PARTY_ROLES):
            session = sessions.session_apply(case=case, user=request.user, reason=data["reason"])
        else:
            session = sessions.session_open(case=case, user=request.user, stages=data.get("stages") or [])
        return session_response(request, session, status.HTTP_201_CREATED)


def _touched(request: AuthenticatedRequest, pk: int) -> HearingSession:
    """The session, visible to this user, with its windows brought up to the clock."""
    session = selectors.session_get(request.user, pk)
    return sessions.tick(session)


class SessionDetailView(ApiView):
    @extend_schema(
        responses={200: SessionSerializer},
        summary="One hearing session: stages, windows, consents",
        description=(
            "Reading it also opens and closes the windows that are due.\n\n"
            "Who may call: the parties (and verified agents), the tribunal and staff who may see the "
            "case.\n\n"
            "Errors: 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return session_response(request, _touched(request, pk))


class SessionDecisionView(ApiView):
    @extend_schema(
        request=SessionDecisionSerializer,
        responses={200: SessionSerializer},
        summary="Approve or decline a party's application (the tribunal)",
        description=(
            "Who may call: the presiding arbitrator.\n\n"
            "Errors: 400 for bad windows or a decline without a reason; 403 for others; 404 when not "
            "yours; 409 when already decided."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = SessionDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = sessions.session_decide_application(
            session=session, user=request.user, **serializer.validated_data
        )
        return session_response(request, session)


class SessionConsentView(ApiView):
    @extend_schema(
        request=ConsentSerializer,
        responses={200: SessionSerializer},
        summary="Take part in the session, or withdraw consent",
        description=(
            "`agree: false` before a stage opens ends the session as `converted` and the case goes to"
            " an oral hearing.\n\n"
            "Who may call: a party (or its verified agent); a clerk recording a counter consent "
            "(`side`).\n\n"
            "Errors: 403 for others; 404 when not yours; 409 while a stage is open (withdrawal) or "
            "when the session has ended."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = ConsentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = sessions.session_consent(session=session, user=request.user, **serializer.validated_data)
        return session_response(request, session)


class SessionSubmissionsView(ApiView):
    pagination_class = RowsPagination

    @extend_schema(
        responses={200: SubmissionSerializer(many=True)},
        summary="The session's record so far",
        description=(
            "Who may call: the parties (and verified agents), the tribunal and staff; a sealed "
            "stage's statements of the other side appear when its window closes.\n\n"
            "Errors: 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        # The session with its stages in one query, the page with its count in another, both compiled once,
        # read as rows and written by hand: ~5 ms a request before, most of it Python (cProfile of
        # benchmarks/http_load.py's submissions over 100,000 cases).
        session, stages = selectors.session_read(request.user, pk)
        session, stages = sessions.tick_read(session, stages=stages)
        paginator = RowsPagination()
        rows = paginator.paginate_rows(
            request,
            lambda start, size: selectors.submission_page(
                session, request.user, stages, SUBMISSION_ROW, start, size
            ),
        )
        return paginator.get_paginated_response(submission_rows(rows))

    @extend_schema(
        request=SubmissionInputSerializer,
        responses={201: SubmissionSerializer},
        summary="Submit a statement, defence, evidence, question, answer or final statement",
        description=(
            "Immutable once submitted. Send an `Idempotency-Key`: a retry adds nothing.\n\n"
            "A statement or defence may state `elements`: [{`claim`, `element`, `position`}], the side's "
            "positions on its claims' elements (e.g. 月工资: 12000), which the tribunal's award draft "
            "offers per claim.\n\n"
            "Who may call: a party that consented (statements, evidence, answers, final statements, "
            "as the stage allows); the tribunal (questions).\n\n"
            "Errors: 400 for a kind not allowed in the stage or for you, text over the limit, "
            "evidence not yours, or an element position on a claim not of this case (`elements.N.claim`), "
            "stated twice, or in another kind of submission; 404 when not yours; 409 `stage_not_open` "
            "before the window, `stage_closed` after it, `consent_required` before consenting."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = SubmissionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sub = sessions.submission_create(session=session, user=request.user, **serializer.validated_data)
        return Response(SubmissionSerializer(sub).data, status=status.HTTP_201_CREATED)


class SessionEventsView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[EventsQuerySerializer],
        responses={200: SessionEventSerializer(many=True)},
        summary="The session's numbered events after N (what a reconnecting client missed)",
        description=(
            "Who may call: the parties (and verified agents), the tribunal and staff.\n\n"
            "Errors: 400 for a negative or non-numeric `after`; 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = _touched(request, pk)
        query = EventsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = Pagination()
        events = selectors.events_for(session, request.user, query.validated_data["after"])
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(SessionEventSerializer(page, many=True).data)


class StageAdjustView(ApiView):
    @extend_schema(
        request=StageAdjustSerializer,
        responses={200: SessionSerializer},
        summary="Extend, skip or repeat a stage (the presiding arbitrator, with a reason)",
        description=(
            "Who may call: the presiding arbitrator.\n\n"
            "Errors: 400 without a reason or with a bad window; 403 for others; 404 when not yours; "
            "409 when the stage has closed (extend) or the session is not open."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, stage_id: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = StageAdjustSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sessions.stage_adjust(
            session=session, stage_id=stage_id, user=request.user, **serializer.validated_data
        )
        return session_response(request, session)


class NothingToAddView(ApiView):
    @extend_schema(
        request=None,
        responses={200: SessionSerializer},
        summary="Declare that your side has nothing more to add",
        description=(
            "Who may call: a party (or its verified agent).\n\n"
            "Errors: 403 for others; 404 when not yours; 409 when already declared or the session is "
            "not open."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        return session_response(request, sessions.session_nothing_to_add(session=session, user=request.user))


class SessionCloseView(ApiView):
    @extend_schema(
        request=SessionReasonSerializer,
        responses={200: SessionSerializer},
        summary="Close the session; the case goes to deliberation (径行裁决)",
        description=(
            "Who may call: the presiding arbitrator.\n\n"
            "Errors: 403 for others; 404 when not yours; 409 `stages_pending` while windows remain "
            "and not both sides have nothing to add."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = SessionReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return session_response(
            request, sessions.session_close(session=session, user=request.user, **serializer.validated_data)
        )


class SessionConvertView(ApiView):
    @extend_schema(
        request=SessionReasonSerializer,
        responses={200: SessionSerializer},
        summary="Convert to an oral hearing (the main facts are disputed)",
        description=(
            "Who may call: the presiding arbitrator.\n\n"
            "Errors: 400 without a reason; 403 for others; 404 when not yours; 409 when the session "
            "has ended."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = SessionReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        return session_response(
            request, sessions.session_convert(session=session, user=request.user, reason=reason)
        )


class SessionRecordPdfView(ApiView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The hearing record (笔录) as a PDF",
        description=(
            "Rendered deterministically: the same record gives the same bytes, so a party confirms it by "
            "sending the SHA-256 of the file it read. While a sealed window is open, a party's copy leaves "
            "out the other side's sealed statements.\n\n"
            "Who may call: the parties (and verified agents), the tribunal and staff who may see it.\n\n"
            "Errors: 404 when not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        session = _touched(request, pk)
        pdf = record_pdf(session, selectors.submissions_for(session, request.user))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"{session.case.case_number or session.case_id}-{_('hearing record')}-{session.pk}.pdf"
        response["Content-Disposition"] = attachment_disposition(name)
        return response


class SessionRecordConfirmView(ApiView):
    @extend_schema(
        request=RecordConfirmSerializer,
        responses={201: RecordConfirmationSerializer},
        summary="Confirm the hearing record (a party, once the session has closed)",
        description=(
            "`sha256` is the fingerprint of the record PDF the party read.\n\n"
            "Who may call: a party (or its verified agent), once the session has closed.\n\n"
            "Errors: 400 for a malformed SHA-256; 403 for the tribunal and staff; 404 when not yours; 409 "
            "`record_changed` when it is not the current record's, `already_confirmed` the second time, "
            "`invalid_transition` before the session closed."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = RecordConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        confirmation = record.record_confirm(
            session=session, user=request.user, sha256=serializer.validated_data["sha256"]
        )
        return Response(RecordConfirmationSerializer(confirmation).data, status=status.HTTP_201_CREATED)


# --- the joint hearing of linked cases (串案) -------------------------------------------------------------


class JointSessionRefSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    case = serializers.IntegerField()
    case_number = serializers.CharField(allow_null=True)
    status = serializers.CharField()


class JointHearingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    group = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    stages = serializers.ListField(child=serializers.DictField())
    sessions = JointSessionRefSerializer(many=True)


class JointSubmissionInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(
        choices=StageKind.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="The stage's kind.",
    )
    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    text = serializers.CharField(max_length=20_000)


class JointResultSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    case = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=["done", "refused", "left"])
    status = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    detail = serializers.CharField()
    submission = serializers.IntegerField(allow_null=True)


class JointSubmissionResultSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    refused = serializers.IntegerField()
    left = serializers.IntegerField()
    results = JointResultSerializer(many=True)


class JointHearingView(ApiView):
    @extend_schema(
        responses={200: JointHearingSerializer},
        summary="A joint hearing of linked cases",
        description=(
            "The stages every member's session shares and the member sessions this user may see.\n\n"
            "Who may call: staff who see the group; the employer (respondent of the members), which sees "
            "its own sessions. A worker reads its own case's session instead.\n\n"
            "Errors: 404 for no such joint hearing or one not yours."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        joint = groups.joint_hearing_get(request.user, pk)
        rows = groups.joint_sessions(joint, request.user)
        return Response(
            {
                "id": joint.pk,
                "group": joint.group_id,
                "created_at": joint.created_at,
                "stages": joint.stages,
                "sessions": [
                    {
                        "session": s.pk,
                        "case": s.case_id,
                        "case_number": s.case.case_number,
                        "status": s.status,
                    }
                    for s in rows
                ],
            }
        )


class JointSubmissionsView(ApiView):
    @extend_schema(
        request=JointSubmissionInputSerializer,
        responses={200: JointSubmissionResultSerializer},
        summary="The employer's common submission to every member's session",
        description=(
            "Made once, entered in the session of every member case the employer is respondent in, each "
            "through that session's own rules. Each worker reads it in their own case's record. The answer "
            "lists each member session's result: `done` (with the submission's id), `refused` (its status "
            "and code, e.g. 409 `stage_not_open`) or `left` (session or case no longer in the hearing).\n\n"
            "Who may call: the respondent's side (its accounts and verified agents).\n\n"
            "Errors: 400 for an invalid body; 404 when the joint hearing is not yours."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        joint = groups.joint_hearing_get(request.user, pk)
        serializer = JointSubmissionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        results = groups.joint_submission_create(joint=joint, user=request.user, **serializer.validated_data)
        rows = [
            {
                "session": r.session.pk,
                "case": r.session.case_id,
                "outcome": r.outcome,
                "status": r.status,
                "code": r.code,
                "detail": r.detail,
                "submission": r.submission,
            }
            for r in results
        ]
        return Response(
            {
                "done": sum(1 for r in results if r.outcome == "done"),
                "refused": sum(1 for r in results if r.outcome == "refused"),
                "left": sum(1 for r in results if r.outcome == "left"),
                "results": rows,
            }
        )
