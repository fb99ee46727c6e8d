"""Thin views of the hearing API: visibility first (404), then the service."""

from __future__ import annotations

from urllib.parse import quote

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
from core.api.pagination import Pagination
from core.api.views import ERRORS
from hearings import record, selectors, sessions
from hearings.api.serializers import (
    RecordConfirmationSerializer,
    SessionEventSerializer,
    SessionSerializer,
    SubmissionSerializer,
)
from hearings.documents import record_pdf
from hearings.inputs import (
    ConsentSerializer,
    EventsQuerySerializer,
    ReasonSerializer,
    RecordConfirmSerializer,
    SessionDecisionSerializer,
    SessionOpenSerializer,
    StageAdjustSerializer,
    SubmissionInputSerializer,
)
from hearings.models import HearingSession


def session_response(request: AuthenticatedRequest, session: HearingSession, code: int = 200) -> Response:
    fresh = selectors.session_get(request.user, session.pk)
    return Response(SessionSerializer(fresh).data, status=code)


class CaseSessionsView(ApiView):
    @extend_schema(
        responses={200: SessionSerializer(many=True), **ERRORS}, summary="The case's hearing sessions"
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
        responses={201: SessionSerializer, **ERRORS},
        summary="Open an asynchronous hearing session (the tribunal) or apply for one (a party)",
        description="The presiding arbitrator sends `stages` with a window each (statements, evidence, "
        "cross_examination, inquiry, final_statements); a party sends none and its application waits for the "
        "tribunal. The case must be in `async_hearing`; one session at a time (409).",
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
        responses={200: SessionSerializer, **ERRORS}, summary="One hearing session: stages, windows, consents"
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return session_response(request, _touched(request, pk))


class SessionDecisionView(ApiView):
    @extend_schema(
        request=SessionDecisionSerializer,
        responses={200: SessionSerializer, **ERRORS},
        summary="Approve or decline a party's application (the tribunal)",
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
        responses={200: SessionSerializer, **ERRORS},
        summary="Take part in the session, or withdraw consent",
        description="`agree: false` before a stage opens ends the session as `converted` and the case "
        "goes to an oral hearing; while a stage is open, withdrawing is refused (409).",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = ConsentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = sessions.session_consent(session=session, user=request.user, **serializer.validated_data)
        return session_response(request, session)


class SessionSubmissionsView(ApiView):
    @extend_schema(
        responses={200: SubmissionSerializer(many=True), **ERRORS}, summary="The session's record so far"
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = _touched(request, pk)
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.submissions_for(session, request.user), request, view=self
        )
        return paginator.get_paginated_response(SubmissionSerializer(page, many=True).data)

    @extend_schema(
        request=SubmissionInputSerializer,
        responses={201: SubmissionSerializer, **ERRORS},
        summary="Submit a statement, defence, evidence, question, answer or final statement",
        description="Only inside the stage's window: 409 `stage_not_open` before it, `stage_closed` "
        "after it. Immutable once submitted. Send an `Idempotency-Key`: a retry adds nothing.",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = SubmissionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sub = sessions.submission_create(session=session, user=request.user, **serializer.validated_data)
        return Response(SubmissionSerializer(sub).data, status=status.HTTP_201_CREATED)


class SessionEventsView(ApiView):
    @extend_schema(
        parameters=[EventsQuerySerializer],
        responses={200: SessionEventSerializer(many=True), **ERRORS},
        summary="The session's numbered events after N (what a reconnecting client missed)",
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
        responses={200: SessionSerializer, **ERRORS},
        summary="Extend, skip or repeat a stage (the presiding arbitrator, with a reason)",
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
        responses={200: SessionSerializer, **ERRORS},
        summary="Declare that your side has nothing more to add",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        return session_response(request, sessions.session_nothing_to_add(session=session, user=request.user))


class SessionCloseView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: SessionSerializer, **ERRORS},
        summary="Close the session; the case goes to deliberation (径行裁决)",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return session_response(
            request, sessions.session_close(session=session, user=request.user, **serializer.validated_data)
        )


class SessionConvertView(ApiView):
    @extend_schema(
        request=ReasonSerializer,
        responses={200: SessionSerializer, **ERRORS},
        summary="Convert to an oral hearing (the main facts are disputed)",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"] or ""
        if not reason.strip():
            from core.errors import field_error

            raise field_error("reason", _("Give the reason; it goes on the record."))
        return session_response(
            request, sessions.session_convert(session=session, user=request.user, reason=reason)
        )


class SessionRecordPdfView(ApiView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
        summary="The hearing record (笔录) as a PDF",
        description="Rendered deterministically: the same record gives the same bytes, so a party confirms "
        "it by sending the SHA-256 of the file it read. While a sealed window is open, a party's copy leaves "
        "out the other side's sealed statements.",
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        session = _touched(request, pk)
        pdf = record_pdf(session, selectors.submissions_for(session, request.user))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"{session.case.case_number or session.case_id}-{_('hearing record')}-{session.pk}.pdf"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response


class SessionRecordConfirmView(ApiView):
    @extend_schema(
        request=RecordConfirmSerializer,
        responses={201: RecordConfirmationSerializer, **ERRORS},
        summary="Confirm the hearing record (a party, once the session has closed)",
        description="`sha256` is the fingerprint of the record PDF the party read: 409 `record_changed` when "
        "it is not the current record's; one confirmation per side (409 `already_confirmed`).",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        session = selectors.session_get(request.user, pk)
        serializer = RecordConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        confirmation = record.record_confirm(
            session=session, user=request.user, sha256=serializer.validated_data["sha256"]
        )
        return Response(RecordConfirmationSerializer(confirmation).data, status=status.HTTP_201_CREATED)
