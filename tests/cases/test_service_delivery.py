"""Service of documents (送达, issue 11 point 5): electronic service only with consent and effective at the
party's first opening (or a delivery receipt), from which the defence period runs; postal and personal
service with the receipt's date and proof; public notice, whose days do not count toward the ruling period
(R Art. 46); phone and SMS only in the simplified procedure and never for the award or the 调解书 (R 59)."""

from __future__ import annotations

import pytest

from tests.helpers import api, file_case

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


def deadline(user, case_id, kind):
    body = api(user).get(f"/api/v1/cases/{case_id}/").json()
    return next((d for d in body["deadlines"] if d["kind"] == kind), None)


def services(user, case_id):
    return ok(api(user).get(f"/api/v1/cases/{case_id}/services/"))


def accepted(personas, travel, when="2026-03-02 09:00 +0800", procedure="ordinary", consent=True):
    travel.move_to(when)
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    body = {"arbitrators": [personas.arbitrator.pk], "procedure": procedure}
    if procedure == "simplified":
        body["facts_clear"] = True
    ok(post(personas.clerk, f"cases/{case_id}/transitions/accept/", body))
    if consent:
        ok(post(personas.respondent, f"cases/{case_id}/consents/", {"electronic_service": True}))
    return case_id


@pytest.mark.parametrize(
    ("opened_at", "defence_due"),
    [
        ("2026-03-10 20:15 +0800", "2026-03-20"),  # a Tuesday: ten days later, a Friday
        ("2026-03-11 08:00 +0800", "2026-03-23"),  # ends on Saturday 21st: the next working day, Monday
        ("2026-09-23 10:00 +0800", "2026-10-08"),  # ends on 3 October, inside National Day: the 8th
    ],
)
def test_electronic_service_takes_effect_at_the_first_opening_and_the_defence_runs_from_it(
    personas, travel, opened_at, defence_due
):
    case_id = accepted(personas, travel)
    served = ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {"method": "electronic"}))
    assert served["id"] == case_id
    row = services(personas.clerk, case_id)[0]
    assert (row["document"], row["side"], row["method"], row["effective_at"]) == (
        "application",
        "respondent",
        "electronic",
        None,
    )
    assert deadline(personas.clerk, case_id, "defence") is None  # not yet received: nothing runs

    travel.move_to(opened_at)
    opened = ok(post(personas.respondent, f"cases/{case_id}/services/{row['id']}/open/"))
    assert opened["effective_at"] is not None and opened["effective_by"] == "opened"
    assert opened["effective_on"] == opened_at[:10]
    assert deadline(personas.clerk, case_id, "defence")["due_on"] == defence_due

    travel.move_to("2026-12-01 09:00 +0800")  # a later opening changes nothing
    again = ok(post(personas.respondent, f"cases/{case_id}/services/{row['id']}/open/"))
    assert again["effective_at"] == opened["effective_at"] and again["opened_at"] == opened["opened_at"]
    assert deadline(personas.clerk, case_id, "defence")["due_on"] == defence_due
    kinds = [
        e["kind"] for e in api(personas.applicant).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    ]
    assert kinds.count("service_effective") == 1


def test_a_delivery_receipt_before_any_opening_is_the_effective_time(personas, travel):
    case_id = accepted(personas, travel)
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {"method": "electronic"}))
    row = services(personas.clerk, case_id)[0]
    travel.move_to("2026-03-04 12:00 +0800")
    ok(post(personas.clerk, f"cases/{case_id}/actions/record_service_receipt/", {"service": row["id"]}))
    travel.move_to("2026-03-09 12:00 +0800")
    opened = ok(post(personas.respondent, f"cases/{case_id}/services/{row['id']}/open/"))
    assert (opened["effective_on"], opened["effective_by"]) == ("2026-03-04", "delivery_receipt")
    assert deadline(personas.clerk, case_id, "defence")["due_on"] == "2026-03-16"  # 14th is a Saturday
    refused(
        post(personas.clerk, f"cases/{case_id}/actions/record_service_receipt/", {"service": row["id"]}), 409
    )


def test_electronic_service_needs_the_partys_consent(personas, travel):
    case_id = accepted(personas, travel, consent=False)
    refused(
        post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {"method": "electronic"}),
        400,
        "method",
    )
    body = {"document": "hearing_notice", "side": "applicant", "method": "electronic"}
    refused(post(personas.clerk, f"cases/{case_id}/actions/record_service/", body), 400, "method")
    assert services(personas.clerk, case_id) == []


