"""Consents and binding a respondent's account to its case."""

from __future__ import annotations

import hmac
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases import permissions
from cases.models import (
    Case,
    CaseAgent,
    CaseConsent,
    CaseParty,
    EventKind,
    Side,
)
from cases.models.case import INTAKE, TERMINAL
from cases.services.kernel import (
    finish,
    lock_case,
    record_event,
)
from cases.services.mandates import mandate_requested
from cases.services.service import access_code_digest
from core import clock
from core.errors import Conflict, Forbidden, InvalidTransition, NotFound, field_error

CONSENT_KINDS = ("pre_mediation", "async_hearing", "electronic_service")


@transaction.atomic
def case_record_consents(*, case: Case, user: User, side: str | None = None, **choices: bool) -> Case:
    """A party (or its agent) records its own consents; a clerk may record a consent given at the counter."""
    choices = {k: v for k, v in choices.items() if v is not None}
    if not choices:
        raise field_error("non_field_errors", _("Say which consent you give or withdraw."))
    case = lock_case(case)
    own_side = case.side_of(user)
    if own_side is None:
        if not permissions.intake_staff(case, user) or side not in Side.values:
            raise Forbidden(_("Only the parties record their consents."))
        own_side = side
    elif side not in (None, own_side):
        raise Forbidden(_("You record consents for your own side only."))
    if case.status in TERMINAL:
        raise InvalidTransition(_("The case is finished."), extra={"status": case.status})
    if "pre_mediation" in choices and (own_side != Side.APPLICANT or case.status not in INTAKE):
        raise field_error(
            "pre_mediation", _("Only the applicant consents to pre-filing mediation, before acceptance.")
        )
    consent, _created = CaseConsent.objects.get_or_create(case=case, side=own_side)
    for kind, value in choices.items():
        setattr(consent, kind, value)
    consent.updated_at = clock.now()
    consent.updated_by = user
    consent.save()
    record_event(case, EventKind.RECORD_CONSENT, user, data={"side": own_side, **choices})
    return finish(case)


_OPENING = "〔[(（【［〖"
_CLOSING = "〕])）】］〗"


def normalise_case_number(typed: str) -> str:
    """A case number as typed on a phone, in the form the commission prints (``CASE_NUMBER_TEMPLATE``):
    full-width digits and letters, spaces anywhere, and any of 〔2026〕 [2026] (2026) （2026） 【2026】."""
    template = settings.CASE_NUMBER_TEMPLATE
    opening = template[template.index("{year") - 1 : template.index("{year")] or "〔"
    closing_at = template.index("}", template.index("{year")) + 1
    closing = template[closing_at : closing_at + 1] or "〕"
    number = "".join(unicodedata.normalize("NFKC", typed).split())
    for character in _OPENING:
        number = number.replace(unicodedata.normalize("NFKC", character), opening)
    for character in _CLOSING:
        number = number.replace(unicodedata.normalize("NFKC", character), closing)
    return number


@transaction.atomic
def case_bind(*, user: User, case_number: str, access_code: str) -> Case:
    """A respondent without an account binds itself to its case with the code printed on its notice."""
    not_found = NotFound(_("No case matches this number and access code."))
    case = Case.objects.filter(case_number=normalise_case_number(case_number)).first()
    if case is None or not access_code:
        raise not_found
    case = lock_case(case)
    match = None
    for case_party in case.parties.filter(side=Side.RESPONDENT, access_code_used_at__isnull=True).exclude(
        access_code_digest=""
    ):
        if hmac.compare_digest(case_party.access_code_digest, access_code_digest(case_party, access_code)):
            match = case_party
            break
    if match is None:
        raise not_found
    if user.role == Role.AGENT:
        return _bind_agent(case, match, user)
    if user.party_id and user.party_id != match.party_id:
        raise Conflict(_("Your account already acts for another party; use that party's own account."))
    if not user.party_id:
        user.party = match.party
        user.identity_verified_by = User.Verification.ACCESS_CODE
        user.identity_verified_at = clock.now()
        user.save(update_fields=["party", "identity_verified_by", "identity_verified_at"])
    match.access_code_used_at = clock.now()
    match.save(update_fields=["access_code_used_at"])
    record_event(case, EventKind.BIND_PARTY, user, data={"party": match.party_id})
    return finish(case)


def _bind_agent(case: Case, match: CaseParty, user: User) -> Case:
    """A lawyer handed the notice by its client: recorded as the respondent's agent with its mandate
    pending (the code stays usable by the respondent itself, who may then confirm the agent)."""
    if case.agents.filter(user=user).exists():
        raise Conflict(_("You are already recorded as an agent in this case."))
    agency = CaseAgent.objects.create(case=case, case_party=match, user=user)
    record_event(case, EventKind.BIND_PARTY, user, data={"party": match.party_id, "agent": True})
    mandate_requested(case, agency)
    return finish(case)
