"""Bad input on the case endpoints: a clear 4xx with the contract's envelope, and nothing changed.

Every refused request is followed by a check that the case (its detail and timeline, as a supervisor
reads them) or the number of cases and parties is what it was. No request may produce a 500: the test
client re-raises any unhandled exception, so one would fail the test.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from accounts.identifiers import ric_check_character
from accounts.models import Role
from tests.helpers import api, credit_code, id_number, make_centre, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    return personas


def application(people: SimpleNamespace, **overrides: Any) -> dict[str, Any]:
    """The applicant persona files against the respondent persona's employer."""
    employer = people.respondent.party
    body = {
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": [
            {"category": "wage_arrears", "amount": "12000.00", "description": "2026年1月至3月工资"},
            {"category": "overtime", "amount": "3000.00", "description": "休息日加班费"},
        ],
        "facts": "申请人于2024年3月入职被申请人处，被申请人拖欠三个月工资。",
        "consents": {"pre_mediation": True, "async_hearing": True, "electronic_service": True},
    }
    body.update(overrides)
    return body


def counter_application(**overrides: Any) -> dict[str, Any]:
    """What a clerk registers at the counter: a worker with no account against a new employer."""
    body = {
        "applicant": {"kind": "person", "name": "李四", "id_number": id_number()},
        "respondent": {"kind": "organisation", "name": "广州柜台测试有限公司", "credit_code": credit_code()},
        "claims": [{"category": "wage_arrears", "amount": "8000.00", "description": "工资"}],
        "facts": "申请人到窗口口头申请，书记员记录。",
    }
    body.update(overrides)
    return body


def file_case(people: SimpleNamespace, **overrides: Any) -> int:
    response = api(people.applicant).post("/api/v1/cases/", application(people, **overrides), format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def fire(user, case_id: int, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api(user).post(f"/api/v1/cases/{case_id}/transitions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def act(user, case_id: int, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api(user).post(f"/api/v1/cases/{case_id}/actions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def case_at(people: SimpleNamespace, stage: str, **overrides: Any) -> int:
    """A case filed by the applicant and moved by the clerk and arbitrator to ``stage``."""
    case_id = file_case(people, **overrides)
    if stage == "submitted":
        return case_id
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [people.arbitrator.pk]})
    if stage == "accepted":
        return case_id
    act(people.clerk, case_id, "serve_application")
    if stage == "served":
        return case_id
    fire(people.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-09T09:30:00+08:00"})
    assert stage == "oral_hearing"
    return case_id


def state(people: SimpleNamespace, case_id: int) -> tuple[Any, Any]:
    client = api(people.supervisor)
    return (
        client.get(f"/api/v1/cases/{case_id}/").json(),
        client.get(f"/api/v1/cases/{case_id}/events/").json(),
    )


def totals(people: SimpleNamespace) -> tuple[int, int]:
    """How many cases and parties there are, as a supervisor sees them."""
    client = api(people.supervisor)
    return client.get("/api/v1/cases/").json()["count"], client.get("/api/v1/parties/").json()["count"]


def refused(response, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    body = response.json()
    assert response.status_code == status, body
    assert body["code"] == code, body
    assert isinstance(body["detail"], str) and body["detail"], body
    if field is not None:
        assert field in body.get("fields", {}), body
        assert all(isinstance(m, str) and m for m in body["fields"][field]), body
    return body


# --- steps that do not exist, or not now ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "transitions/explode/",
        "transitions/serve_application/",  # an action is not a transition
        "transitions/ACCEPT/",
        "actions/explode/",
        "actions/accept/",  # a transition is not an action
        "actions/get_all_status_transitions/",
    ],
)
def test_an_unknown_step_is_404(people, path):
    case_id = case_at(people, "submitted")
    before = state(people, case_id)
    response = api(people.clerk).post(f"/api/v1/cases/{case_id}/{path}", {"reason": "x"}, format="json")
    refused(response, 404, "not_found")
    assert state(people, case_id) == before


@pytest.mark.parametrize(
    ("stage", "role", "kind", "name", "body"),
    [
        ("submitted", "clerk", "transitions", "start_async_hearing", {}),
        ("submitted", "clerk", "transitions", "issue_award", {"reason": "x"}),
        ("submitted", "clerk", "transitions", "record_mediation_agreement", {}),
        ("submitted", "supervisor", "transitions", "resume", {}),
        ("submitted", "supervisor", "transitions", "cancel", {"reason": "立案错误"}),
        ("submitted", "clerk", "actions", "serve_application", {}),
        ("accepted", "clerk", "transitions", "accept", {}),
        ("accepted", "clerk", "transitions", "reject", {"reason": "x"}),
        ("accepted", "arbitrator", "transitions", "conclude_hearing", {}),
        ("accepted", "arbitrator", "transitions", "end_mediation", {}),
        ("accepted", "clerk", "actions", "request_supplement", {"items": ["身份证复印件"]}),
        ("oral_hearing", "arbitrator", "transitions", "start_async_hearing", {}),
    ],
)
def test_a_step_from_the_wrong_status_is_409_with_the_current_status(people, stage, role, kind, name, body):
    case_id = case_at(people, stage)
    before = state(people, case_id)
    current = before[0]["status"]
    response = api(getattr(people, role)).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body, format="json")
    assert refused(response, 409, "invalid_transition")["status"] == current
    assert state(people, case_id) == before


