"""A prepared query reads what its queryset reads, whatever the ids, and PostgreSQL keeps its plan."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import F

from cases import selectors
from cases.models import Case
from core.prepared import AnyOf, PreparedQuery
from tests.helpers import file_case

pytestmark = pytest.mark.django_db

FIELDS = ("id", "status", "claims_total", "received_at", "next_due_on", "is_collective")
ROWS = PreparedQuery(lambda ids: Case.objects.filter(AnyOf(F("pk"), ids)).order_by("pk").values_list(*FIELDS))


def test_the_rows_are_those_of_the_queryset_for_any_number_of_ids(personas):
    ids = [file_case(personas.applicant) for _ in range(4)]
    for wanted in ([ids[0]], ids[1:3], list(reversed(ids)), [*ids, 999_999]):
        expected = list(Case.objects.filter(pk__in=wanted).order_by("pk").values_list(*FIELDS))
        assert ROWS.rows(wanted) == expected  # dates, Decimals and aware times converted alike
    assert ROWS.rows([]) == []


def test_a_query_that_uses_the_ids_twice_is_refused():
    twice = PreparedQuery(lambda ids: Case.objects.filter(pk__in=ids).exclude(pk__in=ids).values_list("id"))
    with pytest.raises(ValueError, match="exactly once"):
        twice.rows([1, 2])


def test_postgresql_prepares_the_list_rows_once_they_have_run_a_few_times(personas):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    ids = [file_case(personas.applicant) for _ in range(3)]
    for n in range(8):
        items = selectors.case_list_items(ids[: 1 + n % 3])  # one statement, however many ids
        assert [item.id for item in items] == ids[: 1 + n % 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans + custom_plans FROM pg_prepared_statements")
        runs = [row[0] for row in cursor.fetchall()]
    assert runs and max(runs) >= 3  # prepared after its fifth run, then run from there
