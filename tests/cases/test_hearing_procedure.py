"""The oral hearing as the law requires it (issue 13, points 4 and 8): scheduled only once the application
was served; its written notice served on each side with proof of receipt at least 5 days before; a
party's request to postpone at least 3 days before, decided by the tribunal; a deemed withdrawal only
after the hearing date, with proof that the notice reached the applicant, never in an asynchronous
hearing; a default award recorded as such; a re-application after a deemed withdrawal flagged to the
clerk. Everything through the API."""

from __future__ import annotations

import pytest

from tests.helpers import NOT_MEDIATED, api, credit_code, draft_award, file_case

pytestmark = pytest.mark.django_db

HEARING = "2026-03-16T09:30:00+08:00"  # a Monday


def post(user, case_id, path, body=None):
    return api(user).post(f"/api/v1/cases/{case_id}/{path}/", body or {}, format="json")


def ok(response):
    assert response.status_code == 200, response.json()
    return response.json()


def refused(response, status, field=None, code=None):
    body = response.json()
    assert response.status_code == status, body
    if field is not None:
        assert field in body["fields"], body
    if code is not None:
        assert body["code"] == code, body
    return body


def case(user, id_):
    return api(user).get(f"/api/v1/cases/{id_}/").json()


def events(user, id_):
    body = api(user).get(f"/api/v1/cases/{id_}/events/?page_size=100").json()
    return body["results"] if isinstance(body, dict) else body


def deadline(body, kind):
    return next((d for d in body["deadlines"] if d["kind"] == kind), None)


def accepted_case(personas, travel, *, serve=True, respondent_code=None, **filing):
    travel.move_to("2026-03-02 09:00 +0800")
    code = respondent_code or personas.respondent.party.credit_code
    case_id = file_case(personas.applicant, code, **filing)
    ok(post(personas.clerk, case_id, "transitions/accept", {"arbitrators": [personas.arbitrator.pk]}))
    if serve:
        ok(post(personas.clerk, case_id, "actions/serve_application"))
    return case_id


def scheduled_case(personas, travel, **filing):
    case_id = accepted_case(personas, travel, **filing)
    ok(post(personas.arbitrator, case_id, "transitions/schedule_oral_hearing", {"hearing_at": HEARING}))
    return case_id


def notice(personas, case_id, side, received_on, method="in_person", confirmed=False):
    body = {"side": side, "method": method, "received_on": received_on, "confirmed": confirmed}
    return post(personas.clerk, case_id, "actions/serve_hearing_notice", body)


# --- point 8: scheduling, notice, postponement --------------------------------------------------------------


def test_a_hearing_is_not_scheduled_before_the_application_is_served(personas, travel):
    case_id = accepted_case(personas, travel, serve=False)
    response = post(
        personas.arbitrator, case_id, "transitions/schedule_oral_hearing", {"hearing_at": HEARING}
    )
    body = refused(response, 400)
    assert "尚未送达被申请人" in body["detail"]
    assert case(personas.clerk, case_id)["status"] == "accepted"
    ok(post(personas.clerk, case_id, "actions/serve_application"))
    ok(post(personas.arbitrator, case_id, "transitions/schedule_oral_hearing", {"hearing_at": HEARING}))


def test_the_hearing_notice_is_a_deadline_five_days_before_the_hearing_met_by_service_on_both_sides(
    personas, travel
):
    case_id = scheduled_case(personas, travel)
    due = deadline(case(personas.clerk, case_id), "hearing_notice")
    assert (due["starts_on"], due["due_on"], due["status"], due["responsible"]) == (
        "2026-03-02",
        "2026-03-11",
        "open",
        "commission",
    )
    travel.move_to("2026-03-04 10:00 +0800")
    ok(notice(personas, case_id, "applicant", "2026-03-04"))
    assert deadline(case(personas.clerk, case_id), "hearing_notice")["status"] == "open"  # one side only
    # An unconfirmed SMS is no proof of service: the duty is not met by it.
    ok(notice(personas, case_id, "respondent", "2026-03-04", method="sms"))
    assert deadline(case(personas.clerk, case_id), "hearing_notice")["completed_on"] is None
    ok(notice(personas, case_id, "respondent", "2026-03-04", method="post"))
    met = deadline(case(personas.clerk, case_id), "hearing_notice")
    assert (met["status"], met["completed_on"]) == ("met", "2026-03-04")


