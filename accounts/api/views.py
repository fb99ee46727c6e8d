"""Thin API views of accounts: signing in, the current user, the party registry."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, BaseThrottle

from accounts import selectors, services
from accounts.api.serializers import (
    MeSerializer,
    PartySerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from accounts.inputs import CounterLinkInputSerializer, PartyInputSerializer, RealNameInputSerializer
from accounts.models import Party
from accounts.requests import AuthenticatedRequest
from accounts.roles import STAFF_LIST_ROLES, has_role
from core import selectors as core_selectors
from core.api.base import ApiView, ListCreateApiView, RetrieveApiView
from core.api.views import ERRORS
from core.errors import Forbidden
from core.tokens import DeviceTokenAuthentication


class LoginRateThrottle(AnonRateThrottle):
    """Every attempt, good or bad, per client address: a ceiling on top of the failure counts."""

    scope = "login"


class TokenView(ApiView):
    authentication_classes = [DeviceTokenAuthentication]
    throttle_classes = [LoginRateThrottle]

    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self) -> list[BaseThrottle]:
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
        token, expiry = services.token_issue(user=user)
        return Response(TokenResponseSerializer({"token": token, "expiry": expiry, "user": user}).data)

    @extend_schema(
        request=None, responses={204: None, **ERRORS}, summary="Log out this device (its token only)"
    )
    def delete(self, request: AuthenticatedRequest) -> Response:
        return _log_out(request)


def _log_out(request: AuthenticatedRequest) -> Response:
    if isinstance(request.auth, AuthToken):
        services.token_revoke(token=request.auth)
    return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(ApiView):
    authentication_classes = [DeviceTokenAuthentication]

    @extend_schema(
        request=None, responses={204: None, **ERRORS}, summary="Log out this device (its token only)"
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        return _log_out(request)


class LogoutAllView(ApiView):
    authentication_classes = [DeviceTokenAuthentication]

    @extend_schema(
        request=None, responses={204: None, **ERRORS}, summary="Log out every device of this account"
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        services.token_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(ApiView):
    @extend_schema(responses={200: MeSerializer, **ERRORS}, summary="The current user")
    def get(self, request: AuthenticatedRequest) -> Response:
        user = request.user
        # MeSerializer reads the count from the user object, which has no such field.
        user.unread_notifications = core_selectors.unread_count(user)  # type: ignore[attr-defined]
        return Response(MeSerializer(user).data)


class RealNameView(ApiView):
    @extend_schema(
        request=RealNameInputSerializer,
        responses={200: MeSerializer, **ERRORS},
        summary="Real-name verification (实名认证): tie this account to the person it is",
        description=(
            "The provider confirms that the name and the resident ID number belong together; the account "
            "then acts for that person (registered now if the number is new). 400 `identity_unverified` "
            "when the provider does not confirm; 409 when the person already has another account."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = RealNameInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_verify_real_name(user=request.user, **serializer.validated_data)
        user.unread_notifications = core_selectors.unread_count(user)  # type: ignore[attr-defined]
        return Response(MeSerializer(user).data)


class PartyAccountView(ApiView):
    @extend_schema(
        request=CounterLinkInputSerializer,
        responses={200: PartySerializer, **ERRORS},
        summary="The filing window ties an account to a party after checking its identity document",
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        party = get_object_or_404(selectors.parties_visible_to(request.user), pk=pk)
        serializer = CounterLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = get_object_or_404(selectors.party_accounts(), pk=serializer.validated_data["user"])
        services.user_link_party_at_counter(clerk=request.user, user=account, party=party)
        return Response(PartySerializer(party).data)


class PartyListView(ListCreateApiView):
    serializer_class = PartySerializer
    filterset_fields = ["kind", "id_number", "credit_code"]

    def get_queryset(self) -> QuerySet[Party]:
        return selectors.parties_visible_to(self.request.user).order_by("id")

    @extend_schema(request=PartyInputSerializer, responses={201: PartySerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        if not has_role(request.user, STAFF_LIST_ROLES):
            raise Forbidden(_("Only clerks register parties."))
        serializer = PartyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        party = services.party_create(**serializer.validated_data)
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


class PartyDetailView(RetrieveApiView):
    serializer_class = PartySerializer

    def get_queryset(self) -> QuerySet[Party]:
        return selectors.parties_visible_to(self.request.user)
