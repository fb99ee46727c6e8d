"""Publishing an issued award, anonymised (POST /api/v1/cases/{id}/award/publish/), and the public search
(GET /api/v1/public/awards/, no login)."""

from __future__ import annotations

import pytest
from django.db import connection

from arbitration.models import PublishedAward
from tests.arbitration.publishing import (
    EMPLOYER,
    EMPLOYER_ADDRESS,
    WORKER_ADDRESS,
    WORKER_PHONE,
    issued_case,
)
from tests.helpers import api

pytestmark = pytest.mark.django_db


def publish(user, case, body=None):
    return api(user, "en").post(f"/api/v1/cases/{case.pk}/award/publish/", body or {}, format="json")


def search(**params):
    return api(None, "en").get("/api/v1/public/awards/", params)


def test_a_supervisor_publishes_an_award_with_no_identifier_left(personas):
    case = issued_case(personas)
    response = publish(personas.supervisor, case, {"typical": True})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["published"] is True and body["typical"] is True
    text = body["text"]
    planted = [
        "张三",
        personas.applicant.party.id_number,
        WORKER_PHONE,
        WORKER_ADDRESS,
        "中山五路",
        EMPLOYER,
        "锦绣餐饮",
        EMPLOYER_ADDRESS,
        "陈大文",
        case.parties.get(side="respondent").party.credit_code,
        "王小明",
        "刘德华",
        "粤A12345",
        "6222 0212 3456 7890 123",
        "020-87654321",
        "186-2000-1234",
        "明辉电子",
        "新港东路1000号",
    ]
    assert [p for p in planted if p in text] == []
    # Still an award a reader can follow.
    for kept in ("张某", "某公司", "王某", "刘某", "陈某", "裁决如下", "18,000.00元", "予以支持", "拖欠"):
        assert kept in text, kept
    row = PublishedAward.objects.get()
    assert row.text == text and row.typical and row.published_by == personas.supervisor
    assert row.categories == ["wage_arrears"] and row.year == row.award.award_date.year
    assert case.events.filter(kind="award_published", actor=personas.supervisor).exists()
    # Published once.
    again = publish(personas.supervisor, case)
    assert again.status_code == 409


def test_only_supervisors_publish(personas):
    case = issued_case(personas)
    for user in (personas.clerk, personas.arbitrator, personas.applicant):
        response = publish(user, case)
        assert response.status_code == 403, (user.username, response.json())
    assert publish(personas.outsider, case).status_code == 404
    assert api(None).post(f"/api/v1/cases/{case.pk}/award/publish/", {}, format="json").status_code == 401
    assert not PublishedAward.objects.exists()


def test_a_case_without_an_issued_award_cannot_be_published(personas):
    from tests.arbitration.conftest import case_in_deliberation

    case = case_in_deliberation(personas)
    response = publish(personas.supervisor, case)
    assert response.status_code == 409
    assert not PublishedAward.objects.exists()


def test_what_the_replacer_misses_refuses_the_publication_with_the_spans(personas):
    # A phone in full-width digits split by dots and an ID number split by dots: spellings the replacer
    # does not know; the check reads digits through any separator.
    phone, id_number = "１３８.００１３.８０００", "440.106.1990.0307.123X"
    finding = f"申请人另留电话{phone}，身份证号{id_number}，均已核实。"
    case = issued_case(personas, finding=finding)
    response = publish(personas.supervisor, case)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "personal_data"
    spans = body["spans"]
    # The replacer reads full-width digits as ASCII ones: the text and its spans show them so.
    phone = "138.0013.8000"
    assert [s["text"] for s in spans] == [phone, id_number]
    assert {s["kind"] for s in spans} >= {"phone", "id_number"}
    preview = api(personas.supervisor).get(f"/api/v1/cases/{case.pk}/award/publish/").json()
    for span in spans:
        assert preview["text"][span["start"] : span["end"]] == span["text"]
    assert phone in " ".join(body["fields"]["text"])
    assert not PublishedAward.objects.exists()
    # The supervisor corrects the text by hand and publishes it.
    fixed = preview["text"].replace(phone, "×××").replace(id_number, "×××")
    response = publish(personas.supervisor, case, {"text": fixed})
    assert response.status_code == 200, response.json()
    assert "8000" not in response.json()["text"]


def test_a_corrected_text_naming_a_party_is_refused_too(personas):
    case = issued_case(personas)
    response = publish(personas.supervisor, case, {"text": "申请人张三诉被申请人某公司拖欠工资一案。"})
    assert response.status_code == 400
    assert [s["text"] for s in response.json()["spans"]] == ["张三"]


def test_the_public_finds_a_published_award_by_a_two_character_word_without_login(personas):
    published = issued_case(personas)
    assert publish(personas.supervisor, published).status_code == 200
    issued_case(personas, reasoning="劳动者的报酬应当及时支付，被申请人拖欠申请人薪酬。")
    # 报酬 occurs in both bodies; only the published one is found.
    for word in ("报酬", "拖欠", "劳动报酬"):
        response = search(q=word)
        assert response.status_code == 200, response.json()
        found = response.json()
        assert found["count"] == 1, word
        assert found["results"][0]["id"] == PublishedAward.objects.get().pk
        assert "张三" not in found["results"][0]["text"]
    assert search(q="薪酬").json()["count"] == 0  # only in the unpublished award
    assert search(q="工资 报酬").json()["count"] == 1  # every word must occur
    assert search(q="报酬 火箭").json()["count"] == 0
    year = PublishedAward.objects.get().year
    assert search(claim_category="wage_arrears", year=year).json()["count"] == 1
    assert search(claim_category="overtime").json()["count"] == 0
    assert search(year=year - 1).json()["count"] == 0
    assert search(typical="true").json()["count"] == 0
    assert search(claim_category="nonsense").status_code == 400
    assert search(year="abc").status_code == 400
    detail = api(None).get(f"/api/v1/public/awards/{PublishedAward.objects.get().pk}/")
    assert detail.status_code == 200 and "报酬" in detail.json()["text"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_the_search_uses_the_bigram_index(personas):
    from arbitration.publication import published_awards

    queryset = published_awards(query="工资")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "published_award_terms" in plan, plan


def test_supervisors_flag_typical_cases(personas):
    case = issued_case(personas)
    assert publish(personas.supervisor, case).status_code == 200
    row = PublishedAward.objects.get()
    url = f"/api/v1/published-awards/{row.pk}/typical/"
    assert api(personas.arbitrator).post(url, {"typical": True}, format="json").status_code == 403
    assert api(None).post(url, {"typical": True}, format="json").status_code == 401
    assert search(typical="true").json()["count"] == 0
    response = api(personas.supervisor).post(url, {"typical": True}, format="json")
    assert response.status_code == 200 and response.json()["typical"] is True
    assert search(typical="true").json()["count"] == 1
    assert api(personas.supervisor).post(url, {"typical": "yes"}, format="json").status_code == 400
    assert case.events.filter(kind="award_typical").count() == 1
