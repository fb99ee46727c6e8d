"""Issue 16 over the API: the legal-aid referrals of a case, a party's service review after closure, and
the supervisors' follow-up of bad ratings. (Priority and the referral's steps are case actions:
``POST /cases/{id}/actions/set_priority|request_legal_aid|record_legal_aid_outcome|bind_legal_aid_lawyer/``.)
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.api.serializers import UserBriefSerializer
from accounts.requests import AuthenticatedRequest
from accounts.roles import OVERSIGHT_ROLES, has_role
from cases import selectors
from cases.inputs import FollowUpSerializer, ServiceReviewSerializer
from cases.models import LegalAidReferral, LegalAidStatus, Rating, ServiceReview, Side
from cases.services import care, reviews
from core.api.base import ApiView
from core.api.pagination import Pagination
from core.errors import Forbidden


class LegalAidReferralSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=LegalAidStatus.choices)
    agent = serializers.SerializerMethodField(help_text="The bound lawyer's agency id (for the mandate).")
    mandate = serializers.SerializerMethodField(help_text="The bound lawyer's mandate: pending, verified…")

    class Meta:
        model = LegalAidReferral
        fields = [
            "id",
            "status",
            "requested_at",
            "note",
            "centre_name",
            "centre_contact",
            "message",
            "sent_at",
            "lawyer_name",
            "lawyer_phone",
            "decline_reason",
            "decided_at",
            "agent",
            "mandate",
        ]

    def get_agent(self, referral: LegalAidReferral) -> int | None:
        return referral.agency_id

    def get_mandate(self, referral: LegalAidReferral) -> str | None:
        return referral.agency.mandate if referral.agency else None


class CaseLegalAidView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: LegalAidReferralSerializer(many=True)},
        summary="A case's legal-aid referrals",
        description=(
            "Each referral to the legal-aid centre: what was sent (`message`: the case number, parties, "
            "claims and amounts), when, and its outcome — `assigned` with the lawyer's name and phone, or "
            "`declined` with the reason — and, once the lawyer is bound as the worker's agent, its agency "
            "id and mandate (verified through `POST /cases/{id}/agents/{agent}/mandate/`).\n\n"
            "Who may call: the applicant's side and the commission's staff who see the case.\n\n"
            "Errors: 403 for the respondent's side; 404 for a case this user may not see."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        if not care.may_see_referrals(case, request.user):
            raise Forbidden(_("Only the worker's side and the commission see legal-aid referrals."))
        paginator = Pagination()
        page = paginator.paginate_queryset(care.referrals_of(case), request, view=self)
        return paginator.get_paginated_response(LegalAidReferralSerializer(page, many=True).data)


class ReviewSerializer(serializers.ModelSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    side = serializers.ChoiceField(choices=Side.choices)

    class Meta:
        model = ServiceReview
        fields = ["id", "side", "rating", "comment", "created_at"]


class ReviewStateSerializer(serializers.Serializer):
    may_review = serializers.BooleanField(help_text="Whether this user may rate the service now.")
    review = ReviewSerializer(allow_null=True, help_text="This user's party's rating, if given.")


class CaseReviewView(ApiView):
    @extend_schema(
        responses={200: ReviewStateSerializer},
        summary="This party's service review of a case",
        description=(
            "Whether this user may rate the commission's service of the case now (a party, or its verified "
            "agent, once the case is closed and its party has not rated yet), and the rating given.\n\n"
            "Who may call: anyone who sees the case (`may_review` is false for all but its parties).\n\n"
            "Errors: 404 for a case this user may not see."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        review = reviews.review_of(case, request.user)
        return Response(
            {
                "may_review": reviews.may_review(case, request.user),
                "review": ReviewSerializer(review).data if review else None,
            }
        )

    @extend_schema(
        request=ServiceReviewSerializer,
        responses={201: ReviewSerializer},
        summary="Rate the service (好差评)",
        description=(
            "After closure each party rates the service once: `very_good`, `good`, `fair`, `bad` or "
            "`very_bad`, with an optional comment. A bad or very bad rating asks the supervisors for a "
            "follow-up.\n\n"
            "Who may call: the case's parties and their verified agents.\n\n"
            "Errors: 400 for an unknown rating or a comment over 2000 characters; 403 for staff and anyone "
            "else who sees the case but is not a party; 404 for a case this user may not see; 409 before "
            "the case is closed, and for a second rating of the same party."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        if reviews.reviewing_party(case, request.user) is None:
            raise Forbidden(_("Only a party of the case rates its service."))
        serializer = ServiceReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = reviews.review_submit(case=case, user=request.user, **serializer.validated_data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class FollowUpReviewSerializer(serializers.ModelSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    side = serializers.ChoiceField(choices=Side.choices)
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField(source="case.case_number", allow_null=True)
    arbitrator = UserBriefSerializer(allow_null=True)
    mediator = UserBriefSerializer(allow_null=True)
    followed_up_by = UserBriefSerializer(allow_null=True)

    class Meta:
        model = ServiceReview
        fields = [
            "id",
            "case",
            "case_number",
            "side",
            "rating",
            "comment",
            "created_at",
            "arbitrator",
            "mediator",
            "follow_up_note",
            "followed_up_by",
            "followed_up_at",
        ]


def _supervisors_only(request: AuthenticatedRequest) -> None:
    if not has_role(request.user, OVERSIGHT_ROLES):
        raise Forbidden(_("Only supervisors follow up service ratings."))


class ReviewFollowUpsView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: FollowUpReviewSerializer(many=True)},
        summary="Bad ratings to follow up",
        description=(
            "The bad and very bad ratings, those still awaiting a follow-up first, each with its case, the "
            "presiding arbitrator and mediator it concerns, and the follow-up recorded.\n\n"
            "Who may call: supervisors (and admins).\n\nErrors: 401; 403 for other roles."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        _supervisors_only(request)
        paginator = Pagination()
        page = paginator.paginate_queryset(reviews.reviews_to_follow_up(), request, view=self)
        return paginator.get_paginated_response(FollowUpReviewSerializer(page, many=True).data)


class ReviewFollowUpView(ApiView):
    @extend_schema(
        request=FollowUpSerializer,
        responses={200: FollowUpReviewSerializer},
        summary="Record the follow-up of a bad rating",
        description=(
            "A supervisor records how a bad or very bad rating was followed up (`note`); it is kept with "
            "the rating and the case's timeline says it was followed up.\n\n"
            "Who may call: supervisors (and admins).\n\n"
            "Errors: 400 without a note; 401; 403 for other roles; 404 for no such rating; 409 for a "
            "rating that needs no follow-up or was already followed up."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        _supervisors_only(request)
        serializer = FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = reviews.review_follow_up(review_id=pk, user=request.user, **serializer.validated_data)
        return Response(FollowUpReviewSerializer(review).data)
