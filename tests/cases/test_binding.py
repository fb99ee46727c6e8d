"""Parties and binding: a respondent is found by its number, binds an account with the code printed on its
notice, and an agent acts for one party in one case."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Role
from tests.helpers import api, credit_code, id_number, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    return personas


CLAIMS = [{"category": "wage_arrears", "amount": "12000.00", "description": "三个月工资"}]


def application(respondent: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body = {
        "respondent": respondent,
        "claims": CLAIMS,
        "facts": "申请人于2024年3月入职，被申请人拖欠三个月工资。",
        "consents": {"async_hearing": True},
    }
    body.update(overrides)
    return body


def organisation(code: str, name: str = "广州未注册科技有限公司") -> dict[str, Any]:
    return {"kind": "organisation", "name": name, "credit_code": code}


def file_case(user, body: dict[str, Any]) -> dict[str, Any]:
    response = api(user).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def fire(user, case_id: int, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api(user).post(f"/api/v1/cases/{case_id}/transitions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def serve(clerk, case_id: int) -> dict[str, Any]:
    response = api(clerk).post(f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def visible(user, case_id: int) -> bool:
    status = api(user).get(f"/api/v1/cases/{case_id}/").status_code
    assert status in (200, 404)
    listed = case_id in [c["id"] for c in api(user).get("/api/v1/cases/").json()["results"]]
    assert (status == 200) == listed
    return status == 200


def bind(user, case_number: str, access_code: str):
    return api(user).post(
        "/api/v1/cases/bind/", {"case_number": case_number, "access_code": access_code}, format="json"
    )


# --- a respondent already known by its number ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["organisation", "person"])
def test_a_respondent_named_by_a_registered_number_is_that_party_and_its_users_see_the_case(people, kind):
    if kind == "organisation":
        party = people.respondent.party
        named = {"kind": kind, "name": "示例科技（简称）", "credit_code": party.credit_code.lower()}
        staff = [people.respondent, make_user("p-respondent-b", Role.RESPONDENT, party=party)]
    else:
        party = make_person("王老板", id_number=id_number())  # a sole trader employing the worker
        named = {"kind": kind, "name": "王某", "id_number": party.id_number}
        staff = [make_user("p-wang", Role.RESPONDENT, party=party)]
    parties_before = api(people.clerk).get("/api/v1/parties/").json()["count"]

    case = file_case(people.applicant, application(named))

    assert case["respondent"]["id"] == party.pk
    # The filer keeps what it typed (it learns nothing of the registered record from the number)...
    assert case["respondent"]["name"] == named["name"]
    # ...and its spelling does not rename the registered party: the party's users and the clerk see that.
    party.refresh_from_db()
    assert party.name != named["name"]
    for user in (*staff, people.clerk):
        assert api(user).get(f"/api/v1/cases/{case['id']}/").json()["respondent"]["name"] == party.name
    assert api(people.clerk).get("/api/v1/parties/").json()["count"] == parties_before  # no new party
    for user in staff:
        assert visible(user, case["id"]), user.username
    assert not visible(people.outsider, case["id"])
    # Its users already see the case: serving it issues no access code.
    fire(people.clerk, case["id"], "accept", {"procedure": "ordinary"})
    assert serve(people.clerk, case["id"])["access_codes"] == []


def test_the_users_of_another_registered_employer_do_not_see_the_case(people):
    other = make_organisation("广州另一家公司")
    case = file_case(people.applicant, application(organisation(other.credit_code, "另一家")))
    assert case["respondent"]["id"] == other.pk
    assert not visible(people.respondent, case["id"])  # a different employer's users do not see it


# --- binding with the access code ------------------------------------------------------------------------


@pytest.fixture
def served(people) -> SimpleNamespace:
    """A case against an employer with no account yet, accepted and served: its access code issued."""
    code = credit_code()
    case = file_case(people.applicant, application(organisation(code)))
    fire(people.clerk, case["id"], "accept", {"procedure": "ordinary"})
    served = serve(people.clerk, case["id"])
    assert served["case_number"]
    return SimpleNamespace(id=case["id"], number=served["case_number"], credit_code=code, served=served)


def test_serving_on_a_respondent_without_an_account_issues_one_access_code_shown_once(people, served):
    codes = served.served["access_codes"]
    assert len(codes) == 1
    assert codes[0]["party_id"] == served.served["respondent"]["id"]
    assert codes[0]["party"] == "广州未注册科技有限公司"
    code = codes[0]["access_code"]
    assert len(code) == 8
    # Printed on the notice, never shown again: not in the detail, not in the timeline.
    for user in (people.clerk, people.supervisor):
        detail = api(user).get(f"/api/v1/cases/{served.id}/")
        events = api(user).get(f"/api/v1/cases/{served.id}/events/")
        assert code not in detail.content.decode() and code not in events.content.decode()
        assert "access_codes" not in detail.json()


def test_a_new_respondent_account_binds_with_the_code_and_then_sees_the_case(people, served):
    code = served.served["access_codes"][0]["access_code"]
    hr = make_user("new-hr", Role.RESPONDENT, display_name="新人事")
    assert not visible(hr, served.id)

    response = bind(hr, served.number, code)
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == served.id
    assert response.json()["case_number"] == served.number

    assert visible(hr, served.id)
    me = api(hr).get("/api/v1/me/").json()
    assert me["party"]["credit_code"] == served.credit_code
    # It now acts as the respondent: it may file the defence, and the applicant's timeline shows the binding.
    detail = api(hr).get(f"/api/v1/cases/{served.id}/").json()
    assert any(o["name"] == "file_defence" and o["enabled"] for o in detail["options"])
    events = api(people.applicant).get(f"/api/v1/cases/{served.id}/events/").json()["results"]
    assert (events[-1]["kind"], events[-1]["actor"]["username"]) == ("bind_party", "new-hr")


def test_a_lawyer_with_the_notice_becomes_the_respondents_agent_only_once_the_respondent_confirms(
    people, served
):
    code = served.served["access_codes"][0]["access_code"]
    lawyer = make_user("employer-lawyer", Role.AGENT, display_name="企业律师")
    response = bind(lawyer, served.number, code)
    assert response.status_code == 200, response.json()
    [agent] = response.json()["agents"]
    assert (agent["side"], agent["mandate"]) == ("respondent", "pending")
    # It is not the employer, and cannot act for it yet; the code still lets the employer itself in.
    assert api(lawyer).get("/api/v1/me/").json()["party"] is None
    detail = api(lawyer).get(f"/api/v1/cases/{served.id}/").json()
    assert not any(o["name"] == "file_defence" and o["enabled"] for o in detail["options"])
    assert bind(lawyer, served.number, code).status_code == 409
    hr = make_user("new-hr", Role.RESPONDENT)
    assert bind(hr, served.number, code).status_code == 200
    confirmed = api(hr).post(
        f"/api/v1/cases/{served.id}/agents/{agent['id']}/mandate/", {"decision": "verified"}, format="json"
    )
    assert confirmed.status_code == 200, confirmed.json()
    detail = api(lawyer).get(f"/api/v1/cases/{served.id}/").json()
    assert any(o["name"] == "file_defence" and o["enabled"] for o in detail["options"])


def test_the_code_may_be_typed_in_lower_case_with_spaces(people, served):
    code = served.served["access_codes"][0]["access_code"]
    hr = make_user("new-hr", Role.RESPONDENT)
    assert bind(hr, f" {served.number} ", f" {code.lower()} ").status_code == 200
    assert visible(hr, served.id)


def test_a_used_code_is_404_for_everyone_after(people, served):
    code = served.served["access_codes"][0]["access_code"]
    first = make_user("new-hr", Role.RESPONDENT)
    second = make_user("impostor", Role.RESPONDENT)
    assert bind(first, served.number, code).status_code == 200

    for user in (second, first):
        again = bind(user, served.number, code)
        assert again.status_code == 404, again.json()
        assert again.json()["code"] == "not_found"
        assert set(again.json()) <= {"code", "detail", "fields"}
    assert not visible(second, served.id)


WRONG_BINDINGS = {
    # id: (case number from the real one, code from the real one, status, field named)
    "wrong-code": (lambda n: n, lambda c: "WRONGCDE", 404, None),
    "code-plus-a-char": (lambda n: n, lambda c: c + "X", 404, None),
    "code-short-of-a-char": (lambda n: n, lambda c: c[:-1], 404, None),
    "wrong-number": (lambda n: "穗天劳人仲案字〔2026〕999号", lambda c: c, 404, None),
    "empty-code": (lambda n: n, lambda c: "", 400, "access_code"),
    "empty-number": (lambda n: "", lambda c: c, 400, "case_number"),
}


@pytest.mark.parametrize("wrong", WRONG_BINDINGS)
def test_a_wrong_case_number_or_code_binds_nothing(people, served, wrong):
    number_of, code_of, status, field = WRONG_BINDINGS[wrong]
    real = served.served["access_codes"][0]["access_code"]
    hr = make_user("new-hr", Role.RESPONDENT)

    response = bind(hr, number_of(served.number), code_of(real))
    assert response.status_code == status, response.json()
    assert response.json()["code"] == ("not_found" if status == 404 else "invalid")
    if field:
        assert field in response.json()["fields"]
    assert not visible(hr, served.id)
    assert api(hr).get("/api/v1/me/").json()["party"] is None
    # The real code still works afterwards.
    assert bind(hr, served.number, real).status_code == 200


def test_a_wrong_code_is_404_not_a_hint(people, served):
    hr = make_user("new-hr", Role.RESPONDENT)
    wrong_code = bind(hr, served.number, "WRONGCDE")
    wrong_number = bind(hr, "穗天劳人仲案字〔2026〕999号", "WRONGCDE")
    assert wrong_code.status_code == wrong_number.status_code == 404
    assert wrong_code.json() == wrong_number.json()  # the answer does not tell which part was wrong


def test_the_code_of_one_case_does_not_open_another(people, served):
    code = served.served["access_codes"][0]["access_code"]
    other = file_case(people.applicant, application(organisation(credit_code(), "广州第三方有限公司")))
    fire(people.clerk, other["id"], "accept", {"procedure": "ordinary"})
    other_number = serve(people.clerk, other["id"])["case_number"]
    hr = make_user("new-hr", Role.RESPONDENT)
    assert bind(hr, other_number, code).status_code == 404
    assert not visible(hr, other["id"]) and not visible(hr, served.id)


def test_an_account_that_acts_for_another_party_cannot_take_the_code(people, served):
    code = served.served["access_codes"][0]["access_code"]
    response = bind(people.respondent, served.number, code)  # 示例科技's HR, not this employer's
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "conflict"
    assert not visible(people.respondent, served.id)
    assert api(people.respondent).get("/api/v1/me/").json()["party"]["id"] == people.respondent.party.pk
    # The code was not used up by the refusal.
    assert bind(make_user("new-hr", Role.RESPONDENT), served.number, code).status_code == 200


def test_binding_needs_a_logged_in_user(people, served):
    code = served.served["access_codes"][0]["access_code"]
    response = api().post(
        "/api/v1/cases/bind/", {"case_number": served.number, "access_code": code}, format="json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert bind(make_user("new-hr", Role.RESPONDENT), served.number, code).status_code == 200


@pytest.fixture
def bind_rate(settings, monkeypatch):
    """Set the bind throttle's rate for this test.

    DRF copies ``DEFAULT_THROTTLE_RATES`` onto ``SimpleRateThrottle.THROTTLE_RATES`` when it is imported,
    so changing the setting alone changes nothing: point the class at the reloaded rates too (both are
    put back after the test).
    """

    def set_rate(rate: str) -> None:
        rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "bind": rate}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        assert api_settings.DEFAULT_THROTTLE_RATES["bind"] == rate
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)

    return set_rate


def test_binding_attempts_are_throttled(people, served, bind_rate, travel):
    bind_rate("3/min")
    code = served.served["access_codes"][0]["access_code"]
    guesser = make_user("guesser", Role.RESPONDENT)
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        assert bind(guesser, served.number, guess).status_code == 404

    blocked = bind(guesser, served.number, code)  # even the right code, while throttled
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "throttled"
    assert isinstance(blocked.json()["detail"], str) and blocked.json()["detail"]
    assert int(blocked["Retry-After"]) > 0
    assert not visible(guesser, served.id)

    # Another account is counted on its own.
    assert bind(make_user("other-hr", Role.RESPONDENT), served.number, "DDDDDDDD").status_code == 404

    # Once the window has passed the code works: the throttled attempt did not use it up.
    travel.shift(61)
    assert bind(guesser, served.number, code).status_code == 200
    assert visible(guesser, served.id)


def test_the_default_bind_rate_throttles_too(people, served):
    """Without an override: the configured rate applies (10 an hour unless BIND_RATE says otherwise)."""
    rate = SimpleRateThrottle.THROTTLE_RATES["bind"]
    allowed = int(rate.split("/")[0])
    if allowed > 50:
        pytest.skip(f"BIND_RATE={rate} is too generous to exhaust in a test")
    guesser = make_user("guesser", Role.RESPONDENT)
    for _attempt in range(allowed):
        assert bind(guesser, served.number, "AAAAAAAA").status_code == 404
    assert bind(guesser, served.number, "AAAAAAAA").status_code == 429


# --- agents ----------------------------------------------------------------------------------------------


def test_an_agent_acts_for_one_party_in_one_case(people):
    worker = people.applicant.party
    employer = people.respondent.party
    as_agent = file_case(
        people.agent,
        application(
            organisation(employer.credit_code, employer.name),
            applicant={"kind": "person", "name": worker.name, "id_number": worker.id_number},
        ),
    )
    # The same worker's own other case, and an unrelated case: the agent is not on them.
    own = file_case(people.applicant, application(organisation(credit_code(), "广州另一雇主有限公司")))
    stranger = make_user("applicant2", Role.APPLICANT, party=make_person("李四"))
    unrelated = file_case(stranger, application(organisation(credit_code(), "广州无关有限公司")))

    assert visible(people.agent, as_agent["id"])
    assert not visible(people.agent, own["id"])
    assert not visible(people.agent, unrelated["id"])
    assert api(people.agent).get("/api/v1/cases/").json()["count"] == 1

    detail = api(people.agent).get(f"/api/v1/cases/{as_agent['id']}/").json()
    assert detail["applicant"]["id"] == worker.pk
    [agent] = detail["agents"]
    assert agent["user"] == {
        "id": people.agent.pk,
        "username": "p-agent",
        "role": "agent",
        "display_name": "代理律师",
    }
    assert (agent["side"], agent["party_id"], agent["mandate"]) == ("applicant", worker.pk, "pending")
    # The other parties see who the agent is, and that its mandate is not yet verified.
    assert api(people.respondent).get(f"/api/v1/cases/{as_agent['id']}/").json()["agents"] == detail["agents"]
    assert api(people.applicant).get(f"/api/v1/cases/{own['id']}/").json()["agents"] == []


def test_an_agent_has_its_partys_rights_and_no_others(people):
    worker = people.applicant.party
    employer = people.respondent.party
    case = file_case(
        people.agent,
        application(
            organisation(employer.credit_code, employer.name),
            applicant={"kind": "person", "name": worker.name, "id_number": worker.id_number},
        ),
    )
    case_id = case["id"]
    # Until the worker confirms it, the agent cannot act for it.
    assert "withdraw" not in case["allowed_transitions"]
    early = api(people.agent).post(
        f"/api/v1/cases/{case_id}/consents/", {"electronic_service": True}, format="json"
    )
    assert early.status_code == 403
    agent_id = case["agents"][0]["id"]
    confirmed = api(people.applicant).post(
        f"/api/v1/cases/{case_id}/agents/{agent_id}/mandate/", {"decision": "verified"}, format="json"
    )
    assert confirmed.status_code == 200, confirmed.json()
    case = api(people.agent).get(f"/api/v1/cases/{case_id}/").json()
    assert "withdraw" in case["allowed_transitions"]

    # It records the applicant's consents, not the respondent's.
    mine = api(people.agent).post(
        f"/api/v1/cases/{case_id}/consents/", {"electronic_service": True}, format="json"
    )
    assert mine.status_code == 200
    assert mine.json()["consents"]["applicant"]["electronic_service"] is True
    assert mine.json()["consents"]["respondent"]["electronic_service"] is None
    theirs = api(people.agent).post(
        f"/api/v1/cases/{case_id}/consents/",
        {"electronic_service": False, "side": "respondent"},
        format="json",
    )
    assert theirs.status_code == 403

    # It may not file the respondent's defence.
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary"})
    serve(people.clerk, case_id)
    defence = api(people.agent).post(
        f"/api/v1/cases/{case_id}/actions/file_defence/", {"text": "代理人替被申请人答辩"}, format="json"
    )
    assert defence.status_code == 403
    assert defence.json()["code"] == "permission_denied"

    # It withdraws for the applicant.
    closed = fire(people.agent, case_id, "withdraw", {"reason": "双方已和解"})
    assert (closed["status"], closed["closure_type"]) == ("closed", "withdrawal")


def test_an_agent_filing_names_the_one_party_it_acts_for(people):
    employer = people.respondent.party
    body = application(organisation(employer.credit_code, employer.name))
    missing = api(people.agent).post("/api/v1/cases/", body, format="json")
    assert missing.status_code == 400
    assert "applicant" in missing.json()["fields"]
    assert api(people.agent).get("/api/v1/cases/").json()["count"] == 0


# --- how people type the case number and the code on a phone ---------------------------------------------

# Full-width (U+FF10…) digits and capitals, as a Chinese phone keyboard types them: by code point, by hand.
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n,
        lambda n: n.replace("〔", "[").replace("〕", "]"),
        lambda n: n.replace("〔", "(").replace("〕", ")"),
        lambda n: n.replace("〔", "（").replace("〕", "）"),
        lambda n: n.replace("〔", "【").replace("〕", "】"),
        lambda n: n.translate(FULL_WIDTH),
        lambda n: " " + n.replace("〔", " 〔 ").replace("号", " 号") + " ",
        lambda n: n.replace("〔", "（").replace("〕", "）").translate(FULL_WIDTH).replace("号", "　号"),
    ],
    ids=[
        "printed",
        "square",
        "round",
        "full-width-round",
        "lenticular",
        "full-width-digits",
        "spaces",
        "all",
    ],
)
def test_the_case_number_binds_however_the_brackets_digits_and_spaces_are_typed(people, served, typed):
    code = served.served["access_codes"][0]["access_code"]
    assert "〔" in served.number  # the printed form, e.g. 穗天劳人仲案字〔2026〕1号
    hr = make_user("typing-hr", Role.RESPONDENT)
    response = bind(hr, typed(served.number), code)
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == served.id


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c.lower(),
        lambda c: c.translate(FULL_WIDTH),
        lambda c: f"{c[:4]} {c[4:]}",
        lambda c: f"{c[:4]}-{c[4:]}",
        lambda c: f" {c[:4].lower()}　{c[4:].translate(FULL_WIDTH)} ",
    ],
    ids=["lower-case", "full-width", "space", "dash", "mixed"],
)
def test_the_access_code_binds_however_it_is_typed(people, served, typed):
    code = served.served["access_codes"][0]["access_code"]
    hr = make_user("typing-hr", Role.RESPONDENT)
    response = bind(hr, served.number, typed(code))
    assert response.status_code == 200, response.json()


def test_a_tolerated_spelling_of_another_number_still_binds_nothing(people, served):
    code = served.served["access_codes"][0]["access_code"]
    hr = make_user("typing-hr", Role.RESPONDENT)
    other = served.number.replace("〔", "(").replace("〕", ")").replace("号", "0号")
    response = bind(hr, other, code)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
