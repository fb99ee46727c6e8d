from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from accounts import services
from core.errors import ApplicationError


def _guarded_clean(form: AuthenticationForm) -> dict[str, Any]:
    """Sign in through ``accounts.services.user_login``: the failed-login limits of every way in."""
    username = form.cleaned_data.get("username")
    password = form.cleaned_data.get("password")
    if username is not None and password:
        try:
            user = services.user_login(
                request=form.request, username=username, password=password, address=_address(form.request)
            )
        except ApplicationError as exc:
            raise forms.ValidationError(exc.detail, code=exc.code) from None
        form.user_cache = user
        form.confirm_login_allowed(user)
    return form.cleaned_data


class LoginForm(AuthenticationForm):
    """The site's login page."""

    def clean(self) -> dict[str, Any]:
        return _guarded_clean(self)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin site's login page (staff only, as Django's), under the same limits."""

    def clean(self) -> dict[str, Any]:
        return _guarded_clean(self)


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None
