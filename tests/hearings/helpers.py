"""Hearing test data made through the real services."""

from __future__ import annotations

from types import SimpleNamespace

from cases import services as case_services
from cases.models import Case


def case_in_async_hearing(personas: SimpleNamespace, facts: str = "拖欠工资") -> Case:
    """A case of the personas' worker against their employer, in the asynchronous hearing, with
    ``personas.arbitrator`` presiding — at whatever time it is (the ``hearing_case`` fixture freezes it)."""
    employer = personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[case_services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts=facts,
        consents={"async_hearing": True, "electronic_service": True},
    )
    case_services.take_step(case=case, user=personas.clerk, name="accept", data={"procedure": "ordinary"})
    case_services.case_set_tribunal(
        case=Case.objects.get(pk=case.pk), user=personas.clerk, arbitrators=[personas.arbitrator]
    )
    case_services.case_record_consents(
        case=Case.objects.get(pk=case.pk),
        user=personas.respondent,
        async_hearing=True,
        electronic_service=True,
    )
    case_services.take_step(
        case=Case.objects.get(pk=case.pk), user=personas.arbitrator, name="start_async_hearing", data={}
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == "async_hearing"
    return case
