"""Signals other apps listen to: they learn of case changes here instead of being called by ``cases``."""

from django.dispatch import Signal

# Sent inside the step's transaction whenever an event is added to a case's timeline, with ``case`` and
# ``event``. A receiver that writes joins the transaction; one with outside effects queues a task with
# ``core.outbox.enqueue`` (in the transaction, run after commit), or pushes best effort with on_commit.
case_event_recorded = Signal()
