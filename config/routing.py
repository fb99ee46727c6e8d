"""WebSocket routes of every app."""

from django.urls import path, re_path

from cases.consumers import CaseConsumer
from core.consumers import NoSuchFeedConsumer, NotificationConsumer
from hearings.consumers import HearingSessionConsumer
from mediation.consumers import MediationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/cases/<int:case_id>/", CaseConsumer.as_asgi()),
    path("ws/hearing-sessions/<int:session_id>/", HearingSessionConsumer.as_asgi()),
    path("ws/cases/<int:case_id>/mediation/", MediationConsumer.as_asgi()),
    re_path(r"", NoSuchFeedConsumer.as_asgi()),  # must stay last
]