@pytest.mark.parametrize(
    ("received_on", "timely"),
    [
        ("2026-03-09", True),  # 7 days before the hearing on 03-16
        ("2026-03-11", True),  # exactly 5 days before
        ("2026-03-12", False),  # 4 days: too short a notice (L Art. 35)
    ],
)
def test_a_notice_counts_from_the_day_it_reached_the_party(personas, travel, received_on, timely):
    case_id = scheduled_case(personas, travel)
    travel.move_to("2026-03-13 10:00 +0800")
    ok(notice(personas, case_id, "applicant", received_on))
    ok(notice(personas, case_id, "respondent", received_on))
    recorded = [e for e in events(personas.clerk, case_id) if e["kind"] == "serve_hearing_notice"]
    assert [e["data"]["timely"] for e in recorded] == [timely, timely]
    assert all(e["actor"]["id"] == personas.clerk.pk for e in recorded)
    due = deadline(case(personas.clerk, case_id), "hearing_notice")
    assert due["status"] == ("met" if timely else "overdue")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"side": "applicant", "method": "in_person", "received_on": "2026-03-05"}, "received_on"),  # future
        ({"side": "applicant", "method": "pigeon", "received_on": "2026-03-02"}, "method"),
        ({"side": "court", "method": "post", "received_on": "2026-03-02"}, "side"),
        ({"side": "applicant", "method": "post"}, "received_on"),
        # The applicant in this case has not agreed to electronic service.
        ({"side": "applicant", "method": "electronic", "received_on": "2026-03-02"}, "method"),
    ],
)
def test_a_bad_notice_is_refused_naming_the_field_and_nothing_is_recorded(personas, travel, body, field):
    case_id = scheduled_case(personas, travel)
    before = events(personas.clerk, case_id)
    refused(post(personas.clerk, case_id, "actions/serve_hearing_notice", body), 400, field)
    assert events(personas.clerk, case_id) == before


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        ("2026-03-12 18:00 +0800", True),
        ("2026-03-13 23:00 +0800", True),  # 3 days before the hearing on 03-16: the last day
        ("2026-03-14 08:00 +0800", False),
        ("2026-03-16 08:00 +0800", False),
    ],
)
def test_a_postponement_is_requested_at_least_three_days_before_the_hearing(personas, travel, today, allowed):
    case_id = scheduled_case(personas, travel)
    travel.move_to(today)
    response = post(
        personas.respondent, case_id, "actions/request_postponement", {"reason": "法定代表人出差"}
    )
    if allowed:
        ok(response)
        last = events(personas.clerk, case_id)[-1]
        assert (last["kind"], last["actor"]["id"], last["reason"]) == (
            "request_postponement",
            personas.respondent.pk,
            "法定代表人出差",
        )
    else:
        body = refused(response, 400, "hearing_at", code="postponement_too_late")
        assert "2026-03-13" in body["detail"]
        assert events(personas.clerk, case_id)[-1]["kind"] != "request_postponement"


def test_the_tribunal_grants_a_postponement_and_the_parties_must_be_notified_afresh(personas, travel):
    case_id = scheduled_case(personas, travel)
    travel.move_to("2026-03-04 10:00 +0800")
    ok(notice(personas, case_id, "applicant", "2026-03-04"))
    ok(notice(personas, case_id, "respondent", "2026-03-04"))
    # Nothing to decide yet; and only a party asks.
    refused(
        post(
            personas.arbitrator,
            case_id,
            "actions/decide_postponement",
            {"decision": "refused", "reason": "x"},
        ),
        400,
        "postponement",
    )
    refused(post(personas.clerk, case_id, "actions/request_postponement", {"reason": "x"}), 403)
    refused(post(personas.applicant, case_id, "actions/request_postponement", {}), 400, "reason")
    ok(post(personas.applicant, case_id, "actions/request_postponement", {"reason": "住院治疗"}))
    again = post(personas.respondent, case_id, "actions/request_postponement", {"reason": "出差"})
    refused(again, 400, "postponement")

    decision = {"decision": "granted", "reason": "申请人住院，有诊断证明"}
    refused(post(personas.applicant, case_id, "actions/decide_postponement", decision), 403)
    refused(post(personas.arbitrator, case_id, "actions/decide_postponement", decision), 400, "hearing_at")
    soon = {**decision, "hearing_at": "2026-03-06T09:30:00+08:00"}
    refused(post(personas.arbitrator, case_id, "actions/decide_postponement", soon), 400, "hearing_at")
    body = ok(
        post(
            personas.arbitrator,
            case_id,
            "actions/decide_postponement",
            {**decision, "hearing_at": "2026-03-30T09:30:00+08:00"},
        )
    )
    assert body["hearing_at"] == "2026-03-30T09:30:00+08:00"
    due = deadline(body, "hearing_notice")
    assert (due["starts_on"], due["due_on"], due["status"], due["completed_on"]) == (
        "2026-03-04",
        "2026-03-25",
        "open",
        None,
    )
    last = events(personas.clerk, case_id)[-1]
    assert (last["kind"], last["actor"]["id"], last["reason"], last["data"]["decision"]) == (
        "decide_postponement",
        personas.arbitrator.pk,
        "申请人住院，有诊断证明",
        "granted",
    )
    # The old notice was for the old date: it proves nothing about the new one.
    travel.move_to("2026-03-31 10:00 +0800")
    refused(
        post(personas.arbitrator, case_id, "transitions/deem_withdrawn", {"reason": "未到庭"}),
        400,
        "hearing_notice",
    )


