"""Thin API views of accounts: signing in, the current user, the party registry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, BaseThrottle

from accounts import selectors, services
from accounts.api.serializers import (
    MeSerializer,
    MeUpdateSerializer,
    PartySerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from accounts.inputs import (
    CounterLinkInputSerializer,
    PartyInputSerializer,
    PasswordResetInputSerializer,
    RealNameInputSerializer,
    SignUpInputSerializer,
    SmsCodeInputSerializer,
    WeChatLinkInputSerializer,
    WeChatSignInInputSerializer,
)
from accounts.models import Party, PartyKind
from accounts.requests import AuthenticatedRequest
from accounts.roles import STAFF_LIST_ROLES, has_role
from core import selectors as core_selectors
from core import services as core_services
from core.api.base import ApiView, ListCreateApiView, RetrieveApiView
from core.errors import Forbidden
from core.tokens import DeviceTokenAuthentication


def _me(user: Any) -> Response:
    """The user as ``GET /api/v1/me/`` answers it: MeSerializer reads the unread count from the user
    object, which has no such field."""
    user.unread_notifications = core_selectors.unread_count(user)
    return Response(MeSerializer(user).data)


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
        responses={200: TokenResponseSerializer},
        summary="Sign in: exchange a username and password for a token",
        description=(
            "Answers a new token for this device, its `expiry` and the user. Send the token as "
            "`Authorization: Token <token>` on every later request; each sign-in makes a token of its "
            "own, so signing out on one phone leaves the others signed in.\n\n"
            "Who may call: anyone.\n\n"
            "Errors: 400 for a missing username or password; 401 (`not_authenticated`) for a wrong "
            "username or password; 429 (`throttled`) after too many attempts from this address or for "
            "this username: wait `Retry-After` seconds."
        ),
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
        request=None,
        responses={204: None},
        summary="Sign out this device",
        description=(
            "Ends the token sent with this request; the account's other devices stay signed in. The same "
            "as POST /api/v1/auth/logout/.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 401 when the token is unknown, expired or already ended."
        ),
    )
    def delete(self, request: AuthenticatedRequest) -> Response:
        return _log_out(request)


def _log_out(request: AuthenticatedRequest) -> Response:
    if isinstance(request.auth, AuthToken):
        services.token_revoke(token=request.auth)
    return Response(status=status.HTTP_204_NO_CONTENT)


class SmsRateThrottle(AnonRateThrottle):
    """Codes asked for per client address (each number has its own limits in accounts.sms_codes)."""

    scope = "sms"


class AnonymousApiView(ApiView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]


class SmsCodeView(AnonymousApiView):
    throttle_classes = [SmsRateThrottle]

    @extend_schema(
        request=SmsCodeInputSerializer,
        responses={202: None},
        summary="Text a sign-up or password-reset code to a mobile number",
        description=(
            "Texts a six-digit code, valid for a few minutes, to `phone` for `purpose` `signup` or `reset`. "
            "The answer is the same whether or not the number has an account (a number that has one is "
            "texted a reminder instead of a sign-up code; one that has none gets no reset code).\n\n"
            "Who may call: anyone.\n\n"
            "Errors: 400 for a malformed number or an unknown purpose; 429 (`throttled`) when a code "
            "went to this number less than a minute ago, too many went to it this hour, or too many were "
            "asked for from this address: wait `Retry-After` seconds."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = SmsCodeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sms_code_request(**serializer.validated_data)
        return Response(status=status.HTTP_202_ACCEPTED)


class SignUpView(AnonymousApiView):
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        request=SignUpInputSerializer,
        responses={201: TokenResponseSerializer},
        summary="Sign up with a mobile number and its SMS code",
        description=(
            "Makes a party account whose username is the mobile number, with the password chosen, and "
            "answers a token as POST /api/v1/auth/token/ does. The account is tied to no party yet: that "
            "goes through real-name verification, the filing window or a served notice's access code.\n\n"
            "Who may call: anyone holding the code texted for `signup`.\n\n"
            "Errors: 400 naming the field: a malformed number, a weak password, a wrong code "
            "(`wrong_code`), an expired or never-sent one (`code_expired`); 429 (`throttled`) after too "
            "many wrong codes (ask for a new one) or attempts from this address."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = SignUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_sign_up(**serializer.validated_data)
        token, expiry = services.token_issue(user=user)
        body = TokenResponseSerializer({"token": token, "expiry": expiry, "user": user}).data
        return Response(body, status=status.HTTP_201_CREATED)


class PasswordResetView(AnonymousApiView):
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        request=PasswordResetInputSerializer,
        responses={200: inline_serializer("PasswordResetDone", {"detail": serializers.CharField()})},
        summary="Reset the password with a mobile number and its SMS code",
        description=(
            "Sets a new password on the account of this mobile number and signs out all its devices.\n\n"
            "Who may call: anyone holding the code texted for `reset`.\n\n"
            "Errors: 400 naming the field: a malformed number, a weak password, a wrong code "
            "(`wrong_code`), an expired or never-sent one (`code_expired`); 429 (`throttled`) after too "
            "many wrong codes (ask for a new one) or attempts from this address."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_reset_password(**serializer.validated_data)
        return Response({"detail": _("The password was changed; sign in with the new one.")})


class WeChatSignInView(AnonymousApiView):
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        request=WeChatSignInInputSerializer,
        responses={200: TokenResponseSerializer},
        summary="Sign in from the mini-program with WeChat",
        description=(
            "Exchanges the code from `wx.login` for the WeChat identity and answers a token for the account "
            "tied to it, as POST /api/v1/auth/token/ does.\n\n"
            "Who may call: anyone.\n\n"
            "Errors: 400 naming `code` when WeChat refuses the code; 404 `not_bound` when no account is "
            "tied to this WeChat identity: nothing is created, and the answer's `bind_token` (valid ten "
            "minutes) finishes signing up by phone (POST /api/v1/auth/signup/) or ties the identity to an "
            "account already signed in (POST /api/v1/auth/wechat/link/); 429 (`throttled`) after too many "
            "attempts from this address."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = WeChatSignInInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_wechat_sign_in(code=serializer.validated_data["code"])
        token, expiry = services.token_issue(user=user)
        return Response(TokenResponseSerializer({"token": token, "expiry": expiry, "user": user}).data)


class WeChatLinkView(ApiView):
    @extend_schema(
        request=WeChatLinkInputSerializer,
        responses={200: MeSerializer},
        summary="Tie the signed-in account to a WeChat identity",
        description=(
            "After a WeChat sign-in answered 404 `not_bound`, an account signed in otherwise (by phone and "
            "password) presents the `bind_token`: WeChat sign-in then reaches this account. Answers the "
            "user as GET /api/v1/me/ does.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 naming `bind_token` when it is forged or expired; 409 when the WeChat identity is "
            "tied to another account, or this account to another WeChat identity."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = WeChatLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_link_wechat(user=request.user, **serializer.validated_data)
        return _me(user)


class LogoutView(ApiView):
    authentication_classes = [DeviceTokenAuthentication]

    @extend_schema(
        request=None,
        responses={204: None},
        summary="Sign out this device",
        description=(
            "Ends the token sent with this request; the account's other devices stay signed in.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 401 when the token is unknown, expired or already ended."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        return _log_out(request)


class LogoutAllView(ApiView):
    authentication_classes = [DeviceTokenAuthentication]

    @extend_schema(
        request=None,
        responses={204: None},
        summary="Sign out every device",
        description=(
            "Ends every token of this account, this one included: each device must sign in again.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 401 when the token is unknown, expired or already ended."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        services.token_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(ApiView):
    @extend_schema(
        responses={200: MeSerializer},
        summary="Read the signed-in user",
        description=(
            "The user, its role, the party it is or acts for (`party`, null for staff and for accounts "
            "not yet tied to a party), its mediation organisation (mediators) and its unread "
            "notifications.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 401 when not signed in."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        return _me(request.user)

    @extend_schema(
        request=MeUpdateSerializer,
        responses={200: MeSerializer},
        summary="Change the signed-in user's settings",
        description=(
            "Sets `language` (`zh-hans` or `en`): the language the user's notifications are shown in "
            "wherever the request names none, and their SMS and e-mails are written in. A field left out "
            "is left as it is. Answers the user as GET /api/v1/me/ does.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 for a language the system does not speak; 401 when not signed in."
        ),
    )
    def patch(self, request: AuthenticatedRequest) -> Response:
        serializer = MeUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "language" in serializer.validated_data:
            core_services.user_language_set(user=request.user, language=serializer.validated_data["language"])
        return _me(request.user)


class RealNameView(ApiView):
    @extend_schema(
        request=RealNameInputSerializer,
        responses={200: MeSerializer},
        summary="Verify the user's real name (实名认证)",
        description=(
            "The verification provider confirms that the name and the resident ID number belong "
            "together; the account then acts for that person (registered now if the number is new). "
            "Answers the user as GET /api/v1/me/ does.\n\n"
            "Who may call: a signed-in party account.\n\n"
            "Errors: 400 for an invalid ID number, or `identity_unverified` when the provider does not "
            "confirm; 409 when the person already has another account."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = RealNameInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_verify_real_name(user=request.user, **serializer.validated_data)
        return _me(user)


class PartyAccountView(ApiView):
    @extend_schema(
        request=CounterLinkInputSerializer,
        responses={200: PartySerializer},
        summary="Tie an account to a party at the filing window",
        description=(
            "After checking the person's identity document at the counter, a clerk ties a party account "
            "(`user`) to this party; the account then sees the party's cases. Answers the party.\n\n"
            "Who may call: clerks.\n\n"
            "Errors: 400 for a missing user; 403 for other roles; 404 for no such party or account; 409 "
            "when the account or the party is already tied to another."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        party = get_object_or_404(selectors.parties_visible_to(request.user), pk=pk)
        serializer = CounterLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = get_object_or_404(selectors.party_accounts(), pk=serializer.validated_data["user"])
        services.user_link_party_at_counter(clerk=request.user, user=account, party=party)
        return Response(PartySerializer(party).data)


class PartyQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PartyKind.choices, required=False)
    id_number = serializers.CharField(max_length=18, required=False, help_text="The exact number.")
    credit_code = serializers.CharField(max_length=18, required=False, help_text="The exact code.")


@extend_schema_view(
    get=extend_schema(
        parameters=[PartyQuerySerializer],
        summary="List parties",
        description=(
            "A page of the party registry, filtered by kind, resident ID number or credit code. Staff "
            "see every party; a party account sees only its own.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 for an unknown kind, or a page number or size out of range; 404 for a page past "
            "the last one."
        ),
    )
)
class PartyListView(ListCreateApiView):
    serializer_class = PartySerializer
    # The query is checked by PartyQuerySerializer: an unknown kind or an empty value is refused.
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Party]:
        parties = selectors.parties_visible_to(self.request.user).order_by("id")
        if self.request.method != "GET":
            return parties
        query = PartyQuerySerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        return parties.filter(**query.validated_data)

    @extend_schema(
        request=PartyInputSerializer,
        responses={201: PartySerializer},
        summary="Register a party",
        description=(
            "Registers a person (with a resident ID number) or an organisation (with a unified social "
            "credit code). Answers the new party.\n\n"
            "Who may call: clerks and other staff who register parties.\n\n"
            "Errors: 400 for missing or invalid fields, a number that fails its check or is already "
            "registered; 403 for other roles."
        ),
    )
    def post(self, request: Request) -> Response:
        if not has_role(request.user, STAFF_LIST_ROLES):
            raise Forbidden(_("Only clerks register parties."))
        serializer = PartyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        party = services.party_create(**serializer.validated_data)
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Read a party",
        description=(
            "One party of the registry.\n\n"
            "Who may call: staff, and the party's own accounts.\n\n"
            "Errors: 404 for no such party or one this user may not see."
        ),
    )
)
class PartyDetailView(RetrieveApiView):
    serializer_class = PartySerializer

    def get_queryset(self) -> QuerySet[Party]:
        return selectors.parties_visible_to(self.request.user)