def test_a_finished_case_refuses_every_step_with_409(people):
    case_id = case_at(people, "submitted")
    fire(people.clerk, case_id, "reject", {"reason": "不属于劳动争议受理范围", "grounds": ["out_of_scope"]})
    before = state(people, case_id)
    for user, path, body in [
        (people.clerk, "transitions/accept/", {}),
        (people.applicant, "transitions/withdraw/", {}),
        (people.clerk, "actions/request_supplement/", {"items": ["x"]}),
        (people.applicant, "consents/", {"async_hearing": False}),
    ]:
        response = api(user).post(f"/api/v1/cases/{case_id}/{path}", body, format="json")
        assert refused(response, 409, "invalid_transition")["status"] == "rejected", path
    assert state(people, case_id) == before


# --- reasons -------------------------------------------------------------------------------------------

REASON_REQUIRED = {
    "reject": ("submitted", "clerk", {"grounds": ["out_of_scope"]}),
    "cancel": ("accepted", "supervisor", {}),
    "suspend": ("accepted", "supervisor", {"ground": "force_majeure"}),
}


@pytest.mark.parametrize("reason", ["<absent>", "", "   ", None])
@pytest.mark.parametrize("name", REASON_REQUIRED)
def test_a_step_that_needs_a_reason_refuses_none(people, name, reason):
    stage, role, body = REASON_REQUIRED[name]
    case_id = case_at(people, stage)
    if reason != "<absent>":
        body = {**body, "reason": reason}
    before = state(people, case_id)
    response = api(getattr(people, role)).post(
        f"/api/v1/cases/{case_id}/transitions/{name}/", body, format="json"
    )
    assert list(refused(response, 400, "invalid", "reason")["fields"]) == ["reason"]
    assert state(people, case_id) == before


# --- transition and action inputs ---------------------------------------------------------------------

