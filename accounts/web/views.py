"""Signing in on the web, and signing up or resetting the password with a mobile number and an SMS code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.sms_codes import Purpose
from accounts.web.forms import LoginForm, PasswordResetForm, SignUpForm
from core.web.forms import add_errors, attempt, describe


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _send_code(request: HttpRequest, form: SignUpForm | PasswordResetForm, purpose: str) -> None:
    """The ``send_code`` button: text a code to the number on the form."""
    _result, error = attempt(
        lambda: services.sms_code_request(phone=form.cleaned_data["phone"], purpose=purpose)
    )
    if error is not None:
        add_errors(form, error.fields or {"phone": [describe(error)]})
    else:
        messages.info(
            request, _("A code was texted to %(phone)s if it can be used here.") % form.cleaned_data
        )


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm()
    if request.method == "POST":
        sending = "send_code" in request.POST
        form = SignUpForm(request.POST, sending=sending)
        if form.is_valid():
            if sending:
                _send_code(request, form, Purpose.SIGNUP)
                form = SignUpForm(initial={"phone": form.cleaned_data["phone"]})
            else:
                user, error = attempt(lambda: services.user_sign_up(**form.cleaned_data))
                if user is not None:
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                    messages.success(request, _("Welcome! Your account is ready."))
                    return redirect("home")
                assert error is not None
                add_errors(form, error.fields or {"non_field_errors": [describe(error)]})
    return render(request, "accounts/sign_up.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetForm()
    if request.method == "POST":
        sending = "send_code" in request.POST
        form = PasswordResetForm(request.POST, sending=sending)
        if form.is_valid():
            if sending:
                _send_code(request, form, Purpose.RESET)
                form = PasswordResetForm(initial={"phone": form.cleaned_data["phone"]})
            else:
                user, error = attempt(lambda: services.user_reset_password(**form.cleaned_data))
                if user is not None:
                    messages.success(request, _("The password was changed; sign in with the new one."))
                    return redirect("login")
                assert error is not None
                add_errors(form, error.fields or {"non_field_errors": [describe(error)]})
    return render(request, "accounts/password_reset.html", {"form": form})
