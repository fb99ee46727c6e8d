"""The extension points of ``cases``: a step or a deadline provider plugged in by another app is read by
every layer (what may I do now, the API, the case page, the timeline, the deadline engine)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from rest_framework import serializers

from accounts.models import User
from cases import deadlines
from cases import permissions as perm
from cases.deadlines import PROVIDERS, DeadlineProvider, Spec, Timeline
from cases.models import Case, Deadline, DeadlineKind, Status
from cases.registry import STEPS, Step
from cases.services.kernel import check_action, finish, fire, lock_case, record_event
from core import clock
from core.calendar import WorkingCalendar
from tests.helpers import api, credit_code

pytestmark = pytest.mark.django_db


# --- a plug-in, as an app would write it in its steps.py / deadlines.py -------------------------------------


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=200, label="File note")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


@transaction.atomic
def note_for_file(*, case: Case, user: User, note: str, reason: str = "") -> Case:
    case = lock_case(case)
    check_action(case, "note_for_file", user)
    record_event(case, "note_for_file", user, reason=reason, data={"note": note})
    return finish(case)


NOTE_STEP = Step(
    name="note_for_file",
    label="Add a note to the file",
    service=note_for_file,
    input=NoteInput,
    statuses=(Status.ACCEPTED,),
    permission=perm.intake_staff,
    describe=lambda event: [event.data["note"]],
    owner="tests",
)


@transaction.atomic
def award_with_record(*, case: Case, user: User, reason: str = "") -> Case:
    """An award step owned by a plug-in: it writes its own record before the case closes."""
    case = lock_case(case)
    record_event(case, "award_record_written", user, data={"items": 2})
    fire(case, "issue_award", user, reason=reason)
    return finish(case)


class AwardInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


AWARD_STEP = Step(
    name="issue_award",
    label="Issue the award with its record",
    service=award_with_record,
    input=AwardInput,
    transition=True,
    owner="tests",
)


# --- helpers ------------------------------------------------------------------------------------------------


def _accepted_case(personas) -> int:
    body = {
        "respondent": {"kind": "organisation", "name": "插件测试公司", "credit_code": credit_code()},
        "claims": [{"category": "wage_arrears", "amount": "3000.00", "description": "工资"}],
        "facts": "拖欠工资。",
        "consents": {"async_hearing": True, "electronic_service": True},
    }
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    accepted = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk]},
        format="json",
    )
    assert accepted.status_code == 200, accepted.json()
    return case_id


def _in_deliberation(personas) -> int:
    case_id = _accepted_case(personas)
    served = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json"
    )
    assert served.status_code == 200, served.json()
    arbitrator = api(personas.arbitrator)
    for name in ("schedule_oral_hearing", "conclude_hearing"):
        body = {"hearing_at": "2031-01-10T09:00:00+08:00"} if name == "schedule_oral_hearing" else {}
        response = arbitrator.post(f"/api/v1/cases/{case_id}/transitions/{name}/", body, format="json")
        assert response.status_code == 200, response.json()
    return case_id


# --- the step registry --------------------------------------------------------------------------------------


def test_a_registered_action_is_offered_validated_taken_and_read_in_the_timeline(personas, client):
    case_id = _accepted_case(personas)
    clerk = api(personas.clerk)
    before = clerk.get(f"/api/v1/cases/{case_id}/").json()
    assert "note_for_file" not in [o["name"] for o in before["options"]]
    assert clerk.post(f"/api/v1/cases/{case_id}/actions/note_for_file/", {}, format="json").status_code == 404

    with STEPS.scoped():
        STEPS.register(NOTE_STEP)
        detail = clerk.get(f"/api/v1/cases/{case_id}/").json()
        option = next(o for o in detail["options"] if o["name"] == "note_for_file")
        assert option == {
            "name": "note_for_file",
            "label": "Add a note to the file",
            "is_transition": False,
            "enabled": True,
            "reason": None,
        }
        # Only who the step's permission names sees it.
        applicant_options = api(personas.applicant).get(f"/api/v1/cases/{case_id}/").json()["options"]
        assert "note_for_file" not in [o["name"] for o in applicant_options]

        # The case page offers it with a field built from the step's own input shape.
        client.force_login(personas.clerk)
        page = client.get(f"/cases/{case_id}/").content.decode()
        assert f"/cases/{case_id}/steps/note_for_file/" in page
        assert 'name="note"' in page and "File note" in page

        # The API validates with the step's input, then runs the step's service.
        empty = clerk.post(f"/api/v1/cases/{case_id}/actions/note_for_file/", {}, format="json")
        assert empty.status_code == 400
        assert "note" in empty.json()["fields"]
        taken = clerk.post(
            f"/api/v1/cases/{case_id}/actions/note_for_file/", {"note": "电话联系了被申请人"}, format="json"
        )
        assert taken.status_code == 200, taken.json()
        events = clerk.get(f"/api/v1/cases/{case_id}/events/").json()["results"]
        assert [e["label"] for e in events if e["kind"] == "note_for_file"] == ["Add a note to the file"]

        # The page posts through the same service and shows the step's own reading of its event.
        posted = client.post(f"/cases/{case_id}/steps/note_for_file/", {"note": "第二条记录"})
        assert posted.status_code == 302
        page = client.get(f"/cases/{case_id}/").content.decode()
        assert "第二条记录" in page and "电话联系了被申请人" in page

    # Out of the registry, out of every layer.
    assert (
        clerk.post(
            f"/api/v1/cases/{case_id}/actions/note_for_file/", {"note": "x"}, format="json"
        ).status_code
        == 404
    )


def test_a_transition_is_offered_only_through_the_step_an_app_registers_and_runs_that_apps_service(
    personas, client
):
    case_id = _in_deliberation(personas)
    arbitrator = api(personas.arbitrator)
    assert "issue_award" in arbitrator.get(f"/api/v1/cases/{case_id}/").json()["allowed_transitions"]

    with STEPS.scoped():
        STEPS.unregister("issue_award")
        detail = arbitrator.get(f"/api/v1/cases/{case_id}/").json()
        assert "issue_award" not in detail["allowed_transitions"]
        refused = arbitrator.post(f"/api/v1/cases/{case_id}/transitions/issue_award/", {}, format="json")
        assert refused.status_code == 404

        STEPS.register(AWARD_STEP)
        detail = arbitrator.get(f"/api/v1/cases/{case_id}/").json()
        assert "issue_award" in detail["allowed_transitions"]
        assert {"name": "issue_award", "label": "Issue the award with its record"}.items() <= next(
            o for o in detail["options"] if o["name"] == "issue_award"
        ).items()
        client.force_login(personas.arbitrator)
        assert "Issue the award with its record" in client.get(f"/cases/{case_id}/").content.decode()

        issued = arbitrator.post(f"/api/v1/cases/{case_id}/transitions/issue_award/", {}, format="json")
        assert issued.status_code == 200, issued.json()
        assert issued.json()["status"] == Status.CLOSED
        kinds = [e["kind"] for e in arbitrator.get(f"/api/v1/cases/{case_id}/events/").json()["results"]]
        assert kinds.index("award_record_written") < kinds.index("issue_award")


def test_the_registry_refuses_a_second_owner_and_an_unknown_transition():
    with STEPS.scoped():
        with pytest.raises(ValueError, match="already registered"):
            STEPS.register(AWARD_STEP)
        with pytest.raises(ValueError, match="not a transition of Case"):
            STEPS.register(
                Step(name="teleport", label="x", service=note_for_file, input=NoteInput, transition=True)
            )
        with pytest.raises(ValueError, match="needs statuses and a permission"):
            Step(name="loose", label="x", service=note_for_file, input=NoteInput)


def test_each_app_owns_the_steps_of_its_transitions():
    owners = {step.name: step.owner for step in STEPS.transitions()}
    assert owners["record_mediation_agreement"] == "mediation"
    assert owners["start_async_hearing"] == owners["conclude_hearing"] == "hearings"
    assert owners["issue_award"] == "arbitration"
    assert owners["accept"] == "cases"
    every_transition = {t.name for t in Case().get_all_status_transitions()}
    assert set(owners) == every_transition  # every transition of the model is offered by some app


# --- deadline providers -------------------------------------------------------------------------------------

NOTE_KIND = "file_review"


def _review_specs(case: Case, timeline: Timeline) -> list[Spec]:
    """A review of the file 7 days after acceptance."""
    accepted = timeline.first("accept")
    if accepted is None:
        return []
    return [Spec(NOTE_KIND, deadlines.event_day(accepted), 7, "tribunal", "test")]


def _serve(personas, case_id: int) -> None:
    served = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/actions/serve_application/", {}, format="json"
    )
    assert served.status_code == 200, served.json()


def test_a_deadline_stored_by_a_provider_survives_the_recomputes_of_the_others(personas):
    with PROVIDERS.scoped():
        PROVIDERS.register(DeadlineProvider("tests", frozenset({NOTE_KIND}), _review_specs))
        case_id = _accepted_case(personas)
        review = Deadline.objects.get(case_id=case_id, kind=NOTE_KIND)
        _serve(personas, case_id)  # the case domain recomputes its deadlines

        kept = Deadline.objects.get(case_id=case_id, kind=NOTE_KIND)
        assert kept.pk == review.pk and kept.due_on == review.due_on
        assert Deadline.objects.filter(case_id=case_id, kind=DeadlineKind.DEFENCE).exists()
        detail = api(personas.clerk).get(f"/api/v1/cases/{case_id}/").json()
        assert NOTE_KIND in [d["kind"] for d in detail["deadlines"]]


def test_a_deadline_no_provider_owns_is_left_alone(personas):
    """An app that stores its own deadlines (the hearing's stage windows) does not lose them."""
    case_id = _accepted_case(personas)
    stage = Deadline.objects.create(
        case_id=case_id,
        kind=DeadlineKind.HEARING_STAGE,
        key="evidence",
        starts_on=date(2031, 1, 1),
        days=10,
        due_on=date(2031, 1, 11),
        responsible="parties",
    )
    _serve(personas, case_id)
    assert Deadline.objects.filter(pk=stage.pk).exists()


def test_providers_own_their_kinds_exclusively(personas):
    with PROVIDERS.scoped(), pytest.raises(ValueError, match="owned by 'cases'"):
        PROVIDERS.register(DeadlineProvider("thief", frozenset({DeadlineKind.RULING}), _review_specs))
    case = Case.objects.get(pk=_accepted_case(personas))
    with PROVIDERS.scoped():
        # Declares one kind, computes another: a programming error, caught on the first computation.
        PROVIDERS.register(DeadlineProvider("liar", frozenset({"something_else"}), _review_specs))
        with pytest.raises(ValueError, match="does not own"):
            deadlines.compute(case, case.events.all(), clock.today(), WorkingCalendar())


# --- the case event signal ----------------------------------------------------------------------------------


def test_every_recorded_event_is_signalled_with_its_case(personas):
    from cases.signals import case_event_recorded

    heard: list[tuple[int, str]] = []

    def listener(sender, case, event, **kwargs):
        assert event.pk is not None and event.case_id == case.pk  # the stored row, on its case
        heard.append((case.pk, event.kind))

    case_event_recorded.connect(listener)
    try:
        case_id = _accepted_case(personas)
        _serve(personas, case_id)
    finally:
        case_event_recorded.disconnect(listener)
    assert heard == [(case_id, "filed"), (case_id, "accept"), (case_id, "serve_application")]


# --- the case page links ------------------------------------------------------------------------------------


def test_a_link_another_app_registers_shows_on_the_case_page_for_whom_it_says(client, personas):
    from cases.registry import CASE_LINKS, CaseLink

    case_id = _accepted_case(personas)
    with CASE_LINKS.scoped():
        CASE_LINKS.register(
            CaseLink(
                name="plugin-files",
                section="Plug-in section",
                label="Plug-in page",
                url_name="case-detail",  # any pattern that takes the case's id
                permission=lambda case, user: user.role == "clerk",
                owner="plugin",
            )
        )
        with pytest.raises(ValueError, match="already registered by 'plugin'"):
            CASE_LINKS.register(CaseLink(name="plugin-files", section="x", label="x", url_name="case-detail"))
        client.force_login(personas.clerk)
        page = client.get(f"/cases/{case_id}/").content.decode()
        assert "Plug-in section" in page and 'data-link="plugin-files"' in page
        client.force_login(personas.applicant)
        assert 'data-link="plugin-files"' not in client.get(f"/cases/{case_id}/").content.decode()
    client.force_login(personas.clerk)
    assert 'data-link="plugin-files"' not in client.get(f"/cases/{case_id}/").content.decode()
