"""Outside channels that deliver copies of inbox notifications: the interface and the console channel.

An SMS gateway or WeChat template messages plug in by subclassing ``NotificationChannel`` and naming
the class (dotted path) in ``NOTIFICATION_CHANNELS``. The in-app inbox is not a channel: every
notification is always in the inbox.

A channel that reaches phones also sends texts to a bare number (``send_text``): the sign-up and password
reset codes go to a number that has no account yet. ``send_text`` sends through every configured channel
that can; the console channel logs the text (development and tests read the code from the log).
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from core.models import Notification

log = logging.getLogger("core.notifications")


class NotificationChannel(ABC):
    name: str

    @abstractmethod
    def send(self, notification: Notification) -> None:
        """Deliver one notification (``shown_title``/``shown_body``: the recipient's language is active);
        raise to have the delivery retried."""

    def send_text(self, *, phone: str, text: str) -> bool:
        """Send a text message to a mobile number; False when this channel does not reach phones."""
        return False


class ConsoleChannel(NotificationChannel):
    """The embedded default: writes each notification to the log instead of sending it."""

    name = "console"

    def send(self, notification: Notification) -> None:
        user = notification.user
        log.info(
            "notification to %s (%s): %s — %s %s",
            user.username,
            user.phone or "no phone",
            notification.shown_title,
            notification.shown_body,
            notification.url,
        )

    def send_text(self, *, phone: str, text: str) -> bool:
        log.info("text to %s: %s", phone, text)
        return True


BUILTIN = {"console": ConsoleChannel}


@cache
def _channels(names: tuple[str, ...]) -> dict[str, NotificationChannel]:
    channels: dict[str, NotificationChannel] = {}
    for name in names:
        try:
            cls = BUILTIN.get(name) or import_string(name)
        except ImportError as exc:
            raise ImproperlyConfigured(f"NOTIFICATION_CHANNELS: cannot import {name!r}") from exc
        channel = cls()
        channels[channel.name] = channel
    return channels


def configured_channels() -> dict[str, NotificationChannel]:
    return _channels(tuple(settings.NOTIFICATION_CHANNELS))


def send_text(*, phone: str, text: str) -> int:
    """Send a text to a mobile number through every configured channel that reaches phones; how many did."""
    return sum(channel.send_text(phone=phone, text=text) for channel in configured_channels().values())
