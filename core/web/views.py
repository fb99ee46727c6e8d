"""The platform's pages: home, the inbox, the local storage stand-in, the error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import LANGUAGE_QUERY_PARAMETER

from core import selectors, services
from core.errors import json_error
from core.storage import MAX_UPLOAD_BYTES, LocalStorage, get_storage
from core.web.home import HOME


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also keeps the choice as the user's own language: notifications
    that reach them outside a page (pushes, SMS) speak it."""
    response = i18n_views.set_language(request)
    language = request.POST.get(LANGUAGE_QUERY_PARAMETER)
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_language_set(user=request.user, language=str(language))
    return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What the signed-in user has to do now, as the apps' home sections say (``core.web.home``)."""
    return render(request, "core/home.html", {"sections": HOME.for_user(request.user)})


def help_guide(request: HttpRequest) -> HttpResponse:
    """办事指南: what happens when and what to prepare; open to anyone, signed in or not."""
    return render(request, "core/help_guide.html", {"contact": _contact()})


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html", {"contact": _contact()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html", {"contact": _contact()})


def _contact() -> dict[str, str]:
    return {
        "address": settings.COMMISSION_ADDRESS,
        "phone": settings.COMMISSION_PHONE,
        "hotline": settings.COMMISSION_HOTLINE,
        "hours": settings.COMMISSION_HOURS,
    }


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id")
    ids = [int(raw)] if raw and raw.isdigit() else None
    services.notifications_mark_read(user=request.user, ids=ids)
    return redirect("notifications")


@csrf_exempt  # authorised by the signed URL, like an S3 presigned URL
@require_http_methods(["GET", "PUT"])
def local_storage_object(request: HttpRequest, token: str) -> HttpResponseBase:
    """The embedded profile's stand-in for presigned S3 URLs."""
    storage = get_storage()
    if not isinstance(storage, LocalStorage):
        raise Http404
    try:
        claims = storage.unsign(token, request.method)
    except signing.BadSignature:
        return json_error(403, "permission_denied", _("This link is invalid or has expired."))
    if request.method == "PUT":
        declared = claims.get("c", "")
        if declared and request.content_type != declared:
            return json_error(403, "permission_denied", _("This link is for a file of another type."))
        if storage.stat(claims["k"]) is not None:
            return json_error(409, "conflict", _("This file was already uploaded; it cannot be replaced."))
        try:
            storage.write_stream(claims["k"], request, MAX_UPLOAD_BYTES, declared)
        except ValueError:
            return json_error(413, "too_large", _("The upload is larger than allowed."))
        return HttpResponse(status=200)
    if storage.stat(claims["k"]) is None:
        raise Http404
    response = FileResponse(
        storage.path(claims["k"]).open("rb"),
        as_attachment=bool(claims.get("f")),
        filename=claims.get("f") or "",
    )
    if claims.get("t"):
        response["Content-Type"] = claims["t"]
    return response


def _error(request: HttpRequest, status: int, code: str, detail: str, page_message: str) -> HttpResponse:
    """The contract's envelope for /api/ paths, a page in the layout for everything else."""
    if request.path.startswith("/api/"):
        return json_error(status, code, detail)
    return render(request, "core/error.html", {"status": status, "message": page_message}, status=status)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 404, "not_found", _("Not found."), _("This page does not exist, or it is not yours to see.")
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "permission_denied",
        _("You do not have permission to perform this action."),
        _("You may not do this."),
    )


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        too_large = _("The request is larger than allowed.")
        return _error(request, 413, "too_large", too_large, too_large)
    message = _("The request could not be understood.")
    return _error(request, 400, "invalid", message, message)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "permission_denied",
        _("CSRF check failed; reload the page and try again."),
        _("The form expired; reload the page and try again."),
    )


def error_500(request: HttpRequest) -> HttpResponse:
    """A server error: the envelope for the API, a plain page otherwise — never a traceback. The page
    needs no database (its layout has no navigation), since the database may be why we are here."""
    if request.path.startswith("/api/"):
        return json_error(500, "server_error", _("Something went wrong on our side; please try again."))
    return render(request, "core/server_error.html", status=500)


def error_503(request: HttpRequest) -> HttpResponse:
    """A backing service (Redis, the broker) is down and nothing was saved: try again later. Like the 500
    page, it needs no database and no navigation."""
    if request.path.startswith("/api/"):
        detail = _("A backing service is unavailable; nothing was saved. Please try again later.")
        response: HttpResponse = json_error(503, "unavailable", detail)
    else:
        response = render(request, "core/unavailable.html", status=503)
    response["Retry-After"] = "30"
    return response