def test_postal_service_takes_effect_on_the_return_receipts_day_with_its_proof(personas, travel):
    case_id = accepted(personas, travel)
    travel.move_to("2026-03-06 09:00 +0800")
    body = {"method": "post", "received_on": "2026-03-05"}
    refused(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", body), 400, "proof")
    refused(
        post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {"method": "post"}),
        400,
        "received_on",
    )
    future = {**body, "proof": "EMS 1234", "received_on": "2026-03-07"}
    refused(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", future), 400, "received_on")
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {**body, "proof": "EMS回执 1234"}))
    row = services(personas.applicant, case_id)[0]
    assert (row["effective_on"], row["proof"]) == ("2026-03-05", "EMS回执 1234")
    assert (
        deadline(personas.clerk, case_id, "defence")["due_on"] == "2026-03-16"
    )  # from the 5th: 15th is Sunday


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"document": "award", "side": "applicant", "method": "fax"}, "method"),
        ({"document": "verdict", "side": "applicant", "method": "post"}, "document"),
        ({"document": "award", "side": "court", "method": "post"}, "side"),
        (
            {"document": "award", "side": "applicant", "method": "post", "received_on": "05/03/2026"},
            "received_on",
        ),
        (
            {"document": "award", "side": "applicant", "method": "in_person", "received_on": "2026-03-02"},
            "proof",
        ),
        ({"document": "award", "side": "applicant", "method": "public_notice"}, "proof"),
    ],
)
def test_bad_service_input_is_refused_naming_the_field(personas, travel, body, field):
    case_id = accepted(personas, travel)
    refused(post(personas.clerk, f"cases/{case_id}/actions/record_service/", body), 400, field)
    assert services(personas.clerk, case_id) == []


def test_public_notice_days_do_not_count_toward_the_ruling_period(personas, travel):
    case_id = accepted(personas, travel)
    before = deadline(personas.clerk, case_id, "ruling")["due_on"]
    assert before == "2026-04-16"  # 45 days from 2 March
    travel.move_to("2026-03-10 09:00 +0800")
    body = {"method": "public_notice", "proof": "《广州日报》2026年3月10日公告"}
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", body))
    row = services(personas.clerk, case_id)[0]
    assert (row["notice_ends_on"], row["effective_on"]) == ("2026-04-09", "2026-04-09")  # 30 days (CPL 95)
    assert deadline(personas.clerk, case_id, "ruling")["due_on"] == "2026-05-18"  # 16 May + 30 = Sat → Mon
    assert deadline(personas.clerk, case_id, "defence")["due_on"] == "2026-04-20"  # from the notice's end


@pytest.mark.parametrize("document", ["award", "mediation_document"])
def test_phone_and_sms_are_never_used_for_the_award_or_the_mediation_document(personas, travel, document):
    case_id = accepted(personas, travel, procedure="simplified")
    for method in ("phone", "sms"):
        body = {
            "document": document,
            "side": "applicant",
            "method": method,
            "confirmed": True,
            "received_on": "2026-03-02",
        }
        refused(post(personas.clerk, f"cases/{case_id}/actions/record_service/", body), 400, "method")
    assert services(personas.clerk, case_id) == []


def test_phone_service_only_in_the_simplified_procedure_and_effective_once_confirmed(personas, travel):
    ordinary = accepted(personas, travel)
    body = {"document": "hearing_notice", "side": "applicant", "method": "phone"}
    refused(post(personas.clerk, f"cases/{ordinary}/actions/record_service/", body), 400, "method")
    simple = accepted(personas, travel, procedure="simplified")
    ok(post(personas.clerk, f"cases/{simple}/actions/record_service/", body))
    row = services(personas.clerk, simple)[0]
    assert row["effective_at"] is None
    travel.move_to("2026-03-03 10:00 +0800")
    ok(post(personas.clerk, f"cases/{simple}/actions/record_service_receipt/", {"service": row["id"]}))
    row = services(personas.clerk, simple)[0]
    assert (row["effective_on"], row["confirmed"], row["effective_by"]) == ("2026-03-03", True, "confirmed")


def test_service_records_are_the_cases_and_only_the_served_side_opens(personas, travel):
    case_id = accepted(personas, travel)
    ok(post(personas.clerk, f"cases/{case_id}/actions/serve_application/", {"method": "electronic"}))
    row = services(personas.applicant, case_id)[0]
    assert api(personas.outsider).get(f"/api/v1/cases/{case_id}/services/").status_code == 404
    assert post(personas.outsider, f"cases/{case_id}/services/{row['id']}/open/").status_code == 404
    refused(post(personas.applicant, f"cases/{case_id}/services/{row['id']}/open/"), 403)
    staff = ok(post(personas.clerk, f"cases/{case_id}/services/{row['id']}/open/"))
    assert staff["effective_at"] is None and staff["opened_at"] is None
    refused(post(personas.respondent, f"cases/{case_id}/actions/record_service/", {}), 403)
