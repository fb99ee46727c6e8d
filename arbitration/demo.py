"""Arbitration's part of the demo: the demo cases closed by award.

Registered with ``cases.demo.DEMO_ACTIONS`` under the step ``issue_award``: the presiding arbitrator
drafts the award deciding every claim (the claimed amount granted, the step's reason as the finding),
then issues it, as the award workbench would.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from arbitration import services
from arbitration.models import Decision
from cases.models import Case


def issue_award(*, case: Case, user: User, users: dict[str, User], reason: str = "") -> None:
    items: list[dict[str, Any]] = [
        {
            "claim": claim.pk,
            "category": None,
            "title": "",
            "elements": [],
            "calculation": None,
            "granted": claim.amount,
            "decision": Decision.UPHELD,
            "finding": reason,
            "reasoning": "",
        }
        for claim in case.claims.filter(withdrawn=False)
    ]
    services.award_save(case=case, user=user, items=items)
    services.case_issue_award(case=case, user=user, reason=reason)


def register() -> None:
    from cases.demo import DEMO_ACTIONS

    DEMO_ACTIONS["issue_award"] = issue_award
