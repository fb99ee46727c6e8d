"""The Celery app. With ``REDIS_URL`` tasks go to the worker and beat runs the periodic jobs; without
it tasks run eagerly in-process and ``manage.py serve`` runs the periodic jobs itself."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("arbitration")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
