"""Who sees a dispute's mediation: the episodes, and the confidential thread message by message."""

from __future__ import annotations

import pytest

from tests.mediation.conftest import file_dispute, get, post, refer

pytestmark = pytest.mark.django_db


def _thread(personas, case_id):
    path = f"/api/v1/cases/{case_id}/mediation/messages/"
    for to, text in (("applicant", "A"), ("respondent", "R"), ("both", "B")):
        post(personas.mediator, path, {"text": text, "to": to}, expect=201)
    # A party writes to the mediator, whatever it names as the addressee.
    own = post(personas.applicant, path, {"text": "a", "to": "both"}, expect=201)
    assert (own["author_side"], own["to"]) == ("applicant", "applicant")
    post(personas.respondent, path, {"text": "r"}, expect=201)


def _texts(user, case_id, expect=200):
    body = get(user, f"/api/v1/cases/{case_id}/mediation/messages/", expect=expect)
    return sorted(m["text"] for m in body["results"]) if expect == 200 else body


def test_visibility_for_every_role(personas, travel, other_mediator):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    _thread(personas, case_id)

    assert _texts(personas.applicant, case_id) == ["A", "B", "a"]
    assert _texts(personas.respondent, case_id) == ["B", "R", "r"]
    assert _texts(personas.mediator, case_id) == ["A", "B", "R", "a", "r"]
    assert _texts(personas.clerk, case_id) == []  # staff see the episodes, not the confidential thread
    assert _texts(personas.supervisor, case_id) == []
    for stranger in (other_mediator, personas.outsider, personas.agent, personas.arbitrator):
        assert _texts(stranger, case_id, expect=404)["code"] == "not_found"
        assert get(stranger, f"/api/v1/cases/{case_id}/mediation/", expect=404)["code"] == "not_found"
    for viewer in (
        personas.applicant,
        personas.respondent,
        personas.mediator,
        personas.clerk,
        personas.supervisor,
    ):
        [episode] = get(viewer, f"/api/v1/cases/{case_id}/mediation/")["results"]
        assert episode["outcome"] is None and episode["stage"] == "pre_filing"

    # Mediation fails; the case is accepted and goes to the tribunal.
    travel.move_to("2026-03-05 09:00 +0800")
    post(personas.mediator, f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/")
    post(
        personas.clerk,
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
    )

    # The deciding arbitrator sees that mediation was tried and how it ended, never what was said.
    [episode] = get(personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert (episode["stage"], episode["outcome"]) == ("pre_filing", "failed")
    assert _texts(personas.arbitrator, case_id) == []
    assert _texts(personas.arbitrator2, case_id, expect=404)["code"] == "not_found"
    # The parties still read their own part.
    assert _texts(personas.applicant, case_id) == ["A", "B", "a"]

    # Mediation inside arbitration: the tribunal's own thread is the tribunal's to read.
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/start_mediation/")
    path = f"/api/v1/cases/{case_id}/mediation/messages/"
    post(personas.arbitrator, path, {"text": "T", "to": "both"}, expect=201)
    assert _texts(personas.arbitrator, case_id) == ["T"]
    assert _texts(personas.applicant, case_id) == ["A", "B", "T", "a"]
    # The street mediator has no part in the tribunal's mediation.
    assert _texts(personas.mediator, case_id) == ["A", "B", "R", "a", "r"]
    post(personas.mediator, path, {"text": "x", "to": "both"}, expect=403)
    episodes = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert [(e["stage"], e["outcome"]) for e in episodes] == [
        ("pre_filing", "failed"),
        ("in_arbitration", None),
    ]
    assert episodes[1]["mediator"]["username"] == "p-arbitrator"
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/end_mediation/")
    episodes = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episodes[1]["outcome"] == "failed"


def test_withdrawing_during_mediation_concludes_the_episode_as_withdrawn(personas, travel):
    case_id = file_dispute(personas)
    refer(personas, case_id)
    post(personas.applicant, f"/api/v1/cases/{case_id}/transitions/withdraw/")
    [episode] = get(personas.clerk, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episode["outcome"] == "withdrawn"
