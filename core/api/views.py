"""Thin API views of the platform: the inbox, the holiday calendar, the 404 for unknown API paths."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import selectors, services
from core.api.base import ApiView, ListApiView
from core.api.serializers import (
    ErrorSerializer,
    MarkReadSerializer,
    NotificationSerializer,
)
from core.errors import field_error
from core.models import CalendarDay, Notification

ERRORS = {code: OpenApiResponse(ErrorSerializer) for code in (400, 401, 403, 404, 409, 429)}


class NotificationListView(ListApiView):
    serializer_class = NotificationSerializer
    filterset_fields = {"read_at": ["isnull"]}

    def get_queryset(self) -> QuerySet[Notification]:
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


class ApiNotFoundView(APIView):  # no Idempotency-Key claim for a path that does not exist
    """Any unknown path under /api/: the contract's 404 envelope rather than an HTML page."""

    permission_classes = [AllowAny]
    schema = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
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
    # A field named like Field's own ``source``: DRF's metaclass moves declared fields off the class.
    source = serializers.CharField()  # type: ignore[assignment]
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
    entry = selectors.calendar_year(year)
    days = selectors.calendar_days(year)
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


def _parse_day(value: str) -> date:
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise field_error("date", _("Give the date as YYYY-MM-DD.")) from None
    _year(parsed.year)
    return parsed
