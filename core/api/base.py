from rest_framework import generics
from rest_framework.views import APIView

from core.api.idempotency import IdempotentMixin


class ApiView(IdempotentMixin, APIView):
    """The base of every API view: authenticated by default, POSTs idempotent with a key."""


class ListCreateApiView(IdempotentMixin, generics.ListCreateAPIView):
    pass


class ListApiView(generics.ListAPIView):
    pass


class RetrieveApiView(generics.RetrieveAPIView):
    pass
