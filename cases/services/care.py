"""Care for the worker (issue 16): the priority of a migrant worker's wage arrears and the legal-aid
referral, with its outcome and the assigned lawyer bound as the worker's agent through the mandate path.

The service review (好差评) after closure is ``cases.services.reviews``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from accounts.roles import STAFF_ROLES, has_role
from cases.models import (
    Case,
    CaseAgent,
    CaseParty,
    EventKind,
    LegalAidReferral,
    LegalAidStatus,
    Side,
)
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from cases.services.mandates import mandate_requested
from core import clock, outbox
from core.errors import Conflict, field_error
from core.messages import Message
from core.notification_channels import send_text

# --- priority ------------------------------------------------------------------------------------------


@transaction.atomic
def case_set_priority(*, case: Case, user: User, migrant_wage_arrears: bool, reason: str = "") -> Case:
    """A clerk marks (or unmarks) the applicants as migrant workers claiming wage arrears: the case then
    goes first on every docket at the same due date (``cases.selectors.priority_expression``)."""
    case = lock_case(case)
    check_action(case, EventKind.SET_PRIORITY, user)
    applicants = CaseParty.objects.filter(case=case, side=Side.APPLICANT)
    if not applicants.exclude(migrant_wage_arrears=migrant_wage_arrears).exists():
        raise Conflict(
            _("The case is already marked as a priority case.")
            if migrant_wage_arrears
            else _("The case is not marked as a priority case.")
        )
    before = applicants.filter(migrant_wage_arrears=True).exists()
    applicants.update(migrant_wage_arrears=migrant_wage_arrears)
    record_event(
        case,
        EventKind.SET_PRIORITY,
        user,
        reason=reason,
        data={"migrant_wage_arrears": migrant_wage_arrears, "before": before},
    )
    return finish(case)


# --- legal aid -----------------------------------------------------------------------------------------


def centre() -> tuple[str, str]:
    """The configured legal-aid centre: its name and the contact referrals are sent to."""
    return settings.LEGAL_AID_CENTRE_NAME, settings.LEGAL_AID_CENTRE_CONTACT


def referral_text(case: Case, note: str = "") -> str:
    """What the centre is sent: the case's essentials — number, parties, claims with amounts — in the
    commission's language."""
    parties = list(case.parties.select_related("party").order_by("side", "position", "id"))
    claims = list(case.claims.filter(withdrawn=False).order_by("position", "id"))
    with translation.override(settings.LANGUAGE_CODE):
        number = case.case_number or _("application no. %(id)s") % {"id": case.pk}

        def who(side: str) -> str:
            named = [cp for cp in parties if cp.side == side]
            shown = []
            for cp in named:
                phone = cp.stated_phone or cp.party.phone if side == Side.APPLICANT else ""
                shown.append((cp.stated_name or cp.party.name) + (f"（{phone}）" if phone else ""))
            return "、".join(shown)

        lines = [
            _("Legal-aid referral from the labour dispute arbitration commission"),
            _("Case: %(number)s") % {"number": number},
            _("Applicant: %(names)s") % {"names": who(Side.APPLICANT)},
            _("Respondent: %(names)s") % {"names": who(Side.RESPONDENT)},
            _("Claims:"),
        ]
        for i, claim in enumerate(claims, 1):
            amount = f" ¥{claim.amount:.2f}" if claim.amount is not None else ""
            lines.append(f"{i}. {claim.get_category_display()}{amount} {claim.description}".rstrip())
        lines.append(_("Total claimed: ¥%(total)s") % {"total": f"{case.claims_total:.2f}"})
        if note:
            lines.append(_("Note: %(note)s") % {"note": note})
        return "\n".join(lines)


def _worker(case: Case, user: User) -> CaseParty:
    """The applicant the referral is for: the user's own party, else the first applicant."""
    applicants = list(case.parties.filter(side=Side.APPLICANT).order_by("position", "id"))
    own = next((cp for cp in applicants if user.party_id is not None and cp.party_id == user.party_id), None)
    return own or applicants[0]


@transaction.atomic
def case_request_legal_aid(*, case: Case, user: User, note: str = "", reason: str = "") -> Case:
    """The worker (or a clerk at the counter) asks for legal aid: the referral, with the case's
    essentials, is sent to the configured centre through the notification channels after commit."""
    case = lock_case(case)
    check_action(case, EventKind.REQUEST_LEGAL_AID, user)
    return _refer(case, user, note=note, reason=reason)


def _refer(case: Case, user: User, *, note: str = "", reason: str = "") -> Case:
    if case.legal_aid_referrals.filter(status=LegalAidStatus.REQUESTED).exists():
        raise Conflict(_("A legal-aid referral of this case already awaits the centre's answer."))
    name, contact = centre()
    referral = LegalAidReferral.objects.create(
        case=case,
        case_party=_worker(case, user),
        requested_by=user,
        requested_at=clock.now(),
        note=note.strip(),
        centre_name=name,
        centre_contact=contact,
        message=referral_text(case, note.strip()),
    )
    from cases.tasks import send_legal_aid_referral

    outbox.enqueue(send_legal_aid_referral, referral.pk)
    record_event(
        case,
        EventKind.REQUEST_LEGAL_AID,
        user,
        reason=reason,
        data={"referral": referral.pk, "centre": name, "party": referral.case_party.party_id},
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.legal_aid",
        Message(gettext_noop("your request for legal aid was referred to %(centre)s"), centre=name),
    )
    return finish(case)


def legal_aid_at_filing(case: Case, user: User) -> None:
    """A legal-aid request made with the application (inside the filing's transaction)."""
    _refer(case, user)


