"""After the award (issue 11, point 6): each party's window to go to court runs from its own receipt of
the award (15 days to sue; the employer over a final award only 30 days to apply to set it aside); staff
record a lawsuit or application and its result; the parties see them; outsiders get 404."""

from __future__ import annotations

import pytest

from arbitration.after_award import court_challenges
from cases.models import Case
from tests.arbitration.conftest import CLAIMS
from tests.arbitration.test_award_drafting import issue, items, put
from tests.helpers import api

pytestmark = pytest.mark.django_db


def post(user, path, body=None):
    return api(user).post(f"/api/v1/{path}", body or {}, format="json")


def ok(response):
    assert response.status_code == 200, response.json()
    return response.json()


def refused(response, status, field=None):
    body = response.json()
    assert response.status_code == status, body
    if field is not None:
        assert field in body["fields"], body
    return body


def case_in_deliberation(personas):
    """Accepted, the application served, heard, awaiting its award."""
    body = {
        "respondent": {
            "kind": "organisation",
            "name": "广州裁决测试有限公司",
            "credit_code": personas.respondent.party.credit_code,
        },
        "claims": CLAIMS,
        "facts": "拖欠工资和加班费。",
    }
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    accept = {"arbitrators": [personas.arbitrator.pk], "procedure": "ordinary"}
    ok(post(personas.clerk, f"cases/{case_id}/transitions/accept/", accept))
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/"))
    ok(
        post(
            personas.arbitrator,
            f"cases/{case_id}/transitions/schedule_oral_hearing/",
            {"hearing_at": "2031-01-10T09:00:00+08:00"},
        )
    )
    ok(post(personas.arbitrator, f"cases/{case_id}/transitions/conclude_hearing/"))
    return Case.objects.get(pk=case_id)


def awarded(personas, travel, granted_wages="18000.00"):
    travel.move_to("2026-09-01 09:00 +0800")
    case = case_in_deliberation(personas)
    assert (
        put(personas.arbitrator, case, {"items": items(case, granted_wages=granted_wages)}).status_code == 200
    )
    assert issue(personas.arbitrator, case).status_code == 200, issue
    return case.pk


def serve_award(personas, case_id, side, received_on):
    body = {
        "document": "award",
        "side": side,
        "method": "post",
        "received_on": received_on,
        "proof": "EMS回执",
    }
    ok(post(personas.clerk, f"cases/{case_id}/actions/record_service/", body))


def windows(user, case_id):
    body = ok(api(user).get(f"/api/v1/cases/{case_id}/after-award/"))
    return {(w["side"], w["kind"]): w for w in body["windows"]}, body["challenges"]


@pytest.mark.parametrize(
    ("granted_wages", "expected"),
    [
        # A final award (every item within 12 × the minimum wage): the worker sues within 15 days of its
        # receipt, the employer may only apply to set it aside within 30 days of its own.
        (
            "18000.00",
            {
                ("applicant", "lawsuit"): ("2026-09-14", "2026-09-29", "L 48"),
                ("respondent", "set_aside"): ("2026-09-21", "2026-10-21", "L 49"),
            },
        ),
        # A mixed award: the employer also sues over the non-final part (L 50). 15 days from 21 September
        # fall on 6 October, inside National Day: the 8th.
        (
            "35000.00",
            {
                ("applicant", "lawsuit"): ("2026-09-14", "2026-09-29", "L 50"),
                ("respondent", "lawsuit"): ("2026-09-21", "2026-10-08", "L 50"),
                ("respondent", "set_aside"): ("2026-09-21", "2026-10-21", "L 49"),
            },
        ),
    ],
)
def test_the_windows_run_from_each_partys_own_receipt_of_the_award(personas, travel, granted_wages, expected):
    case_id = awarded(personas, travel, granted_wages)
    before, _none = windows(personas.applicant, case_id)
    assert set(before) == set(expected)
    assert all(w["status"] == "awaiting_receipt" and w["due_on"] is None for w in before.values())

    travel.move_to("2026-09-22 10:00 +0800")
    serve_award(personas, case_id, "applicant", "2026-09-14")
    serve_award(personas, case_id, "respondent", "2026-09-21")
    shown, _none = windows(personas.respondent, case_id)
    assert {k: (w["received_on"], w["due_on"], w["basis"]) for k, w in shown.items()} == expected
    assert shown[("applicant", "lawsuit")]["status"] == "open"
    travel.move_to("2026-09-30 10:00 +0800")
    assert windows(personas.applicant, case_id)[0][("applicant", "lawsuit")]["status"] == "passed"


