"""What the hearing adds to other apps' rules, registered from ``HearingsConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from evidence.models import EvidenceItem
from hearings.models import HearingSession, SessionStatus, StageKind, StageStatus
from hearings.sessions import StageClosed, StageNotOpen, stage_open_at


def cross_examination_window(item: EvidenceItem, user: User) -> None:
    """While a session with a cross-examination stage is open, opinions go in inside that window."""
    session = HearingSession.objects.filter(case_id=item.case_id, status=SessionStatus.OPEN).first()
    if session is None:
        return
    stages = [
        s for s in session.stages.filter(kind=StageKind.CROSS_EXAMINATION).exclude(status=StageStatus.SKIPPED)
    ]
    if not stages:
        return
    now = clock.now()
    if any(stage_open_at(s, now) for s in stages):
        return
    if all(now >= s.closes_at for s in stages):
        raise StageClosed(_("The cross-examination window of the hearing has closed."))
    raise StageNotOpen(_("Cross-examination opens with its window in the hearing."))
