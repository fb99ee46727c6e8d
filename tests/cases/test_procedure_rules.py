"""Issue 13, points 5, 7, 10, 11 and 12: the simplified procedure, rejection and the right to sue,
respondent details, limitation and jurisdiction — through the API, as the clerk, the parties and the
tribunal meet them."""

from __future__ import annotations

import pytest
from django.test import Client

from cases.models import Case, CaseEvent
from cases.tasks import deadline_sweep
from core.models import Notification
from tests.helpers import api, credit_code, file_case, id_number

pytestmark = pytest.mark.django_db


def step(user, case_id, name, body=None, kind="transitions", expect=200):
    response = api(user).post(f"/api/v1/cases/{case_id}/{kind}/{name}/", body or {}, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def detail(user, case_id):
    response = api(user).get(f"/api/v1/cases/{case_id}/")
    assert response.status_code == 200
    return response.json()


def flags(user, case_id):
    return {f["code"]: f for f in detail(user, case_id)["flags"]}


def deadlines(user, case_id):
    return {d["kind"]: d for d in detail(user, case_id)["deadlines"]}


def events(case_id, kind):
    return list(CaseEvent.objects.filter(case_id=case_id, kind=kind).order_by("created_at", "id"))


def snapshot(case_id):
    case = Case.objects.get(pk=case_id)
    return (case.status, case.procedure, case.defence_days, case.served_at, case.events.count())


def claims(*amounts):
    return [
        {"category": "wage_arrears" if a else "labour_relation", "amount": a, "description": "请求"}
        for a in amounts
    ]


# --- point 5: the simplified procedure -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amounts", "proposed", "reason_says"),
    [
        (["9000.00"], "simplified", "9000.00"),
        (["9000.00", None], "ordinary", "未列明金额"),  # a claim with no amount is not worth 0
        ([None], "ordinary", "未列明金额"),
        (["126000.00"], "simplified", "126000.00"),
        (["126000.01"], "ordinary", "126000.01"),
    ],
)
def test_the_clerk_sees_the_proposed_procedure_and_why_before_acceptance(
    personas, travel, amounts, proposed, reason_says
):
    case_id = file_case(personas.applicant, claims=claims(*amounts))
    shown = flags(personas.clerk, case_id)["procedure_proposal"]
    assert reason_says in shown["message"]
    assert shown["message"].startswith("简易处理" if proposed == "simplified" else "普通程序")
    assert flags(personas.applicant, case_id) == {}  # the parties are not shown the clerk's flags

    accepted = step(personas.clerk, case_id, "accept")
    assert accepted["procedure"] == proposed
    [event] = events(case_id, "accept")
    assert event.actor == personas.clerk and event.data["procedure_reason"] == shown["message"]


def test_a_claim_without_an_amount_does_not_make_the_simplified_procedure_available(personas, travel):
    case_id = file_case(personas.applicant, claims=claims("9000.00", None))
    before = snapshot(case_id)
    refused = step(personas.clerk, case_id, "accept", {"procedure": "simplified"}, expect=400)
    assert "procedure" in refused["fields"]
    assert snapshot(case_id) == before
    # Another ground of R 56 still allows it.
    accepted = step(personas.clerk, case_id, "accept", {"procedure": "simplified", "facts_clear": True})
    assert accepted["procedure"] == "simplified"


def accepted_simplified(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, respondent_code=personas.respondent.party.credit_code)
    step(
        personas.clerk,
        case_id,
        "accept",
        {"procedure": "simplified", "arbitrators": [personas.arbitrator.pk]},
    )
    return case_id


