"""Where the finality rate (仲裁终结率) learns which closed cases were taken to court after the award, and
when each case's window to go there opened.

A lawsuit (L Art. 48, 50) or an application to set a final award aside (L Art. 49) ends the case's
finality. Staff record them as ``CourtChallenge`` rows (``arbitration.after_award``), each marked when
recorded as filed within its side's statutory window or not (``within_window``; None when that side's
receipt of the award is not on record). A case counts as taken to court when a challenge was filed within
the window or with the receipt unknown; one filed too late leaves the award final.

The windows run from each party's own receipt of the award (``after_award.award_windows``: the first
service of the award on that side that took effect). The figures count a case's window as over
``SUPERVISION_LAWSUIT_WINDOW_DAYS`` (30, the longest statutory window: set-aside, L Art. 49) after the
latest of the case's closure and each side's receipt on record (a side whose receipt is not on record
counts from closure).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min, QuerySet

from arbitration.after_award import court_challenges
from cases.models import ServedDocument, Service


def cases_taken_to_court() -> QuerySet:
    """Ids (``values``-shaped) of the cases a lawsuit or set-aside application followed in time."""
    return court_challenges().exclude(within_window=False).order_by().values("case_id")


def received_award_after(instant: datetime) -> QuerySet:
    """Ids (``values``-shaped) of the cases where a side first received the award at ``instant`` or later.

    One query without correlation (grouped by case and side), so the figures test it with a hashed
    ``NOT IN`` rather than a subquery per case."""
    first_receipts = (
        Service.objects.filter(document=ServedDocument.AWARD, effective_at__isnull=False)
        .order_by()
        .values("case_id", "side")
        .annotate(first=Min("effective_at"))
        .filter(first__gte=instant)
    )
    return first_receipts.values("case_id")


def late_award_receipts() -> QuerySet:
    """The award's effective services, to group by case and side: the figures compare each side's first
    receipt (``Min``) with the end of the lawsuit window of the bucket the case closed in — one query for
    every bucket, where ``received_award_after`` takes one per instant."""
    return Service.objects.filter(document=ServedDocument.AWARD, effective_at__isnull=False).order_by()
