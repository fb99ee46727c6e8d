"""Mediation by the tribunal: the case closes by 调解书 only once both parties signed for receipt."""

from __future__ import annotations

import pytest

from cases.models import Case, MediationEpisode
from tests.mediation.conftest import ITEMS, file_dispute, get, post

pytestmark = pytest.mark.django_db


def _in_tribunal_mediation(personas, travel, start_from="accepted"):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    post(
        personas.clerk,
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
    )
    if start_from == "oral_hearing":
        post(personas.clerk, f"/api/v1/cases/{case_id}/actions/serve_application/")
        post(
            personas.arbitrator,
            f"/api/v1/cases/{case_id}/transitions/schedule_oral_hearing/",
            {"hearing_at": "2026-03-20T09:30:00+08:00"},
        )
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/start_mediation/")
    return case_id


def test_close_by_mediation_only_once_both_signed_for_receipt(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel)
    early = post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/close_by_mediation/", expect=400)
    assert list(early["fields"]) == ["agreement"]
    document = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    # The arbitrator recording it does not close the case: the respondent has not signed.
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/close_by_mediation/", expect=400)
    assert Case.objects.get(pk=case_id).status == "mediation"
    post(personas.respondent, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    case = Case.objects.get(pk=case_id)
    assert (case.status, case.closure_type) == ("closed", "mediation")
    episodes = get(personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert [(e["stage"], e["outcome"]) for e in episodes] == [("in_arbitration", "agreement")]


def test_a_party_reneging_before_signing_sends_the_case_back(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel, start_from="oral_hearing")
    document = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    assert post(personas.arbitrator, f"/api/v1/mediation-agreements/{document['id']}/renege/", expect=403)
    reneged = post(
        personas.respondent, f"/api/v1/mediation-agreements/{document['id']}/renege/", {"reason": "反悔"}
    )
    assert reneged["status"] == "superseded"
    assert Case.objects.get(pk=case_id).status == "oral_hearing"
    [episode] = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episode["outcome"] == "failed"
    late = post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/", expect=409)
    assert late["code"] == "invalid_transition"


def test_a_case_cancelled_during_mediation_concludes_its_episode(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel)
    post(
        personas.supervisor,
        f"/api/v1/cases/{case_id}/transitions/suspend/",
        {"ground": "force_majeure", "reason": "疫情"},
    )
    post(personas.applicant, f"/api/v1/cases/{case_id}/transitions/withdraw/")
    [episode] = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episode["outcome"] == "failed" and episode["concluded"]
    # A new mediation can always open: one episode at a time.
    assert MediationEpisode.objects.filter(case_id=case_id, concluded_at__isnull=True).count() == 0
