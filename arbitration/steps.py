"""The award's step on a case, registered with the case's step registry from ``ArbitrationConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arbitration import inputs, publication, services
from cases.models import CaseEvent, EventKind
from cases.registry import STEPS, Step


def _mediation_tried(event: CaseEvent) -> list[str]:
    """The award's answer to "was mediation tried?" (L Art. 42), on the timeline."""
    data = event.data or {}
    if "mediation_tried" not in data:
        return []
    if data["mediation_tried"]:
        return [_("Mediation was tried before the award.")]
    line = _("Mediation was not tried before the award: %(why)s") % {
        "why": data.get("mediation_not_tried_reason", "")
    }
    return [line]


def _describe_award(event: CaseEvent) -> list[str]:
    return services.describe_award(event) + _mediation_tried(event)


def register() -> None:
    STEPS.register(
        Step.named(
            EventKind.ISSUE_AWARD,
            service=services.case_issue_award,
            input=inputs.IssueAwardSerializer,
            transition=True,
            fields=("mediation_tried", "mediation_not_tried_reason", "default_award", "reason"),
            describe=_describe_award,
            owner="arbitration",
        )
    )
    STEPS.register_event(services.AWARD_DRAFTED, gettext_lazy("Award draft saved"))
    STEPS.register_event(services.PARTIAL_AWARD, gettext_lazy("Partial award issued (L Art. 43)"))
    STEPS.register_event(publication.AWARD_PUBLISHED, gettext_lazy("Award published, anonymised"))
    STEPS.register_event(
        publication.AWARD_TYPICAL, gettext_lazy("Published award's typical-case flag changed")
    )
