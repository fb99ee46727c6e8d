"""Pure guards for case transitions and actions, each with the human reason shown when it fails.

A condition looks only at the case (no user, no input, no clock except through ``clock``); who may act
is a permission (``cases/permissions.py``); what the request must contain is the serializer's job.
``field`` names where the reason belongs when the API reports it as a 400.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from cases.models import Case


@dataclass(frozen=True)
class Condition:
    check: Callable[[Case], bool]
    reason: str | Promise
    field: str = "non_field_errors"

    def __call__(self, case: Case) -> bool:
        return self.check(case)

    @property
    def __name__(self) -> str:  # django-fsm names conditions in its messages
        return self.check.__name__


def _consent(case: Case, side: str, kind: str) -> bool:
    consent = case.consent_for(side)
    return bool(consent and getattr(consent, kind))


applicant_consents_to_mediation = Condition(
    lambda case: _consent(case, "applicant", "pre_mediation"),
    _("The applicant has not consented to pre-filing mediation."),
    "consents.applicant.pre_mediation",
)
applicant_consents_to_async = Condition(
    lambda case: _consent(case, "applicant", "async_hearing"),
    _("The applicant has not consented to an asynchronous hearing."),
    "consents.applicant.async_hearing",
)
respondent_consents_to_async = Condition(
    lambda case: _consent(case, "respondent", "async_hearing"),
    _("The respondent has not consented to an asynchronous hearing."),
    "consents.respondent.async_hearing",
)
tribunal_assigned = Condition(
    lambda case: case.has_tribunal,
    _("No arbitrator has been assigned to this case yet."),
    "arbitrators",
)
application_complete = Condition(
    lambda case: not case.awaiting_supplement,
    _("The applicant has not yet supplied the items the commission asked for."),
    "supplement",
)


def _filed_with_authority(case: Case) -> bool:
    """An application an agent filed stands only once the agent's mandate is verified."""
    filer = case.created_by_id
    return all(a.mandate == "verified" for a in case.agents.all() if a.user_id == filer)


filed_with_authority = Condition(
    _filed_with_authority,
    _(
        "The agent who filed this application has no verified mandate: check the signed power of "
        "attorney, or wait for the applicant to confirm the agent."
    ),
    "agents",
)


def _mediation_agreement_confirmed(case: Case) -> bool:
    """The open mediation episode has an agreement that both parties confirmed (written by mediation)."""
    return case.mediation_episodes.filter(
        concluded_at__isnull=True, agreement_confirmed_at__isnull=False
    ).exists()


mediation_agreement_confirmed = Condition(
    _mediation_agreement_confirmed,
    _("No mediation agreement has been confirmed by both parties yet."),
    "agreement",
)
mediation_document_signed = Condition(
    _mediation_agreement_confirmed,
    _("Both parties have not yet signed for receipt of the mediation document."),
    "agreement",
)
not_awaiting_supplement = Condition(
    lambda case: not case.awaiting_supplement,
    _("A supplement has already been requested and is awaited."),
    "supplement",
)
awaiting_supplement = Condition(
    lambda case: case.awaiting_supplement,
    _("No supplement has been requested."),
    "supplement",
)


# The guards on the case's own fields are functions rather than lambdas: the type checker reads this
# module before the model, and can check a function's body later but not a lambda's at module level.
def _not_served(case: Case) -> bool:
    return not case.served_at


def _served(case: Case) -> bool:
    return bool(case.served_at)


def _defence_not_filed(case: Case) -> bool:
    return not case.defence_filed_at


def _defence_filed_not_served(case: Case) -> bool:
    return bool(case.defence_filed_at) and not case.defence_served_at


def _not_extended(case: Case) -> bool:
    return case.extension_days == 0


def _ruling_period_running(case: Case) -> bool:
    """The ruling period has not run out yet (an extension is approved before it lapses, R 45)."""
    from cases.models import Deadline, DeadlineKind
    from core import clock

    today = clock.today()
    rows = _prefetched(case, "deadlines")
    if rows is not None:
        return not any(
            d.kind == DeadlineKind.RULING and d.completed_on is None and d.due_on < today for d in rows
        )
    return not Deadline.objects.filter(
        case=case, kind=DeadlineKind.RULING, completed_on__isnull=True, due_on__lt=today
    ).exists()


def _in_evidence_period(case: Case) -> bool:
    return case.status in ("accepted", "async_hearing", "oral_hearing")


