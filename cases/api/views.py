"""Thin API views for accounts, parties and notifications: validate input, call a service or selector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
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
from cases.errors import Forbidden, field_error
from cases.models import CalendarDay, CalendarYear, Role

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


# --- the holiday calendar -------------------------------------------------------------------------------


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]


class CalendarYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    published = serializers.BooleanField()
    source = serializers.CharField()
    days = CalendarDaySerializer(many=True)


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField()


class DayInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CalendarDay.Kind.choices)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise NotFound()
    return year


def _calendar_response(year: int) -> Response:
    entry = CalendarYear.objects.filter(year=year).first()
    days = CalendarDay.objects.filter(date__year=year).order_by("date")
    return Response(
        CalendarYearSerializer(
            {
                "year": year,
                "published": bool(entry and entry.published),
                "source": entry.source if entry else "",
                "days": days,
            }
        ).data
    )


class CalendarYearView(ApiView):
    """A year's holidays and make-up working days; an unpublished year makes deadlines provisional."""

    @extend_schema(responses={200: CalendarYearSerializer, **ERRORS})
    def get(self, request: Request, year: int) -> Response:
        return _calendar_response(_year(year))

    @extend_schema(request=PublishSerializer, responses={200: CalendarYearSerializer, **ERRORS})
    def put(self, request: Request, year: int) -> Response:
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.calendar_publish_year(user=request.user, year=_year(year), **serializer.validated_data)
        return _calendar_response(year)


class CalendarDayView(ApiView):
    @extend_schema(request=DayInputSerializer, responses={200: CalendarYearSerializer, **ERRORS})
    def put(self, request: Request, day: str) -> Response:
        date_value = _parse_day(day)
        serializer = DayInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.calendar_set_day(user=request.user, day=date_value, **serializer.validated_data)
        return _calendar_response(date_value.year)

    @extend_schema(request=None, responses={200: CalendarYearSerializer, **ERRORS})
    def delete(self, request: Request, day: str) -> Response:
        date_value = _parse_day(day)
        services.calendar_set_day(user=request.user, day=date_value, kind=None)
        return _calendar_response(date_value.year)


def _parse_day(value: str):
    from datetime import date

    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise field_error("date", _("Give the date as YYYY-MM-DD.")) from None
    _year(parsed.year)
    return parsed
