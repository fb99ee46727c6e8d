from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.identifiers import validate_mobile
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
    """The site's login page: the mobile number (a signed-up party's username) or the username."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Mobile number or username")
        self.fields["username"].error_messages["required"] = _("Enter your mobile number or username.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
        self.fields["username"].widget.attrs.update(autocomplete="username", inputmode="text")

    def clean(self) -> dict[str, Any]:
        return _guarded_clean(self)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin site's login page (staff only, as Django's), under the same limits."""

    def clean(self) -> dict[str, Any]:
        return _guarded_clean(self)


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class MobileFormField(forms.CharField):
    """A mainland mobile number as people type it (spaces, dashes, +86), cleaned to 11 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("error_messages", {"required": _("Enter your mobile number.")})
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="tel", autocomplete="tel")

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        try:
            return validate_mobile(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0], code=exc.code) from None


class _ByCodeForm(forms.Form):
    """Sign-up and reset: the number, the texted code and the new password. Asking for the code (the
    ``send_code`` button) validates the number alone."""

    phone = MobileFormField()
    code = forms.CharField(
        label=_("SMS code"),
        max_length=6,
        min_length=6,
        error_messages={"required": _("Enter the code texted to you.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    password = forms.CharField(
        label=_("New password"),
        max_length=128,
        strip=False,
        error_messages={"required": _("Choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not all digits, not a common password."),
    )

    def __init__(self, *args: Any, sending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sending:
            for name in list(self.fields):
                if name != "phone":
                    del self.fields[name]


class SignUpForm(_ByCodeForm):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        required=False,
        help_text=_("How the commission addresses you; your identity is verified later."),
    )


class PasswordResetForm(_ByCodeForm):
    pass
