"""Pre-filing mediation through the API: referral, agreement, failure, decline, ending, lapse."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings

from cases.models import Case, MediationEpisode
from config.celery import app
from tests.mediation.conftest import ITEMS, deadline, file_dispute, get, post, refer

pytestmark = pytest.mark.django_db


def test_referral_to_confirmed_agreement_makes_the_dispute_mediated(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    # No organisation chosen: the one covering the dispute's street (测试街) takes it.
    case = refer(personas, case_id)
    assert case["status"] == "pre_mediation"
    assert deadline(case, "pre_mediation")["due_on"] == "2026-03-17"

    travel.move_to("2026-03-05 10:00 +0800")
    agreement = post(
        personas.mediator,
        f"/api/v1/cases/{case_id}/mediation/agreement/",
        {"items": ITEMS, "terms": "双方再无其他争议。"},
        expect=201,
    )
    assert agreement["status"] == "awaiting_confirmation"
    assert [i["amount"] for i in agreement["items"]] == ["7800.00", None]

    # An agreement nobody confirmed does not make the dispute mediated, even fired by hand.
    refused = post(
        personas.mediator, f"/api/v1/cases/{case_id}/transitions/record_mediation_agreement/", expect=400
    )
    assert list(refused["fields"]) == ["agreement"]

    first = post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    assert first["status"] == "awaiting_confirmation" and first["applicant_confirmed_at"]
    assert Case.objects.get(pk=case_id).status == "pre_mediation"
    both = post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    assert both["status"] == "confirmed"
    assert Case.objects.get(pk=case_id).status == "mediated"

    episodes = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert len(episodes) == 1
    episode = episodes[0]
    assert episode["stage"] == "pre_filing" and episode["outcome"] == "agreement"
    assert episode["organisation"]["name"] == "天河区测试街道调解中心"
    assert episode["mediator"]["username"] == "p-mediator"
    assert episode["concluded"] is not None
    again = post(personas.respondent, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/", expect=409)
    assert again["code"] == "invalid_transition"


def test_referral_needs_the_applicants_consent(personas, travel):
    case_id = file_dispute(personas, consent=False)
    refused = post(personas.clerk, f"/api/v1/cases/{case_id}/transitions/refer_to_mediation/", {}, expect=400)
    assert list(refused["fields"]) == ["consents.applicant.pre_mediation"]
    assert not MediationEpisode.objects.filter(case_id=case_id).exists()


def test_failure_returns_to_review_with_a_fresh_acceptance_deadline(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    assert deadline(get(personas.clerk, f"/api/v1/cases/{case_id}/"), "acceptance_decision")["due_on"] == (
        "2026-03-09"
    )
    refer(personas, case_id)
    travel.move_to("2026-03-12 15:00 +0800")
    case = post(
        personas.mediator,
        f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/",
        {"reason": "用人单位不同意调解方案"},
    )
    assert case["status"] == "submitted"
    # Five days from the return (2026-03-12), not from the filing.
    assert deadline(case, "acceptance_decision") == {
        **deadline(case, "acceptance_decision"),
        "due_on": "2026-03-17",
        "status": "open",
    }
    [episode] = get(personas.clerk, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episode["outcome"] == "failed"


def test_respondent_declines_and_the_applicant_may_end_mediation(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    # Only the respondent declines; only the applicant ends.
    post(personas.applicant, f"/api/v1/cases/{case_id}/mediation/decline/", expect=403)
    post(personas.respondent, f"/api/v1/cases/{case_id}/mediation/end/", expect=403)
    travel.move_to("2026-03-04 09:00 +0800")
    declined = post(
        personas.respondent, f"/api/v1/cases/{case_id}/mediation/decline/", {"reason": "不同意调解"}
    )
    assert declined["status"] == "submitted"
    assert (declined["episode"]["outcome"], declined["episode"]["outcome_detail"]) == ("failed", "declined")
    assert deadline(get(personas.clerk, f"/api/v1/cases/{case_id}/"), "acceptance_decision")["due_on"] == (
        "2026-03-09"
    )
    # Not in mediation any more: an outcome is a conflict.
    conflict = post(personas.respondent, f"/api/v1/cases/{case_id}/mediation/decline/", expect=409)
    assert conflict["code"] == "invalid_transition"

    # Referred again; the applicant asks to go on to arbitration.
    refer(personas, case_id)
    travel.move_to("2026-03-06 09:00 +0800")
    ended = post(personas.applicant, f"/api/v1/cases/{case_id}/mediation/end/", {"reason": "要求仲裁"})
    assert ended["status"] == "submitted"
    assert (ended["episode"]["outcome"], ended["episode"]["outcome_detail"]) == (
        "withdrawn",
        "ended_by_applicant",
    )
    episodes = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert [e["outcome"] for e in episodes] == ["failed", "withdrawn"]
    assert deadline(get(personas.clerk, f"/api/v1/cases/{case_id}/"), "acceptance_decision")["due_on"] == (
        "2026-03-11"
    )


def run_periodic_job() -> int:
    """The job the beat schedule names, run as beat (or the embedded scheduler) runs it."""
    import_module("mediation.tasks")  # Celery's autodiscovery is lazy; the worker imports it at start
    entry = settings.CELERY_BEAT_SCHEDULE["mediation-lapses"]
    return app.tasks[entry["task"]].apply(throw=True).get()


def test_a_lapsed_mediation_is_recorded_as_timeout_and_returns_to_acceptance(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    case = refer(personas, case_id)
    assert deadline(case, "pre_mediation")["due_on"] == "2026-03-17"

    # On the last day nothing happens.
    travel.move_to("2026-03-17 23:00 +0800")
    assert run_periodic_job() == 0
    assert Case.objects.get(pk=case_id).status == "pre_mediation"

    travel.move_to("2026-03-18 00:10 +0800")
    assert run_periodic_job() == 1
    assert run_periodic_job() == 0  # once only
    case = get(personas.clerk, f"/api/v1/cases/{case_id}/")
    assert case["status"] == "submitted"
    # The acceptance clock runs from the return.
    assert deadline(case, "acceptance_decision")["due_on"] == "2026-03-23"
    assert deadline(case, "acceptance_decision")["status"] == "open"
    [episode] = get(personas.applicant, f"/api/v1/cases/{case_id}/mediation/")["results"]
    assert episode["outcome"] == "timeout"
    events = get(personas.clerk, f"/api/v1/cases/{case_id}/events/")
    rows = events["results"] if isinstance(events, dict) else events
    lapse = rows[-1]
    assert lapse["kind"] == "record_mediation_failure" and lapse["actor"] is None
    assert "accept" in case["allowed_transitions"]


def test_the_organisations_a_dispute_can_be_referred_to(personas):
    body = get(personas.outsider, "/api/v1/mediation-organisations/")
    assert body["count"] == 1
    assert body["results"][0] | {"id": 0} == {
        "id": 0,
        "name": "天河区测试街道调解中心",
        "kind": "street_centre",
        "streets": ["测试街"],
    }
