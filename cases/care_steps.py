"""The steps of issue 16 the case domain owns — the priority flag and the legal-aid referral — registered
with ``cases.registry.STEPS`` by ``cases.steps.register``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases import conditions as cond
from cases import inputs
from cases import permissions as perm
from cases.models import CaseEvent, EventKind, Status
from cases.models.case import INTAKE, OPEN_ARBITRATION
from cases.registry import STEPS
from cases.services import care
from cases.steps import _action

NOT_CLOSED = (*INTAKE, *OPEN_ARBITRATION, Status.SUSPENDED)


def _priority(event: CaseEvent) -> list[str]:
    on = (event.data or {}).get("migrant_wage_arrears")
    return [str(_("Priority: migrant worker's wage arrears") if on else _("Priority removed"))]


def _outcome(event: CaseEvent) -> list[str]:
    data = event.data or {}
    if data.get("outcome") == "assigned":
        return [
            _("Lawyer assigned: %(name)s, %(phone)s")
            % {"name": data.get("lawyer_name"), "phone": data.get("lawyer_phone")}
        ]
    return [_("Declined: %(why)s") % {"why": data.get("decline_reason", "")}]


def _centre(event: CaseEvent) -> list[str]:
    centre = (event.data or {}).get("centre")
    return [_("Referred to %(centre)s") % {"centre": centre}] if centre else []


def _lawyer(event: CaseEvent) -> list[str]:
    name = (event.data or {}).get("lawyer")
    return [_("%(lawyer)s, mandate to be verified") % {"lawyer": name}] if name else []


def register() -> None:
    K = EventKind
    for kind in (K.SERVICE_REVIEWED, K.REVIEW_FOLLOWED_UP):
        STEPS.register_event(kind.value, kind.label)
    for step in (
        _action(
            K.SET_PRIORITY,
            care.case_set_priority,
            inputs.SetPrioritySerializer,
            NOT_CLOSED,
            perm.intake_staff,
            fields=("migrant_wage_arrears", "reason"),
            describe=_priority,
        ),
        _action(
            K.REQUEST_LEGAL_AID,
            care.case_request_legal_aid,
            inputs.LegalAidRequestSerializer,
            NOT_CLOSED,
            perm.applicant_side_or_intake,
            (cond.no_legal_aid_pending,),
            ("note", "reason"),
            describe=_centre,
        ),
        _action(
            K.RECORD_LEGAL_AID_OUTCOME,
            care.case_record_legal_aid_outcome,
            inputs.LegalAidOutcomeSerializer,
            NOT_CLOSED,
            perm.intake_staff,
            (cond.legal_aid_pending,),
            ("outcome", "lawyer_name", "lawyer_phone", "decline_reason", "reason"),
            describe=_outcome,
        ),
        _action(
            K.BIND_LEGAL_AID_LAWYER,
            care.case_bind_legal_aid_lawyer,
            inputs.BindLawyerSerializer,
            NOT_CLOSED,
            perm.intake_staff,
            (cond.legal_aid_lawyer_to_bind,),
            ("agent", "reason"),
            describe=_lawyer,
        ),
    ):
        STEPS.register(step)
