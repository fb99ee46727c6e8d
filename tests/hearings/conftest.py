"""A case in the asynchronous hearing between the personas' worker and employer, one arbitrator."""

from __future__ import annotations

import pytest

from cases import services as case_services
from cases.models import Case

T0 = "2026-03-02 09:00 +0800"


@pytest.fixture
def hearing_case(personas, travel):
    """A case in the asynchronous hearing, with the personas' worker and employer, one arbitrator."""
    travel.move_to(T0)
    worker, employer = personas.applicant.party, personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[case_services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts="拖欠工资",
        consents={"async_hearing": True, "electronic_service": True},
    )
    assert case.parties.get(side="applicant").party_id == worker.pk
    step = case_services.take_step
    step(case=case, user=personas.clerk, name="accept", data={"procedure": "ordinary"})
    # Served, so that the tribunal may turn to an oral hearing (issue 13, point 8).
    step(case=Case.objects.get(pk=case.pk), user=personas.clerk, name="serve_application", data={})
    case_services.case_set_tribunal(
        case=Case.objects.get(pk=case.pk), user=personas.clerk, arbitrators=[personas.arbitrator]
    )
    case_services.case_record_consents(
        case=Case.objects.get(pk=case.pk),
        user=personas.respondent,
        async_hearing=True,
        electronic_service=True,
    )
    step(case=Case.objects.get(pk=case.pk), user=personas.arbitrator, name="start_async_hearing", data={})
    case = Case.objects.get(pk=case.pk)
    assert case.status == "async_hearing"
    return case
