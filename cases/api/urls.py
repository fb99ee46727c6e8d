from django.urls import path, re_path

from cases.api import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("parties/", views.PartyListView.as_view(), name="api-parties"),
    path("parties/<int:pk>/", views.PartyDetailView.as_view(), name="api-party"),
    path("notifications/", views.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/read/", views.NotificationReadView.as_view(), name="api-notifications-read"),
]

# Must stay last: included by config/urls.py after every app's API routes.
catch_all = [re_path(r"^.*$", views.ApiNotFoundView.as_view(), name="api-not-found")]