BAD_STEP_INPUT = [
    # (stage, role, path, body, field)
    ("submitted", "clerk", "transitions/refer_to_mediation/", {}, "mediation_organisation"),
    (
        "submitted",
        "clerk",
        "transitions/refer_to_mediation/",
        {"mediation_organisation": 999999},
        "mediation_organisation",
    ),
    (
        "submitted",
        "clerk",
        "transitions/refer_to_mediation/",
        {"mediation_organisation": "天河"},
        "mediation_organisation",
    ),
    ("submitted", "clerk", "transitions/accept/", {"procedure": "fast"}, "procedure"),
    ("submitted", "clerk", "transitions/accept/", {"facts_clear": "sure"}, "facts_clear"),
    ("submitted", "clerk", "actions/request_supplement/", {}, "items"),
    ("submitted", "clerk", "actions/request_supplement/", {"items": []}, "items"),
    ("submitted", "clerk", "actions/request_supplement/", {"items": "劳动合同"}, "items"),
    ("accepted", "supervisor", "transitions/suspend/", {"reason": "等待鉴定"}, "ground"),
    ("accepted", "supervisor", "transitions/suspend/", {"reason": "等待鉴定", "ground": "bored"}, "ground"),
    ("accepted", "supervisor", "actions/extend_ruling/", {"days": 5}, "reason"),
    ("accepted", "supervisor", "actions/extend_ruling/", {"days": 0, "reason": "案情复杂"}, "days"),
    ("accepted", "supervisor", "actions/extend_ruling/", {"days": "many", "reason": "案情复杂"}, "days"),
    ("accepted", "clerk", "actions/serve_application/", {"defence_days": 5}, "defence_days"),
    ("accepted", "clerk", "actions/serve_application/", {"defence_days": 11}, "defence_days"),
    ("accepted", "clerk", "actions/serve_application/", {"defence_days": -1}, "defence_days"),
    ("served", "clerk", "actions/file_defence/", {}, "text"),
    ("served", "clerk", "actions/file_defence/", {"text": "   "}, "text"),
    ("accepted", "applicant", "actions/amend_claims/", {"claims": []}, "claims"),
    (
        "accepted",
        "applicant",
        "actions/amend_claims/",
        {"claims": [{"category": "wage_arrears", "amount": "-100.00", "description": "x"}]},
        "claims.0.amount",
    ),
    ("served", "arbitrator", "transitions/schedule_oral_hearing/", {}, "hearing_at"),
    ("served", "arbitrator", "transitions/schedule_oral_hearing/", {"hearing_at": "下周二"}, "hearing_at"),
    (
        "served",
        "arbitrator",
        "transitions/schedule_oral_hearing/",
        {"hearing_at": "2026-13-01T09:00"},
        "hearing_at",
    ),
]


@pytest.mark.parametrize(
    ("stage", "role", "path", "body", "field"),
    [pytest.param(*row, id=f"{row[2]}{row[4]}-{i}") for i, row in enumerate(BAD_STEP_INPUT)],
)
def test_bad_input_to_a_step_is_400_naming_the_field(people, stage, role, path, body, field):
    case_id = case_at(people, stage)
    before = state(people, case_id)
    response = api(getattr(people, role)).post(f"/api/v1/cases/{case_id}/{path}", body, format="json")
    refused(response, 400, "invalid", field)
    assert state(people, case_id) == before


@pytest.mark.parametrize("raw", ["{not json", "[]", '"accept"', "null", "[1, 2]"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "transitions/reject/"),
        ("post", "transitions/accept/"),
        ("post", "actions/request_supplement/"),
        ("post", "consents/"),
        ("put", "tribunal/"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_400(people, method, path, raw):
    case_id = case_at(people, "submitted")
    before = state(people, case_id)
    response = getattr(api(people.clerk), method)(
        f"/api/v1/cases/{case_id}/{path}", raw, content_type="application/json"
    )
    assert response.status_code == 400, response.json()
    assert set(response.json()) >= {"code", "detail"}
    assert state(people, case_id) == before


def test_pre_filing_mediation_needs_the_applicants_consent(people):
    case_id = case_at(people, "submitted", consents={"pre_mediation": False})
    before = state(people, case_id)
    response = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/refer_to_mediation/",
        {"mediation_organisation": make_centre().pk},
        format="json",
    )
    refused(response, 400, "invalid", "consents.applicant.pre_mediation")
    assert state(people, case_id) == before


# --- the hearing date ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hearing_at",
    [
        "2026-03-06T09:30:00+08:00",  # 4 days ahead
        "2026-03-06T23:59:00+08:00",  # still the 4th day in Shanghai
        "2026-03-06T15:59:00Z",  # 23:59 on the 6th in Shanghai
        "2026-03-02T15:00:00+08:00",  # today
        "2026-02-27T09:00:00+08:00",  # the past
    ],
)
def test_an_oral_hearing_less_than_five_days_ahead_is_refused(people, hearing_at):
    case_id = case_at(people, "served")
    before = state(people, case_id)
    response = api(people.arbitrator).post(
        f"/api/v1/cases/{case_id}/transitions/schedule_oral_hearing/",
        {"hearing_at": hearing_at},
        format="json",
    )
    refused(response, 400, "deadline_too_soon", "hearing_at")
    assert "2026-03-07" in response.json()["detail"]  # tells the earliest day allowed
    assert state(people, case_id) == before


