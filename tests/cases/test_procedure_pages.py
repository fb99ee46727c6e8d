"""The case page's forms for counter-applications (R Art. 36) and advance execution (L Art. 44): the same
steps as the API, the counter-claims shown apart from the applicant's claims."""

from __future__ import annotations

import pytest

from cases.models import AdvanceExecution, CounterApplication
from tests.helpers import api
from tests.helpers import file_case as file_application

pytestmark = pytest.mark.django_db


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def served_case(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_application(personas.applicant, personas.respondent.party.credit_code)
    for path, body in (
        ("transitions/accept", {"arbitrators": [personas.arbitrator.pk]}),
        ("actions/serve_application", {}),
    ):
        response = api(personas.clerk).post(f"/api/v1/cases/{case_id}/{path}/", body, format="json")
        assert response.status_code == 200, response.json()
    return case_id


def test_the_respondent_files_a_counter_application_on_the_case_page(client, personas, travel):
    case_id = served_case(personas, travel)
    travel.move_to("2026-03-04 10:00 +0800")
    client.force_login(personas.respondent)
    page = page_of(client.get(f"/cases/{case_id}/"))
    form = page.partition('id="step-file_counter_application"')[2].partition("</li>")[0]
    assert 'name="claim-0-category"' in form and 'name="facts"' in form

    response = client.post(
        f"/cases/{case_id}/steps/file_counter_application/",
        {
            "claim-0-category": "other",
            "claim-0-amount": "5000.00",
            "claim-0-description": "返还多发工资",
            "facts": "",
        },
    )
    assert response.status_code == 302
    assert not CounterApplication.objects.filter(case_id=case_id).exists()  # no facts: refused at its field
    response = client.post(
        f"/cases/{case_id}/steps/file_counter_application/",
        {
            "claim-0-category": "other",
            "claim-0-amount": "5000.00",
            "claim-0-description": "返还多发工资",
            "facts": "申请人多领了一个月工资。",
        },
    )
    assert response.status_code == 302
    assert CounterApplication.objects.get(case_id=case_id).claims.count() == 1

    client.force_login(personas.clerk)
    page = page_of(client.get(f"/cases/{case_id}/"))
    counter = page.partition('data-testid="counter-application"')[2].partition("</div>")[0]
    assert "反申请" in page and "返还多发工资" in counter and "¥5000.00" in counter
    claims = page.partition('id="claims"')[2].partition('data-testid="counter-application"')[0]
    assert "拖欠工资" in claims and "返还多发工资" not in claims
    assert "提出反申请" in page  # the timeline reads the step in Chinese


def test_advance_execution_from_the_case_page(client, personas, travel):
    case_id = served_case(personas, travel)
    client.force_login(personas.applicant)
    response = client.post(
        f"/cases/{case_id}/steps/apply_advance_execution/",
        {"kind": "wages", "amount": "9000.00", "grounds": "无力支付房租"},
    )
    assert response.status_code == 302
    client.force_login(personas.arbitrator)
    page = page_of(client.get(f"/cases/{case_id}/"))
    form = page.partition('id="step-decide_advance_execution"')[2].partition("</li>")[0]
    for field in ("grant", "rights_clear", "serious_effect", "reason"):
        assert f'name="{field}"' in form
    client.post(
        f"/cases/{case_id}/steps/decide_advance_execution/",
        {"grant": "on", "rights_clear": "on", "reason": "事实清楚"},
    )
    assert AdvanceExecution.objects.get(case_id=case_id).status == "pending"  # one condition missing
    client.post(
        f"/cases/{case_id}/steps/decide_advance_execution/",
        {"grant": "on", "rights_clear": "on", "serious_effect": "on", "reason": "事实清楚，影响生活"},
    )
    client.force_login(personas.clerk)
    client.post(
        f"/cases/{case_id}/steps/transfer_advance_execution/",
        {"court": "广州市天河区人民法院", "transferred_on": "2026-03-02"},
    )
    page = page_of(client.get(f"/cases/{case_id}/"))
    shown = page.partition('data-testid="advance-execution"')[2].partition("</div>")[0]
    assert "劳动报酬" in shown and "准许" in shown and "广州市天河区人民法院" in shown
