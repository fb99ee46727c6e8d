"""The migration that reads the episodes of mediations recorded before episodes existed."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from cases.models import MediationEpisode
from tests.mediation.conftest import file_dispute, post, refer

pytestmark = pytest.mark.django_db


def test_episodes_are_read_back_from_the_timeline(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    failed = file_dispute(personas)
    refer(personas, failed)
    post(personas.mediator, f"/api/v1/cases/{failed}/transitions/record_mediation_failure/")
    refer(personas, failed)  # referred again: still open
    withdrawn = file_dispute(personas)
    refer(personas, withdrawn)
    post(personas.applicant, f"/api/v1/cases/{withdrawn}/transitions/withdraw/")
    as_recorded = list(
        MediationEpisode.objects.order_by("case_id", "started_at").values_list(
            "case_id", "stage", "organisation_id", "outcome", "started_at", "concluded_at"
        )
    )
    MediationEpisode.objects.all().delete()

    import_module("mediation.migrations.0002_backfill_episodes").backfill(apps, None)

    assert (
        list(
            MediationEpisode.objects.order_by("case_id", "started_at").values_list(
                "case_id", "stage", "organisation_id", "outcome", "started_at", "concluded_at"
            )
        )
        == as_recorded
    )
    assert [o for *_, o, _s, _c in as_recorded] == ["failed", "", "withdrawn"]
