"""Serve HTTP and WebSocket from one ASGI server (daphne); in the embedded profile also run the
periodic jobs, since there is no Celery beat. ``make run`` calls this."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

BACKLOG = 1024


class Command(BaseCommand):
    help = "Serve the app with daphne (HTTP + WebSocket); runs periodic jobs in-process when embedded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-scheduler", action="store_true", help="do not run periodic jobs here")

    def handle(self, *args: Any, host: str, port: int, no_scheduler: bool, **options: Any) -> None:
        from celery import current_app
        from channels.routing import get_default_application
        from daphne.endpoints import build_endpoint_description_strings
        from daphne.server import Server

        from core import push
        from core.scheduler import EmbeddedScheduler

        # core does not import config (the wiring): the setting ASGI_APPLICATION names the application,
        # and config/__init__.py, imported with the settings, made the project's Celery app current.
        application = get_default_application()
        push.HAND_OFF = True  # pushes from request threads go to the server's loop (core/push.py)
        if settings.CELERY_TASK_ALWAYS_EAGER and not no_scheduler:
            EmbeddedScheduler(current_app._get_current_object()).start()
            self.stdout.write("Embedded profile: periodic jobs run in this process.")
        self.stdout.write(f"Serving on http://{host}:{port}/ (HTTP and WebSocket); Ctrl-C stops.")
        Server(
            application=application,
            # A deep accept queue: many phones connecting at once wait to be accepted instead of being
            # dropped or reset (Twisted's default backlog is 50).
            endpoints=[
                f"{endpoint}:backlog={BACKLOG}"
                for endpoint in build_endpoint_description_strings(host=host, port=port)
            ],
            http_timeout=120,
            application_close_timeout=10,
            verbosity=1,
        ).run()
