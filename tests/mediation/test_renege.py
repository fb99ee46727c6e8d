"""A party reneging on the tribunal's mediation document before it took effect: the case goes back to
where it came from, the tribunal is told to rule promptly, and the timeline says who refused and why."""

from __future__ import annotations

import pytest

from core.models import Notification
from tests.mediation.conftest import ITEMS, get, post
from tests.mediation.test_in_arbitration import _in_tribunal_mediation
from tests.mediation.test_pages import client_for, page

pytestmark = pytest.mark.django_db


def test_reneging_asks_the_tribunal_for_a_prompt_ruling(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel, start_from="oral_hearing")
    document = post(
        personas.arbitrator, f"/api/v1/cases/{case_id}/mediation/agreement/", {"items": ITEMS}, 201
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{document['id']}/confirm/")
    post(
        personas.respondent, f"/api/v1/mediation-agreements/{document['id']}/renege/", {"reason": "金额反悔"}
    )

    notice = Notification.objects.get(user=personas.arbitrator, kind="case.prompt_ruling")
    assert notice.body == "金额反悔" and "尽快" in notice.title
    assert not Notification.objects.filter(user=personas.applicant, kind="case.prompt_ruling").exists()

    events = get(personas.arbitrator, f"/api/v1/cases/{case_id}/events/")["results"]
    ended = next(e for e in events if e["kind"] == "end_mediation")
    assert ended["data"]["prompt_ruling"] is True and ended["data"]["reneged"] == "respondent"
    assert (ended["from_status"], ended["to_status"]) == ("mediation", "oral_hearing")

    html = page(client_for(personas.arbitrator), f"/cases/{case_id}/")
    assert "被申请人在调解书生效前拒绝签收" in html and "仲裁庭应及时作出裁决" in html


def test_a_mediation_ended_by_the_tribunal_asks_for_nothing_more(personas, travel):
    case_id = _in_tribunal_mediation(personas, travel)
    post(personas.arbitrator, f"/api/v1/cases/{case_id}/transitions/end_mediation/", {"reason": "调解不成"})
    assert not Notification.objects.filter(kind="case.prompt_ruling").exists()
    html = page(client_for(personas.arbitrator), f"/cases/{case_id}/")
    assert "仲裁庭应及时作出裁决" not in html
