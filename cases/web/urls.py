from django.contrib.auth import views as auth_views
from django.urls import path

from cases.web import case_pages, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("storage/local/<str:token>", views.local_storage_object, name="local-storage-object"),
    path("cases/<int:pk>/", case_pages.case_detail, name="case-detail"),
]
