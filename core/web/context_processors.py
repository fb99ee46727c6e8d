from __future__ import annotations

from django.http import HttpRequest

from core import selectors
from core.web.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, object]:
    """The layout's per-user parts: navigation for the role and the unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "navigation": navigation_for(user, request.path),
        "unread_notifications": selectors.unread_count(user),
    }