def test_staff_record_a_lawsuit_and_its_result_and_the_parties_see_it(personas, travel):
    case_id = awarded(personas, travel)
    travel.move_to("2026-09-22 10:00 +0800")
    serve_award(personas, case_id, "applicant", "2026-09-14")
    body = {"side": "applicant", "kind": "lawsuit", "filed_on": "2026-09-22", "court": "广州市天河区人民法院"}
    refused(post(personas.applicant, f"cases/{case_id}/actions/record_court_challenge/", body), 403)
    ok(post(personas.clerk, f"cases/{case_id}/actions/record_court_challenge/", body))
    _w, challenges = windows(personas.respondent, case_id)
    assert [(c["kind"], c["court"], c["within_window"], c["result"]) for c in challenges] == [
        ("lawsuit", "广州市天河区人民法院", True, "pending")
    ]
    travel.move_to("2026-11-02 10:00 +0800")
    result = {"challenge": challenges[0]["id"], "result": "judgment", "result_on": "2026-11-02"}
    ok(post(personas.clerk, f"cases/{case_id}/actions/record_court_result/", result))
    refused(post(personas.clerk, f"cases/{case_id}/actions/record_court_result/", result), 409)
    _w, challenges = windows(personas.applicant, case_id)
    assert (challenges[0]["result"], challenges[0]["result_on"]) == ("judgment", "2026-11-02")
    stored = court_challenges([case_id]).get()  # what the supervision figures read
    assert (stored.side, stored.kind, stored.within_window, stored.result) == (
        "applicant",
        "lawsuit",
        True,
        "judgment",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "lawsuit", "side": "respondent"}, "kind"),  # the employer cannot sue over a final award
        ({"kind": "set_aside", "side": "applicant"}, "kind"),  # nor the worker apply to set it aside
        ({"kind": "appeal"}, "kind"),
        ({"side": "court"}, "side"),
        ({"filed_on": "2026-09-23"}, "filed_on"),  # after today
        ({"filed_on": "22/09/2026"}, "filed_on"),
        ({"court": ""}, "court"),
    ],
)
def test_bad_challenges_are_refused_naming_the_field(personas, travel, change, field):
    case_id = awarded(personas, travel)
    travel.move_to("2026-09-22 10:00 +0800")
    body = {
        "side": "applicant",
        "kind": "lawsuit",
        "filed_on": "2026-09-22",
        "court": "天河区人民法院",
        **change,
    }
    refused(post(personas.clerk, f"cases/{case_id}/actions/record_court_challenge/", body), 400, field)
    assert not court_challenges([case_id]).exists()


def test_the_result_is_checked_and_the_case_must_be_closed_by_an_award(personas, travel):
    case_id = awarded(personas, travel)
    travel.move_to("2026-09-22 10:00 +0800")
    body = {
        "side": "respondent",
        "kind": "set_aside",
        "filed_on": "2026-09-22",
        "court": "广州市中级人民法院",
    }
    ok(post(personas.clerk, f"cases/{case_id}/actions/record_court_challenge/", body))
    challenge = windows(personas.clerk, case_id)[1][0]
    assert challenge["within_window"] is None  # the employer's receipt is not on record
    for change, field in (({"result_on": "2026-09-21"}, "result_on"), ({"result": "pending"}, "result")):
        result = {"challenge": challenge["id"], "result": "set_aside", "result_on": "2026-09-22", **change}
        refused(post(personas.clerk, f"cases/{case_id}/actions/record_court_result/", result), 400, field)
    # A case still open has no award to go to court over.
    open_case = case_in_deliberation(personas)
    refused(post(personas.clerk, f"cases/{open_case.pk}/actions/record_court_challenge/", body), 409)


def test_outsiders_see_nothing_of_it(personas, travel):
    case_id = awarded(personas, travel)
    assert api(personas.outsider).get(f"/api/v1/cases/{case_id}/after-award/").status_code == 404
    body = {"side": "applicant", "kind": "lawsuit", "filed_on": "2026-09-01", "court": "天河区人民法院"}
    assert (
        post(personas.outsider, f"cases/{case_id}/actions/record_court_challenge/", body).status_code == 404
    )
