"""The hearing's steps on a case, registered with the case's step registry from ``HearingsConfig.ready()``."""

from __future__ import annotations

from cases import inputs
from cases.models import EventKind
from cases.registry import STEPS, Step
from hearings import services


def register() -> None:
    for kind, service in (
        (EventKind.START_ASYNC_HEARING, services.case_start_async_hearing),
        (EventKind.CONCLUDE_HEARING, services.case_conclude_hearing),
    ):
        STEPS.register(
            Step.named(
                kind,
                service=service,
                input=inputs.ReasonSerializer,
                transition=True,
                owner="hearings",
            )
        )