def test_a_shorter_defence_period_needs_the_respondents_recorded_agreement(personas, travel):
    case_id = accepted_simplified(personas, travel)
    before = snapshot(case_id)
    refused = step(personas.clerk, case_id, "serve_application", {"defence_days": 5}, "actions", 400)
    assert "defence_days" in refused["fields"] and "同意" in refused["fields"]["defence_days"][0]
    assert snapshot(case_id) == before

    step(personas.respondent, case_id, "agree_short_defence", {"days": 5, "reason": "同意"}, "actions")
    [agreed] = events(case_id, "agree_short_defence")
    assert (agreed.actor, agreed.reason, agreed.data["days"]) == (personas.respondent, "同意", 5)
    # Shorter than agreed is still refused; the agreed period is accepted.
    step(personas.clerk, case_id, "serve_application", {"defence_days": 3}, "actions", 400)
    step(personas.clerk, case_id, "serve_application", {"defence_days": 5}, "actions")
    assert deadlines(personas.clerk, case_id)["defence"]["days"] == 5


def test_an_ordinary_case_cannot_record_a_shorter_defence(personas, travel):
    case_id = file_case(personas.applicant, claims=claims(None))
    step(personas.clerk, case_id, "accept")
    refused = step(personas.clerk, case_id, "agree_short_defence", {"days": 5}, "actions", 400)
    assert "procedure" in refused["fields"]


@pytest.mark.parametrize(
    ("converted_on", "defence_due_before", "defence_due_after"),
    [
        # Served 03-03 with 5 agreed days: 03-08 is a Sunday → 03-09; the full 10 days: 03-13.
        ("2026-03-05 10:00 +0800", "2026-03-09", "2026-03-13"),
        # Converted after the shortened period ran out: the respondent gets the full 10 days back.
        ("2026-03-11 10:00 +0800", "2026-03-09", "2026-03-13"),
    ],
)
def test_conversion_to_ordinary_keeps_the_ruling_period_and_restores_the_defence(
    personas, travel, converted_on, defence_due_before, defence_due_after
):
    case_id = accepted_simplified(personas, travel)
    step(personas.clerk, case_id, "agree_short_defence", {"days": 5}, "actions")
    travel.move_to("2026-03-03 09:00 +0800")
    step(personas.clerk, case_id, "serve_application", {"defence_days": 5}, "actions")
    before = deadlines(personas.clerk, case_id)
    assert before["defence"]["due_on"] == defence_due_before

    travel.move_to(converted_on)
    missing = step(personas.arbitrator, case_id, "convert_to_ordinary", {}, "actions", 400)
    assert "reason" in missing["fields"]
    step(personas.arbitrator, case_id, "convert_to_ordinary", {"reason": "案情复杂，需要普通程序"}, "actions")
    after = deadlines(personas.clerk, case_id)
    assert detail(personas.clerk, case_id)["procedure"] == "ordinary"
    assert after["defence"]["due_on"] == defence_due_after
    assert after["ruling"]["due_on"] == before["ruling"]["due_on"] == "2026-04-16"  # from acceptance
    [event] = events(case_id, "convert_to_ordinary")
    assert event.actor == personas.arbitrator and event.reason == "案情复杂，需要普通程序"
    again = step(personas.arbitrator, case_id, "convert_to_ordinary", {"reason": "x"}, "actions", 400)
    assert "procedure" in again["fields"]


# --- point 7: rejection, its grounds, the right to sue ----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "不符合受理条件"}, "grounds"),
        ({"reason": "不符合受理条件", "grounds": []}, "grounds"),
        ({"reason": "不符合受理条件", "grounds": ["time_barred"]}, "grounds"),
        ({"grounds": ["out_of_scope"]}, "reason"),
        ({"reason": "无管辖权", "grounds": ["no_jurisdiction"]}, "competent_commission"),
        (
            {"reason": "不属于受理范围", "grounds": ["out_of_scope"], "competent_commission": "番禺区仲裁委"},
            "competent_commission",
        ),
    ],
)
def test_a_rejection_names_its_grounds_or_is_refused_with_nothing_written(personas, travel, body, field):
    case_id = file_case(personas.applicant)
    before = snapshot(case_id)
    refused = step(personas.clerk, case_id, "reject", body, expect=400)
    assert field in {key.split(".")[0] for key in refused["fields"]}, refused
    assert snapshot(case_id) == before