def test_five_days_ahead_counts_in_shanghai_time(people):
    case_id = case_at(people, "served")
    # 16:00 UTC on the 6th is midnight starting the 7th in Shanghai: five days' notice.
    case = fire(people.arbitrator, case_id, "schedule_oral_hearing", {"hearing_at": "2026-03-06T16:00:00Z"})
    assert case["status"] == "oral_hearing"
    assert case["hearing_at"] == "2026-03-07T00:00:00+08:00"


# --- filing ----------------------------------------------------------------------------------------------


def claim(**fields: Any) -> list[dict[str, Any]]:
    return [{"category": "wage_arrears", "amount": "12000.00", "description": "工资", **fields}]


def respondent(**fields: Any) -> dict[str, Any]:
    return {"kind": "organisation", "name": "广州另一科技有限公司", "credit_code": credit_code(), **fields}


def _bad_check_char(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


BAD_AMOUNTS = [
    "-1.00",
    "-0.01",
    "abc",
    "1,2000",  # "12,000", "12，000", "12000元", "¥12000" are amounts as written (test_plain_messages)
    "12.345",
    "0.001",
    "NaN",
    "Infinity",
    "-Infinity",
    "99999999999.00",
    True,
    [],
    {},
]


@pytest.mark.parametrize("amount", BAD_AMOUNTS, ids=[repr(a) for a in BAD_AMOUNTS])
def test_a_malformed_or_negative_amount_is_400_naming_the_claim(people, amount):
    before = totals(people)
    response = api(people.applicant).post(
        "/api/v1/cases/", application(people, claims=claim(amount=amount)), format="json"
    )
    refused(response, 400, "invalid", "claims.0.amount")
    assert totals(people) == before


@pytest.mark.parametrize("amount", ["1e3", "1E+3", "1_000"])
def test_money_is_a_plain_decimal_string(people, amount):
    """The contract's money is a decimal string (``"12000.00"``); exponent or digit-group notation is a
    typo to send back, not a claim of 1000 yuan to file silently."""
    before = totals(people)
    response = api(people.applicant).post(
        "/api/v1/cases/", application(people, claims=claim(amount=amount)), format="json"
    )
    refused(response, 400, "invalid", "claims.0.amount")
    assert totals(people) == before


def test_the_bad_claim_is_named_by_its_position(people):
    before = totals(people)
    claims = [*claim(), {"category": "overtime", "amount": "-5.00", "description": "加班费"}]
    response = api(people.applicant).post("/api/v1/cases/", application(people, claims=claims), format="json")
    body = refused(response, 400, "invalid", "claims.1.amount")
    assert "claims.0.amount" not in body["fields"]
    assert totals(people) == before


def _valid_id_with_bad_birth_date() -> str:
    first17 = "44010619901332123"  # month 13
    return first17 + ric_check_character(first17)


BAD_FILINGS: list[tuple[str, str, Callable[[SimpleNamespace], dict[str, Any]], str]] = [
    # (id, who files, body, field named)
    ("no-claims", "applicant", lambda p: application(p, claims=[]), "claims"),
    (
        "claims-missing",
        "applicant",
        lambda p: {k: v for k, v in application(p).items() if k != "claims"},
        "claims",
    ),
    ("claims-not-a-list", "applicant", lambda p: application(p, claims="工资"), "claims"),
    (
        "claim-category",
        "applicant",
        lambda p: application(p, claims=claim(category="bonus")),
        "claims.0.category",
    ),
    (
        "claim-description",
        "applicant",
        lambda p: application(p, claims=[{"category": "wage_arrears", "amount": "1.00"}]),
        "claims.0.description",
    ),
    (
        "facts-missing",
        "applicant",
        lambda p: {k: v for k, v in application(p).items() if k != "facts"},
        "facts",
    ),
    (
        "respondent-missing",
        "applicant",
        lambda p: {k: v for k, v in application(p).items() if k != "respondent"},
        "respondent",
    ),
    (
        "credit-code-check-char",
        "applicant",
        lambda p: application(p, respondent=respondent(credit_code=_bad_check_char(credit_code()))),
        "respondent.credit_code",
    ),
    (
        "credit-code-length",
        "applicant",
        lambda p: application(p, respondent=respondent(credit_code=credit_code()[:17])),
        "respondent.credit_code",
    ),
    (
        "credit-code-letters",
        "applicant",
        lambda p: application(p, respondent=respondent(credit_code="91440106MA5IOZSV0X")),
        "respondent.credit_code",
    ),
    (
        "credit-code-absent",
        "applicant",
        lambda p: application(p, respondent=respondent(credit_code="")),
        "respondent.credit_code",
    ),
    (
        "id-number-check-char",
        "applicant",
        lambda p: application(
            p, respondent={"kind": "person", "name": "王老板", "id_number": _bad_check_char(id_number())}
        ),
        "respondent.id_number",
    ),
    (
        "id-number-birth-date",
        "applicant",
        lambda p: application(
            p, respondent={"kind": "person", "name": "王老板", "id_number": _valid_id_with_bad_birth_date()}
        ),
        "respondent.id_number",
    ),
    (
        "id-number-15-digits",
        "applicant",
        lambda p: application(
            p, respondent={"kind": "person", "name": "王老板", "id_number": "440106900307123"}
        ),
        "respondent.id_number",
    ),
    (
        "id-number-absent",
        "applicant",
        lambda p: application(p, respondent={"kind": "person", "name": "王老板"}),
        "respondent.id_number",
    ),
    (
        "respondent-kind",
        "applicant",
        lambda p: application(p, respondent=respondent(kind="company")),
        "respondent.kind",
    ),
    (
        "respondent-phone",
        "applicant",
        lambda p: application(p, respondent=respondent(phone="12345")),
        "respondent.phone",
    ),
    (
        "against-itself",
        "applicant",
        lambda p: application(
            p, respondent={"kind": "person", "name": "张三", "id_number": p.applicant.party.id_number}
        ),
        "respondent",
    ),
    (
        "another-persons-particulars",
        "applicant",
        lambda p: application(p, applicant={"kind": "person", "name": "李四", "id_number": id_number()}),
        "applicant",
    ),
    (
        "collective-by-a-party",
        "applicant",
        lambda p: application(
            p,
            applicants=[{"kind": "person", "name": f"工人{i}", "id_number": id_number()} for i in range(10)],
        ),
        "applicants",
    ),
    (
        "consent-not-boolean",
        "applicant",
        lambda p: application(p, consents={"async_hearing": "maybe"}),
        "consents.async_hearing",
    ),
    (
        "received-at-by-a-party",
        "applicant",
        lambda p: application(p, received_at="2026-02-27T10:00:00+08:00"),
        "received_at",
    ),
    (
        "received-at-future",
        "clerk",
        lambda p: counter_application(received_at="2026-03-02T09:00:01+08:00"),
        "received_at",
    ),
    ("received-at-tomorrow", "clerk", lambda p: counter_application(received_at="2026-03-03"), "received_at"),
    ("received-at-garbage", "clerk", lambda p: counter_application(received_at="昨天"), "received_at"),
    (
        "clerk-without-applicant",
        "clerk",
        lambda p: {k: v for k, v in counter_application().items() if k != "applicant"},
        "applicant",
    ),
    ("agent-without-applicant", "agent", lambda p: application(p), "applicant"),
]


@pytest.mark.parametrize(("role", "make_body", "field"), [pytest.param(*r[1:], id=r[0]) for r in BAD_FILINGS])
def test_a_bad_application_is_400_naming_the_field_and_files_nothing(people, role, make_body, field):
    body = make_body(people)
    before = totals(people)
    response = api(getattr(people, role)).post("/api/v1/cases/", body, format="json")
    refused(response, 400, "invalid", field)
    assert totals(people) == before


@pytest.mark.parametrize("role", ["mediator", "arbitrator", "admin"])
def test_staff_who_do_not_register_applications_may_not_file(people, role):
    before = totals(people)
    response = api(getattr(people, role)).post("/api/v1/cases/", counter_application(), format="json")
    refused(response, 403, "permission_denied")
    assert totals(people) == before


def test_a_clerk_may_record_a_receipt_in_the_past(people):
    response = api(people.clerk).post(
        "/api/v1/cases/", counter_application(received_at="2026-02-27T16:30:00+08:00"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["received_at"] == "2026-02-27T16:30:00+08:00"


# --- procedure and tribunal at acceptance ---------------------------------------------------------------


@pytest.mark.parametrize(
    "finding", ["public_interest", "major_social_impact", "respondent_whereabouts_unknown"]
)
def test_the_simplified_procedure_is_refused_for_an_excluded_case(people, finding):
    case_id = case_at(people, "submitted")
    before = state(people, case_id)
    response = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"procedure": "simplified", "facts_clear": True, finding: True},
        format="json",
    )
    refused(response, 400, "invalid", "procedure")
    assert state(people, case_id) == before
    # Nothing was used up: the next acceptance still gets the year's first number.
    case = fire(people.clerk, case_id, "accept", {"procedure": "ordinary"})
    assert case["case_number"] == "穗天劳人仲案字〔2026〕1号"


def test_the_simplified_procedure_needs_a_ground(people):
    big = [{"category": "termination_compensation", "amount": "200000.00", "description": "违法解除赔偿金"}]
    case_id = case_at(people, "submitted", claims=big)
    before = state(people, case_id)
    response = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"procedure": "simplified"}, format="json"
    )
    refused(response, 400, "invalid", "procedure")
    assert state(people, case_id) == before


