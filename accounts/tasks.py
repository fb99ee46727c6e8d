"""Accounts' periodic jobs."""

from __future__ import annotations

from celery import shared_task
from knox.models import AuthToken

from core import clock


@shared_task
def purge_expired_tokens() -> int:
    """Delete API tokens whose devices have not used them within the token lifetime."""
    deleted, _by_model = AuthToken.objects.filter(expiry__lt=clock.now()).delete()
    return deleted
