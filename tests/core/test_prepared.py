"""A prepared query reads what its queryset reads, whatever the ids, and PostgreSQL keeps its plan."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from cases import selectors
from cases.models import Case, CaseParty
from core.prepared import AnyOf, PreparedQuery, Slot, bind, rows_together, run_prepared, with_slots
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


PARTIES = PreparedQuery(
    lambda ids: (
        CaseParty.objects.filter(case_id__in=ids).order_by("case_id", "side").values_list("case_id", "side")
    )
)
NOTHING = PreparedQuery(lambda ids: Case.objects.none().filter(pk__in=ids).values_list("id"))


def test_queries_read_together_give_what_each_gives_alone_and_count_as_queries_of_their_own(personas):
    ids = [file_case(personas.applicant) for _ in range(3)]
    alone = [ROWS.rows(ids[:2]), PARTIES.rows(ids), [], [], ROWS.rows([ids[2]])]
    with CaptureQueriesContext(connection) as captured:
        together = rows_together(
            [(ROWS, ids[:2]), (PARTIES, ids), (NOTHING, ids), (ROWS, []), (ROWS, [ids[2]])]
        )
    assert together == alone
    assert len(together[1]) == 6  # an applicant and a respondent a case
    # Each statement is logged and counted, with its values (never an empty entry).
    assert len(captured.captured_queries) == 3
    assert all(str(ids[2]) in q["sql"] or str(ids[0]) in q["sql"] for q in captured.captured_queries)


def test_a_failing_query_read_together_raises_a_database_error_and_leaves_the_connection_usable(personas):
    broken = PreparedQuery(
        lambda ids: Case.objects.filter(pk__in=ids).extra(where=["1/0 = 1"]).values_list("id")
    )
    ids = [file_case(personas.applicant)]
    with pytest.raises(DatabaseError), transaction.atomic():
        rows_together([(ROWS, ids), (broken, ids), (PARTIES, ids)])
    assert ROWS.rows(ids)[0][0] == ids[0]  # the savepoint rolled back; the next read works


def test_a_statement_with_slots_runs_for_any_users_values_with_the_constants_written_in(personas):
    """``with_slots``: compiled once for a stand-in, run for each user with the user's own value; on
    PostgreSQL the constants (a LIKE pattern with its % and quote included) are in the text and the user's
    value is the only parameter."""
    stand_in = -7_340_199_999
    case_id = file_case(personas.applicant, facts="欠薪 50% 'x'")
    file_case(personas.applicant, facts="另案")
    queryset = Case.objects.filter(created_by_id=stand_in, facts__contains="50% 'x").values_list("id")
    sql, params = with_slots(*queryset.query.sql_with_params(), {stand_in: "user"})
    if connection.vendor == "postgresql":
        assert params == (Slot("user"),)
        assert "''x%%'" in sql  # the pattern written in, its quote doubled and its % kept from psycopg
    for _ in range(7):  # prepared by the server from the sixth run
        assert run_prepared(sql, bind(params, {"user": personas.applicant.pk})) == [(case_id,)]
        assert run_prepared(sql, bind(params, {"user": personas.supervisor.pk})) == []
