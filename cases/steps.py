"""The steps the case domain owns, registered with ``cases.registry.STEPS`` from ``CasesConfig.ready()``.

The transitions other apps own are registered by them: the mediation outcome by ``mediation``, the
asynchronous hearing by ``hearings``, the award by ``arbitration``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from cases import conditions as cond
from cases import inputs, procedure_steps
from cases import permissions as perm
from cases.models import Case, CaseEvent, EventKind, Status, SuspensionGround
from cases.models.case import OPEN_ARBITRATION
from cases.registry import STEPS, Step
from cases.services import hearing, intake, service, tribunal

ACCEPT_FINDINGS = (
    "facts_clear",
    "parties_agree",
    "public_interest",
    "major_social_impact",
    "respondent_whereabouts_unknown",
)
ARBITRATOR_FIELDS = ("arbitrator_1", "arbitrator_2", "arbitrator_3")
# A party added to an accepted case, asked for on the case page as flattened party_<field> inputs.
PARTY_FIELDS = ("kind", "name", "id_number", "credit_code", "legal_representative", "phone", "address")
HEARING_STATUSES = (Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING)


def _accept(*, case: Case, user: User, arbitrators: list[int] | None = None, **data: Any) -> Case:
    """The accept input carries the clerk's findings and, optionally, the tribunal by user id."""
    findings = intake.ProcedureInput(
        requested=data.pop("procedure", None), **{k: data.pop(k, False) for k in ACCEPT_FINDINGS}
    )
    return intake.case_accept(
        case=case,
        user=user,
        procedure=findings,
        arbitrators=tribunal.arbitrators_by_id(arbitrators) if arbitrators else None,
        **data,
    )


def _serve(*, case: Case, user: User, **data: Any) -> Any:
    return service.case_serve_application(case=case, user=user, **data)


def _access_codes(codes: Any) -> dict[str, Any]:
    """Shown once, to print on the notices: only a digest is stored."""
    return {
        "access_codes": [
            {"party_id": cp.party_id, "party": cp.party.name, "access_code": code}
            for cp, code in codes.items()
        ]
    }


def _supplement_items(event: CaseEvent) -> list[str]:
    return [str(item) for item in (event.data or {}).get("items", [])]


def _suspension_ground(event: CaseEvent) -> list[str]:
    ground = (event.data or {}).get("ground")
    return [str(dict(SuspensionGround.choices).get(ground, ground))] if ground else []


def _extra_days(event: CaseEvent) -> list[str]:
    days = (event.data or {}).get("days")
    return [_("%(days)s extra days") % {"days": days}] if days else []


def _case_number(event: CaseEvent) -> list[str]:
    number = (event.data or {}).get("case_number")
    return [number] if number else []


def _defence_text(event: CaseEvent) -> list[str]:
    text = (event.data or {}).get("text")
    return [text] if text else []


def _transition(
    kind: EventKind,
    service_function: Any,
    shape: Any,
    fields: tuple[str, ...] | None = None,
    describe: Any = None,
) -> Step:
    return Step.named(
        kind,
        service=service_function,
        input=shape,
        transition=True,
        fields=fields,
        describe=describe,
        owner="cases",
    )


def _action(
    kind: EventKind,
    service_function: Any,
    shape: Any,
    statuses: tuple[str, ...],
    permission: Any,
    conditions: tuple[cond.Condition, ...] = (),
    fields: tuple[str, ...] | None = None,
    **extra: Any,
) -> Step:
    return Step.named(
        kind,
        service=service_function,
        input=shape,
        statuses=statuses,
        permission=permission,
        conditions=conditions,
        fields=fields,
        owner="cases",
        **extra,
    )


def register() -> None:
    K = EventKind
    for kind in (K.FILED, K.REGISTERED, K.SET_TRIBUNAL, K.RECORD_CONSENT, K.BIND_PARTY):
        STEPS.register_event(kind.value, kind.label)
    for step in (
        _transition(
            K.ACCEPT,
            _accept,
            inputs.AcceptSerializer,
            ("procedure", *ACCEPT_FINDINGS, *ARBITRATOR_FIELDS, "reason"),
            _case_number,
        ),
        _transition(K.REJECT, intake.case_reject, inputs.RequiredReasonSerializer),
        _transition(K.WITHDRAW, intake.case_withdraw, inputs.ReasonSerializer),
        _transition(
            K.SCHEDULE_ORAL_HEARING,
            hearing.case_schedule_oral_hearing,
            inputs.HearingSerializer,
            ("hearing_at", "reason"),
        ),
        _transition(
            K.SUSPEND,
            hearing.case_suspend,
            inputs.SuspendSerializer,
            ("ground", "reason"),
            _suspension_ground,
        ),
        _transition(K.RESUME, hearing.case_resume, inputs.ReasonSerializer),
        _transition(K.DEEM_WITHDRAWN, hearing.case_deem_withdrawn, inputs.RequiredReasonSerializer),
        _transition(K.CANCEL, hearing.case_cancel, inputs.RequiredReasonSerializer),
        _action(
            K.REQUEST_SUPPLEMENT,
            intake.case_request_supplement,
            inputs.SupplementSerializer,
            (Status.SUBMITTED,),
            perm.intake_staff,
            (cond.not_awaiting_supplement,),
            ("items", "reason"),
            describe=_supplement_items,
        ),
        _action(
            K.COMPLETE_SUPPLEMENT,
            intake.case_complete_supplement,
            inputs.ReasonSerializer,
            (Status.SUBMITTED,),
            perm.applicant_side_or_intake,
            (cond.awaiting_supplement,),
        ),
        _action(
            K.SERVE_APPLICATION,
            _serve,
            inputs.ServeSerializer,
            tuple(OPEN_ARBITRATION),
            perm.intake_staff,
            (cond.application_not_yet_served,),
            ("defence_days", "reason"),
            present=_access_codes,
        ),
        _action(
            K.FILE_DEFENCE,
            service.case_file_defence,
            inputs.DefenceSerializer,
            tuple(OPEN_ARBITRATION),
            perm.respondent_side_or_intake,
            (cond.application_served, cond.defence_not_yet_filed),
            ("text",),
            describe=_defence_text,
        ),
        _action(
            K.SERVE_DEFENCE,
            service.case_serve_defence,
            inputs.ReasonSerializer,
            tuple(OPEN_ARBITRATION),
            perm.intake_staff,
            (cond.defence_filed_not_served,),
        ),
        _action(
            K.EXTEND_RULING,
            hearing.case_extend_ruling,
            inputs.ExtendSerializer,
            (*OPEN_ARBITRATION, Status.SUSPENDED),
            perm.supervisor,
            (cond.not_yet_extended, cond.ruling_period_running),
            ("days", "reason"),
            describe=_extra_days,
        ),
        _action(
            K.AMEND_CLAIMS,
            hearing.case_amend_claims,
            inputs.AmendClaimsSerializer,
            HEARING_STATUSES,
            perm.amend_claims,
            (cond.collective_consent_to_amend,),  # R 63
            fields=("reason",),
        ),
        _action(
            K.ADD_PARTY,
            hearing.case_add_party,
            inputs.AddPartySerializer,
            HEARING_STATUSES,
            perm.intake_staff_or_presiding_arbitrator,
            fields=("side", *(f"party_{name}" for name in PARTY_FIELDS), "reason"),
        ),
    ):
        STEPS.register(step)
    procedure_steps.register()  # collective disputes, counter-applications, advance execution (issue 13)
