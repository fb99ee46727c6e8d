"""Signing in on the web."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from accounts.web.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
