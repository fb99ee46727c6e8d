"""The steps the case domain owns, registered with ``cases.registry.STEPS`` from ``CasesConfig.ready()``.

The transitions other apps own are registered by them: the mediation outcome by ``mediation``, the
asynchronous hearing by ``hearings``, the award by ``arbitration``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from cases import conditions as cond
from cases import inputs
from cases import permissions as perm
from cases.models import Case, CaseEvent, EventKind, RejectionGround, Side, Status, SuspensionGround
from cases.models.case import OPEN_ARBITRATION, TRIBUNAL_STATUSES
from cases.registry import STEPS, Step
from cases.services import (
    delivery,
    hearing,
    hearing_notice,
    intake,
    jurisdiction,
    limitation,
    postponement,
    procedure,
    recusal,
    service,
    tribunal,
)

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


def _accept(
    *,
    case: Case,
    user: User,
    arbitrators: list[int] | None = None,
    seated: list[User] | None = None,
    **data: Any,
) -> Case:
    """The accept input carries the clerk's findings and, optionally, the tribunal by user id (``seated``:
    those users, already looked up for a group's members)."""
    findings = intake.ProcedureInput(
        requested=data.pop("procedure", None), **{k: data.pop(k, False) for k in ACCEPT_FINDINGS}
    )
    if seated is None and arbitrators:
        seated = tribunal.arbitrators_by_id(arbitrators)
    return intake.case_accept(case=case, user=user, procedure=findings, arbitrators=seated or None, **data)


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
    data = event.shown_data
    number, why, transfer = data.get("case_number"), data.get("procedure_reason"), data.get("transfer_note")
    return [line for line in (number, why, transfer) if line]


def _rejection(event: CaseEvent) -> list[str]:
    data = event.data or {}
    labels = dict(RejectionGround.choices)
    return [str(labels.get(g, g)) for g in data.get("grounds", [])] + (
        [data["explanation"]] if data.get("explanation") else []
    )


def _data_lines(*keys: str) -> Any:
    def describe(event: CaseEvent) -> list[str]:
        data = event.data or {}
        return [f"{key}: {data[key]}" for key in keys if data.get(key) not in (None, "", [])]

    return describe


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
    for kind in (
        K.FILED,
        K.REGISTERED,
        K.SET_TRIBUNAL,
        K.RECORD_CONSENT,
        K.BIND_PARTY,
        K.RIGHT_TO_SUE_NOTIFIED,
        K.IMPORTED,
        K.GROUP_LINK,
        K.GROUP_UNLINK,
        K.CLOSED_OTHERWISE,
    ):
        STEPS.register_event(kind.value, kind.label)
    for step in (
        _transition(
            K.ACCEPT,
            _accept,
            inputs.AcceptSerializer,
            ("procedure", *ACCEPT_FINDINGS, *ARBITRATOR_FIELDS, "reason"),
            _case_number,
        ),
        _transition(
            K.REJECT,
            intake.case_reject,
            inputs.RejectSerializer,
            ("grounds", "competent_commission", "reason"),
            _rejection,
        ),
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
            ("defence_days", "method", "received_on", "proof", "confirmed", "reason"),
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
        *_procedure_steps(),
    ):
        STEPS.register(step)
    # Imported here: those modules build their steps with this module's helpers.
    from cases import care_steps, procedure_steps

    register_procedure()
    procedure_steps.register()  # collective disputes, counter-applications, advance execution (issue 13)
    register_delivery()
    care_steps.register()  # priority and legal aid (issue 16)


def _procedure_steps() -> tuple[Step, ...]:
    """Issue 13: the simplified procedure after acceptance, limitation, jurisdiction and transfer."""
    K = EventKind
    open_or_suspended = (*OPEN_ARBITRATION, Status.SUSPENDED)
    return (
        _action(
            K.AGREE_SHORT_DEFENCE,
            procedure.case_agree_short_defence,
            inputs.AgreeShortDefenceSerializer,
            tuple(OPEN_ARBITRATION),
            perm.respondent_side_or_intake,
            (cond.simplified_procedure, cond.defence_not_yet_filed),
            ("days", "reason"),
            describe=_extra_days,
        ),
        _action(
            K.CONVERT_TO_ORDINARY,
            procedure.case_convert_to_ordinary,
            inputs.RequiredReasonSerializer,
            open_or_suspended,
            perm.presiding_arbitrator_or_supervisor,
            (cond.simplified_procedure,),
        ),
        _action(
            K.RECORD_LIMITATION,
            limitation.case_record_limitation,
            inputs.RecordLimitationSerializer,
            (Status.SUBMITTED, *open_or_suspended),
            perm.intake_staff_or_presiding_arbitrator,
            fields=(
                "arose_on",
                "knew_on",
                "unpaid_wages",
                "employment_ended_on",
                "interruptions",
                "suspensions",
                "reason",
            ),
            describe=_data_lines("knew_on", "runs_from", "expires_on"),
        ),
        _action(
            K.RAISE_LIMITATION,
            limitation.case_raise_limitation,
            inputs.RequiredReasonSerializer,
            open_or_suspended,
            perm.respondent_side_or_intake,
            (cond.limitation_not_yet_raised,),
        ),
        _action(
            K.RECORD_JURISDICTION,
            jurisdiction.case_record_jurisdiction,
            inputs.JurisdictionSerializer,
            (Status.SUBMITTED, *open_or_suspended),
            perm.intake_staff,
            describe=_data_lines("place_of_performance", "employer_registered_place"),
        ),
        _action(
            K.OBJECT_TO_JURISDICTION,
            jurisdiction.case_object_to_jurisdiction,
            inputs.RequiredReasonSerializer,
            (Status.ACCEPTED,),
            perm.respondent_side_or_intake,
            (cond.jurisdiction_not_yet_objected,),
        ),
        _action(
            K.DECIDE_JURISDICTION_OBJECTION,
            jurisdiction.case_decide_jurisdiction_objection,
            inputs.JurisdictionDecisionSerializer,
            (Status.ACCEPTED, Status.SUSPENDED),
            perm.supervisor,
            (cond.jurisdiction_objection_pending,),
            ("decision", "competent_commission", "reason"),
            describe=_data_lines("decision", "competent_commission"),
        ),
        _transition(
            K.TRANSFER,
            jurisdiction.case_transfer,
            inputs.TransferSerializer,
            ("competent_commission", "reason"),
            _data_lines("competent_commission", "note"),
        ),
    )