def collective(people: SimpleNamespace, representatives: Any = (0, 1, 2), size: int = 10) -> dict[str, Any]:
    body = counter_application(
        applicants=[{"kind": "person", "name": f"工人{i}", "id_number": id_number()} for i in range(size)],
    )
    del body["applicant"]
    if representatives is not None:
        body["representatives"] = list(representatives)
    return body


def test_a_collective_dispute_is_never_simplified_and_has_three_arbitrators(people):
    response = api(people.clerk).post("/api/v1/cases/", collective(people), format="json")
    assert response.status_code == 201, response.json()
    case = response.json()
    assert case["is_collective"] is True
    assert [a["is_representative"] for a in case["applicants"]] == [True] * 3 + [False] * 7
    case_id = case["id"]
    before = state(people, case_id)

    simplified = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"procedure": "simplified"}, format="json"
    )
    refused(simplified, 400, "invalid", "procedure")
    sole = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/", {"arbitrators": [people.arbitrator.pk]}, format="json"
    )
    refused(sole, 400, "invalid", "arbitrators")
    assert state(people, case_id) == before


@pytest.mark.parametrize(
    "representatives",
    [None, [], [0, 1], [0, 0, 1], [0, 1, 2, 3, 4, 5], [0, 1, 10], [0, 1, -1]],
    ids=["absent", "none", "two", "duplicate", "six", "out-of-range", "negative"],
)
def test_a_collective_application_needs_three_to_five_representatives(people, representatives):
    before = totals(people)
    response = api(people.clerk).post("/api/v1/cases/", collective(people, representatives), format="json")
    body = response.json()
    assert response.status_code == 400, body
    assert any(f == "representatives" or f.startswith("representatives.") for f in body["fields"]), body
    assert totals(people) == before