def legal_aid_send(referral_id: int) -> bool:
    """Send a referral to its centre once: the row is claimed by a conditional UPDATE, so a task that runs
    twice sends once; a failed send releases the claim and raises, to be retried."""
    now = clock.now()
    claimed = LegalAidReferral.objects.filter(pk=referral_id, sent_at__isnull=True).update(sent_at=now)
    if not claimed:
        return False
    referral = LegalAidReferral.objects.get(pk=referral_id)
    try:
        send_text(phone=referral.centre_contact, text=referral.message)
    except Exception:
        LegalAidReferral.objects.filter(pk=referral_id, sent_at=now).update(sent_at=None)
        raise
    return True


def _pending_referral(case: Case) -> LegalAidReferral:
    referral = case.legal_aid_referrals.select_for_update().filter(status=LegalAidStatus.REQUESTED).first()
    if referral is None:
        raise Conflict(_("No legal-aid referral of this case awaits an answer."))
    return referral


@transaction.atomic
def case_record_legal_aid_outcome(
    *,
    case: Case,
    user: User,
    outcome: str,
    lawyer_name: str = "",
    lawyer_phone: str = "",
    decline_reason: str = "",
    reason: str = "",
) -> Case:
    """The centre's answer, recorded by a clerk: a lawyer assigned (name and phone) or declined (why)."""
    case = lock_case(case)
    check_action(case, EventKind.RECORD_LEGAL_AID_OUTCOME, user)
    referral = _pending_referral(case)
    if outcome == LegalAidStatus.ASSIGNED:
        if not lawyer_name.strip():
            raise field_error("lawyer_name", _("Name the lawyer the centre assigned."))
        if not lawyer_phone.strip():
            raise field_error("lawyer_phone", _("Give the assigned lawyer's phone."))
        referral.lawyer_name, referral.lawyer_phone = lawyer_name.strip(), lawyer_phone.strip()
    elif outcome == LegalAidStatus.DECLINED:
        if not decline_reason.strip():
            raise field_error("decline_reason", _("Say why the centre declined."))
        referral.decline_reason = decline_reason.strip()
    else:
        raise field_error("outcome", _("Choose assigned or declined."))
    referral.status = outcome
    referral.decided_by = user
    referral.decided_at = clock.now()
    referral.save()
    record_event(
        case,
        EventKind.RECORD_LEGAL_AID_OUTCOME,
        user,
        reason=reason,
        data={
            "referral": referral.pk,
            "outcome": outcome,
            **(
                {"lawyer_name": referral.lawyer_name, "lawyer_phone": referral.lawyer_phone}
                if outcome == LegalAidStatus.ASSIGNED
                else {"decline_reason": referral.decline_reason}
            ),
        },
    )
    if outcome == LegalAidStatus.ASSIGNED:
        title = Message(
            gettext_noop("legal aid: the centre assigned %(lawyer)s (%(phone)s) to you"),
            lawyer=referral.lawyer_name,
            phone=referral.lawyer_phone,
        )
    else:
        title = Message(gettext_noop("legal aid: the centre declined (%(why)s)"), why=referral.decline_reason)
    tell(case, side_users(case, Side.APPLICANT), "case.legal_aid", title)
    return finish(case)


@transaction.atomic
def case_bind_legal_aid_lawyer(*, case: Case, user: User, agent: int, reason: str = "") -> Case:
    """The assigned lawyer's account becomes the worker's agent through the mandate path: recorded with its
    mandate pending, the worker asked to confirm, a clerk able to verify the power of attorney
    (``cases.services.mandates.case_decide_mandate``); it acts for the worker only once verified."""
    case = lock_case(case)
    check_action(case, EventKind.BIND_LEGAL_AID_LAWYER, user)
    referral = (
        case.legal_aid_referrals.select_for_update()
        .filter(status=LegalAidStatus.ASSIGNED, agency__isnull=True)
        .order_by("-decided_at", "-id")
        .first()
    )
    if referral is None:
        raise Conflict(_("No assigned legal-aid lawyer of this case awaits binding."))
    lawyer = User.objects.filter(pk=agent, is_active=True).first()
    if lawyer is None or lawyer.role != Role.AGENT:
        raise field_error("agent", _("Choose the lawyer's account (an agent's account)."))
    if CaseAgent.objects.filter(case=case, user=lawyer).exists() or case.side_of(lawyer) is not None:
        raise Conflict(_("This account already has a part in this case."))
    agency = CaseAgent.objects.create(case=case, case_party=referral.case_party, user=lawyer)
    referral.agency = agency
    referral.save(update_fields=["agency"])
    record_event(
        case,
        EventKind.BIND_LEGAL_AID_LAWYER,
        user,
        reason=reason,
        data={
            "referral": referral.pk,
            "agent": lawyer.pk,
            "agency": agency.pk,
            "lawyer": referral.lawyer_name,
        },
    )
    tell(
        case,
        [lawyer],
        "case.legal_aid",
        Message(
            gettext_noop(
                "you are named the worker's legal-aid lawyer; you act for the worker once your mandate is "
                "verified"
            )
        ),
    )
    mandate_requested(case, agency)
    return finish(case)


def referrals_of(case: Case) -> list[LegalAidReferral]:
    return list(case.legal_aid_referrals.select_related("agency").order_by("requested_at", "id"))


def may_see_referrals(case: Case, user: User) -> bool:
    """The worker's side and the commission's staff (not the employer) see the legal-aid referrals."""
    return case.side_of(user) == Side.APPLICANT or has_role(user, STAFF_ROLES)
