"""The project's URLs plus ``/bench/bare/<pk>/``: the baseline of ``benchmarks/http_load.py``, a bare
Django REST framework endpoint doing one primary-key query on the cases table (no authentication, a
three-field ModelSerializer), served by the same process as the API it is compared with. Benchmark only."""

from typing import Any

from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import Case
from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as project_urlpatterns


class BareCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "case_number", "status"]


class BareCaseView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    def get(self, request: Request, pk: int) -> Response:
        case = Case.objects.only("id", "case_number", "status").get(pk=pk)
        return Response(BareCaseSerializer(case).data)


urlpatterns = [path("bench/bare/<int:pk>/", BareCaseView.as_view()), *project_urlpatterns]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