def test_a_refused_postponement_keeps_the_date_and_its_notice(personas, travel):
    case_id = scheduled_case(personas, travel)
    ok(post(personas.respondent, case_id, "actions/request_postponement", {"reason": "出差"}))
    refused(
        post(
            personas.arbitrator,
            case_id,
            "actions/decide_postponement",
            {"decision": "refused", "reason": "理由不成立", "hearing_at": "2026-03-30T09:30:00+08:00"},
        ),
        400,
        "hearing_at",
    )
    body = ok(
        post(
            personas.arbitrator,
            case_id,
            "actions/decide_postponement",
            {"decision": "refused", "reason": "理由不成立"},
        )
    )
    assert body["hearing_at"] == "2026-03-16T09:30:00+08:00"
    assert deadline(body, "hearing_notice")["due_on"] == "2026-03-11"
    assert events(personas.clerk, case_id)[-1]["data"]["decision"] == "refused"


# --- point 4: deemed withdrawal and default award ----------------------------------------------------------


@pytest.mark.parametrize(
    ("served", "today", "expect", "field"),
    [
        (None, "2026-03-17 10:00 +0800", 400, "hearing_notice"),  # no notice at all
        (("sms", False, "2026-03-05"), "2026-03-17 10:00 +0800", 400, "hearing_notice"),  # unconfirmed SMS
        (("phone", False, "2026-03-05"), "2026-03-17 10:00 +0800", 400, "hearing_notice"),
        (("in_person", False, "2026-03-13"), "2026-03-17 10:00 +0800", 400, "hearing_notice"),  # too late
        (("in_person", False, "2026-03-05"), "2026-03-15 10:00 +0800", 400, "hearing_at"),  # not yet held
        (("sms", True, "2026-03-05"), "2026-03-16 10:00 +0800", 200, None),  # confirmed SMS, after 09:30
        (("post", False, "2026-03-11"), "2026-03-17 10:00 +0800", 200, None),
    ],
)
def test_a_deemed_withdrawal_needs_the_hearing_passed_and_proof_the_notice_reached_the_applicant(
    personas, travel, served, today, expect, field
):
    case_id = scheduled_case(personas, travel)
    if served is not None:
        method, confirmed, received = served
        travel.move_to("2026-03-13 10:00 +0800")
        ok(notice(personas, case_id, "applicant", received, method=method, confirmed=confirmed))
    travel.move_to(today)
    before = case(personas.clerk, case_id)
    response = post(
        personas.arbitrator, case_id, "transitions/deem_withdrawn", {"reason": "申请人无正当理由拒不到庭"}
    )
    if expect == 200:
        body = ok(response)
        assert (body["status"], body["closure_type"]) == ("closed", "deemed_withdrawal")
        last = events(personas.clerk, case_id)[-1]
        assert (last["kind"], last["actor"]["id"]) == ("deem_withdrawn", personas.arbitrator.pk)
    else:
        refused(response, expect, field)
        assert case(personas.clerk, case_id)["status"] == before["status"] == "oral_hearing"


def test_no_deemed_withdrawal_in_an_asynchronous_hearing(personas, travel):
    case_id = accepted_case(personas, travel, consents={"async_hearing": True})
    api(personas.respondent).post(
        f"/api/v1/cases/{case_id}/consents/", {"async_hearing": True}, format="json"
    )
    ok(post(personas.arbitrator, case_id, "transitions/start_async_hearing"))
    travel.move_to("2026-03-20 10:00 +0800")
    response = post(personas.arbitrator, case_id, "transitions/deem_withdrawn", {"reason": "未参加"})
    assert refused(response, 409, code="invalid_transition")["status"] == "async_hearing"
    names = [o["name"] for o in case(personas.arbitrator, case_id)["options"]]
    assert "deem_withdrawn" not in names


