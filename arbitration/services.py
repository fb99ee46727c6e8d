"""The award's step on a case."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from arbitration.inputs import TRIED
from cases.models import Case, EventKind, MediationEpisode, MediationStage, Side
from cases.services.kernel import finish, fire, lock_case, side_users, tell
from core.errors import field_error


@transaction.atomic
def case_issue_award(
    *,
    case: Case,
    user: User,
    reason: str = "",
    mediation_tried: str | None = None,
    mediation_not_tried_reason: str = "",
) -> Case:
    """Issue the award. The answer to "was mediation tried?" (L Art. 42) is recorded with it; "yes" needs
    a mediation by the tribunal on record for the case."""
    case = lock_case(case)
    data: dict[str, object] = {}
    if mediation_tried is not None:
        tried = mediation_tried == TRIED
        if (
            tried
            and not MediationEpisode.objects.filter(case=case, stage=MediationStage.IN_ARBITRATION).exists()
        ):
            raise field_error(
                "mediation_tried",
                _(
                    "No mediation by the tribunal is on record for this case: start mediation first, "
                    "or say why it was not tried."
                ),
            )
        data = {"mediation_tried": tried}
        if not tried:
            data["mediation_not_tried_reason"] = mediation_not_tried_reason
    fire(case, EventKind.ISSUE_AWARD, user, reason=reason, data=data)
    everyone = side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT)
    tell(case, everyone, "case.closed", _("the award has been issued"), reason)
    return finish(case)
