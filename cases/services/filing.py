"""Filing an application: online by a party or its agent, at the counter by a clerk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Party, Role, User
from accounts.roles import COUNTER_ROLES, FILING_ROLES
from accounts.services import IdentityUnverified, party_from_input, party_registered
from cases.models import (
    Case,
    CaseAgent,
    CaseConsent,
    CaseParty,
    Claim,
    EventKind,
    Side,
)
from cases.services.care import legal_aid_at_filing
from cases.services.collective import elected_at_filing
from cases.services.delivery import day_start
from cases.services.kernel import (
    finish,
    record_event,
    side_users,
    tell,
)
from cases.services.mandates import mandate_requested
from core import clock
from core.errors import Forbidden, field_error
from core.messages import Message


@dataclass(frozen=True)
class ClaimInput:
    category: str
    description: str
    amount: Decimal | None = None


@transaction.atomic
def case_file(
    *,
    user: User,
    respondent: dict[str, Any],
    claims: list[ClaimInput],
    facts: str,
    applicant: dict[str, Any] | None = None,
    applicants: list[dict[str, Any]] | None = None,
    representatives: list[int] | None = None,
    respondents: list[dict[str, Any]] | None = None,
    consents: dict[str, bool] | None = None,
    received_at: datetime | None = None,
    street: str = "",
    transferred_from: dict[str, Any] | None = None,
    migrant_wage_arrears: bool = False,
    legal_aid: bool = False,
) -> Case:
    """A party files an application online, or a clerk registers one received at the counter — or the file
    of a case another commission transferred here (R Arts. 9, 46), with that commission, its case number
    and the day the file was received."""
    role = getattr(user, "role", None)
    is_clerk = role in COUNTER_ROLES
    if role not in FILING_ROLES and not is_clerk:
        raise Forbidden(_("Only a party, an agent or a clerk can file an application."))
    if received_at is not None and not is_clerk:
        raise field_error("received_at", _("Only a clerk records when a counter application was received."))
    if received_at is not None and received_at > clock.now():
        raise field_error("received_at", _("The receipt time cannot be in the future."))
    if received_at is not None and received_at < EARLIEST_RECEIPT:
        raise field_error(
            "received_at", _("The receipt time cannot be before the law took effect (2008-05-01).")
        )
    if not claims:
        raise field_error("claims", _("State at least one claim."))
    transfer = _transferred_in(transferred_from, is_clerk=is_clerk)
    if transfer is not None and received_at is None:
        received_on = transfer["received_on"]
        received_at = clock.now() if received_on == clock.today() else day_start(received_on)

    # Who applies.
    applicant_inputs = applicants or ([applicant] if applicant else [])
    if is_clerk:
        if not applicant_inputs:
            raise field_error("applicant", _("Name the applicant."))
        applicant_parties = [party_from_input(a, "applicant") for a in applicant_inputs]
    elif role == Role.AGENT:
        if len(applicant_inputs) != 1:
            raise field_error("applicant", _("Name the one party you act for."))
        applicant_parties = [party_from_input(applicant_inputs[0], "applicant")]
    else:
        if applicants:
            raise field_error("applicants", _("Collective applications are registered by a clerk."))
        applicant_parties = [_own_party(user, applicant)]

    respondent_parties = [party_from_input(r, "respondent") for r in (respondents or [respondent])]
    if {p.pk for p in applicant_parties} & {p.pk for p in respondent_parties}:
        raise field_error("respondent", _("A party cannot apply against itself."))
    if len({p.pk for p in applicant_parties}) != len(applicant_parties):
        raise field_error("applicants", _("The same applicant is named twice."))

    collective = len(applicant_parties) >= COLLECTIVE_MINIMUM
    representatives = representatives or []
    if collective and not 3 <= len(set(representatives)) <= 5:
        raise field_error("representatives", _("A collective dispute elects 3 to 5 representatives."))
    if any(not 0 <= i < len(applicant_parties) for i in representatives):
        raise field_error(
            "representatives", _("Representatives are given by their position among the applicants.")
        )

    now = clock.now()
    case = Case.objects.create(
        facts=facts,
        street=street,
        received_at=received_at or now,
        is_collective=collective,
        claims_total=sum((c.amount or Decimal("0")) for c in claims),
        created_by=user,
        clerk=user if is_clerk else None,
        transferred_from_commission=transfer["commission"] if transfer else "",
        transferred_from_number=transfer["case_number"] if transfer else "",
        transferred_received_on=transfer["received_on"] if transfer else None,
    )
    # Who typed the particulars: the applicant's side online, a clerk at the counter ("").
    stating_side = "" if is_clerk else Side.APPLICANT
    agency = None
    for position, party in enumerate(applicant_parties):
        case_party = CaseParty.objects.create(
            case=case,
            party=party,
            side=Side.APPLICANT,
            position=position,
            is_representative=position in representatives,
            migrant_wage_arrears=migrant_wage_arrears,
            stated_side=stating_side,
            **_stated(applicant_inputs[position] if applicant_inputs else None),
        )
        if role == Role.AGENT:
            # The agent acts for the party only once its mandate is verified (cases.services.mandates).
            agency = CaseAgent.objects.create(case=case, case_party=case_party, user=user)
    respondent_inputs = respondents or [respondent]
    for position, party in enumerate(respondent_parties):
        CaseParty.objects.create(
            case=case,
            party=party,
            side=Side.RESPONDENT,
            position=position,
            stated_side=stating_side,
            **_stated(respondent_inputs[position]),
        )
    Claim.objects.bulk_create(
        Claim(case=case, category=c.category, amount=c.amount, description=c.description, position=i)
        for i, c in enumerate(claims)
    )
    if collective:  # the representatives named at filing are the first election's record (R 63)
        elected_at_filing(case, user)
    consents = consents or {}
    CaseConsent.objects.create(
        case=case,
        side=Side.APPLICANT,
        pre_mediation=consents.get("pre_mediation"),
        async_hearing=consents.get("async_hearing"),
        electronic_service=consents.get("electronic_service"),
        updated_at=now,
        updated_by=user,
    )
    CaseConsent.objects.create(case=case, side=Side.RESPONDENT)
    # A known number named under another name: linked to the registered party, the typed name kept,
    # and the difference recorded for the clerk (never a silent rename).
    names_differ = [
        {"side": cp.side, "party_id": cp.party_id, "stated": cp.stated_name, "registered": cp.party.name}
        for cp in case.parties.select_related("party")
        if cp.stated_name and cp.stated_name != cp.party.name
    ]
    record_event(
        case,
        EventKind.REGISTERED if is_clerk else EventKind.FILED,
        user,
        to_status=case.status,
        data={
            "received_at": case.received_at.isoformat(),
            "consents": consents,
            **({"names_differ": names_differ} if names_differ else {}),
            **({"transferred_from": transferred_in_data(case)} if transfer else {}),
            **({"migrant_wage_arrears": True} if migrant_wage_arrears else {}),
            **({"legal_aid": True} if legal_aid else {}),
        },
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.filed",
        Message(gettext_noop("your application has been received")),
    )
    if agency is not None:
        tell(
            case,
            [user],
            "case.filed",
            Message(
                gettext_noop(
                    "your application has been received; you act for the applicant once your power of "
                    "attorney is verified by the filing window or confirmed by the applicant"
                )
            ),
        )
        mandate_requested(case, agency)
    if legal_aid:
        legal_aid_at_filing(case, user)
    return finish(case)


def _transferred_in(data: dict[str, Any] | None, *, is_clerk: bool) -> dict[str, Any] | None:
    """The transferring commission, its case number and the day the file arrived, checked (400 naming the
    field); None for an ordinary application."""
    if not data:
        return None
    if not is_clerk:
        raise field_error(
            "transferred_from", _("Only a clerk registers a case transferred from another commission.")
        )
    commission = str(data.get("commission") or "").strip()
    number = str(data.get("case_number") or "").strip()
    received_on = data.get("received_on")
    if not commission:
        raise field_error("transferred_from.commission", _("Name the commission that transferred the case."))
    if not number:
        raise field_error("transferred_from.case_number", _("Give that commission's case number."))
    if received_on is None:
        raise field_error("transferred_from.received_on", _("Give the day the file was received."))
    if received_on > clock.today():
        raise field_error(
            "transferred_from.received_on", _("The file cannot have been received after today.")
        )
    if received_on < EARLIEST_RECEIPT.date():
        raise field_error(
            "transferred_from.received_on",
            _("The receipt time cannot be before the law took effect (2008-05-01)."),
        )
    return {"commission": commission, "case_number": number, "received_on": received_on}


def transferred_in_data(case: Case) -> dict[str, Any]:
    """What the timeline keeps of a transfer in: who sent the case, under which number, and when it came."""
    assert case.transferred_received_on is not None
    return {
        "commission": case.transferred_from_commission,
        "case_number": case.transferred_from_number,
        "received_on": case.transferred_received_on.isoformat(),
    }


def _stated(data: dict[str, Any] | None) -> dict[str, str]:
    """The particulars as typed, kept with the case (the registered party's record is not changed)."""
    data = data or {}
    return {
        "stated_name": data.get("name") or "",
        "stated_phone": data.get("phone") or "",
        "stated_address": data.get("address") or "",
    }


COLLECTIVE_MINIMUM = 10  # L Art. 7
EARLIEST_RECEIPT = datetime(2008, 5, 1, tzinfo=clock.LEGAL_TZ)  # the Mediation and Arbitration Law in force


def _own_party(user: User, applicant: dict[str, Any] | None) -> Party:
    """A worker files for itself: its own party, registered on first filing."""
    if user.party is not None:
        if applicant and Party(
            kind=applicant["kind"],
            id_number=applicant.get("id_number"),
            credit_code=applicant.get("credit_code"),
        ).identifier not in ("", user.party.identifier):
            raise field_error(
                "applicant", _("You file for yourself; your particulars are already on your account.")
            )
        return user.party
    if not applicant:
        raise field_error(
            "applicant", _("Give your particulars (name and ID number) with your first application.")
        )
    # What an account declares about itself never ties it to a party already registered: that goes through
    # a verified path (real-name verification, the filing window, the access code on a served notice).
    registered = party_registered(applicant)
    if registered is not None:
        if registered.users.exclude(pk=user.pk).exists():
            raise field_error(
                "applicant.id_number",
                _("This ID number belongs to another account; please ask the filing window for help."),
            )
        raise IdentityUnverified(
            _(
                "This ID number is already registered with the commission. Verify your identity first "
                "(real-name verification, or your ID card at the filing window), then file."
            ),
            fields={"applicant.id_number": [_("Already registered: verify your identity first.")]},
        )
    party = party_from_input(applicant, "applicant")
    user.party = party
    user.save(update_fields=["party"])
    return party
