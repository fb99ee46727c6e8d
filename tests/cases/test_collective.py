"""Collective disputes (R Arts. 63-65): only the elected representatives change or withdraw the claims or
settle, and only with the represented workers' consent recorded; each consent is used up by the act it
authorised; elections are recorded and change who may act."""

from __future__ import annotations

import pytest

from accounts.models import Party, Role
from cases.models import Case, CaseEvent, CollectiveConsent, RepresentativeElection
from tests.helpers import api, id_number, make_user
from tests.mediation.conftest import ITEMS

pytestmark = pytest.mark.django_db

NEW_CLAIMS = {
    "claims": [
        {"category": "wage_arrears", "amount": "120000.00", "description": "十二名工人拖欠工资"},
        {"category": "overtime", "amount": "30000.00", "description": "加班费"},
    ],
    "reason": "增加加班费请求",
}


def post(user, path, body=None, expect=200):
    response = api(user).post(path, body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def step(user, case_id, name, body=None, kind="actions", expect=200):
    return post(user, f"/api/v1/cases/{case_id}/{kind}/{name}/", body, expect)


@pytest.fixture
def dispute(personas, travel):
    """Twelve workers against the respondent persona; workers 0-2 elected; accounts for workers 0, 3, 7."""
    travel.move_to("2026-03-02 09:00 +0800")
    employer = personas.respondent.party
    body = {
        "applicants": [{"kind": "person", "name": f"工人{i}", "id_number": id_number()} for i in range(12)],
        "representatives": [0, 1, 2],
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": [{"category": "wage_arrears", "amount": "120000.00", "description": "十二名工人拖欠工资"}],
        "facts": "工地拖欠十二名工人三个月工资。",
    }
    created = post(personas.clerk, "/api/v1/cases/", body, expect=201)
    case_id = created["id"]
    parties = [a["id"] for a in created["applicants"]]
    third = make_user("p-arbitrator3", Role.ARBITRATOR, display_name="仲裁员丙")
    step(
        personas.clerk,
        case_id,
        "accept",
        {"arbitrators": [personas.arbitrator.pk, personas.arbitrator2.pk, third.pk]},
        kind="transitions",
    )
    workers = {
        i: make_user(f"p-worker{i}", Role.APPLICANT, party=Party.objects.get(pk=parties[i]))
        for i in (0, 3, 7)
    }
    return case_id, parties, workers


def test_only_representatives_change_claims_and_only_with_the_workers_consent(personas, dispute):
    case_id, parties, workers = dispute
    [filed] = RepresentativeElection.objects.filter(case_id=case_id)  # the representatives on the application
    assert set(filed.representatives.values_list("party_id", flat=True)) == set(parties[:3])
    # A represented worker does not act for the group.
    step(workers[3], case_id, "amend_claims", NEW_CLAIMS, expect=403)
    step(workers[3], case_id, "withdraw", {}, kind="transitions", expect=403)
    # A representative needs the represented workers' recorded consent.
    missing = step(workers[0], case_id, "amend_claims", NEW_CLAIMS, expect=400)
    assert list(missing["fields"]) == ["consent"] and "第六十三条" in missing["detail"]  # R Art. 63
    options = {o["name"]: o for o in api(workers[0]).get(f"/api/v1/cases/{case_id}/").json()["options"]}
    assert options["amend_claims"]["enabled"] is False

    # Every represented worker must consent; a partial list writes nothing.
    events = CaseEvent.objects.filter(case_id=case_id).count()
    partial = step(
        personas.clerk,
        case_id,
        "record_collective_consent",
        {"scope": "amend_claims", "text": "同意增加加班费请求", "workers": parties[3:10]},
        expect=400,
    )
    assert list(partial["fields"]) == ["workers"] and "工人10" in partial["fields"]["workers"][0]
    outsider = step(
        personas.clerk,
        case_id,
        "record_collective_consent",
        {"scope": "amend_claims", "text": "同意", "workers": [parties[0], *parties[3:]]},
        expect=400,
    )
    assert list(outsider["fields"]) == ["workers"]
    assert not CollectiveConsent.objects.filter(case_id=case_id).exists()
    assert CaseEvent.objects.filter(case_id=case_id).count() == events

    step(
        personas.clerk,
        case_id,
        "record_collective_consent",
        {"scope": "amend_claims", "text": "九名被代表工人签字同意增加加班费请求", "workers": parties[3:]},
    )
    amended = step(workers[0], case_id, "amend_claims", NEW_CLAIMS)
    assert amended["claims_total"] == "150000.00"
    consent = CollectiveConsent.objects.get(case_id=case_id)
    assert consent.used_by is not None and consent.used_by.kind == "amend_claims"
    # One consent authorises one act.
    again = step(workers[0], case_id, "amend_claims", NEW_CLAIMS, expect=400)
    assert list(again["fields"]) == ["consent"]

    recorded = CaseEvent.objects.get(case_id=case_id, kind="record_collective_consent")
    assert (recorded.actor_id, recorded.reason) == (personas.clerk.pk, "九名被代表工人签字同意增加加班费请求")


def test_a_new_election_changes_who_acts_for_the_workers(personas, dispute):
    case_id, parties, workers = dispute
    too_few = step(
        personas.clerk,
        case_id,
        "elect_representatives",
        {"representatives": parties[3:5], "reason": "x"},
        expect=400,
    )
    assert list(too_few["fields"]) == ["representatives"]
    stranger = step(
        personas.clerk,
        case_id,
        "elect_representatives",
        {"representatives": [*parties[3:5], personas.respondent.party.pk], "reason": "职工大会推举"},
        expect=400,
    )
    assert list(stranger["fields"]) == ["representatives"]
    step(
        workers[3],
        case_id,
        "elect_representatives",
        {"representatives": parties[3:6], "reason": "x"},
        expect=403,
    )

    step(
        personas.clerk,
        case_id,
        "elect_representatives",
        {"representatives": parties[3:6], "reason": "2026-03-03职工大会重新推举", "elected_on": "2026-03-02"},
    )
    flags = [
        a["is_representative"]
        for a in api(personas.clerk).get(f"/api/v1/cases/{case_id}/").json()["applicants"]
    ]
    assert flags == [False] * 3 + [True] * 3 + [False] * 6
    assert RepresentativeElection.objects.filter(case_id=case_id).count() == 2
    event = CaseEvent.objects.get(case_id=case_id, kind="elect_representatives")
    assert (event.actor_id, event.reason, event.data["representatives"]) == (
        personas.clerk.pk,
        "2026-03-03职工大会重新推举",
        ["工人3", "工人4", "工人5"],
    )
    # The former representative is now represented; the new one acts (with consent, to withdraw).
    step(workers[0], case_id, "withdraw", {}, kind="transitions", expect=403)
    blocked = step(workers[3], case_id, "withdraw", {}, kind="transitions", expect=400)
    assert list(blocked["fields"]) == ["consent"]
    step(
        workers[3],
        case_id,
        "record_collective_consent",
        {"scope": "withdraw", "text": "全体被代表工人同意撤回申请"},
    )
    step(workers[3], case_id, "withdraw", {"reason": "已和解"}, kind="transitions")
    case = Case.objects.get(pk=case_id)
    assert (case.status, case.closure_type) == ("closed", "withdrawal")


def test_settling_needs_a_representative_and_the_workers_consent(personas, dispute):
    case_id, _parties, workers = dispute
    step(personas.arbitrator, case_id, "start_mediation", kind="transitions")
    document = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    confirm = f"/api/v1/mediation-agreements/{document['id']}/confirm/"
    post(workers[7], confirm, expect=403)
    missing = post(workers[0], confirm, expect=400)
    assert list(missing["fields"]) == ["consent"]
    step(
        personas.clerk,
        case_id,
        "record_collective_consent",
        {"scope": "settle", "text": "全体被代表工人同意调解协议"},
    )
    post(workers[0], confirm)
    post(personas.respondent, confirm)
    case = Case.objects.get(pk=case_id)
    assert (case.status, case.closure_type) == ("closed", "mediation")
    assert CollectiveConsent.objects.get(case_id=case_id, scope="settle").used_by.kind == "close_by_mediation"
