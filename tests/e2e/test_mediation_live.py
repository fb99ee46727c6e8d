"""Live, on a phone: the worker's mediation page shows the mediator's new message without a reload, and
never a message the mediator addressed to the employer alone; after a dropped connection it reconnects
and catches up with what came meanwhile.

Served by the project's ASGI server (``asgi_server``); the mediator writes through the API of that server,
so each message's push goes from the request to the worker's socket as in production.
"""

from __future__ import annotations

import re

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from knox.models import AuthToken
from playwright.sync_api import WebSocketRoute, expect

from cases import services as case_services
from cases.models import Case
from tests.e2e.test_case_pages import PHONE, fits_the_phone, log_in
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def referred(personas) -> Case:
    employer = personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[case_services.ClaimInput(category="wage_arrears", description="拖欠三个月工资")],
        facts="拖欠三个月工资。",
        street="测试街",
        consents={"pre_mediation": True, "electronic_service": True},
    )
    case_services.take_step(case=case, user=personas.clerk, name="refer_to_mediation", data={})
    # The tests hash passwords with MD5 for speed; the server process knows only the real hashers.
    hasher = PBKDF2PasswordHasher()
    personas.applicant.password = hasher.encode(PASSWORD, hasher.salt())
    personas.applicant.save(update_fields=["password"])
    return Case.objects.get(pk=case.pk)


def _mediator_says(base: str, token: str, case_id: int, text: str, to: str) -> None:
    response = requests.post(
        f"{base}/api/v1/cases/{case_id}/mediation/messages/",
        json={"text": text, "to": to},
        headers={"Authorization": f"Token {token}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text


def test_the_workers_mediation_page_updates_live_and_catches_up_after_a_drop(
    asgi_server, personas, referred, browser
):
    token = AuthToken.objects.create(user=personas.mediator)[1]
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        sockets: list[WebSocketRoute] = []

        def through(ws: WebSocketRoute) -> None:
            ws.connect_to_server()
            sockets.append(ws)

        page.route_web_socket(re.compile(r"/ws/cases/\d+/mediation/"), through)
        log_in(page, asgi_server, "p-applicant")
        page.goto(f"{asgi_server}/cases/{referred.pk}/mediation/mine/")
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        fits_the_phone(page)
        page.evaluate("window.__notReloaded = true")

        # To the employer alone, then to the worker: the worker's page shows the second and never the first.
        _mediator_says(asgi_server, token, referred.pk, "请贵司提供考勤记录。", "respondent")
        _mediator_says(asgi_server, token, referred.pk, "请于本周内上传工资条。", "applicant")
        thread = page.get_by_test_id("thread")
        expect(thread).to_contain_text("请于本周内上传工资条。", timeout=10_000)
        expect(thread).not_to_contain_text("请贵司提供考勤记录。")
        assert page.evaluate("window.__notReloaded") is True
        fits_the_phone(page)

        # The connection drops; a message comes meanwhile (its push is lost); the page reconnects by
        # itself and fetches what it missed.
        sockets[-1].close()
        expect(page.locator("body")).to_have_attribute("data-live", "closed")
        _mediator_says(asgi_server, token, referred.pk, "调解定于下周一上午。", "both")
        expect(thread).to_contain_text("调解定于下周一上午。", timeout=15_000)
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        assert len(sockets) >= 2 and page.evaluate("window.__notReloaded") is True
    finally:
        context.close()
