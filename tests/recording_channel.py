"""An outside notification channel for tests: records every send, so a test can count what went out.

Named in ``NOTIFICATION_CHANNELS`` as ``tests.recording_channel.RecordingChannel``. With
``RECORDING_CHANNEL_FILE`` set (a server or worker in a subprocess) each send appends the notification's
id as a line to that file; otherwise it goes to ``SENT`` in this process.
"""

from __future__ import annotations

import os

from core.models import Notification
from core.notification_channels import NotificationChannel

SENT: list[int] = []


class RecordingChannel(NotificationChannel):
    name = "recording"

    def send(self, notification: Notification) -> None:
        path = os.environ.get("RECORDING_CHANNEL_FILE")
        if path:
            with open(path, "a", encoding="utf-8") as record:
                record.write(f"{notification.pk}\n")
        else:
            SENT.append(notification.pk)