def test_a_rejection_tells_the_applicant_of_the_right_to_sue_once(personas, travel):
    case_id = file_case(personas.applicant)
    step(personas.clerk, case_id, "reject", {"grounds": ["out_of_scope"], "reason": "承揽合同纠纷"})
    [reject] = events(case_id, "reject")
    assert reject.data["grounds"] == ["out_of_scope"] and reject.data["notice"] == "rejection"
    assert reject.actor == personas.clerk and reject.data["right_to_sue"]["basis"] == "L 29"
    [told] = Notification.objects.filter(user=personas.applicant, kind="case.rejected")
    assert "人民法院" in told.body and "承揽合同纠纷" in told.body  # in the applicant's language
    travel.move_to("2026-03-20 09:00 +0800")
    deadline_sweep()  # the lapse sweep does not tell it again
    assert events(case_id, "right_to_sue_notified") == []
    assert not Notification.objects.filter(user=personas.applicant, kind="case.right_to_sue").exists()


def test_lack_of_jurisdiction_gives_a_written_explanation_naming_the_competent_commission(personas, travel):
    case_id = file_case(personas.applicant)
    body = {
        "grounds": ["no_jurisdiction"],
        "competent_commission": "广州市番禺区劳动人事争议仲裁委员会",
        "reason": "用人单位住所地及合同履行地均在番禺区",
    }
    step(personas.clerk, case_id, "reject", body)
    [event] = events(case_id, "reject")
    assert event.data["notice"] == "jurisdiction_explanation"
    assert "广州市番禺区劳动人事争议仲裁委员会" in event.data["explanation"]
    told = Notification.objects.get(user=personas.applicant, kind="case.rejected")
    assert "广州市番禺区劳动人事争议仲裁委员会" in told.title + told.body
    assert "right_to_sue" not in event.data  # it is told where to apply, not to sue