def _arbitrators(people: SimpleNamespace, n: int) -> list[int]:
    extra = [make_user(f"p-arb-{i}", Role.ARBITRATOR, display_name=f"仲裁员{i}") for i in range(n)]
    return [people.arbitrator.pk, *[a.pk for a in extra]]


BAD_TRIBUNALS: dict[str, Callable[[SimpleNamespace], Any]] = {
    "two": lambda p: _arbitrators(p, 1),
    "four": lambda p: _arbitrators(p, 3),
    "empty": lambda p: [],
    "a-clerk": lambda p: [p.clerk.pk],
    "a-party": lambda p: [p.applicant.pk],
    "unknown-id": lambda p: [999999],
    "duplicates": lambda p: [p.arbitrator.pk, p.arbitrator.pk, p.arbitrator2.pk],
    "the-same-three-times": lambda p: [p.arbitrator.pk] * 3,
    "inactive": lambda p: [_inactive_arbitrator().pk],
    "not-a-list": lambda p: p.arbitrator.pk,
}


def _inactive_arbitrator():
    user = make_user("p-retired-arbitrator", Role.ARBITRATOR, display_name="退休仲裁员")
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.mark.parametrize("tribunal", BAD_TRIBUNALS)
def test_a_bad_tribunal_is_400_naming_arbitrators(people, tribunal):
    case_id = file_case(people)
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary"})
    before = state(people, case_id)
    response = api(people.clerk).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": BAD_TRIBUNALS[tribunal](people)}, format="json"
    )
    body = refused(response, 400, "invalid")
    assert any(f == "arbitrators" or f.startswith("arbitrators.") for f in body.get("fields", {})), body
    assert state(people, case_id) == before


