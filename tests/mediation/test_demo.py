"""The seeded demo shows each persona its part of mediation: the mediator's queue and threads, the
parties' messages (and only theirs), the supervisor's performance counts, the clerk's pending review, and
the employer's 调解书 to sign for receipt. Seeded once (``seed_demo``, as the demo is) on a fixed day."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from accounts.models import User
from cases import demo as cases_demo
from cases.models import Case, Status
from mediation import demo
from mediation import selectors as mediation_selectors
from mediation.models import (
    AgreementPayment,
    AgreementReview,
    AgreementStatus,
    MediationAgreement,
    MediationMessage,
    ReviewStatus,
)

pytestmark = pytest.mark.django_db

SEEDED_AT = "2026-11-26 10:00 +0800"  # a Thursday, as the cases' seed test


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ALLOW_DEMO_DATA=True), time_machine.travel(SEEDED_AT, tick=False):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def now(seeded):
    with time_machine.travel(SEEDED_AT, tick=False):
        yield


def case(key: str) -> Case:
    spec = next(spec for spec in cases_demo.CASES if spec.key == key)
    return Case.objects.get(facts=spec.facts)


def page(username: str, url: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, (username, url, response.status_code)
    return response.content.decode()


def test_the_mediator_sees_the_disputes_in_mediation_with_their_threads(now):
    html = page("mediator", "/mediation/")
    for key in (demo.THREAD_DAYS_LEFT, demo.THREAD_ENDING):
        assert f'data-case="{case(key).pk}"' in html, key
    # one with days left, one at the end of its 15 days
    left = mediation_selectors.mediation_deadline(case(demo.THREAD_DAYS_LEFT))
    ending = mediation_selectors.mediation_deadline(case(demo.THREAD_ENDING))
    assert left is not None and ending is not None
    assert (left.due_on - ending.due_on).days >= 7
    assert ending.due_on.isoformat() == "2026-11-26"

    thread = page("mediator", f"/cases/{case(demo.THREAD_DAYS_LEFT).pk}/mediation/work/")
    assert thread.count('data-testid="message"') == 5
    assert "财务漏发了，同意补发" in thread and "分店的排班表" in thread  # both parties wrote
    assert (
        page("mediator", f"/cases/{case(demo.THREAD_ENDING).pk}/mediation/work/").count(
            'data-testid="message"'
        )
        == 3
    )


def test_each_party_reads_only_its_side_of_the_demo_thread(now):
    url = f"/cases/{case(demo.THREAD_DAYS_LEFT).pk}/mediation/mine/"
    worker = page("applicant2", url)
    employer = page("respondent2", url)
    assert "分店的排班表" in worker and "分店的排班表" not in employer
    assert "财务漏发了" in employer and "财务漏发了" not in worker
    assert "本案由我负责调解" in worker and "本案由我负责调解" in employer  # to both


def test_the_supervisor_sees_agreements_performed_partly_and_not(now):
    performance = {row.case_id: row.performance for row in mediation_selectors.agreements_performance()}
    assert performance[case(demo.PERFORMED).pk] == mediation_selectors.PERFORMED
    assert performance[case(demo.PARTLY_PERFORMED).pk] == mediation_selectors.PARTLY_PERFORMED
    assert performance[case(demo.NOT_PERFORMED).pk] == mediation_selectors.NOT_PERFORMED
    overdue = {row.case_id for row in mediation_selectors.agreements_performance() if row.overdue}
    assert case(demo.PERFORMED).pk not in overdue
    assert {case(demo.PARTLY_PERFORMED).pk, case(demo.NOT_PERFORMED).pk} <= overdue

    html = page("supervisor", "/mediation/performance/")

    def count(key: str) -> int:
        chip = re.search(rf'data-testid="count-{key}">[^<]*<strong>(\d+)</strong>', html)
        assert chip, key
        return int(chip.group(1))

    assert count("performed") == 1
    assert count("partly_performed") == 1
    assert count("not_performed") >= 2
    # the payments were recorded by the mediator and by the worker
    recorders = set(
        AgreementPayment.objects.filter(
            item__agreement__case__in=[case(demo.PERFORMED), case(demo.PARTLY_PERFORMED)]
        ).values_list("recorded_by__username", flat=True)
    )
    assert recorders == {"mediator", "applicant2"}


def test_the_joint_review_awaits_the_commission(now):
    agreement = MediationAgreement.objects.get(
        case=case(demo.REVIEW_PENDING), status=AgreementStatus.CONFIRMED
    )
    assert AgreementReview.objects.get(agreement=agreement).status == ReviewStatus.PENDING
    assert case(demo.REVIEW_PENDING).status == Status.MEDIATED
    assert f"/mediation-agreements/{agreement.pk}/review/" in page("clerk", "/mediation/reviews/")
    assert 'data-testid="decision-form"' in page("clerk", f"/mediation-agreements/{agreement.pk}/review/")


def test_the_employer_sees_the_mediation_document_to_sign_for(now):
    dispute = case(demo.DOCUMENT_AWAITING)
    assert dispute.status == Status.MEDIATION
    document = MediationAgreement.objects.get(case=dispute, status=AgreementStatus.AWAITING)
    assert document.applicant_confirmed_at is not None and document.respondent_confirmed_at is None
    html = page("respondent", f"/cases/{dispute.pk}/mediation/mine/")
    assert 'data-testid="confirm-form"' in html
    assert "52200.00" in html
    assert 'data-testid="confirmation-respondent"' in html


def test_a_second_seed_adds_no_mediation_records(now):
    before = (
        MediationMessage.objects.count(),
        AgreementPayment.objects.count(),
        AgreementReview.objects.count(),
    )
    with override_settings(ALLOW_DEMO_DATA=True):
        call_command("seed_demo", stdout=io.StringIO())
    after = (
        MediationMessage.objects.count(),
        AgreementPayment.objects.count(),
        AgreementReview.objects.count(),
    )
    assert after == before and before[0] == 8
    assert MediationAgreement.objects.filter(case=case(demo.DOCUMENT_AWAITING)).count() == 1
