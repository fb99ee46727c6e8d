"""Thin API views of the platform: the inbox, the holiday calendar, the 404 for unknown API paths."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import selectors, services
from core.api.base import ApiView, ListApiView
from core.api.serializers import (
    MarkedSerializer,
    MarkReadSerializer,
    NotificationSerializer,
)
from core.errors import field_error
from core.inputs import StrictBooleanField, StrictCharField
from core.models import CalendarDay, Notification


class NotificationQuerySerializer(serializers.Serializer):
    read_at__isnull = serializers.BooleanField(
        required=False, help_text="true: only unread; false: only read."
    )


@extend_schema_view(
    get=extend_schema(
        parameters=[NotificationQuerySerializer],
        summary="List the user's notifications",
        description=(
            "A page of this user's notifications, newest first; `read_at__isnull=true` gives the unread "
            "ones only.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 400 for a filter value that is not true or false, or a page number or size out of "
            "range; 404 for a page past the last one."
        ),
    )
)
class NotificationListView(ListApiView):
    serializer_class = NotificationSerializer
    # The query is checked by NotificationQuerySerializer: a value that is not a boolean is refused.
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Notification]:
        # A plain dict: an empty value is refused, as in a JSON body, rather than read as no filter.
        query = NotificationQuerySerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        notifications = selectors.notifications_for(self.request.user)
        unread = query.validated_data.get("read_at__isnull")
        if unread is not None:
            notifications = notifications.filter(read_at__isnull=unread)
        return notifications


class NotificationReadView(ApiView):
    @extend_schema(
        request=MarkReadSerializer,
        responses={200: MarkedSerializer},
        summary="Mark notifications read",
        description=(
            "Marks the notifications with these `ids` read, or all of them when `ids` is left out. "
            "Answers how many were marked and how many are still unread.\n\n"
            "Who may call: any signed-in user (for their own notifications).\n\n"
            "Errors: 400 for ids that are not positive whole numbers."
        ),
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
    published = StrictBooleanField()


class DayInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CalendarDay.Kind.choices)
    name = StrictCharField(max_length=50, required=False, allow_blank=True, default="")


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


YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 2000, "maximum": 2100},
    OpenApiParameter.PATH,
    description="The year.",
)
DAY = OpenApiParameter("day", OpenApiTypes.DATE, OpenApiParameter.PATH, description="The day, YYYY-MM-DD.")


class CalendarYearView(ApiView):
    """A year's holidays and make-up working days; an unpublished year makes deadlines provisional."""

    @extend_schema(
        parameters=[YEAR],
        responses={200: CalendarYearSerializer},
        summary="Read a year's holiday calendar",
        description=(
            "The year's public holidays and make-up working days, and whether its schedule is published. "
            "Deadlines that reach into a year whose schedule is not published are provisional.\n\n"
            "Who may call: any signed-in user.\n\n"
            "Errors: 404 for a year outside 2000-2100."
        ),
    )
    def get(self, request: Request, year: int) -> Response:
        return _calendar_response(_year(year))

    @extend_schema(
        parameters=[YEAR],
        request=PublishSerializer,
        responses={200: CalendarYearSerializer},
        summary="Mark a year's holiday calendar published or not",
        description=(
            "Declares the year's schedule complete (the State Council's notice is entered) or not; "
            "deadlines in the year are recomputed. Answers the year.\n\n"
            "Who may call: supervisors.\n\n"
            "Errors: 400 for a missing `published`; 403 for other roles; 404 for a year outside "
            "2000-2100."
        ),
    )
    def put(self, request: Request, year: int) -> Response:
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.calendar_publish_year(user=request.user, year=_year(year), **serializer.validated_data)
        return _calendar_response(year)


class CalendarDayView(ApiView):
    @extend_schema(
        parameters=[DAY],
        request=DayInputSerializer,
        responses={200: CalendarYearSerializer},
        summary="Mark a day a holiday or a make-up working day",
        description=(
            "Sets the day's kind (and an optional name such as 春节); deadlines are recomputed. Answers "
            "the day's year.\n\n"
            "Who may call: supervisors.\n\n"
            "Errors: 400 for a date not written YYYY-MM-DD or a weekday made a working day; 403 for other "
            "roles; 404 for a year outside 2000-2100."
        ),
    )
    def put(self, request: Request, day: str) -> Response:
        date_value = _parse_day(day)
        serializer = DayInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.calendar_set_day(user=request.user, day=date_value, **serializer.validated_data)
        return _calendar_response(date_value.year)

    @extend_schema(
        parameters=[DAY],
        request=None,
        responses={200: CalendarYearSerializer},
        summary="Make a day an ordinary day again",
        description=(
            "Removes the day's holiday or make-up working day mark; deadlines are recomputed. Answers the "
            "day's year.\n\n"
            "Who may call: supervisors.\n\n"
            "Errors: 400 for a date not written YYYY-MM-DD; 403 for other roles; 404 for a year outside "
            "2000-2100."
        ),
    )
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
