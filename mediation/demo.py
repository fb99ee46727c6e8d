"""Mediation's part of the demo: the agreements of the disputes mediated before filing.

Registered with ``cases.demo.DEMO_ACTIONS`` as the step ``mediation_agreement``: the mediator draws up
the agreement and both parties confirm it (a party with no account signs at the counter, recorded by
the clerk), which makes the dispute ``mediated`` as it would in use.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from accounts.models import User
from cases.models import Case, Side
from cases.services.kernel import side_users
from core import clock
from mediation import services


def agreement(
    *, case: Case, user: User, users: dict[str, User], items: list[dict[str, Any]], terms: str = ""
) -> None:
    today = clock.today()
    drafted = services.agreement_draft(
        case=case,
        user=user,
        terms=terms,
        items=[
            {
                "obligor": item["obligor"],
                "kind": item["kind"],
                "amount": Decimal(item["amount"]) if item.get("amount") else None,
                "due_on": today + timedelta(days=item["due_in_days"]) if "due_in_days" in item else None,
                "description": item.get("description", ""),
            }
            for item in items
        ],
    )
    for side in (Side.APPLICANT, Side.RESPONDENT):
        own = side_users(case, side)
        if own:
            services.agreement_confirm(agreement=drafted, user=own[0])
        else:
            services.agreement_confirm(agreement=drafted, user=users["clerk"], side=side)


def register() -> None:
    from cases.demo import DEMO_ACTIONS

    DEMO_ACTIONS["mediation_agreement"] = agreement
