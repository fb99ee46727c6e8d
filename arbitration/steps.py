"""The award's step on a case, registered with the case's step registry from ``ArbitrationConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from arbitration import services
from cases import inputs
from cases.models import EventKind
from cases.registry import STEPS, Step


def register() -> None:
    STEPS.register(
        Step.named(
            EventKind.ISSUE_AWARD,
            service=services.case_issue_award,
            input=inputs.ReasonSerializer,
            transition=True,
            owner="arbitration",
        )
    )
    STEPS.register_event(services.AWARD_DRAFTED, gettext_lazy("Award draft saved"))
    STEPS.register_event(services.PARTIAL_AWARD, gettext_lazy("Partial award issued (L Art. 43)"))
