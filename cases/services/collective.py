"""Collective disputes (R Arts. 63-65): the representatives' election and the represented workers' consent.

Only the elected representatives act for the workers (``cases.permissions.acts_for_applicants``); to
change or drop the claims, withdraw or settle they need the consent of the workers they represent,
recorded here (``case_record_collective_consent``). The guards of those steps ask for an unused consent
(``cases.conditions.collective_consent_to_*``), and the step that relies on it uses it up
(``use_consent``, on the timeline's signal), so one consent authorises one act. Mediation asks
``check_may_settle`` before a party's confirmation counts for the workers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases import permissions as perm
from cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    CollectiveConsent,
    CollectiveScope,
    EventKind,
    RepresentativeElection,
    Side,
)
from cases.models.collective import acts_as_representative, consent_available
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from core import clock
from core.errors import ApplicationError, Forbidden, field_error
from core.messages import Message

MIN_REPRESENTATIVES, MAX_REPRESENTATIVES = 3, 5  # R Art. 63


def _applicants(case: Case) -> dict[int, CaseParty]:
    return {cp.party_id: cp for cp in case.parties.filter(side=Side.APPLICANT).select_related("party")}


@transaction.atomic
def case_elect_representatives(
    *, case: Case, user: User, representatives: list[int], reason: str, elected_on: date | None = None
) -> Case:
    """Record the workers' election of 3 to 5 representatives (by party id); they replace the former ones."""
    if not reason.strip():
        raise field_error("reason", _("Say how the representatives were elected (the meeting, the vote)."))
    elected_on = elected_on or clock.today()
    if elected_on > clock.today():
        raise field_error("elected_on", _("The election cannot be in the future."))
    case = lock_case(case)
    check_action(case, EventKind.ELECT_REPRESENTATIVES, user)
    applicants = _applicants(case)
    chosen = list(dict.fromkeys(representatives))
    strangers = [pk for pk in chosen if pk not in applicants]
    if strangers:
        raise field_error(
            "representatives",
            _("Representatives are elected among the applicant workers; not applicants: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in strangers)},
        )
    if not MIN_REPRESENTATIVES <= len(chosen) <= MAX_REPRESENTATIVES:
        raise field_error("representatives", _("A collective dispute elects 3 to 5 representatives."))
    previous = sorted(cp.party.name for cp in applicants.values() if cp.is_representative)
    for party_id, case_party in applicants.items():
        elected = party_id in chosen
        if case_party.is_representative != elected:
            case_party.is_representative = elected
            case_party.save(update_fields=["is_representative"])
    election = RepresentativeElection.objects.create(
        case=case, elected_on=elected_on, minutes=reason, recorded_by=user, recorded_at=clock.now()
    )
    election.representatives.set([applicants[pk] for pk in chosen])
    names = [applicants[pk].party.name for pk in chosen]
    record_event(
        case,
        EventKind.ELECT_REPRESENTATIVES,
        user,
        reason=reason,
        data={
            "election": election.pk,
            "elected_on": elected_on.isoformat(),
            "representatives": names,
            "party_ids": chosen,
            "previous": previous,
        },
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.representatives",
        Message(gettext_noop("the workers' representatives are now: %(names)s"), names="、".join(names)),
        reason,
    )
    return finish(case)


def elected_at_filing(case: Case, user: User) -> RepresentativeElection:
    """The representatives named on a collective application: the first election's record."""
    now = clock.now()
    election = RepresentativeElection.objects.create(
        case=case,
        elected_on=clock.local_date(case.received_at),
        minutes=_("Named on the application."),
        recorded_by=user,
        recorded_at=now,
    )
    election.representatives.set(case.parties.filter(side=Side.APPLICANT, is_representative=True))
    return election


def _may_record_consent(case: Case, user: User) -> bool:
    """A clerk records the signed consents handed in; a representative may hand them in online."""
    return perm.intake_staff(case, user) or (
        case.side_of(user) == Side.APPLICANT and acts_as_representative(case, user)
    )


@transaction.atomic
def case_record_collective_consent(
    *, case: Case, user: User, scope: str, text: str, workers: list[int] | None = None
) -> Case:
    """The represented workers consent to one act of their representatives (R Art. 63).

    ``workers`` are the consenting workers' party ids; left out, the recorder attests that every
    represented worker signed. Every represented worker must consent."""
    if scope not in CollectiveScope.values:
        raise field_error("scope", _("Choose what the workers consent to."))
    if not text.strip():
        raise field_error("text", _("Write what the workers consented to."))
    case = lock_case(case)
    check_action(case, EventKind.RECORD_COLLECTIVE_CONSENT, user)
    applicants = _applicants(case)
    represented = {pk: cp for pk, cp in applicants.items() if not cp.is_representative}
    given = list(dict.fromkeys(workers)) if workers is not None else list(represented)
    strangers = [pk for pk in given if pk not in represented]
    if strangers:
        raise field_error(
            "workers",
            _("Only the represented workers consent; these are not: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in strangers)},
        )
    missing = [cp.party.name for pk, cp in represented.items() if pk not in given]
    if missing:
        raise field_error(
            "workers",
            _("Every represented worker must consent (R Art. 63); missing: %(names)s.")
            % {"names": "、".join(missing)},
        )
    consent = CollectiveConsent.objects.create(
        case=case, scope=scope, text=text, recorded_by=user, recorded_at=clock.now()
    )
    consent.workers.set([represented[pk] for pk in given])
    record_event(
        case,
        EventKind.RECORD_COLLECTIVE_CONSENT,
        user,
        reason=text,
        data={"consent": consent.pk, "scope": scope, "workers": len(given)},
    )
    return finish(case)


def check_may_settle(case: Case, user: User, *, side: str) -> None:
    """For mediation: may this confirmation bind the workers of a collective dispute? Only a
    representative confirms for them (a clerk may record one signed at the counter), and only with the
    represented workers' recorded consent to settle (R Art. 63)."""
    if not case.is_collective or side != Side.APPLICANT:
        return
    if case.side_of(user) == Side.APPLICANT and not acts_as_representative(case, user):
        raise Forbidden(_("In a collective dispute only the elected representatives settle for the workers."))
    if consent_available(case, CollectiveScope.SETTLE) is None:
        message = _(
            "In a collective dispute the representatives settle only with the represented workers' "
            "recorded consent (R Art. 63): record it first."
        )
        raise ApplicationError(message, code="collective_consent_missing", fields={"consent": [message]})


# The acts a consent authorises, by the event that records them.
USED_BY = {
    EventKind.AMEND_CLAIMS: CollectiveScope.AMEND_CLAIMS,
    EventKind.WITHDRAW: CollectiveScope.WITHDRAW,
    EventKind.RECORD_MEDIATION_AGREEMENT: CollectiveScope.SETTLE,
    EventKind.CLOSE_BY_MEDIATION: CollectiveScope.SETTLE,
}


def use_consent(sender: Any, *, case: Case, event: CaseEvent, **kwargs: Any) -> None:
    """The act a consent authorised uses it up (``case_event_recorded``, inside the step's transaction)."""
    scope = USED_BY.get(event.kind)  # type: ignore[call-overload]
    if scope is None or not case.is_collective:
        return
    consent = consent_available(case, scope)
    if consent is not None:
        consent.used_by = event
        consent.save(update_fields=["used_by"])
