"""The parties' positions from their hearing statements in the award draft (issue 11, point 2), and the
partial award and dissents on the workbench page."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from arbitration.models import Award
from cases import services as case_services
from cases.models import Case
from core import clock
from hearings.models import Submission
from hearings.sessions import _canonical, verify_chain
from tests.arbitration.conftest import case_in_deliberation
from tests.arbitration.test_award_pages import form
from tests.hearings.helpers import case_in_async_hearing
from tests.helpers import api, make_user

pytestmark = pytest.mark.django_db


def session_post(user, sid, **body):
    return api(user).post(f"/api/v1/hearing-sessions/{sid}/submissions/", body, format="json")


def heard_with_statements(personas, travel):
    """A case with two claims heard asynchronously: each side stated its positions on the elements, the
    applicant changed one later; the session closed and the case awaits its award."""
    travel.move_to("2026-03-02 09:00 +0800")
    employer = personas.respondent.party
    case = case_services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[
            case_services.ClaimInput(category="wage_arrears", description="三个月工资"),
            case_services.ClaimInput(category="overtime", description="休息日加班工资"),
        ],
        facts="拖欠工资和加班费",
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
    opens = clock.now() + timedelta(hours=1)
    stages = [
        {
            "stage": "statements",
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=1)).isoformat(),
        }
    ]
    session = api(personas.arbitrator).post(
        f"/api/v1/cases/{case.pk}/hearing-sessions/", {"stages": stages}, format="json"
    )
    assert session.status_code == 201, session.json()
    sid = session.json()["id"]
    for user in (personas.applicant, personas.respondent):
        consent = api(user).post(f"/api/v1/hearing-sessions/{sid}/consent/", {"agree": True}, format="json")
        assert consent.status_code == 200
    travel.move_to(clock.now() + timedelta(hours=2))
    wages, overtime = [c.pk for c in case.claims.order_by("position", "id")]
    first = session_post(
        personas.applicant,
        sid,
        kind="statement",
        text="被申请人拖欠我三个月工资，每月12000元。",
        elements=[
            {"claim": wages, "element": "月工资", "position": "12000"},
            {"claim": wages, "element": "入职时间", "position": "2024-03-01"},
            {"claim": overtime, "element": "加班时长", "position": "36小时"},
        ],
    )
    assert first.status_code == 201, first.json()
    assert first.json()["elements"][0] == {"claim": wages, "element": "月工资", "position": "12000"}
    defence = session_post(
        personas.respondent,
        sid,
        kind="defence",
        text="月工资确为12000元，但申请人2024年5月才入职，且未加班。",
        elements=[
            {"claim": wages, "element": "月工资", "position": "12000"},
            {"claim": wages, "element": "入职时间", "position": "2024-05-01"},
            {"claim": overtime, "element": "加班时长", "position": "0"},
        ],
    )
    assert defence.status_code == 201, defence.json()
    # A plain statement, without positions (its hash is made as before).
    assert (
        session_post(personas.applicant, sid, kind="statement", text="补充：工资条在证据中。").status_code
        == 201
    )
    later = session_post(
        personas.applicant,
        sid,
        kind="statement",
        text="更正：入职时间为2024年5月1日。",
        elements=[{"claim": wages, "element": "入职时间", "position": "2024-05-01"}],
    )
    assert later.status_code == 201
    for user in (personas.applicant, personas.respondent):
        assert (
            api(user).post(f"/api/v1/hearing-sessions/{sid}/nothing-to-add/", {}, format="json").status_code
            == 200
        )
    closed = api(personas.arbitrator).post(
        f"/api/v1/hearing-sessions/{sid}/close/", {"reason": "事实清楚"}, format="json"
    )
    assert closed.status_code == 200, closed.json()
    case = Case.objects.get(pk=case.pk)
    assert case.status == "deliberation"
    return case, sid


def test_the_tribunal_reads_both_sides_positions_with_the_agreed_ones_marked(personas, travel):
    case, _sid = heard_with_statements(personas, travel)
    wages, overtime = [c.pk for c in case.claims.order_by("position", "id")]
    award = api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/award/")
    assert award.status_code == 200
    positions = award.json()["positions"]
    assert positions["claims"] == [
        {
            "claim": wages,
            "elements": [
                {"element": "月工资", "applicant": "12000", "respondent": "12000", "agreed": True},
                # The applicant's later statement corrected it to the respondent's date: now agreed.
                {
                    "element": "入职时间",
                    "applicant": "2024-05-01",
                    "respondent": "2024-05-01",
                    "agreed": True,
                },
            ],
        },
        {
            "claim": overtime,
            "elements": [{"element": "加班时长", "applicant": "36小时", "respondent": "0", "agreed": False}],
        },
    ]
    applicant = positions["statements"]["applicant"]
    assert [s["text"] for s in applicant] == [
        "被申请人拖欠我三个月工资，每月12000元。",
        "补充：工资条在证据中。",
        "更正：入职时间为2024年5月1日。",
    ]
    assert [(s["kind"], s["text"][:4]) for s in positions["statements"]["respondent"]] == [
        ("defence", "月工资确")
    ]


def test_the_positions_are_the_tribunals_alone(personas, travel):
    case, _sid = heard_with_statements(personas, travel)
    # The clerk reads the draft but not the parties' positions; the parties see no draft at all.
    assert api(personas.clerk).get(f"/api/v1/cases/{case.pk}/award/").json()["positions"] is None
    assert api(personas.applicant).get(f"/api/v1/cases/{case.pk}/award/").status_code == 404
    # An arbitrator of another case: neither the API nor the page shows this case.
    outsider = make_user("p-arbitrator-other", "arbitrator", display_name="仲裁员丁")
    assert api(outsider).get(f"/api/v1/cases/{case.pk}/award/").status_code == 404
    page = Client()
    page.force_login(outsider)
    assert page.get(f"/cases/{case.pk}/award/").status_code == 404
    page.force_login(personas.clerk)
    assert page.get(f"/cases/{case.pk}/award/").status_code == 404


def test_an_element_position_must_name_a_claim_of_the_case(personas, travel):
    other = case_in_deliberation(personas)
    travel.move_to("2026-03-02 09:00 +0800")
    case = case_in_async_hearing(personas)
    opens = clock.now() + timedelta(hours=1)
    stages = [
        {
            "stage": "statements",
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=1)).isoformat(),
        }
    ]
    sid = (
        api(personas.arbitrator)
        .post(f"/api/v1/cases/{case.pk}/hearing-sessions/", {"stages": stages}, format="json")
        .json()["id"]
    )
    api(personas.applicant).post(f"/api/v1/hearing-sessions/{sid}/consent/", {"agree": True}, format="json")
    travel.move_to(clock.now() + timedelta(hours=2))
    own = case.claims.get().pk
    foreign = other.claims.order_by("id").first().pk
    body = {"kind": "statement", "text": "陈述"}
    wrong = session_post(
        personas.applicant,
        sid,
        **body,
        elements=[
            {"claim": own, "element": "月工资", "position": "12000"},
            {"claim": foreign, "element": "月工资", "position": "12000"},
        ],
    )
    assert wrong.status_code == 400 and "elements.1.claim" in wrong.json()["fields"]
    twice = session_post(
        personas.applicant,
        sid,
        **body,
        elements=[
            {"claim": own, "element": "月工资", "position": "1"},
            {"claim": own, "element": "月工资", "position": "2"},
        ],
    )
    assert twice.status_code == 400 and "elements.1.element" in twice.json()["fields"]
    bad = session_post(
        personas.applicant, sid, **body, elements=[{"claim": "x", "element": "", "position": "1"}]
    )
    assert bad.status_code == 400
    assert {"elements.0.claim", "elements.0.element"} <= set(bad.json()["fields"])
    assert Submission.objects.filter(session_id=sid).count() == 0
    # Only a statement or defence states positions: an answer with them is refused.
    question = session_post(
        personas.arbitrator, sid, kind="question", text="月工资多少？", to_side="applicant"
    )
    answer = session_post(
        personas.applicant,
        sid,
        kind="answer",
        text="12000元",
        in_reply_to=question.json()["id"],
        elements=[{"claim": own, "element": "月工资", "position": "12000"}],
    )
    assert answer.status_code == 400 and "elements" in answer.json()["fields"]
    assert Submission.objects.filter(session_id=sid).count() == 1  # the question alone


def test_the_chain_still_verifies_and_positions_are_chained(personas, travel):
    case, sid = heard_with_statements(personas, travel)
    subs = list(Submission.objects.filter(session_id=sid).order_by("number"))
    assert verify_chain(subs[0].session) == []
    out = StringIO()
    call_command("verify_hearing_record", str(sid), stdout=out)
    assert "chain intact" in out.getvalue()
    # Without positions an entry is hashed exactly as before the field existed.
    plain = subs[2]
    assert plain.elements == [] and b'"elements"' not in _canonical(plain)
    assert b'"elements"' in _canonical(subs[0])
    # Changing a stated position afterwards breaks the chain.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE hearings_submission SET elements = %s WHERE id = %s",
            [
                json.dumps([{"claim": case.claims.first().pk, "element": "月工资", "position": "20000"}]),
                subs[0].pk,
            ],
        )
    assert verify_chain(subs[0].session) == ["#1: its content was changed after it was submitted"]
    with pytest.raises(CommandError):
        call_command("verify_hearing_record", str(sid), stdout=StringIO(), stderr=StringIO())


def test_the_workbench_offers_the_positions_prefilled_and_the_statements(personas, travel, client):
    case, _sid = heard_with_statements(personas, travel)
    client.force_login(personas.arbitrator)
    html = client.get(f"/cases/{case.pk}/award/").content.decode()
    # Claim 1 (row 0): 月工资 agreed (ticked), 入职时间; claim 2 (row 1): 加班时长 disputed (not ticked).
    assert 'data-testid="stated-0-0"' in html and 'data-testid="stated-1-0"' in html
    assert 'name="i0-e0-element" value="月工资"' in html
    assert 'name="i0-e0-applicant" rows="2" aria-label="申请人主张">12000</textarea>' in html
    assert 'name="i0-e0-agreed" checked' in html
    assert 'name="i1-e0-respondent" rows="2" aria-label="被申请人主张">0</textarea>' in html
    assert 'name="i1-e0-agreed" aria-label' in html  # not ticked
    assert "月工资确为12000元" in html and "更正：入职时间为2024年5月1日。" in html  # the statements

    # Saved as offered (the arbitrator edits one finding), the draft holds them; the draft's own rows
    # are not offered twice.
    wages, overtime = [c.pk for c in case.claims.order_by("position", "id")]
    data = {
        "count": "2",
        "i0-claim": str(wages),
        "i0-elements": "2",
        "i0-e0-element": "月工资",
        "i0-e0-applicant": "12000",
        "i0-e0-respondent": "12000",
        "i0-e0-agreed": "on",
        "i0-e1-element": "入职时间",
        "i0-e1-applicant": "2024-05-01",
        "i0-e1-respondent": "2024-05-01",
        "i0-e1-finding": "2024年5月1日入职",
        "i1-claim": str(overtime),
        "i1-elements": "0",
    }
    assert client.post(f"/cases/{case.pk}/award/", data).status_code == 302
    draft = Award.objects.get(case=case, status="draft")
    first = draft.items.get(claim_id=wages)
    assert [e["element"] for e in first.elements] == ["月工资", "入职时间"]
    assert first.elements[1]["finding"] == "2024年5月1日入职" and first.elements[1]["agreed"] is True
    html = client.get(f"/cases/{case.pk}/award/").content.decode()
    assert html.count('value="月工资"') == 1
    assert 'data-testid="stated-0-0"' not in html  # from the draft now
    assert 'data-testid="stated-1-0"' in html  # 加班时长 still offered from the statements


def test_a_partial_award_and_a_dissent_through_the_page(personas, client, arbitrator3):
    tribunal = [personas.arbitrator, personas.arbitrator2, arbitrator3]
    case = case_in_deliberation(personas, tribunal)
    client.force_login(personas.arbitrator2)
    html = client.get(f"/cases/{case.pk}/award/").content.decode()
    assert f'name="dissent-{arbitrator3.pk}"' in html and 'name="partial_award"' in html

    data = form(case) | {"partial_award": "on", f"dissent-{arbitrator3.pk}": "加班事实证据不足。"}
    saved = client.post(f"/cases/{case.pk}/award/", data, follow=True)
    assert saved.status_code == 200
    draft = Award.objects.get(case=case, status="draft")
    assert draft.kind == "partial" and draft.decided_by == "majority"
    assert [(d.arbitrator_id, d.opinion) for d in draft.dissents.all()] == [
        (arbitrator3.pk, "加班事实证据不足。")
    ]
    html = saved.content.decode()
    assert 'name="partial_award" data-testid="partial-award" checked' in html
    assert "加班事实证据不足。</textarea>" in html
    assert 'data-testid="decided-by"' in html and "多数" in html

    # The presiding arbitrator and another member dissenting: refused as the API refuses it.
    both = form(case) | {
        f"dissent-{personas.arbitrator.pk}": "不同意",
        f"dissent-{personas.arbitrator2.pk}": "不同意",
    }
    refused = client.post(f"/cases/{case.pk}/award/", both)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'data-testid="error-dissents"' in html
    api_answer = api(personas.arbitrator).put(
        f"/api/v1/cases/{case.pk}/award/",
        {"items": [], "dissents": [{"arbitrator": a.pk, "opinion": "不同意"} for a in tribunal[:2]]},
        format="json",
    )
    assert api_answer.json()["fields"]["dissents"][0] in html  # the same message
    assert "不同意</textarea>" in html  # kept as typed
    assert Award.objects.get(case=case, status="draft").kind == "partial"  # unchanged

    # Unticked and the dissent cleared: a unanimous final award.
    plain = form(case) | {f"dissent-{arbitrator3.pk}": ""}
    assert client.post(f"/cases/{case.pk}/award/", plain).status_code == 302
    draft = Award.objects.get(case=case, status="draft")
    assert (draft.kind, draft.decided_by, draft.dissents.count()) == ("final", "unanimous", 0)


def test_a_sole_arbitrator_is_not_offered_dissents(personas, client, deliberating):
    client.force_login(personas.arbitrator)
    html = client.get(f"/cases/{deliberating.pk}/award/").content.decode()
    assert 'name="partial_award"' in html and 'name="dissent-' not in html
