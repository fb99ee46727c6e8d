"""What one user may see of a party in a case: the one disclosure rule for parties' personal data.

PIPL's minimum necessary, per viewer and party:

- **full** — the party itself, its agents with a verified mandate, and the commission's staff who see
  the case: the registered record (ID number, phone, address), and what was typed in this case.
- **stated** — the side that named the party (the applicant's side for the respondent it named, an
  agent for the party it named while its mandate awaits checking): what it typed, nothing more. Naming
  a registered person or company by its number never returns the stored phone or address.
- **masked** — everyone else on the case (the other side): the name, the ID number and the phone
  masked (``4401**********1234``, ``138****8001``), no address. Unified social credit codes and legal
  representatives are public registers and stay readable.

Every party shown by the API and the pages goes through ``party_view``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from accounts.identifiers import mask_id_number, mask_mobile
from accounts.models import User
from accounts.roles import PARTY_ROLES, has_role
from cases.models import Case, CaseParty, Mandate


class Disclosure(StrEnum):
    FULL = "full"
    STATED = "stated"
    MASKED = "masked"


@dataclass(frozen=True)
class PartyView:
    id: int
    kind: str
    kind_label: str
    name: str
    id_number: str | None
    credit_code: str | None
    legal_representative: str
    phone: str
    address: str | None
    is_representative: bool
    disclosure: str
    # To the commission's staff only: the name as typed in this case when it differs from the registered
    # one (a known number named under another name is linked, never renamed, issue 13 point 10).
    stated_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("kind_label")
        return data


def disclosure_for(case: Case, case_party: CaseParty, user: User | None) -> Disclosure:
    if user is None or not user.is_authenticated:
        return Disclosure.MASKED
    if not has_role(user, PARTY_ROLES):
        return Disclosure.FULL  # staff: whoever may see the case at all (the visibility rule) sees it whole
    if user.party_id is not None and user.party_id == case_party.party_id:
        return Disclosure.FULL
    agencies = [a for a in case.agents.all() if a.user_id == user.pk]  # prefetched by the detail queries
    if any(a.case_party_id == case_party.pk and a.mandate == Mandate.VERIFIED for a in agencies):
        return Disclosure.FULL
    if case_party.stated_side:
        if case.side_of(user) == case_party.stated_side:
            return Disclosure.STATED
        # The agent that filed, while its mandate awaits checking: what it typed, nothing more.
        if case.created_by_id == user.pk and any(a.mandate == Mandate.PENDING for a in agencies):
            return Disclosure.STATED
    return Disclosure.MASKED


def party_view(case: Case, case_party: CaseParty, user: User | None) -> PartyView:
    party = case_party.party
    level = disclosure_for(case, case_party, user)
    if level == Disclosure.FULL:
        name = party.name
        id_number = party.id_number
        phone = party.phone or case_party.stated_phone
        address: str | None = party.address or case_party.stated_address
    elif level == Disclosure.STATED:
        name = case_party.stated_name or party.name
        id_number = party.id_number  # the number it typed: that is how the party was found
        phone = case_party.stated_phone
        address = case_party.stated_address
    else:
        name = party.name
        id_number = mask_id_number(party.id_number)
        phone = mask_mobile(party.phone or case_party.stated_phone) or ""
        address = None
    return PartyView(
        id=party.pk,
        kind=party.kind,
        kind_label=str(party.get_kind_display()),
        name=name,
        id_number=id_number,
        credit_code=party.credit_code,
        legal_representative=party.legal_representative,
        phone=phone,
        address=address,
        is_representative=case_party.is_representative,
        disclosure=str(level),
        stated_name=_differing_stated_name(case_party, user),
    )


def _differing_stated_name(case_party: CaseParty, user: User | None) -> str | None:
    if user is None or not user.is_authenticated or has_role(user, PARTY_ROLES):
        return None
    typed = case_party.stated_name
    return typed if typed and typed != case_party.party.name else None
