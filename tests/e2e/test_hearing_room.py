"""Live, in two browsers: the worker posts a statement in its hearing room on a phone, and the arbitrator's
console (another browser context) shows it without a reload; after a dropped connection the console
reconnects and catches up with what it missed.

The pages and the WebSocket are served by the project's own ASGI server (``asgi_server`` in the
conftest). The submission and its push both happen in the server process.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from playwright.sync_api import WebSocketRoute, expect

from cases import services as case_services
from cases.models import Case
from core import clock
from hearings import sessions
from hearings.models import Submission
from tests.e2e.test_case_pages import PHONE, fits_the_phone, log_in
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hearing_session(personas):
    """A case in the asynchronous hearing with a session whose statements window is open now (real time:
    the server process runs on the real clock), both parties having consented."""
    employer = personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[case_services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts="拖欠工资",
        consents={"async_hearing": True, "electronic_service": True},
    )
    step = case_services.take_step
    step(case=case, user=personas.clerk, name="accept", data={"procedure": "ordinary"})
    case_services.case_set_tribunal(
        case=Case.objects.get(pk=case.pk), user=personas.clerk, arbitrators=[personas.arbitrator]
    )
    case_services.case_record_consents(
        case=Case.objects.get(pk=case.pk),
        user=personas.respondent,
        async_hearing=True,
        electronic_service=True,
    )
    step(case=Case.objects.get(pk=case.pk), user=personas.arbitrator, name="start_async_hearing", data={})
    now = clock.now()
    session = sessions.session_open(
        case=Case.objects.get(pk=case.pk),
        user=personas.arbitrator,
        stages=[
            {
                "stage": "statements",
                "opens_at": now - timedelta(minutes=1),
                "closes_at": now + timedelta(hours=2),
            },
            {
                "stage": "evidence",
                "opens_at": now + timedelta(hours=2),
                "closes_at": now + timedelta(hours=26),
            },
        ],
    )
    for user in (personas.applicant, personas.respondent):
        sessions.session_consent(session=session, user=user, agree=True)
    # The tests hash passwords with MD5 for speed; the server process knows only the real hashers.
    for user in (personas.applicant, personas.arbitrator):
        hasher = PBKDF2PasswordHasher()
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
    return session


def test_a_statement_in_the_room_appears_live_on_the_tribunals_console(
    asgi_server, personas, hearing_session, browser
):
    base, sid = asgi_server, hearing_session.pk
    tribunal_context = browser.new_context(**PHONE)  # the console fits a phone too
    worker_context = browser.new_context(**PHONE)
    try:
        console = tribunal_context.new_page()
        sockets: list[WebSocketRoute] = []

        def through(ws: WebSocketRoute) -> None:  # the console's sockets, passed on to the server
            ws.connect_to_server()
            sockets.append(ws)

        console.route_web_socket(re.compile(r"/ws/hearing-sessions/"), through)
        log_in(console, base, "p-arbitrator")
        console.goto(f"{base}/hearing-sessions/{sid}/console/")
        expect(console.locator("h1")).to_have_text("庭审控制台")
        expect(console.get_by_test_id("current-stage")).to_have_text("陈述与答辩")
        expect(console.get_by_test_id("record-empty")).to_be_visible()
        expect(console.locator("body")).to_have_attribute("data-live", "open")  # the socket is up
        fits_the_phone(console)
        console.evaluate("window.__notReloaded = true")

        room = worker_context.new_page()
        log_in(room, base, "p-applicant")
        room.goto(f"{base}/hearing-sessions/{sid}/")
        expect(room.locator("h1")).to_have_text("庭审室")
        expect(room.get_by_test_id("current-stage")).to_have_text("陈述与答辩")
        expect(room.get_by_test_id("countdown")).to_contain_text(":")  # counting down in the browser
        fits_the_phone(room)
        form = room.get_by_test_id("submission-form")
        form.locator("textarea").fill("被申请人自2026年8月起拖欠我三个月工资，共24000元。")
        form.get_by_role("button", name="提交").click()
        expect(room.locator(".messages")).to_contain_text("笔录第 1 条")
        mine = room.get_by_test_id("entry")
        expect(mine).to_have_count(1)
        expect(mine).to_contain_text("拖欠我三个月工资")
        fits_the_phone(room)
        assert Submission.objects.get().side == "applicant"

        # The console shows it, with the stage's tally updated, and never reloaded.
        entry = console.get_by_test_id("entry")
        expect(entry).to_have_count(1, timeout=10_000)
        expect(entry).to_contain_text("拖欠我三个月工资")
        expect(entry).to_contain_text("申请人")
        statements = console.locator('[data-testid="stage-row"][data-stage="statements"]')
        expect(statements.locator('[data-side="applicant"]')).to_have_attribute("data-state", "acted")
        expect(statements.locator('[data-side="respondent"]')).to_have_attribute("data-state", "pending")
        assert console.evaluate("window.__notReloaded") is True
        fits_the_phone(console)

        # A question from the console reaches the worker's room the same way, with its answer form.
        room.evaluate("window.__notReloaded = true")
        ask = console.get_by_test_id("question-form")
        ask.locator('input[value="applicant"]').check()
        ask.locator("textarea").fill("请说明入职时间。")
        ask.get_by_role("button", name="提问").click()
        expect(console.get_by_test_id("entry")).to_have_count(2)
        question = room.get_by_test_id("open-question")
        expect(question).to_contain_text("请说明入职时间。", timeout=10_000)
        expect(question.get_by_test_id("answer-form")).to_be_visible()
        assert room.evaluate("window.__notReloaded") is True
        fits_the_phone(room)

        # The console's connection drops; the employer's defence comes in meanwhile (its push is lost).
        # The console reconnects by itself and catches up from the last number it saw.
        expect(console.locator("body")).to_have_attribute("data-live", "open")
        console.evaluate("window.__notReloaded = true")  # asking the question loaded the console anew
        sockets[-1].close()
        expect(console.locator("body")).to_have_attribute("data-live", "closed")
        sessions.submission_create(
            session=hearing_session, user=personas.respondent, kind="defence", text="工资已按月足额支付。"
        )
        expect(console.get_by_test_id("entry")).to_have_count(3, timeout=15_000)
        expect(console.get_by_test_id("entry").last).to_contain_text("工资已按月足额支付。")
        expect(console.locator("body")).to_have_attribute("data-live", "open")
        assert len(sockets) >= 2 and console.evaluate("window.__notReloaded") is True
    finally:
        worker_context.close()
        tribunal_context.close()
