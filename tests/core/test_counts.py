"""A list's total is reused while nothing is written, and is right again after any write that commits:
through the API, through a bulk update, through raw SQL, from another connection (``core.counts``)."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from cases.models import Case, CaseParty
from core import counts
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _redis_only(settings):
    if not settings.COUNT_CACHE:
        pytest.skip("counts are kept only with a shared cache (Redis)")
    cache.delete(counts.EPOCH_KEY)


def listed(user, query: str = "") -> tuple[int, list[str]]:
    """The list's total as ``user`` reads it, and the COUNT statements the request ran."""
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get(f"/api/v1/cases/{query}")
    assert response.status_code == 200
    return response.json()["count"], [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(")]


def test_a_total_is_counted_once_then_again_after_each_write(personas):
    file_case(personas.applicant)
    total, counted = listed(personas.supervisor)
    assert total == 1 and len(counted) == 1
    again, counted_again = listed(personas.supervisor)
    assert again == 1 and counted_again == []  # nothing written: not counted again

    file_case(personas.applicant)  # through the API: its transaction commits
    assert listed(personas.supervisor)[0] == 2
    assert listed(personas.supervisor, "?status=submitted")[0] == 2

    Case.objects.filter(pk=Case.objects.order_by("pk").first().pk).update(status="withdrawn")  # bulk
    assert listed(personas.supervisor, "?status=submitted")[0] == 1
    with connection.cursor() as cursor:  # raw SQL, outside any transaction
        cursor.execute("UPDATE cases_case SET status = 'withdrawn'")
    total, counted = listed(personas.supervisor, "?status=submitted")
    assert total == 0 and len(counted) == 1
    assert listed(personas.supervisor, "?status=withdrawn")[0] == 2


def test_each_user_gets_the_total_of_what_they_may_see(personas):
    file_case(personas.applicant)
    assert listed(personas.supervisor)[0] == 1
    assert listed(personas.applicant)[0] == 1
    assert listed(personas.outsider)[0] == 0  # never another user's kept total
    assert listed(personas.outsider)[0] == 0


def test_a_write_committed_by_another_connection_moves_the_total(personas):
    file_case(personas.applicant)
    assert listed(personas.supervisor)[0] == 1

    def elsewhere():
        try:
            file_case(personas.applicant)
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert listed(personas.supervisor)[0] == 2


def test_inside_a_transaction_that_wrote_the_total_is_counted(personas):
    file_case(personas.applicant)
    assert listed(personas.supervisor)[0] == 1
    assert listed(personas.supervisor, "?status=submitted")[0] == 1
    with transaction.atomic():
        Case.objects.update(status="withdrawn")  # not yet committed: no epoch moved
        assert counts.count(Case.objects.filter(status="submitted")) == 0
        transaction.set_rollback(True)
    assert listed(personas.supervisor, "?status=submitted")[0] == 1


def test_without_redis_the_total_is_still_counted(personas):
    file_case(personas.applicant)
    dead = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=dead):
        assert counts.count(Case.objects.all()) == 1
        Case.objects.update(facts="改")  # the epoch cannot move: logged, not raised
        assert counts.count(Case.objects.all()) == 1


def page(user, query: str = "") -> tuple[list[dict], list[str]]:
    """The list's rows as ``user`` reads them, and the case statements the request ran (beyond the token)."""
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get(f"/api/v1/cases/{query}")
    assert response.status_code == 200
    return response.json()["results"], [q["sql"] for q in queries if '"cases_case"' in q["sql"]]


def test_a_page_is_read_once_then_again_after_each_write_that_changes_it(personas):
    """An unfiltered page's ids and its rows are kept like the totals: read once, then read again after a
    write, whichever way it was made (a party renamed in bulk, a deadline moved in raw SQL)."""
    first, second = file_case(personas.applicant), file_case(personas.applicant)
    rows, asked = page(personas.supervisor)
    assert [row["id"] for row in rows] and asked  # the count, the ids, the rows
    again, asked_again = page(personas.supervisor)
    assert again == rows and asked_again == []  # nothing written: nothing asked

    CaseParty.objects.filter(case_id=first, side="respondent").update(stated_name="改名后的公司")
    renamed, asked = page(personas.supervisor)
    assert {row["respondent"] for row in renamed if row["id"] == first} == {"改名后的公司"}
    assert asked

    with connection.cursor() as cursor:  # the other case due first: the page's order changes
        cursor.execute("UPDATE cases_case SET next_due_on = '2020-01-01' WHERE id = %s", [second])
    reordered, _ = page(personas.supervisor)
    assert reordered[0]["id"] == second and reordered[0]["next_due_on"] == "2020-01-01"
    assert page(personas.outsider)[0] == []  # never another user's page


def test_with_kept_pages_off_a_page_is_read_every_time_and_its_total_still_kept(personas, settings):
    settings.KEPT_PAGES = False
    file_case(personas.applicant)
    rows, _ = page(personas.supervisor)
    again, asked = page(personas.supervisor)
    assert again == rows
    assert len(asked) == 2 and not any(sql.startswith("SELECT COUNT(") for sql in asked)  # ids and rows