def test_a_default_award_needs_proof_the_respondent_was_notified_and_is_recorded_as_such(personas, travel):
    case_id = scheduled_case(personas, travel)
    travel.move_to("2026-03-05 10:00 +0800")
    ok(notice(personas, case_id, "applicant", "2026-03-05"))
    ok(notice(personas, case_id, "respondent", "2026-03-05", method="phone"))  # not confirmed
    travel.move_to("2026-03-16 11:00 +0800")
    ok(post(personas.arbitrator, case_id, "transitions/conclude_hearing", {"reason": "被申请人未到庭"}))
    draft_award(personas.arbitrator, case_id)
    award = {"reason": "被申请人经书面通知未到庭，缺席裁决", "default_award": True, **NOT_MEDIATED}
    refused(post(personas.arbitrator, case_id, "transitions/issue_award", award), 400, "default_award")
    assert case(personas.clerk, case_id)["status"] == "deliberation"
    ok(notice(personas, case_id, "respondent", "2026-03-05", method="phone", confirmed=True))
    body = ok(post(personas.arbitrator, case_id, "transitions/issue_award", award))
    assert (body["status"], body["closure_type"]) == ("closed", "award")
    last = events(personas.clerk, case_id)[-1]
    assert (last["kind"], last["actor"]["id"], last["data"]["default_award"]) == (
        "issue_award",
        personas.arbitrator.pk,
        True,
    )
    client = api(personas.clerk)
    client.force_login(personas.clerk)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert "缺席裁决：被申请人经书面通知，未到庭" in page


def test_an_ordinary_award_is_not_a_default_one(personas, travel):
    case_id = scheduled_case(personas, travel)
    travel.move_to("2026-03-16 11:00 +0800")
    ok(post(personas.arbitrator, case_id, "transitions/conclude_hearing"))
    draft_award(personas.arbitrator, case_id)
    ok(post(personas.arbitrator, case_id, "transitions/issue_award", {"reason": "支持", **NOT_MEDIATED}))
    assert "default_award" not in events(personas.clerk, case_id)[-1]["data"]


def test_a_re_application_on_the_same_claims_after_a_deemed_withdrawal_is_flagged_to_the_clerk(
    personas, travel
):
    employer = credit_code()
    first = scheduled_case(personas, travel, respondent_code=employer)
    travel.move_to("2026-03-05 10:00 +0800")
    ok(notice(personas, first, "applicant", "2026-03-05"))
    travel.move_to("2026-03-17 10:00 +0800")
    ok(post(personas.arbitrator, first, "transitions/deem_withdrawn", {"reason": "申请人无正当理由拒不到庭"}))

    travel.move_to("2026-03-20 10:00 +0800")
    again = file_case(personas.applicant, employer)  # wage arrears again, same employer
    other_claims = file_case(
        personas.applicant,
        employer,
        claims=[{"category": "overtime", "amount": "3000.00", "description": "加班费"}],
    )
    other_employer = file_case(personas.applicant, credit_code())

    flagged = case(personas.clerk, again)["earlier_deemed_withdrawals"]
    assert [c["id"] for c in flagged] == [first]
    assert case(personas.clerk, other_claims)["earlier_deemed_withdrawals"] == []
    assert case(personas.clerk, other_employer)["earlier_deemed_withdrawals"] == []
    assert case(personas.applicant, again)["earlier_deemed_withdrawals"] == []  # shown to the clerk

    client = api()
    client.force_login(personas.clerk)
    queue = client.get("/intake/").content.decode()
    row = queue.partition(f'data-case="{again}"')[2].partition("</tr>")[0]
    assert "视为撤回后再次申请" in row
    plain = queue.partition(f'data-case="{other_claims}"')[2].partition("</tr>")[0]
    assert "视为撤回后再次申请" not in plain
    page = client.get(f"/cases/{again}/").content.decode()
    notice_box = page.partition('data-testid="reapplication"')[2].partition("</p>")[0]
    assert "已按撤回仲裁申请处理" in notice_box and f"/cases/{first}/" in notice_box


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_deemed_withdrawal_gives_its_reason(personas, travel, reason):
    case_id = scheduled_case(personas, travel)
    ok(notice(personas, case_id, "applicant", "2026-03-02"))
    travel.move_to("2026-03-17 10:00 +0800")
    body = {} if reason is None else {"reason": reason}
    refused(post(personas.arbitrator, case_id, "transitions/deem_withdrawn", body), 400, "reason")
    assert case(personas.clerk, case_id)["status"] == "oral_hearing"
