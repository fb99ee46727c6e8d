"""Linked cases (串案): groups, the system's proposals, and one step on every member.

Staff only: every read goes through ``selectors.case_groups_visible_to`` / ``proposals_visible_to``;
anyone else gets 404 for a group and an empty list.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from cases import selectors
from cases.api.case_serializers import CaseListSerializer
from cases.inputs import (
    GroupAddSerializer,
    GroupCreateSerializer,
    GroupLeadSerializer,
    GroupUnlinkSerializer,
    ProposalConfirmSerializer,
    ProposalDismissSerializer,
    ProposalQuerySerializer,
)
from cases.models import CaseGroup, GroupProposal
from cases.registry import GROUP_ACTIONS
from cases.services import groups
from core.api.base import ApiView
from core.api.pagination import Pagination


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class CaseGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    # A field named like Field's own ``label``: DRF's metaclass moves declared fields off the class.
    label = serializers.CharField()  # type: ignore[assignment]
    respondent = serializers.SerializerMethodField()
    lead_arbitrator = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    member_count = serializers.SerializerMethodField()

    def get_respondent(self, group: CaseGroup) -> dict[str, str]:
        return {"name": group.respondent_name, "credit_code": group.respondent_code}

    def get_lead_arbitrator(self, group: CaseGroup) -> dict[str, Any] | None:
        lead = group.lead_arbitrator
        return None if lead is None else {"id": lead.pk, "display_name": lead.name}

    def get_member_count(self, group: CaseGroup) -> int:
        count = getattr(group, "member_count", None)
        if count is None:
            members = getattr(group, "_members", None)
            count = len(members) if members is not None else group.members.count()
        return int(count)


class CaseGroupDetailSerializer(CaseGroupSerializer):
    members = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    def get_members(self, group: CaseGroup) -> list[dict[str, Any]]:
        members = getattr(group, "_members", None) or selectors.case_group_members(group)
        return list(CaseListSerializer(members, many=True, context=self.context).data)

    def get_actions(self, group: CaseGroup) -> list[dict[str, str]]:
        user = self.context["request"].user
        return [
            {"name": a.name, "label": str(a.label)} for a in GROUP_ACTIONS.all() if a.permission(group, user)
        ]


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    respondent = serializers.SerializerMethodField()
    categories = serializers.ListField(child=serializers.CharField())
    cases = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()
    group = serializers.IntegerField(source="group_id", allow_null=True)

    def get_respondent(self, proposal: GroupProposal) -> dict[str, str]:
        return {"name": proposal.respondent_name, "credit_code": proposal.respondent_code}

    def get_cases(self, proposal: GroupProposal) -> list[dict[str, Any]]:
        return list(CaseListSerializer(proposal.cases.all(), many=True, context=self.context).data)


class MemberResultSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    case_number = serializers.CharField(allow_null=True)
    case_status = serializers.CharField(help_text="The member's status after the action.")
    outcome = serializers.ChoiceField(
        choices=["done", "refused", "left"],
        help_text="done: the step was taken on this member; refused: not, see status/code/detail; left: the "
        "member has ended (withdrawn, settled, closed) and takes no part in the group's later steps.",
    )
    status = serializers.IntegerField(
        allow_null=True, help_text="The HTTP status the member's own step answered (200, 400, 403, 409…)."
    )
    code = serializers.CharField(help_text="The error code when refused (e.g. `invalid_transition`).")
    detail = serializers.CharField()
    # Named like Serializer's own ``fields`` and ``data``: DRF's metaclass moves declared fields off
    # the class.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )
    data = serializers.DictField(  # type: ignore[assignment]
        help_text="What the member's step adds (e.g. the access codes printed)."
    )


class GroupActionResultSerializer(serializers.Serializer):
    group = serializers.IntegerField()
    action = serializers.CharField()
    done = serializers.IntegerField()
    refused = serializers.IntegerField()
    left = serializers.IntegerField()
    results = MemberResultSerializer(many=True)


def _detail(request: Request, group: CaseGroup, code: int = status.HTTP_200_OK) -> Response:
    group = selectors.case_group_get(request.user, group.pk)  # type: ignore[arg-type]
    group._members = selectors.case_group_members(group)  # type: ignore[attr-defined]
    return Response(CaseGroupDetailSerializer(group, context={"request": request}).data, status=code)


class CaseGroupListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: CaseGroupSerializer(many=True)},
        summary="List the groups of linked cases (串案)",
        description=(
            "The groups this user may see: clerks and supervisors all, an arbitrator those it leads or sits "
            "on; parties, agents and mediators none (an empty list).\n\nWho may call: any signed-in user.\n\n"
            "Errors: 400 for a page "
            "number or size out of range; 404 for a page past the last one."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.case_group_list(request.user), request, view=self)
        return paginator.get_paginated_response(CaseGroupSerializer(page, many=True).data)

    @extend_schema(
        request=GroupCreateSerializer,
        responses={201: CaseGroupDetailSerializer},
        summary="Link cases into a group",
        description=(
            "Links two or more open cases against the same employer (credit code) into a group handled "
            "together, optionally under a lead arbitrator. Each member's timeline records the link. A group "
            "is not a collective dispute: each worker keeps their own case.\n\n"
            "Who may call: clerks and supervisors.\n\n"
            "Errors: 400 (field `cases`) for cases against different respondents, ended or collective cases, "
            "or cases this user cannot see; 403 for other roles; 409 when a case is already in a group."
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = GroupCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = groups.group_create(user=request.user, **serializer.validated_data)
        return _detail(request, group, status.HTTP_201_CREATED)


class CaseGroupDetailView(ApiView):
    @extend_schema(
        responses={200: CaseGroupDetailSerializer},
        summary="Read a group of linked cases",
        description=(
            "The group, its members (as case list rows) and the group actions this user may take.\n\n"
            "Who may call: staff who may see the group.\n\nErrors: 404 for no such group or one not visible."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return _detail(request, selectors.case_group_get(request.user, pk))


class CaseGroupLeadView(ApiView):
    @extend_schema(
        request=GroupLeadSerializer,
        responses={200: CaseGroupDetailSerializer},
        summary="Change the group's lead arbitrator",
        description=(
            "Names another lead arbitrator for the group; the members' tribunals stay as they are (compose "
            "them with the group action `set_tribunal`).\n\nWho may call: clerks and supervisors.\n\n"
            "Errors: 400 (field `lead_arbitrator`) for a user who is not an active arbitrator; 403 for other "
            "staff; 404 for no such group or one not visible."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        group = selectors.case_group_get(request.user, pk)
        serializer = GroupLeadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groups.group_set_lead(group=group, user=request.user, **serializer.validated_data)
        return _detail(request, group)


class CaseGroupMembersView(ApiView):
    @extend_schema(
        request=GroupAddSerializer,
        responses={200: CaseGroupDetailSerializer},
        summary="Add cases to a group",
        description=(
            "Links more open cases against the group's employer.\n\nWho may call: clerks and supervisors.\n\n"
            "Errors: 400 (field `cases`) for a case against another respondent; 404 for no such group; "
            "409 when a case is already in a group."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        group = selectors.case_group_get(request.user, pk)
        serializer = GroupAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groups.group_add_members(group=group, user=request.user, **serializer.validated_data)
        return _detail(request, group)


class CaseGroupUnlinkView(ApiView):
    @extend_schema(
        request=GroupUnlinkSerializer,
        responses={200: CaseGroupDetailSerializer},
        summary="Take a case out of its group",
        description=(
            "Unlinks one member; its timeline records it, and the group's later steps no longer reach it.\n\n"
            "Who may call: clerks and supervisors.\n\n"
            "Errors: 400 (field `case`) when it is not a member; 404 "
            "for no such group."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        group = selectors.case_group_get(request.user, pk)
        serializer = GroupUnlinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groups.group_unlink(group=group, user=request.user, **serializer.validated_data)
        return _detail(request, group)


def _group_action_inputs() -> list[Any]:
    return list(dict.fromkeys(a.input for a in GROUP_ACTIONS.all()))


GROUP_ACTION_NAMES = sorted(a.name for a in GROUP_ACTIONS.all())
GROUP_ACTION_INPUT = PolymorphicProxySerializer(
    component_name="GroupActionInput", serializers=_group_action_inputs(), resource_type_field_name=None
)


def result_payload(result: groups.GroupActionResult) -> dict[str, Any]:
    rows = []
    for member in result.members:
        extra = {}
        if member.outcome == "done" and result.action.present is not None:
            extra = result.action.present(member.value)
        rows.append(
            {
                "case": member.case.pk,
                "case_number": member.case.case_number,
                "case_status": member.case.status,
                "outcome": member.outcome,
                "status": member.status,
                "code": member.code,
                "detail": member.detail,
                "fields": member.fields,
                "data": extra,
            }
        )
    return {
        "group": result.group.pk,
        "action": result.action.name,
        "done": sum(1 for m in result.members if m.outcome == "done"),
        "refused": sum(1 for m in result.members if m.outcome == "refused"),
        "left": sum(1 for m in result.members if m.outcome == "left"),
        "results": rows,
    }


class CaseGroupActionView(ApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                enum=GROUP_ACTION_NAMES,
                description="The group action: each member's own step of that name.",
            )
        ],
        request=GROUP_ACTION_INPUT,
        responses={200: GroupActionResultSerializer},
        summary="Take one step on every member of a group",
        description=(
            "Takes the step `name` on every member still in the group's steps, each through the member's "
            "own service, so that each member's timeline records it. The body is the step's input, the same "
            "for every member. The answer is 200 with one result per member: `done`; `refused` with the "
            "status its own step answered (409 `invalid_transition` for a member in the wrong status, 403, "
            "400) — the others proceed regardless; or `left` for a member that has ended.\n\n"
            "Who may call: clerks and supervisors for accept, set_tribunal and serve_application; the lead "
            "arbitrator for the hearing, mediation and award actions.\n\n"
            "Errors: 400 for an invalid body; 403 when this user may not take the action on the group; 404 "
            "for no such group or action; 409 (`conflict`) while another action on the group is running."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, name: str) -> Response:
        group = selectors.case_group_get(request.user, pk)
        action = GROUP_ACTIONS.get(name)
        if action is None:
            from core.errors import NotFound

            raise NotFound("There is no such group action.")
        serializer = action.input(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = groups.group_act(
            group=group, user=request.user, name=name, data=dict(serializer.validated_data)
        )
        return Response(result_payload(result))


class ProposalListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[ProposalQuerySerializer],
        responses={200: ProposalSerializer(many=True)},
        summary="List the proposed links (串案 proposals)",
        description=(
            "Open cases the system found alike — the same employer (credit code), a claim category in "
            "common, received within `CASE_GROUP_WINDOW_DAYS` of one another — proposed for linking. "
            "Proposals are made when an application is filed. `status`: pending (default), confirmed, "
            "dismissed or all.\n\nWho may call: any signed-in user; only clerks and supervisors see any.\n\n"
            "Errors: 400 for an unknown status or a page out of range; 404 for a page past the last one."
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        query = ProposalQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        wanted = query.validated_data["status"]
        proposals = selectors.proposal_list(request.user, status=None if wanted == "all" else wanted)
        paginator = Pagination()
        page = paginator.paginate_queryset(proposals, request, view=self)
        return paginator.get_paginated_response(
            ProposalSerializer(page, many=True, context={"request": request}).data
        )


class ProposalConfirmView(ApiView):
    @extend_schema(
        request=ProposalConfirmSerializer,
        responses={201: CaseGroupDetailSerializer},
        summary="Confirm a proposal: link its cases",
        description=(
            "Links the proposal's cases (or those named in `cases`, all of them the proposal's) into a group."
            "\n\nWho may call: clerks and supervisors.\n\nErrors: 400 for a case not in the proposal or no "
            "longer linkable; 404 for no such proposal; 409 when the proposal was already decided."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        proposal = selectors.proposal_get(request.user, pk)
        serializer = ProposalConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = groups.group_proposal_confirm(
            proposal=proposal, user=request.user, **serializer.validated_data
        )
        return _detail(request, group, status.HTTP_201_CREATED)


class ProposalDismissView(ApiView):
    @extend_schema(
        request=ProposalDismissSerializer,
        responses={200: ProposalSerializer},
        summary="Dismiss a proposal",
        description=(
            "The cases are not linked; the same cases are not proposed again.\n\nWho may call: clerks and "
            "supervisors.\n\nErrors: 404 for no such proposal; 409 when it was already decided."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        proposal = selectors.proposal_get(request.user, pk)
        serializer = ProposalDismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groups.group_proposal_dismiss(proposal=proposal, user=request.user, **serializer.validated_data)
        proposal = selectors.proposal_get(request.user, pk)
        return Response(ProposalSerializer(proposal, context={"request": request}).data)
