"""Thin API views of publication (anonymised awards, the public search) and recommendation letters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from arbitration import publication, recommendations
from arbitration.inputs import (
    PublicSearchSerializer,
    PublishSerializer,
    RecommendationLetterSerializer,
    RecurringQuerySerializer,
    TypicalSerializer,
)
from arbitration.models import PublishedAward, RecommendationLetter
from cases.selectors import case_get
from core import clock
from core.api.base import ApiView, ListApiView


class PublishedAwardSerializer(serializers.ModelSerializer):
    claim_categories = serializers.ListField(child=serializers.CharField(), source="categories")

    class Meta:
        model = PublishedAward
        fields = ["id", "title", "year", "claim_categories", "typical", "text"]


class PublishedOutSerializer(PublishedAwardSerializer):
    published = serializers.SerializerMethodField()

    class Meta(PublishedAwardSerializer.Meta):
        fields = ["published", *PublishedAwardSerializer.Meta.fields]

    def get_published(self, obj: PublishedAward) -> bool:
        return True


PreviewSerializer = inline_serializer(
    "PublicationPreview",
    {
        "text": serializers.CharField(),
        "spans": inline_serializer(
            "PersonalSpan",
            {
                "start": serializers.IntegerField(),
                "end": serializers.IntegerField(),
                "text": serializers.CharField(),
                "kind": serializers.CharField(),
            },
            many=True,
        ),
    },
)


class PublishView(ApiView):
    @extend_schema(
        responses={200: PreviewSerializer},
        summary="Preview the award's anonymised text and what still looks personal in it",
        description=(
            "The text as it would be published, and `spans` ([{`start`, `end`, `text`, `kind`}]) the check "
            "still finds in it (empty when it may be published).\n\n"
            "Who may call: supervisors.\n\n"
            "Errors: 403 for other users; 404 when the case is not yours; 409 when the case has no issued "
            "award."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        text, spans = publication.award_preview(case=case, user=request.user)
        return Response({"text": text, "spans": spans})

    @extend_schema(
        request=PublishSerializer,
        responses={200: PublishedOutSerializer},
        summary="Publish the case's issued award, anonymised",
        description=(
            "Names become 张某 / 某公司; ID numbers, credit codes, phones, addresses, bank accounts, plate "
            "numbers and e-mail addresses are masked. An independent check then reads the result: anything "
            "that still looks personal refuses the publication with the spans. `text` sends the anonymised "
            "text corrected by hand (checked the same way); `typical` flags a typical case (典型案例).\n\n"
            "Who may call: supervisors.\n\n"
            "Errors: 400 `personal_data` listing the spans under `spans` and `fields.text`, or a bad body "
            "naming the field; 403 for other users; 404 when the case is not yours; 409 when the case has no "
            "issued award or it is already published."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = case_get(request.user, pk)
        publication.check_publisher(request.user)
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = publication.award_publish(case=case, user=request.user, **serializer.validated_data)
        return Response(PublishedOutSerializer(row).data)


class TypicalView(ApiView):
    @extend_schema(
        request=TypicalSerializer,
        responses={200: PublishedAwardSerializer},
        summary="Flag or unflag a published award as a typical case (典型案例)",
        description=(
            "Who may call: supervisors.\n\n"
            "Errors: 400 when `typical` is not true or false; 403 for other users; 404 for an unknown id."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        publication.check_publisher(request.user)
        serializer = TypicalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = publication.published_award_set_typical(
            published=publication.published_award_get(pk), user=request.user, **serializer.validated_data
        )
        return Response(PublishedAwardSerializer(row).data)


@extend_schema(
    parameters=[PublicSearchSerializer],
    summary="Search the published, anonymised awards (no login)",
    description=(
        "`q`: words (space-separated, all must occur); Chinese is matched inside unsegmented text, so a "
        "two-character word such as 工资 finds every award containing it. `claim_category`, `year`, "
        "`typical=true` narrow the list. Typical cases first, then newest.\n\n"
        "Who may call: anyone, signed in or not.\n\n"
        "Errors: 400 naming the parameter (an unknown category, a year that is no number, a query longer "
        "than 100 characters, a bad page); 404 for a page past the last one."
    ),
)
class PublicAwardListView(ListApiView):
    permission_classes = [AllowAny]
    serializer_class = PublishedAwardSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[PublishedAward]:
        query = PublicSearchSerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return publication.published_awards(
            query=data["q"], claim_category=data["claim_category"], year=data["year"], typical=data["typical"]
        )


class PublicAwardView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: PublishedAwardSerializer},
        summary="One published, anonymised award (no login)",
        description="Who may call: anyone, signed in or not.\n\nErrors: 404 for an unknown id.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(PublishedAwardSerializer(publication.published_award_get(pk)).data)


# --- recommendation letters ----------------------------------------------------------------------------


class RecurringEmployerSerializer(serializers.Serializer):
    credit_code = serializers.CharField()
    name = serializers.CharField()
    cases = serializers.IntegerField()
    letters = serializers.IntegerField()


class RecommendationLetterOutSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.name")

    class Meta:
        model = RecommendationLetter
        fields = [
            "id",
            "credit_code",
            "employer_name",
            "addressee",
            "text",
            "letter_date",
            "recorded_by",
            "recorded_at",
        ]


class RecurringEmployersView(ApiView):
    @extend_schema(
        parameters=[RecurringQuerySerializer],
        responses={200: RecurringEmployerSerializer(many=True)},
        summary="Employers with several awards against them in a period (for 仲裁建议书)",
        description=(
            "Employers (by unified social credit code) that were the respondent in at least `minimum` "
            "(default 2) cases whose award, issued between `from` and `to` (default: the year up to today), "
            "upheld a claim in whole or in part; with the number of letters already recorded to them.\n\n"
            "Who may call: supervisors and arbitrators.\n\n"
            "Errors: 400 naming the parameter (a bad date, `to` before `from`, `minimum` below 2); 403 for "
            "other users."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        recommendations.check_recommender(request.user)
        query = RecurringQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        end = query.validated_data.get("to") or clock.today()
        start = query.validated_data.get("from") or end - timedelta(days=365)
        rows = recommendations.recurring_employers(
            user=request.user, start=start, end=end, minimum=query.validated_data["minimum"]
        )
        return Response(RecurringEmployerSerializer(rows, many=True).data)


class RecommendationLettersView(ApiView):
    @extend_schema(
        responses={200: RecommendationLetterOutSerializer(many=True)},
        summary="The recommendation letters recorded, newest first",
        description="Who may call: supervisors and arbitrators.\n\nErrors: 403 for other users.",
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        letters = recommendations.letters_list(user=request.user)
        return Response(RecommendationLetterOutSerializer(letters, many=True).data)

    @extend_schema(
        request=RecommendationLetterSerializer,
        responses={201: RecommendationLetterOutSerializer},
        summary="Record a recommendation letter (仲裁建议书) to an employer",
        description=(
            "`credit_code` of the employer, `addressee` (to whom it was sent), `text`, `letter_date`.\n\n"
            "Who may call: supervisors and arbitrators.\n\n"
            "Errors: 400 naming the field (an unknown credit code, a date in the future, a missing field); "
            "403 for other users."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        recommendations.check_recommender(request.user)
        serializer = RecommendationLetterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = recommendations.letter_record(user=request.user, **serializer.validated_data)
        return Response(RecommendationLetterOutSerializer(letter).data, status=201)
