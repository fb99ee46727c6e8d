"""The award screen asks whether mediation was tried (L Art. 42): the answer is recorded on the award's
event and shown on the timeline; "yes" without a mediation by the tribunal on record is refused at its
field, with nothing written; "no" needs the reason."""

from __future__ import annotations

import pytest

from cases.models import Case
from tests.helpers import api
from tests.mediation.conftest import file_dispute, get, post
from tests.mediation.test_in_arbitration import _in_tribunal_mediation
from tests.mediation.test_pages import client_for, page

pytestmark = pytest.mark.django_db


def _deliberating(personas, travel, *, mediated: bool) -> int:
    if mediated:
        case_id = _in_tribunal_mediation(personas, travel, start_from="oral_hearing")
        post(
            personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/end_mediation/", {"reason": "调解不成"}
        )
    else:  # the tribunal never mediated
        travel.move_to("2026-03-02 09:00 +0800")
        case_id = file_dispute(personas)
        post(
            personas.clerk,
            f"/api/v1/cases/{case_id}/transitions/accept/",
            {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
        )
        post(personas.clerk, f"/api/v1/cases/{case_id}/actions/serve_application/")
        post(
            personas.arbitrator,
            f"/api/v1/cases/{case_id}/transitions/schedule_oral_hearing/",
            {"hearing_at": "2026-03-20T09:30:00+08:00"},
        )
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/conclude_hearing/")
    items = [
        {"claim": claim.pk, "granted": str(claim.amount or 0), "decision": "upheld", "finding": "属实"}
        for claim in Case.objects.get(pk=case_id).claims.all()
    ]
    drafted = api(personas.arbitrator).put(f"/api/v1/cases/{case_id}/award/", {"items": items}, format="json")
    assert drafted.status_code == 200, drafted.json()
    return case_id


def _award(personas, case_id, body, expect=200):
    return post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/issue_award/", body, expect)


def test_the_award_records_that_mediation_was_tried(personas, travel):
    case_id = _deliberating(personas, travel, mediated=True)
    missing = _award(personas, case_id, {"reason": "裁决"}, 400)
    assert list(missing["fields"]) == ["mediation_tried"]
    _award(personas, case_id, {"reason": "裁决", "mediation_tried": "yes"})
    events = get(personas.arbitrator, f"/api/v1/cases/{case_id}/events/")["results"]
    award = next(e for e in events if e["kind"] == "issue_award")
    assert award["data"]["mediation_tried"] is True
    assert "裁决前已进行调解" in page(client_for(personas.arbitrator), f"/cases/{case_id}/")


def test_mediation_said_tried_with_none_on_record_is_refused_at_its_field(personas, travel):
    case_id = _deliberating(personas, travel, mediated=False)
    refused = _award(personas, case_id, {"mediation_tried": "yes"}, 400)
    assert list(refused["fields"]) == ["mediation_tried"]
    assert Case.objects.get(pk=case_id).status == "deliberation"  # nothing written
    no_reason = _award(personas, case_id, {"mediation_tried": "no"}, 400)
    assert list(no_reason["fields"]) == ["mediation_not_tried_reason"]
    _award(personas, case_id, {"mediation_tried": "no", "mediation_not_tried_reason": "被申请人明确拒绝调解"})
    events = api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    award = next(e for e in events if e["kind"] == "issue_award")
    assert award["data"]["mediation_tried"] is False
    assert award["data"]["mediation_not_tried_reason"] == "被申请人明确拒绝调解"
    assert "被申请人明确拒绝调解" in page(client_for(personas.applicant), f"/cases/{case_id}/")
