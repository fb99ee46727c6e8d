from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.web import views

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/signup/", views.sign_up, name="signup"),
    path("accounts/password-reset/", views.password_reset, name="password-reset"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
