"""Correction (补正) of a clerical error in an issued award or mediation document: a recorded new version."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import Case, ClosureType, EventKind, Side
from cases.models.correction import ClosingDocument, DocumentCorrection
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from core import clock
from core.errors import field_error
from core.messages import Message

CLOSED_BY: dict[str, str] = {
    ClosingDocument.AWARD: ClosureType.AWARD,
    ClosingDocument.MEDIATION_DOCUMENT: ClosureType.MEDIATION,
}


@transaction.atomic
def case_correct_document(*, case: Case, user: User, document: str, corrected_text: str, reason: str) -> Case:
    if document not in CLOSED_BY:
        raise field_error("document", _("Choose the award or the mediation document."))
    if not corrected_text.strip():
        raise field_error("corrected_text", _("Write the corrected text."))
    if not reason.strip():
        raise field_error("reason", _("Say which clerical error is corrected."))
    case = lock_case(case)
    check_action(case, EventKind.CORRECT_DOCUMENT, user)
    if case.closure_type != CLOSED_BY[document]:
        raise field_error("document", _("This case was not closed by that document."))
    last = DocumentCorrection.objects.filter(case=case, document=document).aggregate(v=Max("version"))["v"]
    version = (last or 1) + 1  # the issued document is version 1
    DocumentCorrection.objects.create(
        case=case,
        document=document,
        version=version,
        corrected_text=corrected_text,
        reason=reason,
        recorded_by=user,
        recorded_at=clock.now(),
    )
    record_event(
        case,
        EventKind.CORRECT_DOCUMENT,
        user,
        reason=reason,
        data={"document": document, "version": version, "corrected_text": corrected_text},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    tell(
        case,
        everyone,
        "case.corrected",
        Message(
            gettext_noop("a clerical error in the %(document)s was corrected (version %(version)s)"),
            document=ClosingDocument(document).label,
            version=version,
        ),
        reason,
    )
    return finish(case)
