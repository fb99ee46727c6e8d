"""WebSocket routes of every app."""

from django.urls import path

from cases.consumers import CaseConsumer
from core.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/cases/<int:case_id>/", CaseConsumer.as_asgi()),
]
