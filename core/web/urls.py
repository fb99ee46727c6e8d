from django.urls import path

from core.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("storage/local/<str:token>", views.local_storage_object, name="local-storage-object"),
]
