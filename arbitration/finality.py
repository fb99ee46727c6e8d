"""The final-award rule (一裁终局, L Art. 47; R Art. 50), judged per claim item on the amount awarded.

Final (effective when made; the employer may only apply to set it aside) when the item is
(1) remuneration, work-injury medical fees, economic compensation or damages not exceeding 12 × the
local monthly minimum wage in force on the award date, or (2) a dispute over the national standards on
working hours, rest and leave, or social insurance. Anything else is not final.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from arbitration.calculations import FigureUsed, show
from cases.models import ClaimCategory

MONTHS = Decimal("12")
STANDARDS_DISPUTES = frozenset(
    {ClaimCategory.WORKING_HOURS, ClaimCategory.REST_LEAVE, ClaimCategory.SOCIAL_INSURANCE}
)
MONEY_CLAIMS = frozenset(
    {
        ClaimCategory.WAGE_ARREARS,
        ClaimCategory.OVERTIME,
        ClaimCategory.ECONOMIC_COMPENSATION,
        ClaimCategory.TERMINATION_COMPENSATION,
        ClaimCategory.WORK_INJURY,
    }
)


@dataclass(frozen=True)
class Finality:
    final: bool
    reason: str
    threshold: Decimal
    minimum_wage: FigureUsed


def classify(category: str, amount: Decimal | None, minimum_wage: FigureUsed) -> Finality:
    """Whether an item awarding ``amount`` under ``category`` is final, and why (``minimum_wage``: the
    figure in force on the award date)."""
    threshold = minimum_wage.amount * MONTHS
    if category in STANDARDS_DISPUTES:
        reason = _(
            "A dispute over the national standards on working hours, rest and leave or social insurance: "
            "final (L Art. 47(2))."
        )
        return Finality(True, reason, threshold, minimum_wage)
    if category in MONEY_CLAIMS:
        awarded = amount or Decimal("0")
        values = {"amount": show(awarded), "threshold": show(threshold), "minimum": show(minimum_wage.amount)}
        if awarded <= threshold:
            reason = (
                _(
                    "%(amount)s awarded does not exceed 12 × the monthly minimum wage (12 × %(minimum)s = "
                    "%(threshold)s): final (L Art. 47(1))."
                )
                % values
            )
            return Finality(True, reason, threshold, minimum_wage)
        reason = (
            _(
                "%(amount)s awarded exceeds 12 × the monthly minimum wage "
                "(12 × %(minimum)s = %(threshold)s): not final."
            )
            % values
        )
        return Finality(False, reason, threshold, minimum_wage)
    reason = _(
        "Neither a claim for remuneration, compensation or damages nor a standards dispute: not final "
        "(L Art. 47)."
    )
    return Finality(False, reason, threshold, minimum_wage)