def test_lapsed_acceptance_and_ruling_periods_tell_the_right_to_sue_once_each(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    lapsing = file_case(personas.applicant)  # the decision is due on 03-09 (03-07 is a Saturday)
    ruled = file_case(personas.applicant)
    step(personas.clerk, ruled, "accept")  # the ruling is due on 04-16
    travel.move_to("2026-03-09 20:00 +0800")
    deadline_sweep()
    assert events(lapsing, "right_to_sue_notified") == []
    travel.move_to("2026-03-10 09:00 +0800")
    deadline_sweep()
    deadline_sweep()
    [told] = events(lapsing, "right_to_sue_notified")
    assert (told.actor, told.data["cause"], told.data["basis"]) == (None, "acceptance_lapsed", "L 29")
    assert events(ruled, "right_to_sue_notified") == []

    travel.move_to("2026-04-17 09:00 +0800")
    deadline_sweep()
    deadline_sweep()
    [told] = events(ruled, "right_to_sue_notified")
    assert (told.data["cause"], told.data["basis"], told.data["due_on"]) == (
        "ruling_lapsed",
        "L 43",
        "2026-04-16",
    )
    assert len(events(lapsing, "right_to_sue_notified")) == 1
    sent = Notification.objects.filter(user=personas.applicant, kind="case.right_to_sue")
    assert sent.count() == 2


# --- point 10: respondent details --------------------------------------------------------------------------


def test_a_known_credit_code_under_another_name_is_linked_keeps_the_typed_name_and_shows_the_difference(
    personas, travel
):
    employer = personas.respondent.party
    registered = employer.name
    typed = {"kind": "organisation", "name": "示例科技", "credit_code": employer.credit_code}
    case_id = file_case(personas.applicant, respondent=typed)

    employer.refresh_from_db()
    assert employer.name == registered  # never renamed
    clerk_view = detail(personas.clerk, case_id)
    assert clerk_view["respondent"]["id"] == employer.pk  # linked to the known party
    assert (clerk_view["respondent"]["name"], clerk_view["respondent"]["stated_name"]) == (
        registered,
        "示例科技",
    )
    assert "示例科技" in flags(personas.clerk, case_id)["name_differs"]["message"]
    applicant_view = detail(personas.applicant, case_id)["respondent"]
    assert (applicant_view["name"], applicant_view["stated_name"]) == ("示例科技", None)
    [filed] = events(case_id, "filed")
    assert filed.data["names_differ"] == [
        {"side": "respondent", "party_id": employer.pk, "stated": "示例科技", "registered": registered}
    ]

    same = file_case(personas.applicant, respondent={**typed, "name": registered})
    assert detail(personas.clerk, same)["respondent"]["stated_name"] is None
    assert "name_differs" not in flags(personas.clerk, same)


# --- point 11: limitation ----------------------------------------------------------------------------------


def test_limitation_is_shown_as_a_flag_and_never_stops_acceptance(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, respondent_code=personas.respondent.party.credit_code)
    body = {"arose_on": "2024-12-31", "knew_on": "2025-01-15", "reason": "申请人自述"}
    step(personas.clerk, case_id, "record_limitation", body, "actions")
    shown = flags(personas.clerk, case_id)["limitation"]
    assert shown["level"] == "warning" and "2026-01-15" in shown["message"]  # 2025-01-15 + one year
    assert "limitation" not in flags(personas.applicant, case_id)
    [recorded] = events(case_id, "record_limitation")
    assert (recorded.actor, recorded.data["expires_on"]) == (personas.clerk, "2026-01-15")

    # The commission does not reject of its own motion: the case is accepted.
    step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    step(personas.respondent, case_id, "raise_limitation", {"reason": "已超过一年仲裁时效"}, "actions")
    assert "已提出时效抗辩" in flags(personas.arbitrator, case_id)["limitation"]["message"]
    [raised] = events(case_id, "raise_limitation")
    assert raised.actor == personas.respondent
    assert Notification.objects.filter(user=personas.arbitrator, kind="case.limitation_raised").exists()
    step(personas.respondent, case_id, "raise_limitation", {"reason": "再次"}, "actions", 400)

    # An interruption within the year (the worker claimed from the employer) makes it in time.
    body = {**body, "interruptions": ["2025-12-01"]}
    step(personas.clerk, case_id, "record_limitation", body, "actions")
    assert flags(personas.clerk, case_id)["limitation"]["level"] == "info"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"arose_on": "2025-03-01", "knew_on": "2025-02-01"}, "knew_on"),
        ({"arose_on": "2025-03-01", "knew_on": "2026-04-01"}, "knew_on"),  # in the future
        ({"arose_on": "2025-03-01", "knew_on": "2025-03-01", "interruptions": ["x"]}, "interruptions"),
        (
            {
                "arose_on": "2025-03-01",
                "knew_on": "2025-03-01",
                "suspensions": [{"began": "2025-05-01", "ended": "2025-04-01"}],
            },
            "suspensions",
        ),
        ({"knew_on": "2025-03-01"}, "arose_on"),
    ],
)
def test_bad_limitation_dates_are_refused_naming_the_field(personas, travel, body, field):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant)
    before = snapshot(case_id)
    refused = step(personas.clerk, case_id, "record_limitation", body, "actions", 400)
    assert any(key.split(".")[0] == field for key in refused["fields"]), refused
    assert snapshot(case_id) == before
    assert not Case.objects.filter(pk=case_id, limitation__isnull=False).exists()


# --- point 12: jurisdiction --------------------------------------------------------------------------------


def accepted_with_tribunal(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, respondent_code=personas.respondent.party.credit_code)
    places = {"place_of_performance": "广州市天河区", "employer_registered_place": "广州市番禺区"}
    step(personas.clerk, case_id, "record_jurisdiction", places, "actions")
    step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    step(personas.clerk, case_id, "serve_application", {}, "actions")  # defence due 03-12
    return case_id


def test_the_places_deciding_jurisdiction_are_recorded_and_shown(personas, travel):
    case_id = accepted_with_tribunal(personas, travel)
    shown = detail(personas.clerk, case_id)
    assert (shown["place_of_performance"], shown["employer_registered_place"]) == (
        "广州市天河区",
        "广州市番禺区",
    )
    assert "广州市番禺区" in flags(personas.clerk, case_id)["jurisdiction_places"]["message"]
    [event] = events(case_id, "record_jurisdiction")
    assert event.actor == personas.clerk and event.data["place_of_performance"] == "广州市天河区"
    refused = step(personas.clerk, case_id, "record_jurisdiction", {}, "actions", 400)
    assert "place_of_performance" in refused["fields"]


