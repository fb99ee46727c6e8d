"""One-time SMS codes for signing up and resetting a password by mobile number.

A code is six digits, lives ``SMS_CODE_TTL_SECONDS`` in the cache (Redis in production) and is stored only
as a keyed digest (HMAC with ``SECRET_KEY``), never in clear. Each check counts one attempt *before* the
code is compared, with an atomic INCR; after ``SMS_CODE_MAX_ATTEMPTS`` wrong tries the code is thrown away
and a new one must be asked for. A number gets one code per ``SMS_CODE_RESEND_SECONDS`` and at most
``SMS_CODES_PER_PHONE_PER_HOUR`` an hour (the API also limits the codes asked for per address). A good code
is used up.

The text goes out through the notification channels (``core.notification_channels.send_text``): the
console channel logs it in development and tests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ApplicationError
from core.notification_channels import send_text


class Purpose(models.TextChoices):
    SIGNUP = "signup", gettext_lazy("Sign up")
    RESET = "reset", gettext_lazy("Reset the password")


class CodeThrottled(ApplicationError):
    status_code = 429
    code = "throttled"


def _key(phone: str, purpose: str) -> str:
    return f"sms-code:{purpose}:{phone}"


def _digest(phone: str, purpose: str, code: str) -> str:
    message = f"{purpose}:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _count(key: str, window: int) -> int:
    """One more in ``key`` (atomically), the window running from the first."""
    if cache.add(key, 1, window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        return 1


def code_send(*, phone: str, purpose: str, text: str | None = None) -> None:
    """Make a new code for ``phone`` and text it (``text`` replaces the message: then no code is made)."""
    wait = settings.SMS_CODE_RESEND_SECONDS
    if wait and not cache.add(f"{_key(phone, purpose)}:resend", 1, wait):
        raise CodeThrottled(
            _("A code was sent to this number a moment ago; please wait a minute before asking again."),
            fields={"phone": [_("Wait a minute before asking for another code.")]},
            headers={"Retry-After": str(wait)},
        )
    if _count(f"{_key(phone, purpose)}:hour", 3600) > settings.SMS_CODES_PER_PHONE_PER_HOUR:
        raise CodeThrottled(
            _("Too many codes were sent to this number; please try again in an hour."),
            fields={"phone": [_("Too many codes for this number in the last hour.")]},
            headers={"Retry-After": "3600"},
        )
    if text is None:
        code = f"{secrets.randbelow(10**6):06d}"
        ttl = settings.SMS_CODE_TTL_SECONDS
        # The cache drops the entry after the TTL; the expiry is also kept in it, for the exact check.
        entry = {"digest": _digest(phone, purpose, code), "expires": time.time() + ttl}
        cache.set(_key(phone, purpose), entry, ttl)
        cache.delete(f"{_key(phone, purpose)}:attempts")
        text = _("Your verification code is %(code)s, valid for %(minutes)d minutes. Do not tell anyone.") % {
            "code": code,
            "minutes": max(1, ttl // 60),
        }
    send_text(phone=phone, text=text)


def code_check(*, phone: str, purpose: str, code: str) -> None:
    """Use up the code for ``phone``; raises (naming the field ``code``) when wrong, expired or spent."""
    key = _key(phone, purpose)
    stored = cache.get(key)
    if stored is None or stored["expires"] < time.time():
        raise ApplicationError(
            _("Invalid input."),
            code="code_expired",
            fields={"code": [_("The code has expired or was never sent; ask for a new one.")]},
        )
    attempts = _count(f"{key}:attempts", settings.SMS_CODE_TTL_SECONDS)
    if attempts > settings.SMS_CODE_MAX_ATTEMPTS:
        cache.delete_many([key, f"{key}:attempts"])
        raise CodeThrottled(
            _("Too many wrong codes; ask for a new code."),
            fields={"code": [_("Too many wrong tries: this code no longer works; ask for a new one.")]},
        )
    if not hmac.compare_digest(stored["digest"], _digest(phone, purpose, code.strip())):
        raise ApplicationError(
            _("Invalid input."), code="wrong_code", fields={"code": [_("The code is not right.")]}
        )
    cache.delete_many([key, f"{key}:attempts"])
