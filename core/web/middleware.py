from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from core.errors import SERVICE_UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)


class LanguageMiddleware(LocaleMiddleware):
    """The API speaks the request's Accept-Language (the contract); pages speak zh-hans unless the user
    chose English with the language switch, whatever language the browser happens to be set to."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ServiceUnavailableMiddleware:
    """Redis (the cache behind the login guard, the channel layer) or the broker down while a page or
    non-DRF view runs: 503 "try again later" instead of a 500. The API's exception handler does the same
    for DRF views; a write's tasks never reach here, since they go through the outbox after commit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SERVICE_UNAVAILABLE_ERRORS):
            return None
        from core.web.views import error_503

        log.warning("%s %s: a backing service is down: %s", request.method, request.path, exception)
        return error_503(request)