def test_an_objection_to_jurisdiction_is_decided_before_the_hearing(personas, travel):
    case_id = accepted_with_tribunal(personas, travel)
    step(personas.respondent, case_id, "object_to_jurisdiction", {"reason": "合同履行地在番禺"}, "actions")
    assert "jurisdiction_objection" in flags(personas.clerk, case_id)
    hearing = {"hearing_at": "2026-03-20T09:30:00+08:00"}
    blocked = step(personas.arbitrator, case_id, "schedule_oral_hearing", hearing, expect=400)
    assert "jurisdiction" in blocked["fields"]
    again = step(personas.respondent, case_id, "object_to_jurisdiction", {"reason": "再次"}, "actions", 400)
    assert "jurisdiction" in again["fields"]

    decision = {"decision": "dismissed", "reason": "申请人工作地在天河区，本委有管辖权"}
    step(personas.clerk, case_id, "decide_jurisdiction_objection", decision, "actions", 403)
    step(personas.supervisor, case_id, "decide_jurisdiction_objection", decision, "actions")
    [decided] = events(case_id, "decide_jurisdiction_objection")
    assert (decided.actor, decided.data["decision"]) == (personas.supervisor, "dismissed")
    assert step(personas.arbitrator, case_id, "schedule_oral_hearing", hearing)["status"] == "oral_hearing"


def test_an_objection_after_the_defence_period_is_refused(personas, travel):
    case_id = accepted_with_tribunal(personas, travel)
    travel.move_to("2026-03-13 09:00 +0800")  # the defence was due on 03-12
    refused = step(personas.respondent, case_id, "object_to_jurisdiction", {"reason": "迟到"}, "actions", 400)
    assert "jurisdiction" in refused["fields"] and "2026-03-12" in refused["fields"]["jurisdiction"][0]
    assert events(case_id, "object_to_jurisdiction") == []


def test_an_upheld_objection_transfers_the_case_to_the_competent_commission(personas, travel):
    case_id = accepted_with_tribunal(personas, travel)
    step(personas.respondent, case_id, "object_to_jurisdiction", {"reason": "合同履行地在番禺"}, "actions")
    before = snapshot(case_id)
    upheld = {"decision": "upheld", "reason": "履行地及住所地均在番禺区"}
    refused = step(personas.supervisor, case_id, "decide_jurisdiction_objection", upheld, "actions", 400)
    assert "competent_commission" in refused["fields"]
    assert snapshot(case_id) == before

    commission = "广州市番禺区劳动人事争议仲裁委员会"
    step(
        personas.supervisor,
        case_id,
        "decide_jurisdiction_objection",
        {**upheld, "competent_commission": commission},
        "actions",
    )
    shown = detail(personas.clerk, case_id)
    assert (shown["status"], shown["closure_type"]) == ("closed", "transferred")
    [transfer] = events(case_id, "transfer")
    assert transfer.actor == personas.supervisor and transfer.data["competent_commission"] == commission
    assert "第四十六条" in transfer.data["note"]
    assert Notification.objects.filter(user=personas.applicant, kind="case.transferred").exists()


def test_the_commission_transfers_a_case_it_finds_outside_its_jurisdiction(personas, travel):
    case_id = accepted_with_tribunal(personas, travel)
    before = snapshot(case_id)
    missing = step(personas.clerk, case_id, "transfer", {"reason": "无管辖权"}, expect=400)
    assert "competent_commission" in missing["fields"]
    assert snapshot(case_id) == before
    body = {"reason": "无管辖权", "competent_commission": "广州市番禺区劳动人事争议仲裁委员会"}
    step(personas.respondent, case_id, "transfer", body, expect=403)
    assert step(personas.clerk, case_id, "transfer", body)["closure_type"] == "transferred"


