"""The help pages: 办事指南, contact details from the settings, the privacy notice, and the footer linking
them from every page. Open to anyone; Chinese by default, English on request."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

FOOTER_LINKS = ['href="/help/"', 'href="/help/contact/"', 'href="/help/privacy/"']


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_guide_says_what_happens_when_and_what_to_prepare_without_signing_in(client):
    page = text(client.get("/help/"))
    assert "<h1>办事指南</h1>" in page
    assert "仲裁委员会在5日内决定是否受理" in page  # L Art. 29
    assert "受理之日起45日内作出裁决" in page  # L Art. 43
    assert "居民身份证" in page and "劳动合同" in page
    assert "不受一年期限限制" in page  # L Art. 27: wages during employment


def test_the_guide_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/help/"})
    page = text(client.get("/help/"))
    assert "<h1>Guide for parties</h1>" in page
    assert "decides within 5 days whether to accept it" in page
    assert "办事指南" not in page


@override_settings(
    COMMISSION_ADDRESS="广州市天河区示例路1号",
    COMMISSION_PHONE="020 1234 5678",
    COMMISSION_HOURS="08:30–17:00",
)
def test_contact_details_come_from_the_settings(client):
    page = text(client.get("/help/contact/"))
    assert "广州市天河区示例路1号" in page
    assert '<a href="tel:02012345678">020 1234 5678</a>' in page
    assert '<a href="tel:12333">12333</a>' in page
    assert "周一至周五（法定节假日除外）, 08:30–17:00" in page


def test_the_privacy_notice_says_what_is_kept_why_and_how_long(client):
    page = text(client.get("/help/privacy/"))
    assert "<h1>隐私政策</h1>" in page
    assert "居民身份证号码" in page and "用于确认当事人身份" in page
    assert "不少于10年" in page and "不少于5年" in page  # R Art. 24
    assert 'href="/help/contact/"' in page


def test_every_page_has_the_footer_links(client, personas):
    for url in ("/accounts/login/", "/help/", "/help/privacy/"):
        page = text(client.get(url))
        assert all(link in page for link in FOOTER_LINKS), url
    client.force_login(personas.applicant)
    page = text(client.get("/"))
    assert all(link in page for link in FOOTER_LINKS)
    assert "<footer" in page and "隐私政策" in page.split("<footer", 1)[1]
