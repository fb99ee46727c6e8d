"""Concurrent conflicting actions on PostgreSQL: exactly one wins, the others get 409; case numbers
stay unique and gapless under concurrent acceptances."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cases.models import Case, CaseEvent, CaseNumberSequence
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db(transaction=True)

N = 20


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def race(requests):
    """Run each request function in its own thread and connection, released together."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, send):
        try:
            barrier.wait()
            results[index] = send()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, send)) for i, send in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_simultaneous_accepts_of_one_case(personas):
    case_id = file_case(personas.applicant)

    def accept():
        return api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")

    responses = race([accept] * N)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * (N - 1)
    losers = [r.json() for r in responses if r.status_code == 409]
    assert all(body["code"] == "invalid_transition" and body["status"] == "accepted" for body in losers)
    case = Case.objects.get(pk=case_id)
    assert case.case_number.endswith("〕1号")
    assert CaseNumberSequence.objects.get(year=case.number_year).last == 1  # one number consumed
    assert CaseEvent.objects.filter(case=case, kind="accept").count() == 1


def test_twenty_simultaneous_acceptances_of_different_cases(personas):
    case_ids = [file_case(personas.applicant) for _ in range(N)]

    def accepter(case_id):
        return lambda: api(personas.clerk).post(
            f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json"
        )

    responses = race([accepter(case_id) for case_id in case_ids])
    assert [r.status_code for r in responses] == [200] * N
    seqs = sorted(Case.objects.filter(pk__in=case_ids).values_list("number_seq", flat=True))
    assert seqs == list(range(1, N + 1))
    numbers = set(Case.objects.filter(pk__in=case_ids).values_list("case_number", flat=True))
    assert len(numbers) == N


def test_accept_and_reject_racing_one_wins(personas):
    case_id = file_case(personas.applicant)

    def accept():
        return api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")

    def reject():
        return api(personas.supervisor).post(
            f"/api/v1/cases/{case_id}/transitions/reject/",
            {"reason": "不属于受案范围", "grounds": ["out_of_scope"]},
            format="json",
        )

    responses = race([accept, reject] * 5)
    assert sorted(r.status_code for r in responses) == [200] + [409] * 9, [r.json() for r in responses]
    final = Case.objects.get(pk=case_id)
    assert CaseEvent.objects.filter(case=final, kind__in=["accept", "reject"]).count() == 1
    assert (final.case_number is None) == (final.status == "rejected")
