from django.urls import path, re_path

from cases.api import case_views, views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("parties/", views.PartyListView.as_view(), name="api-parties"),
    path("parties/<int:pk>/", views.PartyDetailView.as_view(), name="api-party"),
    path("notifications/", views.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/read/", views.NotificationReadView.as_view(), name="api-notifications-read"),
    path("calendar/<int:year>/", views.CalendarYearView.as_view(), name="api-calendar-year"),
    path("calendar/days/<str:day>/", views.CalendarDayView.as_view(), name="api-calendar-day"),
    path("cases/", case_views.CaseListView.as_view(), name="api-cases"),
    path("cases/bind/", case_views.CaseBindView.as_view(), name="api-case-bind"),
    path("cases/status-counts/", case_views.CaseStatusCountsView.as_view(), name="api-case-status-counts"),
    path("cases/<int:pk>/", case_views.CaseDetailView.as_view(), name="api-case"),
    path(
        "cases/<int:pk>/transitions/<str:name>/",
        case_views.CaseTransitionView.as_view(),
        name="api-case-transition",
    ),
    path("cases/<int:pk>/actions/<str:name>/", case_views.CaseActionView.as_view(), name="api-case-action"),
    path("cases/<int:pk>/events/", case_views.CaseEventsView.as_view(), name="api-case-events"),
    path("cases/<int:pk>/consents/", case_views.CaseConsentsView.as_view(), name="api-case-consents"),
    path("cases/<int:pk>/tribunal/", case_views.CaseTribunalView.as_view(), name="api-case-tribunal"),
]

# Must stay last: included by config/urls.py after every app's API routes.
catch_all = [re_path(r"^.*$", views.ApiNotFoundView.as_view(), name="api-not-found")]