@pytest.mark.parametrize("tribunal", ["two", "a-clerk", "duplicates", "unknown-id"])
def test_a_bad_tribunal_at_acceptance_leaves_the_application_unaccepted(people, tribunal):
    case_id = file_case(people)
    before = state(people, case_id)
    response = api(people.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"procedure": "ordinary", "arbitrators": BAD_TRIBUNALS[tribunal](people)},
        format="json",
    )
    refused(response, 400, "invalid", "arbitrators")
    assert state(people, case_id) == before
    assert before[0]["status"] == "submitted" and before[0]["case_number"] is None


def test_a_simplified_case_has_a_sole_arbitrator(people):
    case_id = file_case(people)
    fire(people.clerk, case_id, "accept", {"procedure": "simplified", "facts_clear": True})
    before = state(people, case_id)
    response = api(people.clerk).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": _arbitrators(people, 2)}, format="json"
    )
    refused(response, 400, "invalid", "arbitrators")
    assert state(people, case_id) == before


# --- consents --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "body", "status", "field"),
    [
        ("applicant", {}, 400, "non_field_errors"),
        ("applicant", {"async_hearing": "maybe"}, 400, "async_hearing"),
        ("applicant", {"async_hearing": None}, 400, "non_field_errors"),
        ("respondent", {"pre_mediation": True}, 400, "pre_mediation"),
        ("applicant", {"async_hearing": True, "side": "respondent"}, 403, None),
        ("applicant", {"async_hearing": True, "side": "plaintiff"}, 400, "side"),
        ("clerk", {"async_hearing": True}, 403, None),
    ],
)
def test_bad_consents_are_refused(people, role, body, status, field):
    case_id = case_at(people, "submitted", consents={"pre_mediation": False, "async_hearing": False})
    before = state(people, case_id)
    response = api(getattr(people, role)).post(f"/api/v1/cases/{case_id}/consents/", body, format="json")
    refused(response, status, "invalid" if status == 400 else "permission_denied", field)
    assert state(people, case_id) == before


