from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from accounts import services
from core.errors import ApplicationError


class LoginForm(AuthenticationForm):
    """Django's login form, with the same failed-login limits as the API."""

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = services.user_login(
                    request=self.request, username=username, password=password, address=_address(self.request)
                )
            except ApplicationError as exc:
                raise forms.ValidationError(exc.detail, code=exc.code) from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None
