"""Thin API views for accounts, parties and notifications: validate input, call a service or selector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from cases import selectors, services
from cases.api.base import ApiView, ListApiView, ListCreateApiView, RetrieveApiView
from cases.api.serializers import (
    ErrorSerializer,
    MarkReadSerializer,
    MeSerializer,
    NotificationSerializer,
    PartyInputSerializer,
    PartySerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from cases.errors import Forbidden
from cases.models import Role

ERRORS = {code: OpenApiResponse(ErrorSerializer) for code in (400, 401, 403, 404, 409, 429)}


class LoginRateThrottle(AnonRateThrottle):
    """Every attempt, good or bad, per client address: a ceiling on top of the failure counts."""

    scope = "login"


class TokenView(ApiView):
    authentication_classes = [TokenAuthentication]
    throttle_classes = [LoginRateThrottle]

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer, **ERRORS},
        summary="Log in: exchange a username and password for an API token",
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_login(
            request=request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
            address=LoginRateThrottle().get_ident(request),
        )
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenResponseSerializer({"token": token.key, "user": user}).data)

    @extend_schema(request=None, responses={204: None, **ERRORS}, summary="Log out: revoke this token")
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(ApiView):
    @extend_schema(responses={200: MeSerializer, **ERRORS}, summary="The current user")
    def get(self, request: Request) -> Response:
        user = request.user
        user.unread_notifications = selectors.unread_count(user)
        return Response(MeSerializer(user).data)


class PartyListView(ListCreateApiView):
    serializer_class = PartySerializer
    filterset_fields = ["kind", "id_number", "credit_code"]

    def get_queryset(self):
        return selectors.parties_visible_to(self.request.user).order_by("id")

    @extend_schema(request=PartyInputSerializer, responses={201: PartySerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        if not selectors.has_role(request.user, Role.CLERK, Role.SUPERVISOR, Role.ADMIN):
            raise Forbidden(_("Only clerks register parties."))
        serializer = PartyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        party = services.party_create(**serializer.validated_data)
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


class PartyDetailView(RetrieveApiView):
    serializer_class = PartySerializer

    def get_queryset(self):
        return selectors.parties_visible_to(self.request.user)


class NotificationListView(ListApiView):
    serializer_class = NotificationSerializer
    filterset_fields = {"read_at": ["isnull"]}

    def get_queryset(self):
        return selectors.notifications_for(self.request.user)


class NotificationReadView(ApiView):
    @extend_schema(
        request=MarkReadSerializer, responses={200: None, **ERRORS}, summary="Mark notifications read"
    )
    def post(self, request: Request) -> Response:
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(user=request.user, ids=serializer.validated_data.get("ids"))
        return Response({"marked": marked, "unread": selectors.unread_count(request.user)})


class ApiNotFoundView(ApiView):
    """Any unknown path under /api/: the contract's 404 envelope rather than an HTML page."""

    permission_classes = [AllowAny]
    schema = None

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        raise NotFound()
