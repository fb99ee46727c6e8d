"""Request types for the views only signed-in users reach: pages behind ``login_required`` and API views
behind the default ``IsAuthenticated`` permission. At run time these are Django's and DRF's own request
objects; the classes only tell the type checker that ``request.user`` is a ``User`` there, never the
anonymous user.
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.request import Request

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


class AuthenticatedRequest(Request):
    user: User
