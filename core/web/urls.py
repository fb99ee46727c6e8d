from django.urls import path

from core.web import calendar, views

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_guide, name="help"),
    path("help/contact/", views.contact, name="contact"),
    path("help/privacy/", views.privacy, name="privacy"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("storage/local/<str:token>", views.local_storage_object, name="local-storage-object"),
    path("calendar/", calendar.holiday_calendar, name="holiday-calendar"),
    path("calendar/<int:year>/", calendar.holiday_calendar, name="holiday-calendar-year"),
]
