"""The linked-cases pages (串案): proposals, the group page and its actions, the mark on each member."""

from __future__ import annotations

import pytest

from accounts.models import Role
from cases.models import Case, CaseGroup
from tests.helpers import credit_code, file_case, make_person, make_user

pytestmark = pytest.mark.django_db

CLAIMS = [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}]


def three_cases(code=None):
    code = code or credit_code()
    workers = [
        make_user(f"pw{i}", Role.APPLICANT, party=make_person(f"页面工人{i}"), display_name=f"页面工人{i}")
        for i in range(3)
    ]
    return [file_case(w, code, claims=CLAIMS) for w in workers], workers


def test_a_clerk_links_a_proposal_and_accepts_the_group_from_the_pages(client, personas):
    ids, _workers = three_cases()
    client.force_login(personas.clerk)
    page = client.get("/case-groups/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="proposals"' in text and "页面工人0" in text
    proposal = text.split('data-proposal="')[1].split('"')[0]
    response = client.post(
        f"/case-groups/proposals/{proposal}/confirm/",
        {
            "cases": [str(pk) for pk in ids],
            "label": "页面串案",
            "lead_arbitrator": str(personas.arbitrator.pk),
        },
    )
    group = CaseGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/case-groups/{group.pk}/"
    page = client.get(f"/case-groups/{group.pk}/").content.decode()
    assert "页面串案" in page and 'data-action="accept"' in page

    response = client.post(
        f"/case-groups/{group.pk}/actions/accept/", {"arbitrator": str(personas.arbitrator.pk)}
    )
    assert response.status_code == 302
    page = client.get(f"/case-groups/{group.pk}/").content.decode()
    assert page.count('data-outcome="done"') == 3
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"accepted"}
    # A second acceptance: every member refused with its reason, nothing changed.
    client.post(f"/case-groups/{group.pk}/actions/accept/", {})
    assert client.get(f"/case-groups/{group.pk}/").content.decode().count('data-outcome="refused"') == 3

    # The member's page and the docket carry the mark, linking to the group.
    detail = client.get(f"/cases/{ids[0]}/").content.decode()
    assert f'href="/case-groups/{group.pk}/"' in detail and 'data-testid="group-mark"' in detail
    client.force_login(personas.arbitrator)
    docket = client.get("/docket/").content.decode()
    assert docket.count('data-testid="group-mark"') == 3

    client.force_login(personas.clerk)
    client.post(f"/case-groups/{group.pk}/unlink/", {"case": str(ids[2]), "reason": "另案"})
    assert Case.objects.get(pk=ids[2]).case_group_id is None


def test_parties_see_only_that_their_case_is_handled_jointly(client, personas):
    ids, workers = three_cases()
    client.force_login(personas.clerk)
    client.post(
        "/case-groups/proposals/{}/confirm/".format(
            client.get("/case-groups/").content.decode().split('data-proposal="')[1].split('"')[0]
        ),
        {"label": "秘密标签"},
    )
    group = CaseGroup.objects.get()
    client.force_login(workers[0])
    page = client.get(f"/cases/{ids[0]}/").content.decode()
    assert 'data-testid="group-mark"' in page
    assert "秘密标签" not in page and "/case-groups/" not in page and "页面工人1" not in page
    listing = client.get("/cases/").content.decode()
    assert "秘密标签" not in listing
    for user in (workers[0], personas.respondent, personas.mediator, personas.outsider):
        client.force_login(user)
        assert client.get("/case-groups/").status_code == 404
        assert client.get(f"/case-groups/{group.pk}/").status_code == 404
        assert client.post(f"/case-groups/{group.pk}/actions/accept/", {}).status_code == 404


def test_pages_in_chinese_by_default_and_english_on_request(client, personas):
    three_cases()
    client.force_login(personas.clerk)
    assert "串案建议" in client.get("/case-groups/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Proposed links" in client.get("/case-groups/").content.decode()


def test_the_lead_arbitrator_opens_the_joint_hearing_and_mediation_from_the_group_page(
    client, personas, travel
):
    from hearings.models import HearingSession
    from tests.helpers import api

    travel.move_to("2026-03-02 09:00 +0800")
    code = personas.respondent.party.credit_code
    workers = [make_user(f"hw{i}", Role.APPLICANT, party=make_person(f"听证工人{i}")) for i in range(2)]
    consents = {"async_hearing": True, "electronic_service": True}
    ids = [file_case(w, code, claims=CLAIMS, consents=consents) for w in workers]
    gid = api(personas.clerk).post("/api/v1/case-groups/", {"cases": ids}, format="json").json()["id"]
    api(personas.clerk).post(
        f"/api/v1/case-groups/{gid}/actions/accept/", {"arbitrators": [personas.arbitrator.pk]}, format="json"
    )
    for pk in ids:
        api(personas.respondent).post(f"/api/v1/cases/{pk}/consents/", consents, format="json")
    client.force_login(personas.arbitrator)
    page = client.get(f"/case-groups/{gid}/").content.decode()
    assert 'data-action="open_hearing"' in page and 'data-action="accept"' not in page
    client.post(
        f"/case-groups/{gid}/actions/open_hearing/",
        {"statements_opens": "2026-03-02T10:00", "statements_closes": "2026-03-04T18:00"},
    )
    sessions = HearingSession.objects.filter(case_id__in=ids)
    assert sessions.count() == 2 and len({s.joint_id for s in sessions}) == 1
    client.post(f"/case-groups/{gid}/actions/start_mediation/", {"reason": "集中调解"})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"mediation"}
