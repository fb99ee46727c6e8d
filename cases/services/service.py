"""Service of the application and the defence; the respondent's access codes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.deadlines import DEFENCE_DAYS
from cases.models import (
    Case,
    CaseParty,
    EventKind,
    Procedure,
    ServedDocument,
    Side,
)
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_users,
    tell,
)
from core import clock
from core.errors import field_error
from core.messages import Message

ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ACCESS_CODE_LENGTH = 8


def normalise_access_code(code: str) -> str:
    """An access code as typed on a phone: full-width letters and digits, spaces, dashes, lower case."""
    return re.sub(r"[\s\-‐-―－]", "", unicodedata.normalize("NFKC", code)).upper()


def access_code_digest(case_party: CaseParty, code: str) -> str:
    message = f"{case_party.pk}:{normalise_access_code(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def case_serve_application(
    *,
    case: Case,
    user: User,
    defence_days: int = DEFENCE_DAYS,
    reason: str = "",
    method: str = "",
    received_on: date | None = None,
    proof: str = "",
    confirmed: bool = False,
) -> dict[CaseParty, str]:
    """Serve the application; returns the access code for each respondent without an account yet.

    The codes are printed on the notices and never stored in clear. With a ``method`` the service is
    recorded (``cases.services.delivery``) and the defence period runs from the respondent's receipt;
    without one the application is taken as handed over on the day.
    """
    case = lock_case(case)
    check_action(case, EventKind.SERVE_APPLICATION, user)
    if defence_days < DEFENCE_DAYS and case.procedure != Procedure.SIMPLIFIED:
        raise field_error("defence_days", _("Only the simplified procedure may shorten the defence period."))
    if defence_days < DEFENCE_DAYS and (
        case.defence_agreed_days is None or defence_days < case.defence_agreed_days
    ):
        raise field_error(
            "defence_days",
            _(
                "A shorter defence period needs the respondent's agreement, recorded first, to at least "
                "this short a period (R Art. 58)."
            ),
        )
    served: dict[str, object] = {}
    if method:
        from cases.services.delivery import service_create, service_data

        row = service_create(
            case,
            user,
            document=ServedDocument.APPLICATION,
            side=Side.RESPONDENT,
            method=method,
            received_on=received_on,
            proof=proof,
            confirmed=confirmed,
        )
        served = service_data(row)
    case.served_at = clock.now()
    case.defence_days = defence_days
    case.save()
    codes: dict[CaseParty, str] = {}
    for case_party in case.parties.filter(side=Side.RESPONDENT).select_related("party"):
        if case_party.party.users.filter(is_active=True).exists() or case_party.access_code_digest:
            continue  # has an account, or already holds a printed code
        code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
        case_party.access_code_digest = access_code_digest(case_party, code)
        case_party.access_code_used_at = None
        case_party.save(update_fields=["access_code_digest", "access_code_used_at"])
        codes[case_party] = code
    record_event(
        case,
        EventKind.SERVE_APPLICATION,
        user,
        reason=reason,
        data={"defence_days": defence_days, "access_codes_issued": len(codes), **served},
        # For the notices printed now (arbitration's 应诉通知书); the timeline keeps only the count.
        transient={"access_codes": {cp.pk: code for cp, code in codes.items()}},
    )
    tell(
        case,
        side_users(case, Side.RESPONDENT),
        "case.served",
        Message(
            gettext_noop(
                "an arbitration application has been served on you; your defence is due within %(days)s days"
            ),
            days=defence_days,
        ),
    )
    finish(case)
    return codes


@transaction.atomic
def case_file_defence(*, case: Case, user: User, text: str) -> Case:
    if not text.strip():
        raise field_error("text", _("Write the defence."))
    case = lock_case(case)
    check_action(case, EventKind.FILE_DEFENCE, user)
    case.defence_filed_at = clock.now()
    case.save()
    record_event(case, EventKind.FILE_DEFENCE, user, data={"text": text})
    return finish(case)


@transaction.atomic
def case_serve_defence(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    check_action(case, EventKind.SERVE_DEFENCE, user)
    case.defence_served_at = clock.now()
    case.save()
    record_event(case, EventKind.SERVE_DEFENCE, user, reason=reason)
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.defence_served",
        Message(gettext_noop("the respondent's defence has been served on you")),
    )
    return finish(case)