# --- point 12: a case transferred in from another commission (R Arts. 9, 46) ------------------------------

TRANSFERRED_FROM = {
    "commission": "广州市番禺区劳动人事争议仲裁委员会",
    "case_number": "穗番劳人仲案字〔2026〕12号",
    "received_on": "2026-03-05",
}


def transferred_application(**transferred):
    return {
        "applicant": {"kind": "person", "name": "李四", "id_number": id_number()},
        "respondent": {"kind": "organisation", "name": "广州移送测试有限公司", "credit_code": credit_code()},
        "claims": [{"category": "wage_arrears", "amount": "8000.00", "description": "工资"}],
        "facts": "番禺区仲裁委移送本委的案件。",
        "transferred_from": {**TRANSFERRED_FROM, **transferred},
    }


def test_a_case_transferred_in_runs_its_ruling_period_from_the_receipt_of_the_file(personas, travel):
    travel.move_to("2026-03-10 09:00 +0800")
    response = api(personas.clerk).post("/api/v1/cases/", transferred_application(), format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    shown = detail(personas.clerk, case_id)
    assert shown["transferred_from"] == TRANSFERRED_FROM
    assert shown["received_at"].startswith("2026-03-05")
    assert "穗番劳人仲案字〔2026〕12号" in flags(personas.clerk, case_id)["transferred_in"]["message"]
    [registered] = events(case_id, "registered")
    assert registered.actor == personas.clerk and registered.data["transferred_from"] == TRANSFERRED_FROM

    accepted = step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    ruling = next(d for d in accepted["deadlines"] if d["kind"] == "ruling")
    # From the receipt on 03-05, not from the acceptance on 03-10 (which would end on 04-24).
    assert (ruling["starts_on"], ruling["days"], ruling["due_on"]) == ("2026-03-05", 45, "2026-04-20")
    [accept] = events(case_id, "accept")
    assert accept.actor == personas.clerk and accept.data["ruling_from"] == "2026-03-05"
    assert "第四十六条" in accept.data["transfer_note"]
    client = Client()
    client.force_login(personas.clerk)
    page = client.get(f"/cases/{case_id}/").content.decode()
    box = page.partition('data-testid="transferred-from"')[2].partition("</div>")[0]
    assert "广州市番禺区劳动人事争议仲裁委员会" in box and "2026-03-05" in box
    assert "第四十六条" in page.partition('data-testid="transferred-from"')[2]  # the timeline's accept entry


def test_an_ordinary_case_runs_from_its_acceptance(personas, travel):
    travel.move_to("2026-03-10 09:00 +0800")
    body = transferred_application()
    del body["transferred_from"]
    case_id = api(personas.clerk).post("/api/v1/cases/", body, format="json").json()["id"]
    accepted = step(personas.clerk, case_id, "accept", {"arbitrators": [personas.arbitrator.pk]})
    ruling = next(d for d in accepted["deadlines"] if d["kind"] == "ruling")
    assert (ruling["starts_on"], ruling["due_on"]) == ("2026-03-10", "2026-04-24")
    assert detail(personas.clerk, case_id)["transferred_from"] is None


@pytest.mark.parametrize(
    ("who", "transferred", "field"),
    [
        ("applicant", {}, "transferred_from"),  # only a clerk registers a transferred case
        ("clerk", {"received_on": "2026-03-11"}, "received_on"),  # tomorrow
        ("clerk", {"received_on": None}, "received_on"),
        ("clerk", {"commission": "  "}, "commission"),
        ("clerk", {"case_number": ""}, "case_number"),
    ],
)
def test_a_bad_transfer_in_is_refused_naming_the_field_and_nothing_is_written(
    personas, travel, who, transferred, field
):
    travel.move_to("2026-03-10 09:00 +0800")
    before = Case.objects.count()
    response = api(getattr(personas, who)).post(
        "/api/v1/cases/", transferred_application(**transferred), format="json"
    )
    assert response.status_code == 400, response.json()
    assert any(field in key for key in response.json()["fields"]), response.json()
    assert Case.objects.count() == before
