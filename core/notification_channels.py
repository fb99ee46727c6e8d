"""Outside channels that deliver copies of inbox notifications: the interface and the console channel.

An SMS gateway or WeChat template messages plug in by subclassing ``NotificationChannel`` and naming
the class (dotted path) in ``NOTIFICATION_CHANNELS``. The in-app inbox is not a channel: every
notification is always in the inbox.
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