application_not_yet_served = Condition(
    _not_served,
    _("The application has already been served on the respondent."),
)
application_served = Condition(
    _served,
    _("The application has not been served on the respondent yet."),
)
defence_not_yet_filed = Condition(
    _defence_not_filed,
    _("The respondent's defence has already been filed."),
)
defence_filed_not_served = Condition(
    _defence_filed_not_served,
    _("There is no filed defence waiting to be served."),
)
not_yet_extended = Condition(
    _not_extended,
    _("The ruling period has already been extended; the law allows one extension of at most 15 days."),
)
ruling_period_running = Condition(
    _ruling_period_running,
    _("The ruling period has already run out; an extension must be approved before it lapses."),
)
evidence_period_open = Condition(
    _in_evidence_period,
    _("Claims can only be changed before the evidence period ends."),
)


# --- issue 13: simplified procedure, jurisdiction -------------------------------------------------------
def _simplified(case: Case) -> bool:
    return case.procedure == "simplified"


def _objection_pending(case: Case) -> bool:
    return case.jurisdiction_objection_pending


def _not_objected(case: Case) -> bool:
    return case.jurisdiction_objected_at is None


simplified_procedure = Condition(
    _simplified, _("The case is not under the simplified procedure."), "procedure"
)
no_jurisdiction_objection_pending = Condition(
    lambda case: not _objection_pending(case),
    _("An objection to jurisdiction is pending: the commission decides it before the hearing (R Art. 10)."),
    "jurisdiction",
)
jurisdiction_objection_pending = Condition(
    _objection_pending, _("No objection to jurisdiction is pending."), "jurisdiction"
)
jurisdiction_not_yet_objected = Condition(
    _not_objected, _("An objection to jurisdiction has already been raised."), "jurisdiction"
)


def _limitation_not_raised(case: Case) -> bool:
    return not case.events.filter(kind="raise_limitation").exists()


limitation_not_yet_raised = Condition(
    _limitation_not_raised, _("The respondent has already raised limitation."), "reason"
)


# --- hearing notice, deemed withdrawal, postponement, recusal (issue 13, points 4, 8, 14) ----------------
# Methods of service that prove receipt by themselves (a signed receipt, a postal return receipt);
# phone, SMS and e-mail prove it only when the party confirmed receipt (R Art. 59).
PROOF_METHODS = ("in_person", "post")


def hearing_key(moment: object) -> str:
    """The hearing a notice was served for, as stored in its event (UTC, so every reader agrees)."""
    from datetime import UTC, datetime

    return moment.astimezone(UTC).isoformat() if isinstance(moment, datetime) else ""


def hearing_notice_proof(case: Case, side: str) -> object | None:
    """The event proving that the written notice of the current hearing reached ``side`` in time (at least
    5 days before, L Art. 35), with proof of receipt; None when there is none."""
    if case.hearing_at is None:
        return None
    key = hearing_key(case.hearing_at)
    for event in case.events.filter(kind="serve_hearing_notice").order_by("-created_at", "-id"):
        data = event.data or {}
        if (
            data.get("side") == side
            and data.get("hearing_at") == key
            and data.get("proof")
            and data.get("timely")
        ):
            return event
    return None


def _hearing_date_passed(case: Case) -> bool:
    from core import clock

    return case.hearing_at is not None and case.hearing_at <= clock.now()


def _postponement_pending(case: Case) -> bool:
    last = case.events.filter(kind__in=("request_postponement", "decide_postponement")).order_by(
        "-created_at", "-id"
    )
    first = last.first()
    return first is not None and first.kind == "request_postponement"


def _prefetched(case: Case, related: str) -> list[Any] | None:
    """The rows of a relation the case was read with (``selectors.case_detail_get`` reads them), or None
    when it was not: then the condition asks the database. Saves the detail a query per condition."""
    cache = getattr(case, "_prefetched_objects_cache", {})
    return list(cache[related]) if related in cache else None


def _recusal_pending(case: Case) -> bool:
    rows = _prefetched(case, "recusals")
    if rows is not None:
        return any(row.status == "pending" for row in rows)
    return case.recusals.filter(status="pending").exists()


def _hearing_scheduled(case: Case) -> bool:
    return case.hearing_at is not None


hearing_scheduled = Condition(
    _hearing_scheduled,
    _("No hearing date has been set."),
    "hearing_at",
)
hearing_date_passed = Condition(
    _hearing_date_passed,
    _("The hearing date has not passed yet: a party is absent only once the hearing was due."),
    "hearing_at",
)
hearing_notice_reached_applicant = Condition(
    lambda case: hearing_notice_proof(case, "applicant") is not None,
    _(
        "There is no proof that the written hearing notice reached the applicant at least 5 days before "
        "the hearing (a notice by phone or SMS counts only once the applicant confirmed it, R Art. 59)."
    ),
    "hearing_notice",
)
postponement_pending = Condition(
    _postponement_pending,
    _("No request to postpone the hearing is awaiting a decision."),
    "postponement",
)
no_postponement_pending = Condition(
    lambda case: not _postponement_pending(case),
    _("A request to postpone this hearing already awaits the tribunal's decision."),
    "postponement",
)
recusal_pending = Condition(
    _recusal_pending,
    _("No recusal application awaits a decision."),
    "application",
)


