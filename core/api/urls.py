from django.urls import path, re_path

from core.api import views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/read/", views.NotificationReadView.as_view(), name="api-notifications-read"),
    path("calendar/<int:year>/", views.CalendarYearView.as_view(), name="api-calendar-year"),
    path("calendar/days/<str:day>/", views.CalendarDayView.as_view(), name="api-calendar-day"),
]

# Must stay last: included by config/urls.py after every app's API routes.
catch_all = [re_path(r"^.*$", views.ApiNotFoundView.as_view(), name="api-not-found")]
