"""The pages of publication: the public search (no login, zh-hans by default), one published award, the
supervisor's publish page (linked from the case page), and the recommendation-letter page."""

from __future__ import annotations

import pytest
from django.test import Client

from arbitration.models import PublishedAward, RecommendationLetter
from core import clock
from tests.arbitration.publishing import issued_case

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_supervisor_publishes_from_the_case_page_and_anyone_finds_it(personas):
    case = issued_case(personas)
    supervisor = signed_in(personas.supervisor)
    case_page = supervisor.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/award/publish/" in case_page
    assert (
        f"/cases/{case.pk}/award/publish/"
        not in signed_in(personas.arbitrator).get(f"/cases/{case.pk}/").content.decode()
    )

    page = supervisor.get(f"/cases/{case.pk}/award/publish/")
    assert page.status_code == 200
    text = page.context["text"]
    assert "张某" in text and "张三" not in text and page.context["spans"] == []
    # Nothing is public yet.
    assert Client().get("/awards/", {"q": "报酬"}).context["page"].paginator.count == 0

    published = supervisor.post(f"/cases/{case.pk}/award/publish/", {"text": text, "typical": "on"})
    row = PublishedAward.objects.get()
    assert published.status_code == 302 and published["Location"] == f"/awards/{row.pk}/"
    assert row.typical

    public = Client()  # no login
    listing = public.get("/awards/", {"q": "报酬"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "已公开的裁决" in html  # zh-hans by default
    assert row.title in html and "张三" not in html
    assert public.get("/awards/", {"q": "火箭"}).context["page"].paginator.count == 0
    assert public.get("/awards/", {"year": "abc"}).status_code == 400
    detail = public.get(f"/awards/{row.pk}/")
    assert detail.status_code == 200 and "报酬" in detail.content.decode()
    assert public.get("/awards/999999/").status_code == 404
    # Anonymous visitors cannot flag.
    public.post(f"/awards/{row.pk}/", {})
    row.refresh_from_db()
    assert row.typical


def test_the_publish_page_marks_what_still_looks_personal(personas):
    case = issued_case(personas, finding="申请人另留电话138.0013.8000。")
    supervisor = signed_in(personas.supervisor)
    page = supervisor.get(f"/cases/{case.pk}/award/publish/")
    assert [s["text"] for s in page.context["spans"]] == ["138.0013.8000"]
    assert "<mark>138.0013.8000</mark>" in page.content.decode()
    refused = supervisor.post(f"/cases/{case.pk}/award/publish/", {"text": page.context["text"]})
    assert refused.status_code == 400 and not PublishedAward.objects.exists()
    fixed = page.context["text"].replace("138.0013.8000", "×××")
    assert supervisor.post(f"/cases/{case.pk}/award/publish/", {"text": fixed}).status_code == 302
    assert PublishedAward.objects.get().text == fixed


def test_only_supervisors_open_the_publish_page(personas):
    case = issued_case(personas)
    assert signed_in(personas.clerk).get(f"/cases/{case.pk}/award/publish/").status_code == 403
    assert signed_in(personas.outsider).get(f"/cases/{case.pk}/award/publish/").status_code == 404
    assert Client().get(f"/cases/{case.pk}/award/publish/").status_code == 302  # to the login page


def test_the_recommendation_letter_page(personas):
    first = issued_case(personas)
    code = first.parties.get(side="respondent").party.credit_code
    issued_case(personas, employer_code=code)
    supervisor = signed_in(personas.supervisor)
    page = supervisor.get("/recommendations/")
    assert page.status_code == 200
    assert [e.credit_code for e in page.context["employers"]] == [code]
    body = {
        "credit_code": code,
        "addressee": "人力资源部",
        "text": "建议依法支付工资。",
        "letter_date": clock.today().isoformat(),
    }
    assert supervisor.post("/recommendations/", body).status_code == 302
    assert RecommendationLetter.objects.get().addressee == "人力资源部"
    refused = supervisor.post("/recommendations/", {**body, "credit_code": "X"})
    assert refused.status_code == 400 and "credit_code" in refused.context["errors"]
    assert signed_in(personas.clerk).get("/recommendations/").status_code == 403