# --- collective consents (R 63), counter-applications (R 36), advance execution (L 44) -------------------
def _consented(scope: str) -> Callable[[Case], bool]:
    def check(case: Case) -> bool:
        from cases.models.collective import consent_available

        return not case.is_collective or consent_available(case, scope) is not None

    check.__name__ = f"collective_consent_to_{scope}"
    return check


collective_consent_to_amend = Condition(
    _consented("amend_claims"),
    _(
        "In a collective dispute the representatives change the claims only with the represented workers' "
        "recorded consent (R Art. 63): record it first."
    ),
    "consent",
)
collective_consent_to_withdraw = Condition(
    _consented("withdraw"),
    _(
        "In a collective dispute the representatives withdraw only with the represented workers' recorded "
        "consent (R Art. 63): record it first."
    ),
    "consent",
)
collective_consent_to_settle = Condition(
    _consented("settle"),
    _(
        "In a collective dispute the representatives settle only with the represented workers' recorded "
        "consent (R Art. 63): record it first."
    ),
    "consent",
)


def _collective(case: Case) -> bool:
    return case.is_collective


def _pending(related: str) -> Callable[[Case], bool]:
    def check(case: Case) -> bool:
        rows = _prefetched(case, related)
        if rows is not None:
            return any(row.status == "pending" for row in rows)
        return bool(getattr(case, related).filter(status="pending").exists())

    check.__name__ = f"{related}_pending"
    return check


def _none_pending(related: str) -> Callable[[Case], bool]:
    def check(case: Case) -> bool:
        rows = _prefetched(case, related)
        if rows is not None:
            return not any(row.status == "pending" for row in rows)
        return not getattr(case, related).filter(status="pending").exists()

    check.__name__ = f"no_{related}_pending"
    return check


def _granted_not_transferred(case: Case) -> bool:
    rows = _prefetched(case, "advance_executions")
    if rows is not None:
        return any(row.status == "granted" and row.transferred_on is None for row in rows)
    return case.advance_executions.filter(status="granted", transferred_on__isnull=True).exists()


is_collective = Condition(_collective, _("This is not a collective dispute."), "representatives")
counter_application_pending = Condition(
    _pending("counter_applications"), _("No counter-application awaits a decision."), "counter_application"
)
no_counter_application_pending = Condition(
    _none_pending("counter_applications"),
    _("A counter-application already awaits the commission's decision."),
    "counter_application",
)
advance_execution_pending = Condition(
    _pending("advance_executions"), _("No application for advance execution awaits a decision."), "advance"
)
no_advance_execution_pending = Condition(
    _none_pending("advance_executions"),
    _("An application for advance execution already awaits the tribunal's decision."),
    "advance",
)
advance_granted_not_transferred = Condition(
    _granted_not_transferred,
    _("No granted advance execution awaits transfer to the court."),
    "advance",
)


def _applicant_is_worker(case: Case) -> bool:
    rows = _prefetched(case, "parties")
    if rows is not None:
        return all(cp.party.kind == "person" for cp in rows if cp.side == "applicant")
    return not case.parties.filter(side="applicant").exclude(party__kind="person").exists()


applicant_is_worker = Condition(
    _applicant_is_worker,
    _("Advance execution is for a worker's application (L Art. 44)."),
    "advance",
)


def _closed_by_document(case: Case) -> bool:
    return case.closure_type in ("award", "mediation")


closed_by_award_or_mediation_document = Condition(
    _closed_by_document,
    _("Only an issued award or mediation document can be corrected."),
    "document",
)


# --- legal aid (issue 16) ------------------------------------------------------------------------------


def _legal_aid_pending(case: Case) -> bool:
    rows = _prefetched(case, "legal_aid_referrals")
    if rows is not None:
        return any(row.status == "requested" for row in rows)
    return bool(case.legal_aid_referrals.filter(status="requested").exists())


def _no_legal_aid_pending(case: Case) -> bool:
    return not _legal_aid_pending(case)


def _legal_aid_lawyer_to_bind(case: Case) -> bool:
    rows = _prefetched(case, "legal_aid_referrals")
    if rows is not None:
        return any(row.status == "assigned" and row.agency_id is None for row in rows)
    return bool(case.legal_aid_referrals.filter(status="assigned", agency__isnull=True).exists())


no_legal_aid_pending = Condition(
    _no_legal_aid_pending, _("A legal-aid referral already awaits the centre's answer."), "legal_aid"
)
legal_aid_pending = Condition(
    _legal_aid_pending, _("No legal-aid referral awaits the centre's answer."), "legal_aid"
)
legal_aid_lawyer_to_bind = Condition(
    _legal_aid_lawyer_to_bind, _("No assigned legal-aid lawyer awaits binding."), "legal_aid"
)