def test_pre_filing_mediation_consent_is_refused_after_acceptance(people):
    case_id = case_at(people, "accepted")
    before = state(people, case_id)
    response = api(people.applicant).post(
        f"/api/v1/cases/{case_id}/consents/", {"pre_mediation": False}, format="json"
    )
    refused(response, 400, "invalid", "pre_mediation")
    assert state(people, case_id) == before


# --- the case list's query ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("status=accepted,bogus", "status"),
        ("due_before=next-week", "due_before"),
        ("due_before=2026-02-30", "due_before"),
        ("arbitrator=abc", "arbitrator"),
        ("arbitrator=0", "arbitrator"),
        ("procedure=fast", "procedure"),
        ("unassigned=maybe", "unassigned"),
        ("search=" + "张" * 101, "search"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/cases/status-counts/"])
def test_a_bad_list_query_is_400_naming_the_parameter(people, path, query, field):
    file_case(people)
    refused(api(people.clerk).get(f"{path}?{query}"), 400, "invalid", field)


def test_an_unknown_ordering_is_400(people):
    file_case(people)
    refused(api(people.clerk).get("/api/v1/cases/?ordering=password"), 400, "invalid", "ordering")


def test_a_page_past_the_end_is_404_with_the_envelope(people):
    file_case(people)
    refused(api(people.clerk).get("/api/v1/cases/?page=9"), 404, "not_found")
    # Not a page number at all: the input is wrong (tests/schema/test_schema_truths.py has the rest).
    refused(api(people.clerk).get("/api/v1/cases/?page=abc"), 400, "invalid")


# --- retries ---------------------------------------------------------------------------------------------


def test_an_idempotent_retry_of_a_filing_creates_one_case(people):
    client = api(people.applicant)
    key = str(uuid.uuid4())
    body = application(people)
    before = totals(people)
    first = client.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201, again.json()
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert totals(people)[0] == before[0] + 1
    events = client.get(f"/api/v1/cases/{first.json()['id']}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["filed"]


def test_an_idempotency_key_reused_for_another_filing_is_409_and_files_nothing(people):
    client = api(people.applicant)
    key = str(uuid.uuid4())
    assert (
        client.post(
            "/api/v1/cases/", application(people), format="json", HTTP_IDEMPOTENCY_KEY=key
        ).status_code
        == 201
    )
    before = totals(people)
    other = application(people, facts="另一份申请")
    response = client.post("/api/v1/cases/", other, format="json", HTTP_IDEMPOTENCY_KEY=key)
    refused(response, 409, "idempotency_key_reused")
    assert totals(people) == before


def test_a_refused_filing_with_a_key_can_be_corrected_and_sent_again_with_the_same_key(people):
    client = api(people.applicant)
    key = str(uuid.uuid4())
    before = totals(people)
    bad = client.post(
        "/api/v1/cases/", application(people, claims=[]), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    refused(bad, 400, "invalid", "claims")
    assert totals(people) == before
    good = client.post("/api/v1/cases/", application(people), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert good.status_code == 201, good.json()
    assert totals(people)[0] == before[0] + 1


def test_an_idempotent_retry_of_a_transition_fires_it_once(people):
    case_id = case_at(people, "submitted")
    client = api(people.clerk)
    key = str(uuid.uuid4())
    url = f"/api/v1/cases/{case_id}/transitions/accept/"
    first = client.post(url, {"procedure": "ordinary"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(url, {"procedure": "ordinary"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 200
    assert again.json()["case_number"] == first.json()["case_number"] == "穗天劳人仲案字〔2026〕1号"
    events = client.get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["filed", "accept"]
