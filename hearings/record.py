"""The parties' confirmation of the hearing record (笔录确认, OL Arts. 33-34).

A party confirms the record as rendered: it sends the SHA-256 of the PDF it read, and the confirmation
stores that fingerprint. The record PDF is deterministic (``hearings.documents``), so the server renders
it again and compares: a different fingerprint means the party read another version (409
``record_changed``) and must fetch it again. One confirmation per side, only once the session closed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.errors import Conflict, Forbidden, InvalidTransition
from hearings.documents import record_sha256
from hearings.models import HearingSession, RecordConfirmation, SessionStatus
from hearings.sessions import emit, lock_session, party_side


@transaction.atomic
def record_confirm(*, session: HearingSession, user: User, sha256: str) -> RecordConfirmation:
    session = lock_session(session)
    side = party_side(session.case, user)
    if side is None:
        raise Forbidden(_("Only the parties confirm the hearing record."))
    if session.status != SessionStatus.CLOSED:
        raise InvalidTransition(_("The record is confirmed once the session has closed."))
    if RecordConfirmation.objects.filter(session=session, side=side).exists():
        raise Conflict(_("Your side has already confirmed this record."), code="already_confirmed")
    current = record_sha256(session)
    if sha256.strip().lower() != current:
        raise Conflict(
            _("The record has changed since you downloaded it: download it again, read it and confirm that."),
            code="record_changed",
        )
    confirmation = RecordConfirmation.objects.create(
        session=session, side=side, user=user, pdf_sha256=current, at=clock.now()
    )
    emit(session, "record.confirmed", {"side": side, "sha256": current})
    return confirmation
