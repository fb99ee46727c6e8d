"""Mediation's steps on a case: pre-filing referral and its outcome, mediation inside arbitration."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import MediationOrganisation, User
from cases.models import (
    Case,
    EventKind,
    Side,
)
from cases.services.kernel import (
    finish,
    fire,
    lock_case,
    side_users,
    simple_transition,
    take_on,
    tell,
)


@transaction.atomic
def case_refer_to_mediation(
    *, case: Case, user: User, mediation_organisation: MediationOrganisation, reason: str = ""
) -> Case:
    case = lock_case(case)
    case.mediation_organisation = mediation_organisation
    take_on(case, user)
    fire(
        case,
        EventKind.REFER_TO_MEDIATION,
        user,
        reason=reason,
        data={"organisation": mediation_organisation.pk},
    )
    mediators = User.objects.filter(mediation_organisation=mediation_organisation, is_active=True)
    tell(
        case, mediators, "case.referred", _("a dispute has been referred to your organisation for mediation")
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.referred",
        _("your dispute was referred to %(org)s for mediation") % {"org": mediation_organisation.name},
    )
    return finish(case)


@transaction.atomic
def case_record_mediation_agreement(*, case: Case, user: User, reason: str = "", summary: str = "") -> Case:
    case = lock_case(case)
    fire(case, EventKind.RECORD_MEDIATION_AGREEMENT, user, reason=reason, data={"summary": summary})
    tell(
        case,
        side_users(case, Side.APPLICANT) + side_users(case, Side.RESPONDENT),
        "case.mediated",
        _("a mediation agreement was reached"),
    )
    return finish(case)


@transaction.atomic
def case_record_mediation_failure(*, case: Case, user: User, reason: str = "") -> Case:
    case = lock_case(case)
    fire(case, EventKind.RECORD_MEDIATION_FAILURE, user, reason=reason)
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.mediation_failed",
        _("mediation did not succeed; your application returns to the commission"),
        reason,
    )
    return finish(case)


case_start_mediation = simple_transition(
    EventKind.START_MEDIATION, "case.mediation", _("the tribunal has started mediation")
)
case_end_mediation = simple_transition(
    EventKind.END_MEDIATION, "case.mediation", _("mediation has ended without agreement")
)
case_close_by_mediation = simple_transition(
    EventKind.CLOSE_BY_MEDIATION, "case.closed", _("the case was closed by a mediation document")
)
