"""Arbitration recommendation letters (仲裁建议书): employers with several awards against them in a period,
and the letters recorded to them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from arbitration.models import RecommendationLetter
from core import clock
from tests.arbitration.publishing import EMPLOYER, issued_case
from tests.helpers import api, credit_code

pytestmark = pytest.mark.django_db

EMPLOYERS = "/api/v1/recommendations/employers/"
LETTERS = "/api/v1/recommendations/"


def test_supervisors_see_recurring_employers_and_record_a_letter(personas):
    repeat = credit_code()
    issued_case(personas, employer_code=repeat)
    issued_case(personas, employer_code=repeat)
    issued_case(personas)  # another employer, once
    issued_case(personas, employer_code=(dismissed := credit_code()), decision="dismissed")
    issued_case(personas, employer_code=dismissed, decision="dismissed")  # never against it

    supervisor = api(personas.supervisor, "en")
    response = supervisor.get(EMPLOYERS)
    assert response.status_code == 200, response.json()
    assert response.json() == [{"credit_code": repeat, "name": EMPLOYER, "cases": 2, "letters": 0}]
    assert supervisor.get(EMPLOYERS, {"minimum": 3}).json() == []
    last_year = (clock.today() - timedelta(days=400)).isoformat()
    assert supervisor.get(EMPLOYERS, {"from": last_year, "to": last_year}).json() == []

    today = clock.today().isoformat()
    body = {
        "credit_code": repeat,
        "addressee": "广州锦绣餐饮管理有限公司人力资源部",
        "text": "建议依法按时足额支付工资。",
        "letter_date": today,
    }
    created = supervisor.post(LETTERS, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["employer_name"] == EMPLOYER and created.json()["recorded_by"] == "院长"
    assert supervisor.get(EMPLOYERS).json()[0]["letters"] == 1
    listed = api(personas.arbitrator).get(LETTERS).json()
    assert [(x["credit_code"], x["addressee"], x["letter_date"]) for x in listed] == [
        (repeat, body["addressee"], today)
    ]


def test_bad_letters_and_periods_are_refused(personas):
    supervisor = api(personas.supervisor, "en")
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    body = {
        "credit_code": credit_code(),
        "addressee": "某公司",
        "text": "建议",
        "letter_date": clock.today().isoformat(),
    }
    unknown = supervisor.post(LETTERS, body, format="json")
    assert unknown.status_code == 400 and "credit_code" in unknown.json()["fields"]
    issued = issued_case(personas)
    known = issued.parties.get(side="respondent").party.credit_code
    future = supervisor.post(LETTERS, {**body, "credit_code": known, "letter_date": tomorrow}, format="json")
    assert future.status_code == 400 and "letter_date" in future.json()["fields"]
    missing = supervisor.post(LETTERS, {"credit_code": known}, format="json")
    assert missing.status_code == 400 and {"addressee", "text", "letter_date"} <= set(
        missing.json()["fields"]
    )
    backwards = supervisor.get(EMPLOYERS, {"from": "2026-05-01", "to": "2026-04-01"})
    assert backwards.status_code == 400 and "to" in backwards.json()["fields"]
    assert supervisor.get(EMPLOYERS, {"minimum": 1}).status_code == 400
    assert not RecommendationLetter.objects.exists()


def test_only_supervisors_and_arbitrators(personas):
    for user in (personas.clerk, personas.applicant, personas.respondent):
        assert api(user).get(EMPLOYERS).status_code == 403
        assert api(user).get(LETTERS).status_code == 403
        assert api(user).post(LETTERS, {}, format="json").status_code == 403
    assert api(None).get(EMPLOYERS).status_code == 401
    assert api(personas.arbitrator).get(EMPLOYERS).status_code == 200
