"""The hearing pages through the Django test client: the tribunal opens a session from the case page, each
party's hearing room (404 for an outsider), consenting, submitting and answering through the page, the
refusals in the page's language, the tribunal's console and its actions (read-only for other staff), and
query counts that do not grow with the record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from core import clock
from hearings import sessions
from hearings.documents import record_pdf
from hearings.models import HearingSession, SessionConsent, Stage, Submission
from tests.evidence.conftest import submit as submit_evidence
from tests.hearings.test_record import pdftotext

pytestmark = pytest.mark.django_db


def client_for(user, language: str | None = None) -> Client:
    client = Client(headers={"accept-language": language} if language else {})
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def local(moment) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%dT%H:%M")


def open_with(personas, case: Case, *kinds: str, start_hours: int = 1, hours: int = 24, sealed=()):
    now = clock.now()
    stages = []
    for i, kind in enumerate(kinds):
        opens = now + timedelta(hours=start_hours + i * hours)
        stages.append(
            {
                "stage": kind,
                "opens_at": opens,
                "closes_at": opens + timedelta(hours=hours),
                "sealed": kind in sealed,
            }
        )
    return sessions.session_open(case=case, user=personas.arbitrator, stages=stages)


def both_consent(personas, session: HearingSession) -> None:
    for user in (personas.applicant, personas.respondent):
        sessions.session_consent(session=session, user=user, agree=True)


@pytest.fixture
def session(personas, hearing_case):
    return open_with(personas, hearing_case, "statements", "evidence", "inquiry", "final_statements")


def test_the_presiding_arbitrator_opens_a_session_from_the_case_page(personas, hearing_case):
    arbitrator = client_for(personas.arbitrator)
    case_page = page(arbitrator, f"/cases/{hearing_case.pk}/")
    assert f'href="/cases/{hearing_case.pk}/hearing/"' in case_page
    start = page(arbitrator, f"/cases/{hearing_case.pk}/hearing/")
    assert 'data-testid="open-form"' in start

    now = clock.now()
    rows = {
        "stage-0-stage": "statements",
        "stage-0-opens_at": local(now + timedelta(hours=1)),
        "stage-0-closes_at": local(now + timedelta(hours=25)),
        "stage-1-stage": "evidence",
        "stage-1-opens_at": local(now + timedelta(hours=30)),
        "stage-1-closes_at": local(now + timedelta(hours=29)),  # closes before it opens
        "stage-1-sealed": "on",
    }
    refused = arbitrator.post(f"/cases/{hearing_case.pk}/hearing/open/", rows)
    assert refused.status_code == 400
    assert 'class="field-error"' in refused.content.decode()
    assert not HearingSession.objects.exists()

    rows["stage-1-closes_at"] = local(now + timedelta(hours=54))
    opened = arbitrator.post(f"/cases/{hearing_case.pk}/hearing/open/", rows)
    session = HearingSession.objects.get()
    assert opened.status_code == 302 and opened["Location"] == f"/hearing-sessions/{session.pk}/console/"
    assert [(s.kind, s.sealed) for s in session.stages.all()] == [("statements", False), ("evidence", True)]
    # From now on the case's hearing link leads each user to their page of the session.
    assert arbitrator.get(f"/cases/{hearing_case.pk}/hearing/")["Location"] == opened["Location"]
    worker = client_for(personas.applicant)
    assert worker.get(f"/cases/{hearing_case.pk}/hearing/")["Location"] == f"/hearing-sessions/{session.pk}/"


def test_each_party_has_its_room_and_an_outsider_gets_404(personas, session):
    for user in (personas.applicant, personas.respondent):
        html = page(client_for(user), f"/hearing-sessions/{session.pk}/")
        assert 'data-testid="consent-form"' in html  # consent first
        assert 'id="hearing-live"' in html and "hearings/live.js" in html
    outsider = client_for(personas.outsider)
    for url in (
        f"/hearing-sessions/{session.pk}/",
        f"/hearing-sessions/{session.pk}/live/",
        f"/hearing-sessions/{session.pk}/console/",
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/hearing-sessions/{session.pk}/submit/", {"kind": "statement"}).status_code == 404
    # The console is the tribunal's; the tribunal is sent from the room to it.
    assert client_for(personas.applicant).get(f"/hearing-sessions/{session.pk}/console/").status_code == 403
    staff = client_for(personas.arbitrator).get(f"/hearing-sessions/{session.pk}/")
    assert staff["Location"] == f"/hearing-sessions/{session.pk}/console/"


def test_a_party_consents_submits_and_answers_through_the_room(personas, hearing_case, session, travel):
    worker, employer = client_for(personas.applicant), client_for(personas.respondent)
    room = f"/hearing-sessions/{session.pk}/"
    assert worker.post(f"{room}consent/", {"agree": "true"}).status_code == 302
    assert SessionConsent.objects.filter(session=session, side="applicant", agree=True).exists()
    html = page(worker, room)
    assert 'data-testid="consent-form"' not in html
    assert 'data-testid="submission-form"' not in html  # no window open yet
    assert 'data-testid="countdown"' in html

    travel.move_to(clock.now() + timedelta(hours=2))  # statements open
    html = page(worker, room)
    assert 'data-testid="submission-form"' in html and 'data-testid="current-stage"' in html
    statements = session.stages.get(kind="statements")
    posted = worker.post(
        f"{room}submit/", {"kind": "statement", "text": "被申请人拖欠我三个月工资。", "stage": statements.pk}
    )
    sub = Submission.objects.get()
    assert posted.status_code == 302 and posted["Location"].endswith(f"#entry-{sub.number}")
    assert (sub.side, sub.kind, sub.text) == ("applicant", "statement", "被申请人拖欠我三个月工资。")
    assert "被申请人拖欠我三个月工资。" in page(worker, room)

    # The employer must consent before it can submit; it then sees the worker's statement.
    refused = employer.post(f"{room}submit/", {"kind": "defence", "text": "已支付"})
    assert refused.status_code == 409 and 'data-testid="error"' in refused.content.decode()
    employer.post(f"{room}consent/", {"agree": "true"})
    assert "被申请人拖欠我三个月工资。" in page(employer, room)
    wrong = employer.post(f"{room}submit/", {"kind": "final_statement", "text": "最后陈述"})
    assert wrong.status_code == 400 and 'class="field-error"' in wrong.content.decode()
    blank = employer.post(f"{room}submit/", {"kind": "defence", "text": "  "})
    assert blank.status_code == 400 and "请填写内容" in blank.content.decode()

    # A question from the console is answered in place.
    asked = client_for(personas.arbitrator).post(
        f"{room}question/", {"to_side": "applicant", "text": "请说明入职时间。"}
    )
    assert asked.status_code == 302
    question = Submission.objects.get(kind="question")
    html = page(worker, room)
    assert 'data-testid="answer-form"' in html and "请说明入职时间。" in html
    assert 'data-testid="answer-form"' not in page(employer, room)  # put to the other side
    answered = worker.post(f"{room}submit/", {"in_reply_to": question.pk, "text": "2024年3月入职。"})
    assert answered.status_code == 302
    answer = Submission.objects.get(kind="answer")
    assert answer.in_reply_to_id == question.pk
    assert 'data-testid="answer-form"' not in page(worker, room)

    # After the window: a statement for the closed stage is refused with the page's message (409).
    travel.move_to(clock.now() + timedelta(hours=24))
    worker = client_for(personas.applicant)  # signed in again: a day has passed
    late = worker.post(f"{room}submit/", {"kind": "statement", "text": "补充", "stage": statements.pk})
    assert late.status_code == 409
    assert "期限已届满" in late.content.decode()
    late_en = client_for(personas.applicant, "en").post(
        f"{room}submit/", {"kind": "statement", "text": "补充", "stage": statements.pk}
    )
    assert late_en.status_code == 409 and "window of this stage has closed" in late_en.content.decode()


def test_evidence_is_attached_from_the_room(personas, hearing_case, session, travel):
    both_consent(personas, session)
    item = submit_evidence(personas.applicant, hearing_case.pk, title="工资条")
    travel.move_to(clock.now() + timedelta(hours=26))  # the evidence stage
    worker = client_for(personas.applicant)
    html = page(worker, f"/hearing-sessions/{session.pk}/")
    assert "工资条" in html and f'href="/cases/{hearing_case.pk}/evidence/upload/"' in html
    posted = worker.post(
        f"/hearing-sessions/{session.pk}/submit/",
        {"kind": "evidence", "text": "提交工资条", "evidence": [str(item["id"])]},
    )
    assert posted.status_code == 302
    assert Submission.objects.get().evidence_ids == [item["id"]]


def test_sealed_statements_stay_hidden_from_the_other_side_in_the_room(personas, hearing_case, travel):
    session = open_with(personas, hearing_case, "statements", sealed={"statements"})
    both_consent(personas, session)
    travel.move_to(clock.now() + timedelta(hours=2))
    client_for(personas.applicant).post(
        f"/hearing-sessions/{session.pk}/submit/", {"kind": "statement", "text": "密封陈述内容"}
    )
    assert "密封陈述内容" in page(client_for(personas.applicant), f"/hearing-sessions/{session.pk}/")
    assert "密封陈述内容" not in page(client_for(personas.respondent), f"/hearing-sessions/{session.pk}/")
    assert "密封陈述内容" not in page(
        client_for(personas.respondent), f"/hearing-sessions/{session.pk}/live/"
    )
    assert "密封陈述内容" in page(client_for(personas.arbitrator), f"/hearing-sessions/{session.pk}/console/")
    travel.move_to(clock.now() + timedelta(hours=24))  # the window closed: now both see it
    assert "密封陈述内容" in page(client_for(personas.respondent), f"/hearing-sessions/{session.pk}/")


def test_the_console_shows_who_acted_and_its_actions_work(personas, hearing_case, session, travel):
    both_consent(personas, session)
    console = f"/hearing-sessions/{session.pk}/console/"
    arbitrator = client_for(personas.arbitrator)
    travel.move_to(clock.now() + timedelta(hours=2))
    sessions.submission_create(session=session, user=personas.applicant, kind="statement", text="陈述")
    html = page(arbitrator, console)
    assert 'data-side="applicant" data-state="acted"' in html
    assert 'data-side="respondent" data-state="pending"' in html
    assert 'data-testid="question-form"' in html and 'data-testid="close-form"' in html

    statements = session.stages.get(kind="statements")
    base = f"/hearing-sessions/{session.pk}/"
    no_reason = arbitrator.post(
        f"{base}stages/{statements.pk}/",
        {"action": "extend", "closes_at": local(statements.closes_at + timedelta(hours=2))},
    )
    assert no_reason.status_code == 400 and "理由" in no_reason.content.decode()
    extended = arbitrator.post(
        f"{base}stages/{statements.pk}/",
        {
            "action": "extend",
            "closes_at": local(statements.closes_at + timedelta(hours=2)),
            "reason": "申请人请求",
        },
    )
    assert extended.status_code == 302
    assert Stage.objects.get(pk=statements.pk).closes_at == statements.closes_at + timedelta(hours=2)
    inquiry = session.stages.get(kind="inquiry")
    skipped = arbitrator.post(f"{base}stages/{inquiry.pk}/", {"action": "skip", "reason": "无需询问"})
    assert skipped.status_code == 302 and Stage.objects.get(pk=inquiry.pk).status == "skipped"

    # Closing early needs both sides to have nothing to add (409 in the page's language).
    early = arbitrator.post(f"{base}close/", {"reason": ""})
    assert early.status_code == 409 and 'data-testid="error"' in early.content.decode()
    for user in (personas.applicant, personas.respondent):
        assert client_for(user).post(f"{base}nothing-to-add/").status_code == 302
    travel.move_to(clock.now() + timedelta(hours=30))  # the respondent never acted: waived
    arbitrator = client_for(personas.arbitrator)  # signed in again: a day has passed
    html = page(arbitrator, console)
    assert 'data-side="respondent" data-state="waived"' in html
    closed = arbitrator.post(f"{base}close/", {"reason": "事实清楚"})
    assert closed.status_code == 302
    assert HearingSession.objects.get(pk=session.pk).status == "closed"
    assert Case.objects.get(pk=hearing_case.pk).status == "deliberation"
    assert 'data-testid="question-form"' not in page(arbitrator, console)


def test_other_staff_read_the_console_without_its_forms(personas, session):
    html = page(client_for(personas.clerk), f"/hearing-sessions/{session.pk}/console/")
    assert 'data-testid="stages"' in html
    for form in ("question-form", "close-form", "convert-form"):
        assert f'data-testid="{form}"' not in html
    refused = client_for(personas.clerk).post(
        f"/hearing-sessions/{session.pk}/convert/", {"reason": "事实争议大"}
    )
    assert refused.status_code == 403
    assert HearingSession.objects.get(pk=session.pk).status == "open"


def test_the_tribunal_converts_the_session_with_a_reason(personas, hearing_case, session):
    arbitrator = client_for(personas.arbitrator)
    assert arbitrator.post(f"/hearing-sessions/{session.pk}/convert/", {"reason": ""}).status_code == 400
    assert (
        arbitrator.post(
            f"/hearing-sessions/{session.pk}/convert/", {"reason": "主要事实争议较大"}
        ).status_code
        == 302
    )
    assert HearingSession.objects.get(pk=session.pk).status == "converted"


def test_a_party_applies_and_the_tribunal_approves_with_windows(personas, hearing_case):
    worker = client_for(personas.applicant)
    assert 'action="/cases/' in page(worker, f"/cases/{hearing_case.pk}/hearing/")
    applied = worker.post(f"/cases/{hearing_case.pk}/hearing/apply/", {"reason": "方便线上参加"})
    session = HearingSession.objects.get()
    assert applied.status_code == 302 and session.status == "proposed"
    console = page(client_for(personas.arbitrator), f"/hearing-sessions/{session.pk}/console/")
    assert 'data-testid="decision"' in console
    now = clock.now()
    approved = client_for(personas.arbitrator).post(
        f"/hearing-sessions/{session.pk}/decision/",
        {
            "approve": "true",
            "stage-0-stage": "statements",
            "stage-0-opens_at": local(now + timedelta(hours=1)),
            "stage-0-closes_at": local(now + timedelta(hours=25)),
        },
    )
    assert approved.status_code == 302
    session.refresh_from_db()
    assert session.status == "open" and session.stages.count() == 1


def test_the_pages_take_as_many_queries_for_a_long_record_as_for_a_short_one(personas, session, travel):
    both_consent(personas, session)
    travel.move_to(clock.now() + timedelta(hours=2))

    def queries(user, url: str) -> list[str]:
        client = client_for(user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    def add(n: int) -> None:
        for i in range(n):
            sessions.submission_create(
                session=session, user=personas.applicant, kind="statement", text=f"陈述{i}"
            )
            q = sessions.submission_create(
                session=session, user=personas.arbitrator, kind="question", text=f"问题{i}", to_side="both"
            )
            sessions.submission_create(
                session=session, user=personas.respondent, kind="answer", text=f"回答{i}", in_reply_to=q.pk
            )

    urls = [
        (personas.applicant, f"/hearing-sessions/{session.pk}/"),
        (personas.applicant, f"/hearing-sessions/{session.pk}/live/"),
        (personas.arbitrator, f"/hearing-sessions/{session.pk}/console/"),
        (personas.arbitrator, f"/hearing-sessions/{session.pk}/live/?view=console"),
    ]
    add(1)
    before = [queries(user, url) for user, url in urls]
    add(4)
    after = [queries(user, url) for user, url in urls]
    for old, new in zip(before, after, strict=True):
        assert len(new) == len(old), "\n".join(new)


def test_a_statement_states_element_positions_through_the_room(personas, hearing_case, session, travel):
    both_consent(personas, session)
    travel.move_to(clock.now() + timedelta(hours=2))  # statements open
    worker, employer = client_for(personas.applicant), client_for(personas.respondent)
    room = f"/hearing-sessions/{session.pk}/"
    claim = hearing_case.claims.get()
    html = page(worker, room)
    assert 'data-testid="element-positions"' in html and f'name="e-{claim.pk}-0-element"' in html
    posted = worker.post(
        f"{room}submit/",
        {
            "kind": "statement",
            "text": "每月工资12000元。",
            f"e-{claim.pk}-0-element": "月工资",
            f"e-{claim.pk}-0-position": "12000",
            f"e-{claim.pk}-1-element": "",
            f"e-{claim.pk}-1-position": "",
        },
    )
    assert posted.status_code == 302
    sub = Submission.objects.get()
    assert sub.elements == [{"claim": claim.pk, "element": "月工资", "position": "12000"}]
    # The same element twice: refused beside the second row, nothing recorded.
    twice = employer.post(
        f"{room}submit/",
        {
            "kind": "defence",
            "text": "月工资8000元。",
            f"e-{claim.pk}-0-element": "月工资",
            f"e-{claim.pk}-0-position": "8000",
            f"e-{claim.pk}-1-element": "月工资",
            f"e-{claim.pk}-1-position": "9000",
        },
    )
    assert twice.status_code == 400
    html = twice.content.decode()
    assert "该请求的此项要素重复提出。" in html and 'value="9000"' in html  # as typed
    assert Submission.objects.count() == 1
    # A position without its element: the element is asked for.
    bare = employer.post(
        f"{room}submit/", {"kind": "defence", "text": "答辩", f"e-{claim.pk}-0-position": "8000"}
    )
    assert bare.status_code == 400 and 'class="field-error"' in bare.content.decode()
    assert (
        employer.post(
            f"{room}submit/",
            {
                "kind": "defence",
                "text": "月工资8000元。",
                f"e-{claim.pk}-0-element": "月工资",
                f"e-{claim.pk}-0-position": "8000",
            },
        ).status_code
        == 302
    )
    assert sessions.verify_chain(session) == []
    # The record shows the positions, on the page and in its PDF.
    assert 'data-testid="entry-elements-2">' in page(worker, room) and "月工资：8000" in page(worker, room)
    text = pdftotext(record_pdf(session))
    assert "三个月工资 · 月工资：12000" in text and "三个月工资 · 月工资：8000" in text


def test_an_open_stage_window_is_on_the_partys_home_page_with_its_closing_day(personas, hearing_case, travel):
    """Issue 14, point 2: the hearings app fills the case app's party-action registry with the windows
    open now. Opened on 03-02 09:00, the statements stage runs from 10:00 for 24 hours: 03-03 10:00."""
    session = open_with(personas, hearing_case, "statements", "evidence")
    home = page(client_for(personas.respondent), "/")
    assert 'data-kind="hearing_statements"' not in home  # not open yet
    travel.move_to("2026-03-02 11:00 +0800")
    for user in (personas.applicant, personas.respondent):
        home = page(client_for(user), "/")
        item = home.partition('data-kind="hearing_statements"')[2].partition("</li>")[0]
        assert f'href="/hearing-sessions/{session.pk}/"' in item
        assert '<time datetime="2026-03-03">2026-03-03</time>' in item
        assert 'data-kind="hearing_evidence"' not in home  # opens after the statements
