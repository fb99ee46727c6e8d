"""Mediation's steps on a case, registered with the case's step registry from ``MediationConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases import inputs as case_inputs
from cases.models import CaseEvent, EventKind, Side
from cases.registry import STEPS, Step
from mediation import inputs, services


def _outcome(event: CaseEvent) -> list[str]:
    """How a returned mediation ended (declined, ended by the applicant, lapsed), on the timeline."""
    data = event.data or {}
    return [part for part in (data.get("outcome"), data.get("detail")) if part]


def _reneged(event: CaseEvent) -> list[str]:
    """An in-arbitration mediation a party walked away from before signing: the tribunal rules promptly."""
    data = event.data or {}
    if not data.get("prompt_ruling"):
        return []
    side = data.get("reneged")
    who = Side(side).label if side in Side.values else _("A party")
    return [
        _("%(who)s refused to sign the mediation document before it took effect.") % {"who": who},
        _("The tribunal is to rule promptly."),
    ]


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
                describe={K.RECORD_MEDIATION_FAILURE: _outcome, K.END_MEDIATION: _reneged}.get(kind),
                owner="mediation",
            )
        )
