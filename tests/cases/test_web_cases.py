"""The case pages through the Django test client: filing wizard, counter registration, intake queue,
docket, case page with its steps, and the holiday calendar. Data is made through the real services."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from cases import services
from cases.models import Case, CaseEvent, Status
from cases.services import ClaimInput
from core import clock
from core.models import CalendarDay, CalendarYear
from tests.helpers import credit_code, id_number, make_centre, make_person, make_user

pytestmark = pytest.mark.django_db

APPLY = "/cases/apply/"
REGISTER = "/cases/register/"


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def employer(code: str | None = None, name: str = "广州市示例科技有限公司") -> dict[str, str]:
    return {
        "kind": "organisation",
        "name": name,
        "credit_code": code or credit_code(),
        "phone": "",
        "address": "",
    }


def file_case(
    user, *, respondent: dict | None = None, amount: str = "12000.00", consents=None, **extra
) -> Case:
    return services.case_file(
        user=user,
        respondent=respondent or employer(),
        claims=[ClaimInput(category="wage_arrears", amount=Decimal(amount), description="拖欠三个月工资")],
        facts="申请人于2024年3月入职，被申请人拖欠工资。",
        consents=consents if consents is not None else {"pre_mediation": False, "async_hearing": True},
        **extra,
    )


def accept(case: Case, clerk, *, arbitrators=(), procedure: str = "simplified") -> Case:
    data = {"procedure": procedure, "arbitrators": [a.pk for a in arbitrators]} if arbitrators else {}
    if not arbitrators:
        data = {"procedure": procedure}
    return services.take_step(case=case, user=clerk, name="accept", data=data)


def row_classes(page: str, case: Case) -> str:
    match = re.search(rf'<tr class="([^"]*)" data-case="{case.pk}">', page)
    assert match, f"no row for case {case.pk}"
    return match.group(1)


def row_order(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-case="(\d+)"', page)]


# --- the online application wizard -----------------------------------------------------------------------


def test_the_application_wizard_from_first_step_to_the_new_case(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.applicant)

    page = page_of(client.get(APPLY))
    assert "第 1 步，共 5 步" in page  # the applicant already has a party: no particulars step
    assert 'name="step" value="respondent"' in page

    # A wrong credit code stays on the step, next to its field.
    code = credit_code()
    bad = dict(employer(code), credit_code=code[:-1] + ("0" if code[-1] != "0" else "1"))
    response = client.post(APPLY, {"step": "respondent", "action": "next", **bad})
    page = page_of(response)
    assert 'name="step" value="respondent"' in page
    assert 'class="field invalid"' in page and "field-error" in page

    response = client.post(APPLY, {"step": "respondent", "action": "next", **employer(code)})
    assert response.status_code == 302 and response["Location"] == f"{APPLY}?step=claims"

    page = page_of(client.get(response["Location"]))
    assert "第 2 步，共 5 步" in page
    assert 'name="claim-rows" value="3"' in page
    # Without JavaScript, "add a row" shows the step again with one more row and keeps what was typed.
    typed = {
        "step": "claims",
        "claim-rows": "3",
        "claim-0-category": "wage_arrears",
        "claim-0-amount": "12000",
    }
    response = client.post(APPLY, {**typed, "claim-0-description": "2026年1月至3月工资", "action": "add_row"})
    assert response["Location"] == f"{APPLY}?step=claims"
    page = page_of(client.get(response["Location"]))
    assert 'name="claim-rows" value="4"' in page and "2026年1月至3月工资" in page

    claims = {
        "step": "claims",
        "action": "next",
        "claim-rows": "4",
        "claim-0-category": "wage_arrears",
        "claim-0-amount": "12000.00",
        "claim-0-description": "2026年1月至3月工资",
        "claim-2-category": "economic_compensation",
        "claim-2-amount": "6500.50",
        "claim-2-description": "解除劳动合同经济补偿",
    }
    assert client.post(APPLY, claims)["Location"] == f"{APPLY}?step=facts"
    facts = {
        "step": "facts",
        "action": "next",
        "facts": "申请人于2024年3月入职任测试员，月工资4000元。",
        "street": "石牌街",
    }
    assert client.post(APPLY, facts)["Location"] == f"{APPLY}?step=consents"
    consents = {"step": "consents", "action": "next", "pre_mediation": "on", "async_hearing": "on"}
    assert client.post(APPLY, consents)["Location"] == f"{APPLY}?step=review"

    review = page_of(client.get(f"{APPLY}?step=review"))
    assert "第 5 步，共 5 步" in review
    for shown in (
        "广州市示例科技有限公司",
        code,
        "2026年1月至3月工资",
        "解除劳动合同经济补偿",
        "¥18500.50",
        "石牌街",
    ):
        assert shown in review
    # Back from the review goes to the consents, which still hold the choices.
    assert client.post(APPLY, {"step": "review", "action": "back"})["Location"] == f"{APPLY}?step=consents"
    assert re.search(r'name="pre_mediation"[^>]* checked', page_of(client.get(f"{APPLY}?step=consents")))

    response = client.post(APPLY, {"step": "review", "action": "submit"})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.status == Status.SUBMITTED
    assert case.claims_total == Decimal("18500.50")
    assert [c.category for c in case.claims.all()] == ["wage_arrears", "economic_compensation"]
    assert case.parties.get(side="applicant").party == personas.applicant.party
    assert case.parties.get(side="respondent").party.credit_code == code
    assert case.consent_for("applicant").pre_mediation is True
    assert case.consent_for("applicant").electronic_service is False
    assert case.street == "石牌街"  # the page files through the same call as the API: nothing dropped

    page = page_of(client.get(response["Location"]))
    assert f"申请编号 {case.pk}" in page and "已提交" in page
    assert "您的申请已提交" in page  # the success message
    # The draft is gone: the wizard starts afresh.
    assert 'name="step" value="respondent"' in page_of(client.get(APPLY))


def test_the_review_shows_what_will_be_filed_and_blank_rows_are_ignored(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.applicant)
    code = credit_code()
    typed = dict(employer(code), credit_code=" " + code.lower() + " ")
    assert client.post(APPLY, {"step": "respondent", "action": "next", **typed}).status_code == 302
    claims = {
        "step": "claims",
        "action": "next",
        "claim-rows": "3",
        "claim-0-category": "wage_arrears",
        "claim-0-amount": "12000",
        "claim-0-description": "2026年1月至3月工资",
        # A row of spaces only is as blank as an untouched one.
        "claim-1-amount": "  ",
        "claim-1-description": " ",
    }
    assert client.post(APPLY, claims)["Location"] == f"{APPLY}?step=facts"
    client.post(APPLY, {"step": "facts", "action": "next", "facts": "拖欠工资。"})
    client.post(APPLY, {"step": "consents", "action": "next"})
    review = page_of(client.get(f"{APPLY}?step=review"))
    assert code.upper() in review and code.lower() not in review
    assert "¥12000.00" in review
    assert review.count("<li><strong>") == 1  # one claim: the blank row is not a claim


def test_an_error_the_filing_service_finds_sends_the_user_back_to_its_step(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.applicant)
    own = personas.applicant.party
    myself = {"kind": "person", "name": own.name, "id_number": own.id_number}
    assert client.post(APPLY, {"step": "respondent", "action": "next", **myself}).status_code == 302
    client.post(
        APPLY,
        {
            "step": "claims",
            "claim-rows": "3",
            "claim-0-category": "overtime",
            "claim-0-description": "加班费",
        },
    )
    client.post(APPLY, {"step": "facts", "facts": "事实"})
    client.post(APPLY, {"step": "consents"})

    response = client.post(APPLY, {"step": "review", "action": "submit"})
    assert response["Location"] == f"{APPLY}?step=respondent"
    assert not Case.objects.exists()
    page = page_of(client.get(response["Location"]))
    assert 'name="step" value="respondent"' in page
    assert "当事人不能对自己提出申请" in page  # "A party cannot apply against itself", at the step's top
    assert own.id_number in page  # what was typed is still there

    # Fixed, the next step is the review again, not the claims.
    fixed = {"step": "respondent", "action": "next", **employer()}
    assert client.post(APPLY, fixed)["Location"] == f"{APPLY}?step=review"
    assert client.post(APPLY, {"step": "review", "action": "submit"}).status_code == 302
    assert Case.objects.count() == 1


def test_later_steps_wait_for_the_earlier_ones(client, personas):
    client.force_login(personas.applicant)
    assert client.get(f"{APPLY}?step=review")["Location"] == f"{APPLY}?step=respondent"
    response = client.post(APPLY, {"step": "review", "action": "submit"})
    assert response["Location"] == f"{APPLY}?step=respondent"
    assert not Case.objects.exists()


def test_a_first_filing_asks_for_particulars_and_an_agent_names_its_party(client, personas):
    newcomer = make_user("p-newcomer", Role.APPLICANT, display_name="李四")
    client.force_login(newcomer)
    page = page_of(client.get(APPLY))
    assert "第 1 步，共 6 步" in page and 'name="step" value="applicant"' in page and "您的身份信息" in page

    client.force_login(personas.agent)
    page = page_of(client.get(APPLY))
    assert "第 1 步，共 6 步" in page and "您代理的当事人" in page


def test_staff_cannot_use_the_party_wizard_and_parties_cannot_register(client, personas):
    client.force_login(personas.arbitrator)
    assert client.get(APPLY).status_code == 403
    client.force_login(personas.applicant)
    assert client.get(REGISTER).status_code == 403


# --- counter registration ---------------------------------------------------------------------------------


def _register_up_to_facts(client, applicant_id: str) -> None:
    applicant = {"kind": "person", "name": "王五", "id_number": applicant_id, "phone": "13800138000"}
    assert (
        client.post(REGISTER, {"step": "applicant", **applicant})["Location"] == f"{REGISTER}?step=respondent"
    )
    assert (
        client.post(REGISTER, {"step": "respondent", **employer()})["Location"] == f"{REGISTER}?step=claims"
    )
    claims = {"step": "claims", "claim-0-category": "wage_arrears", "claim-0-description": "工资"}
    assert client.post(REGISTER, claims)["Location"] == f"{REGISTER}?step=facts"


def test_a_clerk_registers_a_counter_application_received_days_ago(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.clerk)
    page = page_of(client.get(REGISTER))
    assert "第 1 步，共 6 步" in page and 'name="step" value="applicant"' in page
    worker = id_number()
    _register_up_to_facts(client, worker)
    facts_page = page_of(client.get(f"{REGISTER}?step=facts"))
    assert 'type="datetime-local"' in facts_page and 'value="2026-03-02T09:00"' in facts_page

    facts = {"step": "facts", "facts": "口头申请，书记员记录。", "received_at": "2026-02-26T10:30"}
    assert client.post(REGISTER, facts)["Location"] == f"{REGISTER}?step=consents"
    assert client.post(REGISTER, {"step": "consents", "electronic_service": "on"})["Location"].endswith(
        "review"
    )
    review = page_of(client.get(f"{REGISTER}?step=review"))
    assert "王五" in review and "2026-02-26 10:30" in review

    response = client.post(REGISTER, {"step": "review", "action": "submit"})
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert clock.local_date(case.received_at).isoformat() == "2026-02-26"
    assert case.received_at.astimezone(clock.LEGAL_TZ).strftime("%H:%M") == "10:30"
    assert case.clerk == personas.clerk
    assert case.parties.get(side="applicant").party.id_number == worker
    assert CaseEvent.objects.get(case=case, kind="registered").actor == personas.clerk
    # The five days run from the real receipt: 02-26 + 5 = 03-03.
    assert case.deadlines.get(kind="acceptance_decision").due_on.isoformat() == "2026-03-03"


def test_a_receipt_time_in_the_future_is_sent_back_to_the_facts_step(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.clerk)
    _register_up_to_facts(client, id_number())
    client.post(REGISTER, {"step": "facts", "facts": "事实", "received_at": "2026-03-05T09:00"})
    client.post(REGISTER, {"step": "consents"})
    response = client.post(REGISTER, {"step": "review", "action": "submit"})
    assert response["Location"] == f"{REGISTER}?step=facts"
    page = page_of(client.get(response["Location"]))
    assert "收件时间不能晚于当前时间" in page
    assert not Case.objects.exists()


# --- lists -----------------------------------------------------------------------------------------------


def test_a_party_sees_only_its_own_cases(client, personas):
    mine = file_case(personas.applicant)
    other = file_case(personas.outsider)
    client.force_login(personas.applicant)
    page = page_of(client.get("/cases/"))
    assert "我的案件" in page
    assert row_order(page) == [mine.pk]
    assert other.pk not in row_order(page)


def test_the_case_list_costs_the_same_queries_whatever_the_page_size(client, personas):
    client.force_login(personas.supervisor)
    file_case(personas.applicant)
    page_of(client.get("/cases/"))  # warm up per-process caches (content types and the like)
    with CaptureQueriesContext(connection) as one:
        page_of(client.get("/cases/"))
    for _ in range(6):
        file_case(personas.applicant)
    with CaptureQueriesContext(connection) as seven:
        page = page_of(client.get("/cases/"))
    assert len(row_order(page)) == 7
    assert len(seven) == len(one), "\n".join(q["sql"] for q in seven.captured_queries)


def test_the_case_list_filters_by_status(client, personas):
    submitted = file_case(personas.applicant)
    rejected = file_case(personas.applicant)
    services.take_step(
        case=rejected,
        user=personas.clerk,
        name="reject",
        data={"reason": "不属于受理范围", "grounds": ["out_of_scope"]},
    )
    client.force_login(personas.supervisor)
    assert row_order(page_of(client.get("/cases/?status=rejected"))) == [rejected.pk]
    assert row_order(page_of(client.get("/cases/?status=submitted"))) == [submitted.pk]
    assert set(row_order(page_of(client.get("/cases/?status=nonsense")))) == {submitted.pk, rejected.pk}


def test_the_intake_queue_lists_applications_awaiting_a_decision_most_urgent_first(client, personas, travel):
    centre = make_centre()
    travel.move_to("2026-02-24 09:00 +0800")
    overdue = file_case(personas.applicant)  # decision due 03-02 (02-24 + 5 = 03-01, a Sunday)
    travel.move_to("2026-03-05 09:00 +0800")
    mediation = file_case(personas.applicant, consents={"pre_mediation": True})
    services.take_step(
        case=mediation,
        user=personas.clerk,
        name="refer_to_mediation",
        data={"mediation_organisation": centre},
    )
    travel.move_to("2026-03-06 09:00 +0800")
    fresh = file_case(personas.applicant)  # decision due 03-11
    travel.move_to("2026-03-09 10:00 +0800")
    later = file_case(personas.applicant)  # decision due 03-16 (03-14 is a Saturday)
    accepted = accept(file_case(personas.applicant), personas.clerk)

    client.force_login(personas.clerk)
    page = page_of(client.get("/intake/"))
    assert "立案审查" in page
    assert row_order(page) == [overdue.pk, fresh.pk, later.pk, mediation.pk]  # mediation: due 03-20
    assert accepted.pk not in row_order(page)
    assert "row-overdue" in row_classes(page, overdue)
    assert "row-soon" in row_classes(page, fresh)  # 03-11 is two days away
    assert "row-" not in row_classes(page, later)
    assert "案前调解" in page
    assert f'href="/cases/{overdue.pk}/"' in page

    client.force_login(personas.supervisor)
    assert row_order(page_of(client.get("/intake/")))[0] == overdue.pk
    client.force_login(personas.arbitrator)
    assert client.get("/intake/").status_code == 403


# --- the docket -----------------------------------------------------------------------------------------


def test_the_docket_orders_highlights_filters_and_counts(client, personas, travel):
    clerk, arbitrator = personas.clerk, personas.arbitrator
    travel.move_to("2026-02-20 09:00 +0800")
    late = accept(file_case(personas.applicant), clerk, arbitrators=[arbitrator], procedure="ordinary")
    travel.move_to("2026-03-02 09:00 +0800")
    near = accept(file_case(personas.applicant), clerk, arbitrators=[arbitrator])
    travel.move_to("2026-03-09 09:00 +0800")
    far = accept(file_case(personas.applicant), clerk, arbitrators=[arbitrator])
    services.take_step(case=far, user=clerk, name="serve_application", data={})
    services.take_step(
        case=far,
        user=arbitrator,
        name="schedule_oral_hearing",
        data={"hearing_at": datetime.fromisoformat("2026-03-20 09:30+08:00")},
    )
    waiting = accept(file_case(personas.applicant), clerk)  # no tribunal yet
    someone_elses = accept(file_case(personas.applicant), clerk, arbitrators=[personas.arbitrator2])
    travel.move_to("2026-03-10 09:00 +0800")

    client.force_login(arbitrator)
    page = page_of(client.get("/docket/"))
    docket, _sep, queue = page.partition('id="unassigned"')
    # late: service due 02-25; near: service due 03-09... both past; far: service due 03-16.
    assert row_order(docket) == [late.pk, near.pk, far.pk]
    assert someone_elses.pk not in row_order(page)
    assert "row-overdue" in row_classes(docket, late)
    assert row_order(queue) == [waiting.pk]

    # Amber: due within three days.
    travel.move_to("2026-03-13 09:00 +0800")
    client.force_login(arbitrator)  # the session of three days ago has expired
    page = page_of(client.get("/docket/"))
    assert "row-soon" in row_classes(page, far)

    # Chips count per status in the docket, whatever status is chosen.
    page = page_of(client.get("/docket/?status=oral_hearing"))
    assert row_order(page.partition('id="unassigned"')[0]) == [far.pk]
    assert re.search(r'data-status="accepted">[^<]*<b>2</b>', page)
    assert re.search(r'data-status="oral_hearing">[^<]*<b>1</b>', page)
    assert re.search(r'class="chip active" href="\?status=oral_hearing"', page)

    page = page_of(client.get("/docket/?procedure=ordinary"))
    assert row_order(page.partition('id="unassigned"')[0]) == [late.pk]
    assert re.search(r'data-status="accepted">[^<]*<b>1</b>', page)
    assert "oral_hearing" not in re.findall(r'data-status="(\w*)"', page)

    client.force_login(personas.applicant)
    assert client.get("/docket/").status_code == 403


def test_the_docket_hides_closed_cases_unless_asked(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    running = accept(file_case(personas.applicant), personas.clerk, arbitrators=[personas.arbitrator])
    withdrawn = file_case(personas.applicant)
    withdrawn = services.take_step(case=withdrawn, user=personas.applicant, name="withdraw", data={})
    client.force_login(personas.supervisor)
    page = page_of(client.get("/docket/"))
    listed = row_order(page.partition('id="unassigned"')[0])
    assert running.pk in listed and withdrawn.pk not in listed
    assert "1 个已结束的案件未显示" in page
    page = page_of(client.get("/docket/?closed=on"))
    assert withdrawn.pk in row_order(page.partition('id="unassigned"')[0])
    # Choosing the closed status shows them too.
    page = page_of(client.get("/docket/?status=withdrawn"))
    assert row_order(page.partition('id="unassigned"')[0]) == [withdrawn.pk]


def test_supervisors_reach_the_docket_from_the_navigation(client, personas):
    client.force_login(personas.supervisor)
    assert 'href="/docket/"' in page_of(client.get("/"))


def test_the_docket_counts_in_the_database(client, personas):
    client.force_login(personas.supervisor)
    for _ in range(3):
        file_case(personas.applicant)
    with CaptureQueriesContext(connection) as queries:
        page_of(client.get("/docket/"))
    grouped = [
        q["sql"]
        for q in queries.captured_queries
        if "GROUP BY" in q["sql"] and "COUNT" in q["sql"] and 'FROM "cases_case"' in q["sql"]
    ]
    assert len(grouped) == 1
    assert re.search(r'data-status="submitted">[^<]*<b>3</b>', page_of(client.get("/docket/")))


# --- the case page ----------------------------------------------------------------------------------------


def test_the_case_page_shows_the_steps_enabled_and_disabled_with_the_reason(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case = file_case(
        personas.applicant,
        respondent=employer(personas.respondent.party.credit_code, personas.respondent.party.name),
        consents={"pre_mediation": False},
    )
    client.force_login(personas.clerk)
    page = page_of(client.get(f"/cases/{case.pk}/"))
    refer = page.partition('id="step-refer_to_mediation"')[2].partition("</li>")[0]
    assert "disabled" in refer and "申请人未同意案前调解" in refer
    accept_form = page.partition('id="step-accept"')[2].partition("</li>")[0]
    assert f'action="/cases/{case.pk}/steps/accept/"' in accept_form
    for field in ("procedure", "facts_clear", "arbitrator_1", "reason"):
        assert f'name="{field}"' in accept_form
    assert f'action="/cases/{case.pk}/steps/reject/"' in page
    # The case's record is all there.
    for shown in ("张三", "广州示例科技有限公司", "拖欠三个月工资", "¥12000.00", "受理决定", "2026-03-09"):
        assert shown in page
    assert "申请已在网上提交" in page  # the timeline's first event

    # The applicant sees none of the clerk's steps, but may withdraw and record consents.
    client.force_login(personas.applicant)
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert 'id="step-accept"' not in page and 'id="step-withdraw"' in page
    assert f'action="/cases/{case.pk}/consents/"' in page


def test_accept_and_reject_from_the_case_page(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case = file_case(personas.applicant)
    client.force_login(personas.clerk)

    # Reject needs a reason: the error is shown next to the field and nothing changes.
    response = client.post(f"/cases/{case.pk}/steps/reject/", {"reason": ""})
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/#step-reject"
    page = page_of(client.get(response["Location"]))
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    reject_item = page.partition('id="step-reject"')[2].partition("</li>")[0]
    assert '<details class="step" open>' in reject_item and "field-error" in reject_item

    response = client.post(
        f"/cases/{case.pk}/steps/accept/", {"procedure": "ordinary", "arbitrator_1": personas.arbitrator.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.presiding_arbitrator == personas.arbitrator
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert "穗天劳人仲案字〔2026〕1号" in page and "已受理" in page

    # Accepting again is a 409 from the service: a message, no 500, nothing changes.
    response = client.post(f"/cases/{case.pk}/steps/accept/", {})
    assert response.status_code == 302
    assert "当前状态" in page_of(client.get(response["Location"]))
    # Reject, by now, is not possible either.
    client.post(f"/cases/{case.pk}/steps/reject/", {"reason": "理由"})
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED

    other = file_case(personas.applicant)
    client.post(
        f"/cases/{other.pk}/steps/reject/", {"reason": "不属于劳动争议受理范围", "grounds": ["out_of_scope"]}
    )
    other.refresh_from_db()
    assert other.status == Status.REJECTED
    assert other.events.get(kind="reject").reason == "不属于劳动争议受理范围"


def test_a_step_the_user_may_not_take_is_refused_with_a_message(client, personas):
    case = file_case(personas.applicant)
    client.force_login(personas.applicant)
    response = client.post(f"/cases/{case.pk}/steps/accept/", {})
    assert response.status_code == 302
    assert "您无权对本案执行此操作" in page_of(client.get(response["Location"]))
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert client.post(f"/cases/{case.pk}/steps/no_such_step/", {}).status_code == 404


def test_the_case_page_is_a_404_for_an_outsider(client, personas):
    case = file_case(personas.applicant)
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.post(f"/cases/{case.pk}/steps/withdraw/", {}).status_code == 404
    assert client.post(f"/cases/{case.pk}/consents/", {"async_hearing": "on"}).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_serving_the_application_shows_the_access_codes_once(client, personas):
    case = accept(file_case(personas.applicant), personas.clerk)  # a new employer, with no account yet
    client.force_login(personas.clerk)
    response = client.post(f"/cases/{case.pk}/steps/serve_application/", {"defence_days": "10"})
    page = page_of(client.get(response["Location"]))
    match = re.search(r"广州市示例科技有限公司：([A-Z2-9]{8})", page)
    assert match, "the access code is shown"
    assert match.group(1) not in page_of(client.get(f"/cases/{case.pk}/"))


def test_a_party_records_its_consents_and_a_clerk_composes_the_tribunal(client, personas):
    case = file_case(
        personas.applicant,
        respondent=employer(personas.respondent.party.credit_code, personas.respondent.party.name),
    )
    client.force_login(personas.respondent)
    client.post(f"/cases/{case.pk}/consents/", {"async_hearing": "on"})
    consent = case.consents.get(side="respondent")
    assert consent.async_hearing is True and consent.electronic_service is False

    accept(case, personas.clerk, procedure="ordinary")
    client.force_login(personas.clerk)
    three = {
        "arbitrator_1": personas.arbitrator2.pk,
        "arbitrator_2": personas.arbitrator.pk,
        "arbitrator_3": make_user("p-arb3", Role.ARBITRATOR).pk,
    }
    client.post(f"/cases/{case.pk}/tribunal/", three)
    case.refresh_from_db()
    assert case.presiding_arbitrator == personas.arbitrator2
    assert case.tribunal.count() == 3
    # Two arbitrators is not a tribunal: refused with the service's reason, nothing changes.
    two = {"arbitrator_1": personas.arbitrator.pk, "arbitrator_2": personas.arbitrator2.pk}
    response = client.post(f"/cases/{case.pk}/tribunal/", two)
    assert "仲裁庭由一名仲裁员" in page_of(client.get(response["Location"]))
    case.refresh_from_db()
    assert case.presiding_arbitrator == personas.arbitrator2 and case.tribunal.count() == 3


def test_a_provisional_deadline_says_why(client, personas, travel):
    CalendarYear.objects.filter(year=2026).update(published=False)
    travel.move_to("2026-03-02 09:00 +0800")
    case = file_case(personas.applicant)
    client.force_login(personas.applicant)
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert "暂定" in page and "2026 年节假日安排尚未公布" in page


# --- the holiday calendar ---------------------------------------------------------------------------------


def test_the_calendar_is_read_only_for_a_clerk(client, personas):
    client.force_login(personas.clerk)
    page = page_of(client.get("/calendar/2026/"))
    assert "节假日日历" in page and "春节" in page and "已公布" in page
    assert 'name="action"' not in page
    page = page_of(client.get("/calendar/2027/"))
    assert "尚未公布" in page and "暂定" in page
    # Meanwhile the holidays fixed by date or lunar date count, and the page says which.
    assert "2027-02-05（星期五）春节" in page and "2027-09-15（星期三）中秋节" in page

    response = client.post("/calendar/2027/", {"action": "add", "date": "2027-10-01", "kind": "holiday"})
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date="2027-10-01").exists()
    assert "只有负责人可以维护节假日日历" in page_of(client.get(response["Location"]))


def test_a_supervisor_maintains_the_calendar(client, personas):
    client.force_login(personas.supervisor)
    page = page_of(client.get("/calendar/2027/"))
    assert 'value="publish"' in page and 'name="kind"' in page

    response = client.post(
        "/calendar/2027/", {"action": "add", "date": "2027-10-01", "kind": "holiday", "name": "国庆节"}
    )
    assert response["Location"] == "/calendar/2027/"
    page = page_of(client.get("/calendar/2027/"))
    assert "2027-10-01" in page and "国庆节" in page
    assert "2027 年节假日安排尚未公布" in page  # the provisional note stays until the year is published

    # A make-up working day must be a weekend day: the service's reason shows next to the field.
    page = page_of(client.post("/calendar/2027/", {"action": "add", "date": "2027-10-08", "kind": "workday"}))
    assert "field-error" in page and "只有周六或周日" in page
    assert not CalendarDay.objects.filter(date="2027-10-08").exists()

    client.post("/calendar/2027/", {"action": "publish"})
    assert CalendarYear.objects.get(year=2027).published is True
    page = page_of(client.get("/calendar/2027/"))
    assert "2027 年节假日安排已公布" in page

    client.post("/calendar/2027/", {"action": "remove", "date": "2027-10-01"})
    assert not CalendarDay.objects.filter(date="2027-10-01").exists()


def test_the_calendar_opens_on_the_current_year(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    client.force_login(personas.admin)
    page = page_of(client.get("/calendar/"))
    assert "2026" in page and 'href="/calendar/2027/"' in page
    assert client.get("/calendar/1800/").status_code == 404


# --- language -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "path", "expected"),
    [
        ("applicant", "/cases/", "我的案件"),
        ("applicant", APPLY, "被申请人"),
        ("clerk", REGISTER, "申请人"),
        ("clerk", "/intake/", "立案审查"),
        ("arbitrator", "/docket/", "办案台"),
        ("supervisor", "/calendar/", "节假日日历"),
    ],
)
def test_pages_are_chinese_by_default(client, personas, who, path, expected):
    client.force_login(getattr(personas, who))
    page = page_of(client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="zh-hans">' in page
    assert expected in page


def test_a_counter_registration_names_a_known_party_by_its_number(client, personas, travel):
    number = id_number()
    make_person("赵六", id_number=number)
    client.force_login(personas.clerk)
    _register_up_to_facts(client, number)
    client.post(REGISTER, {"step": "facts", "facts": "事实", "received_at": "2026-01-04T09:00"})
    client.post(REGISTER, {"step": "consents"})
    client.post(REGISTER, {"step": "review", "action": "submit"})
    assert Case.objects.get().parties.get(side="applicant").party.name == "赵六"


def _file_through_the_wizard(client, first: dict | None = None) -> None:
    if first is not None:
        assert client.post(APPLY, {"step": "applicant", **first})["Location"] == f"{APPLY}?step=respondent"
    client.post(APPLY, {"step": "respondent", **employer()})
    client.post(APPLY, {"step": "claims", "claim-0-category": "overtime", "claim-0-description": "加班费"})
    client.post(APPLY, {"step": "facts", "facts": "事实和理由"})
    client.post(APPLY, {"step": "consents"})
    assert client.post(APPLY, {"step": "review", "action": "submit"}).status_code == 302


def test_an_agent_files_for_the_party_it_acts_for_and_a_newcomer_gives_particulars(client, personas):
    client.force_login(personas.agent)
    worker = {"kind": "person", "name": "钱七", "id_number": id_number()}
    _file_through_the_wizard(client, worker)
    case = Case.objects.get()
    assert case.parties.get(side="applicant").party.name == "钱七"
    assert case.agents.get().user == personas.agent

    newcomer = make_user("p-newcomer", Role.APPLICANT)
    client.force_login(newcomer)
    own = {"kind": "person", "name": "孙八", "id_number": id_number(), "phone": "13900139000"}
    _file_through_the_wizard(client, own)
    newcomer.refresh_from_db()
    assert newcomer.party.name == "孙八"
    assert Case.objects.filter(parties__party=newcomer.party, parties__side="applicant").count() == 1


def test_steps_with_lists_and_times_from_the_case_page(client, personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case = file_case(personas.applicant)
    client.force_login(personas.clerk)
    client.post(
        f"/cases/{case.pk}/steps/request_supplement/",
        {"items": "劳动合同复印件\n\n  工资流水  \n", "reason": ""},
    )
    assert case.events.get(kind="request_supplement").data["items"] == ["劳动合同复印件", "工资流水"]
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert "待补正" in page and "工资流水" in page
    client.post(f"/cases/{case.pk}/steps/complete_supplement/", {})
    accept(case, personas.clerk, arbitrators=[personas.arbitrator])
    services.take_step(case=case, user=personas.clerk, name="serve_application", data={})

    # Too soon a hearing: the service's reason at the top and next to the time.
    client.force_login(personas.arbitrator)
    response = client.post(
        f"/cases/{case.pk}/steps/schedule_oral_hearing/", {"hearing_at": "2026-03-04T09:00"}
    )
    page = page_of(client.get(response["Location"]))
    hearing = page.partition('id="step-schedule_oral_hearing"')[2].partition("</li>")[0]
    assert "开庭须提前五日通知当事人" in page
    assert "field-error" in hearing and 'value="2026-03-04T09:00"' in hearing
    client.post(f"/cases/{case.pk}/steps/schedule_oral_hearing/", {"hearing_at": "2026-03-10T09:30"})
    case.refresh_from_db()
    assert case.status == Status.ORAL_HEARING
    assert case.hearing_at.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M") == "2026-03-10 09:30"

    # The applicant changes its claims: the rows replace the old claims.
    client.force_login(personas.applicant)
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert 'name="claim-0-description"' in page and "拖欠三个月工资" in page
    response = client.post(f"/cases/{case.pk}/steps/amend_claims/", {"claim-rows": "2", "reason": "补充请求"})
    assert "请至少填写一项仲裁请求" in page_of(client.get(response["Location"]))
    amended = {
        "claim-rows": "2",
        "claim-0-category": "wage_arrears",
        "claim-0-amount": "15000",
        "claim-0-description": "四个月工资",
        "claim-1-category": "overtime",
        "claim-1-amount": "3000.50",
        "claim-1-description": "加班费",
    }
    client.post(f"/cases/{case.pk}/steps/amend_claims/", amended)
    case.refresh_from_db()
    assert case.claims_total == Decimal("18000.50")
    assert [c.description for c in case.claims.filter(withdrawn=False)] == ["四个月工资", "加班费"]


def test_the_pages_speak_english_on_request(client, personas):
    case = file_case(personas.applicant)
    client.force_login(personas.clerk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = page_of(client.get(f"/cases/{case.pk}/"))
    assert '<html lang="en">' in page
    assert "Accept the case" in page and f"Application no. {case.pk}" in page and "Submitted" in page
    assert "Step 1 of 6" in page_of(client.get(REGISTER))
    assert "Holiday calendar 2027" in page_of(client.get("/calendar/2027/"))


def test_the_presiding_arbitrator_adds_a_respondent_from_the_case_page(personas, travel, client):
    from cases.models import Case
    from tests.helpers import api, credit_code

    travel.move_to("2026-03-02 09:00 +0800")
    body = {
        "respondent": {
            "kind": "organisation",
            "name": "广州原被申请人有限公司",
            "credit_code": credit_code(),
        },
        "claims": [{"category": "wage_arrears", "amount": "900.00", "description": "工资"}],
        "facts": "拖欠工资。",
    }
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk]},
        format="json",
    )
    client.force_login(personas.arbitrator)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert "id_add_party_party_credit_code" in page
    bad = client.post(
        f"/cases/{case_id}/steps/add_party/",
        follow=True,
        data={
            "side": "respondent",
            "party_kind": "organisation",
            "party_name": "派遣公司",
            "party_credit_code": "123",
            "reason": "共同被申请人",
        },
    )
    assert bad.status_code == 200 and "统一社会信用代码应为 18 位" in bad.content.decode()
    good = client.post(
        f"/cases/{case_id}/steps/add_party/",
        {
            "side": "respondent",
            "party_kind": "organisation",
            "party_name": "广州派遣服务有限公司",
            "party_credit_code": credit_code(),
            "reason": "劳务派遣单位作为共同被申请人",
        },
    )
    assert good.status_code == 302
    assert Case.objects.get(pk=case_id).parties.filter(party__name="广州派遣服务有限公司").exists()
