"""Signals of the platform; the apps listen, the platform knows none of them."""

from django.dispatch import Signal

# Sent after the commit of a change to the holiday table, with ``year``: deadlines that count working
# days in that year must be recomputed. With ``background=True`` (a supervisor's edit) receivers queue the
# work; with ``background=False`` (``load_holidays``) they do it now and return how many cases changed.
calendar_changed = Signal()
