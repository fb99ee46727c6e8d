"""The steps of collective disputes (R Arts. 63-65), counter-applications (R Art. 36) and advance
execution (L Art. 44), registered with ``cases.registry.STEPS`` by ``cases.steps.register`` with its
step helpers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cases import conditions as cond
from cases import permissions as perm
from cases import procedure_inputs as inputs
from cases.deadlines import PROVIDERS
from cases.models import AdvanceKind, CaseEvent, CollectiveScope, EventKind, Status
from cases.models.case import INTAKE, OPEN_ARBITRATION
from cases.registry import STEPS
from cases.services import advance_execution, collective, correction, counterclaim
from cases.signals import case_event_recorded
from cases.steps import _action

OPEN_OR_SUSPENDED = (*OPEN_ARBITRATION, Status.SUSPENDED)


def _elected(event: CaseEvent) -> list[str]:
    names = (event.data or {}).get("representatives") or []
    return ["、".join(str(n) for n in names)] if names else []


def _consent(event: CaseEvent) -> list[str]:
    data = event.data or {}
    raw = str(data.get("scope", ""))
    scope = dict(CollectiveScope.choices).get(raw, raw)
    return [_("%(scope)s: %(count)s workers") % {"scope": scope, "count": data.get("workers", 0)}]


def _counter_claims(event: CaseEvent) -> list[str]:
    return [
        f"{c.get('description', '')}" + (f" ¥{c['amount']}" if c.get("amount") else "")
        for c in (event.data or {}).get("claims", [])
    ]


def _counter_decision(event: CaseEvent) -> list[str]:
    accepted = (event.data or {}).get("accepted")
    return [str(_("Accepted and joined to the case") if accepted else _("Not accepted"))]


def _advance(event: CaseEvent) -> list[str]:
    data = event.data or {}
    lines = []
    if data.get("kind"):
        lines.append(f"{dict(AdvanceKind.choices).get(data['kind'], data['kind'])} ¥{data.get('amount', '')}")
    if "granted" in data:
        lines.append(str(_("Granted") if data["granted"] else _("Refused")))
    if data.get("court"):
        lines.append(f"{data['court']} {data.get('transferred_on', '')}")
    return lines


def _corrected(event: CaseEvent) -> list[str]:
    data = event.data or {}
    return [_("Version %(version)s") % {"version": data.get("version")}, str(data.get("corrected_text", ""))]


def _collective_intake(case: Any, user: Any) -> bool:
    """Offered only on a collective dispute: elsewhere the step means nothing (not a disabled button)."""
    return bool(case.is_collective) and perm.intake_staff(case, user)


def _may_record_consent(case: Any, user: Any) -> bool:
    return bool(case.is_collective) and collective._may_record_consent(case, user)


def _advance_applicant(case: Any, user: Any) -> bool:
    """The worker (or its agent; in a collective dispute a representative), or a clerk at the counter."""
    return perm.acts_for_applicants(case, user) or perm.intake_staff(case, user)


def register() -> None:
    K = EventKind
    for step in (
        _action(
            K.ELECT_REPRESENTATIVES,
            collective.case_elect_representatives,
            inputs.ElectRepresentativesSerializer,
            (*INTAKE, *OPEN_OR_SUSPENDED),
            _collective_intake,
            (cond.is_collective,),
            describe=_elected,
        ),
        _action(
            K.RECORD_COLLECTIVE_CONSENT,
            collective.case_record_collective_consent,
            inputs.CollectiveConsentSerializer,
            (*INTAKE, *OPEN_OR_SUSPENDED),
            _may_record_consent,
            (cond.is_collective,),
            describe=_consent,
        ),
        _action(
            K.FILE_COUNTER_APPLICATION,
            counterclaim.case_file_counter_application,
            inputs.CounterApplicationSerializer,
            tuple(OPEN_ARBITRATION),
            perm.respondent_side_or_intake,
            (cond.application_served, cond.no_counter_application_pending),
            ("facts",),
            describe=_counter_claims,
        ),
        _action(
            K.DECIDE_COUNTER_APPLICATION,
            counterclaim.case_decide_counter_application,
            inputs.DecideCounterSerializer,
            tuple(OPEN_ARBITRATION),
            perm.intake_staff_or_presiding_arbitrator,
            (cond.counter_application_pending,),
            describe=_counter_decision,
        ),
        _action(
            K.APPLY_ADVANCE_EXECUTION,
            advance_execution.case_apply_advance_execution,
            inputs.AdvanceApplySerializer,
            tuple(OPEN_ARBITRATION),
            _advance_applicant,
            (cond.applicant_is_worker, cond.no_advance_execution_pending),
            describe=_advance,
        ),
        _action(
            K.DECIDE_ADVANCE_EXECUTION,
            advance_execution.case_decide_advance_execution,
            inputs.AdvanceDecideSerializer,
            OPEN_OR_SUSPENDED,
            perm.presiding_arbitrator,
            (cond.advance_execution_pending,),
            describe=_advance,
        ),
        _action(
            K.TRANSFER_ADVANCE_EXECUTION,
            advance_execution.case_transfer_advance_execution,
            inputs.AdvanceTransferSerializer,
            (*OPEN_OR_SUSPENDED, Status.CLOSED),
            perm.intake_staff_or_presiding_arbitrator,
            (cond.advance_granted_not_transferred,),
            describe=_advance,
        ),
        _action(
            K.CORRECT_DOCUMENT,
            correction.case_correct_document,
            inputs.CorrectionSerializer,
            (Status.CLOSED,),
            perm.presiding_arbitrator,
            (cond.closed_by_award_or_mediation_document,),
            describe=_corrected,
        ),
    ):
        STEPS.register(step)
    PROVIDERS.register(counterclaim.PROVIDER)
    case_event_recorded.connect(collective.use_consent, dispatch_uid="cases.collective.use_consent")
