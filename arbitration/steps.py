"""The award's step on a case, registered with the case's step registry from ``ArbitrationConfig.ready()``."""

from __future__ import annotations

from arbitration import inputs, services
from cases.models import EventKind
from cases.registry import STEPS, Step


def register() -> None:
    STEPS.register(
        Step.named(
            EventKind.ISSUE_AWARD,
            service=services.case_issue_award,
            input=inputs.AwardSerializer,
            transition=True,
            describe=services.describe_award,
            owner="arbitration",
        )
    )
