"""The service records of a case (送达, issue 11 point 5): the list, and a party opening a served document."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from accounts.requests import AuthenticatedRequest
from cases import selectors
from cases.models import Service
from cases.services import delivery
from core.api.base import ApiView


class ServiceSerializer(serializers.ModelSerializer):
    effective_on = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = (
            "id",
            "document",
            "document_id",
            "side",
            "method",
            "sent_at",
            "effective_at",
            "effective_on",
            "effective_by",
            "opened_at",
            "proof",
            "confirmed",
            "notice_ends_on",
        )

    def get_effective_on(self, row: Service) -> str | None:
        from core import clock

        return clock.local_date(row.effective_at).isoformat() if row.effective_at else None


def service_rows(rows: list[Service]) -> list[dict[str, Any]]:
    return list(ServiceSerializer(rows, many=True).data)


class CaseServicesView(ApiView):
    @extend_schema(
        responses={200: ServiceSerializer(many=True)},
        summary="The documents served in a case, on whom, how, and when each took effect",
        description=(
            "Staff record services with the action `record_service` (and receipts with "
            "`record_service_receipt`); `effective_at` is empty until the service took effect.\n\n"
            "Who may call: any signed-in user who may see the case.\n\n"
            "Errors: 404 for no such case or one this user may not see."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        return Response(service_rows(selectors.case_services(case)))


class ServiceOpenView(ApiView):
    @extend_schema(
        request=None,
        responses={200: ServiceSerializer},
        summary="Open a document served on you: the first opening is recorded",
        description=(
            "An electronic service takes effect at the party's first opening (it reached the system) "
            "unless a delivery receipt came first; later openings change nothing. Staff reading it record "
            "nothing.\n\n"
            "Who may call: the served side's party or agent; staff who may see the case.\n\n"
            "Errors: 403 for the other side; 404 for no such service, or a case this user may not see."
        ),
    )
    def post(self, request: AuthenticatedRequest, pk: int, service_id: int) -> Response:
        case = selectors.case_get(request.user, pk)
        row = delivery.service_open(case=case, service_id=service_id, user=request.user)
        return Response(ServiceSerializer(row).data)
