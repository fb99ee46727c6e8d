"""The mediation pages' live feed: which channel-layer group a dispute's mediation pushes to, and the push.

A push says only that something happened (a message, an agreement drafted, confirmed or refused, a
payment) and which record; it carries no text. Each socket re-checks, for every event, that its user may
read that record (``mediation.consumers``), then the page fetches its own fresh parts from the server.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.push import push

MESSAGE = "message"
AGREEMENT = "agreement"
PAYMENT = "payment"


def mediation_group(case_id: int) -> str:
    return f"mediation-{case_id}"


def announce(case_id: int, kind: str, record: int | None = None, **extra: Any) -> None:
    """Push ``kind`` (and the record's id) to the watchers of the case's mediation, after commit."""
    event = {"type": f"mediation.{kind}", "case": case_id, "kind": kind, "id": record, **extra}
    transaction.on_commit(lambda: push(mediation_group(case_id), event), robust=True)
