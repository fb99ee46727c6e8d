"""Mediation's steps on a case, registered with the case's step registry from ``MediationConfig.ready()``."""

from __future__ import annotations

from cases import inputs as case_inputs
from cases.models import CaseEvent, EventKind
from cases.registry import STEPS, Step
from mediation import inputs, services


def _outcome(event: CaseEvent) -> list[str]:
    """How a returned mediation ended (declined, ended by the applicant, lapsed), on the timeline."""
    data = event.data or {}
    return [part for part in (data.get("outcome"), data.get("detail")) if part]


def register() -> None:
    K = EventKind
    for kind, service, shape, fields in (
        (
            K.REFER_TO_MEDIATION,
            services.case_refer_to_mediation,
            inputs.ReferSerializer,
            ("mediation_organisation", "reason"),
        ),
        (
            K.RECORD_MEDIATION_AGREEMENT,
            services.case_record_mediation_agreement,
            case_inputs.ReasonSerializer,
            None,
        ),
        (
            K.RECORD_MEDIATION_FAILURE,
            services.case_record_mediation_failure,
            case_inputs.ReasonSerializer,
            None,
        ),
        (K.START_MEDIATION, services.case_start_mediation, case_inputs.ReasonSerializer, None),
        (K.END_MEDIATION, services.case_end_mediation, case_inputs.ReasonSerializer, None),
        (K.CLOSE_BY_MEDIATION, services.case_close_by_mediation, case_inputs.ReasonSerializer, None),
    ):
        STEPS.register(
            Step.named(
                kind,
                service=service,
                input=shape,
                transition=True,
                fields=fields,
                describe=_outcome if kind == K.RECORD_MEDIATION_FAILURE else None,
                owner="mediation",
            )
        )
