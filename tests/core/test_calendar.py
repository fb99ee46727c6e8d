"""The supervisor-editable holiday calendar, and deadlines following its edits."""

from __future__ import annotations

import pytest

from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def acceptance(user, case_id):
    body = api(user).get(f"/api/v1/cases/{case_id}/").json()
    return next(d for d in body["deadlines"] if d["kind"] == "acceptance_decision")


def test_the_calendar_api_lists_a_years_schedule(personas):
    body = api(personas.clerk).get("/api/v1/calendar/2025/").json()
    assert body["published"] is True
    assert {"date": "2025-10-11", "kind": "workday", "name": "国庆节"} in body["days"]
    assert api(personas.clerk).get("/api/v1/calendar/2027/").json() == {
        "year": 2027,
        "published": False,
        "source": "",
        "days": [],
    }


def test_only_supervisors_edit_it(personas):
    for user in (personas.clerk, personas.arbitrator, personas.applicant):
        response = api(user).put("/api/v1/calendar/days/2027-01-01/", {"kind": "holiday"}, format="json")
        assert response.status_code == 403, user
    assert (
        api(personas.supervisor)
        .put("/api/v1/calendar/days/2027-01-01/", {"kind": "holiday", "name": "元旦"}, format="json")
        .status_code
        == 200
    )


def test_bad_calendar_input_is_400(personas):
    client = api(personas.supervisor)
    assert (
        client.put("/api/v1/calendar/days/2027-02-30/", {"kind": "holiday"}, format="json").status_code == 400
    )
    weekday = client.put("/api/v1/calendar/days/2027-01-06/", {"kind": "workday"}, format="json")
    assert weekday.status_code == 400 and "kind" in weekday.json()["fields"]
    assert (
        client.put("/api/v1/calendar/days/2027-01-06/", {"kind": "party"}, format="json").status_code == 400
    )


def test_entering_the_2027_schedule_moves_and_confirms_open_deadlines(
    personas, travel, django_capture_on_commit_callbacks
):
    travel.move_to("2026-12-28 10:00 +0800")
    case_id = file_case(personas.applicant)
    before = acceptance(personas.clerk, case_id)
    assert (before["due_on"], before["provisional"]) == ("2027-01-04", True)  # provisional: New Year, weekend

    supervisor = api(personas.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        # Suppose the notice makes Monday 2027-01-04 a holiday too.
        for day in ("2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"):
            assert (
                supervisor.put(
                    f"/api/v1/calendar/days/{day}/", {"kind": "holiday", "name": "元旦"}, format="json"
                ).status_code
                == 200
            )
    moved = acceptance(personas.clerk, case_id)
    assert (moved["due_on"], moved["provisional"]) == ("2027-01-05", True)

    with django_capture_on_commit_callbacks(execute=True):
        assert (
            supervisor.put("/api/v1/calendar/2027/", {"published": True}, format="json").json()["published"]
            is True
        )
    confirmed = acceptance(personas.clerk, case_id)
    assert (confirmed["due_on"], confirmed["provisional"]) == ("2027-01-05", False)


def test_load_holidays_keeps_hand_edited_years(personas):
    from django.core.management import call_command

    from core.models import CalendarDay, CalendarYear

    CalendarDay.objects.filter(date="2026-10-01").delete()
    CalendarYear.objects.filter(year=2026).update(source="edited by 吴建国")
    call_command("load_holidays")
    assert not CalendarDay.objects.filter(date="2026-10-01").exists()
    call_command("load_holidays", "--replace-edited")
    assert CalendarDay.objects.get(date="2026-10-01").kind == "holiday"
    assert CalendarYear.objects.get(year=2026).source.startswith("chinese-calendar")


def test_a_supervisor_edits_the_calendar_in_the_admin_and_deadlines_follow(
    personas, travel, client, django_capture_on_commit_callbacks
):
    travel.move_to("2026-12-28 10:00 +0800")
    case_id = file_case(personas.applicant)
    client.force_login(personas.supervisor)
    assert client.get("/admin/core/calendarday/").status_code == 200
    assert client.get("/admin/cases/case/").status_code == 403  # the cases are not a supervisor's admin
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/core/calendarday/add/", {"date": "2027-01-04", "kind": "holiday", "name": "元旦"}
        )
    assert response.status_code == 302
    assert acceptance(personas.clerk, case_id)["due_on"] == "2027-01-05"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/core/calendarday/2027-01-04/delete/", {"post": "yes"})
    assert acceptance(personas.clerk, case_id)["due_on"] == "2027-01-04"