# --- hearing notice, postponement, recusal (issue 13, points 8 and 14) -----------------------------------
RECUSAL_STATUSES = tuple(TRIBUNAL_STATUSES)


def _notice(event: CaseEvent) -> list[str]:
    data = event.data or {}
    lines = [
        _("%(side)s, received %(day)s") % {"side": data.get("side", ""), "day": data.get("received_on", "")}
    ]
    if not data.get("proof"):
        lines.append(_("receipt not confirmed: no proof of service (R Art. 59)"))
    if not data.get("timely"):
        lines.append(_("less than 5 days before the hearing (L Art. 35)"))
    return lines


def _decision(event: CaseEvent) -> list[str]:
    data = event.data or {}
    lines = [str(_("Granted") if data.get("decision") == "granted" else _("Refused"))]
    if data.get("replacement_name"):
        lines.append(_("replaced by %(name)s") % {"name": data["replacement_name"]})
    return lines


def _for_side(event: CaseEvent) -> list[str]:
    """Whose request it is; one a clerk recorded names the side it was recorded for."""
    data = event.data or {}
    side = str(data.get("side") or "")
    label = str(dict(Side.choices).get(side, side))
    if data.get("at_counter"):
        return [_("for the %(side)s, made at the counter and recorded by the clerk") % {"side": label}]
    return [_("by the %(side)s") % {"side": label}] if label else []


def _recusal_applied(event: CaseEvent) -> list[str]:
    return [str((event.data or {}).get("arbitrator_name", "")), *_for_side(event)]


def register_procedure() -> None:
    K = EventKind
    for step in (
        _action(
            K.SERVE_HEARING_NOTICE,
            hearing_notice.case_serve_hearing_notice,
            inputs.HearingNoticeSerializer,
            (Status.ORAL_HEARING, Status.DELIBERATION),  # a return receipt may come back after the hearing
            perm.intake_staff,
            (cond.hearing_scheduled,),
            ("side", "method", "received_on", "confirmed", "reason"),
            describe=_notice,
        ),
        _action(
            K.REQUEST_POSTPONEMENT,
            postponement.case_request_postponement,
            inputs.PostponementRequestSerializer,
            (Status.ORAL_HEARING,),
            perm.party_side_or_intake,
            (cond.hearing_scheduled, cond.no_postponement_pending),
            ("side", "reason"),
            describe=_for_side,
        ),
        _action(
            K.DECIDE_POSTPONEMENT,
            postponement.case_decide_postponement,
            inputs.PostponementDecisionSerializer,
            (Status.ORAL_HEARING,),
            perm.presiding_arbitrator,
            (cond.postponement_pending,),
            ("decision", "hearing_at", "reason"),
            describe=_decision,
        ),
        _action(
            K.APPLY_RECUSAL,
            recusal.case_apply_recusal,
            inputs.RecusalApplicationSerializer,
            HEARING_STATUSES,
            perm.party_side_or_intake,
            (cond.tribunal_assigned,),
            ("side", "arbitrator", "ground", "reason"),
            describe=_recusal_applied,
        ),
        _action(
            K.DECIDE_RECUSAL,
            recusal.case_decide_recusal,
            inputs.RecusalDecisionSerializer,
            RECUSAL_STATUSES,
            perm.supervisor,
            (cond.recusal_pending,),
            ("application", "decision", "replacement", "reason"),
            describe=_decision,
        ),
    ):
        STEPS.register(step)


# --- service of documents (送达, issue 11 point 5) ---------------------------------------------------------


def _served(event: CaseEvent) -> list[str]:
    data = event.data or {}
    line = _("%(side)s, %(method)s") % {"side": data.get("side", ""), "method": data.get("method", "")}
    if data.get("effective_on"):
        return [line, _("took effect on %(day)s") % {"day": data["effective_on"]}]
    return [line, _("not yet received")]


def register_delivery() -> None:
    K = EventKind
    statuses = (*OPEN_ARBITRATION, Status.SUSPENDED, Status.CLOSED)  # the award is served after closure
    STEPS.register_event(K.SERVICE_EFFECTIVE.value, K.SERVICE_EFFECTIVE.label)
    for step in (
        _action(
            K.RECORD_SERVICE,
            delivery.case_record_service,
            inputs.RecordServiceSerializer,
            statuses,
            perm.intake_staff,
            fields=(
                "document",
                "document_id",
                "side",
                "method",
                "received_on",
                "proof",
                "confirmed",
                "reason",
            ),
            describe=_served,
        ),
        _action(
            K.RECORD_SERVICE_RECEIPT,
            delivery.case_record_service_receipt,
            inputs.ServiceReceiptSerializer,
            statuses,
            perm.intake_staff,
            fields=("service", "received_at", "proof", "reason"),
        ),
    ):
        STEPS.register(step)
