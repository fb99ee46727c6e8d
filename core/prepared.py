"""Queries compiled once and run many times: for the hot reads whose shape never changes, only the ids.

Turning a queryset into SQL is most of what a small read costs in Django: over 100,000 cases a list
page's three row queries took ~1 ms of compiling each against ~0.2 ms in the database (cProfile of
``benchmarks/http_load.py``'s list). A ``PreparedQuery`` is written as a normal queryset of a list of
ids (``pk__in=ids``, ``case_id__in=ids``…); it is compiled the first time it runs with that many ids, on
that connection, and afterwards only the ids in its parameters change. Rows come back as
``values_list`` gives them, through the same field converters, so SQLite (the embedded profile) reads
exactly what PostgreSQL does.

Only for querysets whose SQL depends on nothing but the ids: not on the user, the time, the language or
the settings (anything else must be in the queryset as a constant).

On PostgreSQL the statement is prepared on the server once it has run five times on a connection
(``settings.DATABASE_PREPARE``), so it is neither parsed nor planned again. Write the ids' filter with
``AnyOf`` (``.filter(AnyOf(F("pk"), ids))``): there it is ``= ANY(%s)``, one array parameter, the same
statement whatever the number of ids, for which the server keeps one generic plan. As ``IN (%s, …)`` it
planned it afresh each time (its custom plans looked cheaper): 1.7 ms of planning for a list page's 0.7 ms
of work.

Beside it: ``rows_together`` sends several prepared queries in one round trip (a psycopg pipeline);
``once``/``prepared_once`` keep what was compiled by what its SQL is made of; ``with_slots``, ``bind`` and
``run_prepared`` run a statement compiled once for stand-in values (a stand-in user) with the real ones,
its constants written into the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup, QuerySet
from django.db.models.lookups import In

# Stand-ins for the ids while compiling, found again among the compiled parameters. No table of ours has a
# negative key, so a real constant of the query cannot look like them.
_SENTINEL_BASE = -7_340_000_000


class AnyOf(Lookup):
    """``lhs`` is one of a list of values: ``= ANY(%s)`` with the list as one parameter on PostgreSQL,
    ``IN (%s, …)`` elsewhere."""

    lookup_name = "any_of"

    def get_prep_lookup(self) -> Any:
        return list(self.rhs)

    def as_sql(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        if connection.vendor != "postgresql":
            return In(self.lhs, self.rhs).as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


def _cursor(connection: BaseDatabaseWrapper) -> Any:
    """A cursor whose statements PostgreSQL may prepare: psycopg's own, binding parameters on the server,
    where Django's bind them on the client and never prepare (``settings.DATABASE_PREPARE``). Wrapped as
    Django wraps its cursors, so that errors, query logging and the query-count tests see it alike."""
    if connection.vendor != "postgresql" or not getattr(settings, "DATABASE_PREPARE", False):
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors:
        # Django's own step from a driver cursor to its wrapper (BaseDatabaseWrapper._cursor).
        return connection._prepare_cursor(psycopg.Cursor(connection.connection))  # type: ignore[attr-defined]


# What ``once`` made, by key; emptied when full (a key per role shape, ordering and page, or per user).
_ONCE: dict[tuple[Any, ...], Any] = {}
_ONCE_MAX = 8192


def once(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``key`` is asked in this process, then what it made: for statements compiled
    once by what their SQL is made of (the key says it all: the user's fields the rule reads, the page's
    shape; a key starts with its module's own word, so that two never meet)."""
    found = _ONCE.get(key)
    if found is None:
        if len(_ONCE) >= _ONCE_MAX:
            _ONCE.clear()
        found = _ONCE[key] = make()
    return found


def prepared_once(key: tuple[Any, ...], build: Callable[[list[Any]], QuerySet[Any, Any]]) -> PreparedQuery:
    """``PreparedQuery(build)``, made once per ``key`` (``once``)."""
    return once(key, lambda: PreparedQuery(build))


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    first: int  # where the ids start among ``params``
    count: int  # how many parameters they take; 0: one array parameter (``AnyOf`` on PostgreSQL)
    compiler: Any  # the SQLCompiler, for its field converters
    converters: dict[int, Any]


class PreparedQuery:
    """``build(ids)`` gives a ``values_list`` queryset that uses ``ids`` once, as a list parameter (of
    keys: numbers, or strings for a CharField)."""

    def __init__(self, build: Callable[[list[int]], QuerySet[Any, Any]]) -> None:
        self.build = build
        # By database alias: under ASGI each request may get a new connection object (Django keeps them
        # per context), so a cache per object compiled again on every request. The SQL and the field
        # converters are the same for every connection to one database.
        self._compiled: dict[str, dict[int, _Compiled]] = {}

    def _compile(self, connection: BaseDatabaseWrapper, count: int) -> _Compiled:
        sentinels = [_SENTINEL_BASE - n for n in range(count)]
        queryset = self.build(sentinels)
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter that keeps nothing (``none()``): no statement at all
            return _Compiled("", (), 0, 0, None, {})
        params = tuple(params)
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = compiler.get_converters(fields)
        arrays = [i for i, p in enumerate(params) if isinstance(p, list) and p == sentinels]
        if len(arrays) == 1:  # AnyOf on PostgreSQL: one parameter, whatever the number of ids
            return _Compiled(sql, params, arrays[0], 0, compiler, converters)
        # As text when the field is (a CharField's ``IN`` prepares its values as strings).
        marks = [str(n) for n in sentinels]
        texts = [str(p) for p in params]
        first = next((i for i in range(len(params) - count + 1) if texts[i : i + count] == marks), None)
        if first is None or any(p in marks for p in texts[first + count :]):
            raise ValueError("a prepared query must use its ids exactly once, as one list")
        return _Compiled(sql, params, first, count, compiler, converters)

    def _bound(
        self, connection: BaseDatabaseWrapper, ids: Sequence[Any]
    ) -> tuple[_Compiled, tuple[Any, ...]]:
        """The compiled statement for this many ids (compiled now if need be) and its parameters."""
        shapes = self._compiled.setdefault(connection.alias, {})
        compiled = shapes.get(len(ids)) or shapes.get(0)
        if compiled is None:
            compiled = self._compile(connection, len(ids))
            shapes[compiled.count] = compiled
        before, after = (
            compiled.params[: compiled.first],
            compiled.params[compiled.first + (compiled.count or 1) :],
        )
        return compiled, (*before, *(ids if compiled.count else [list(ids)]), *after)

    def rows(self, ids: Sequence[Any], using: str = "default") -> list[tuple[Any, ...]]:
        return rows_together([(self, ids)], using)[0]

    def sql(self, ids: Sequence[Any], using: str = "default") -> str:
        """The statement that these ids run: part of a key that must change whenever the statement does."""
        return self._bound(connections[using], ids)[0].sql


@dataclass(frozen=True)
class Slot:
    """In ``with_slots``' parameters: the value named ``name``, given at run time (``bind``)."""

    name: str


_PLACEHOLDER = re.compile(r"%%|%s")


def with_slots(
    sql: str, params: Sequence[Any], stand_ins: dict[Any, str], using: str = "default"
) -> tuple[str, tuple[Any, ...]]:
    """A statement compiled with stand-in values (``stand_ins``: each stand-in and the name of the value it
    stands for) made into one for any values: those parameters become ``Slot``s; on PostgreSQL every other
    parameter is written into the text as a literal, so that the statement's only parameters are the
    values, and the planner knows the constants of a generic plan (a partial index is only used for a
    constant it can prove; with every constant a parameter it kept planning the statement afresh, 0.15-0.3
    ms a run). Elsewhere the parameters stay as they are. ``bind`` then gives the parameters of a run."""
    if connections[using].vendor != "postgresql":
        return sql, tuple(Slot(stand_ins[p]) if _is_stand_in(p, stand_ins) else p for p in params)
    from psycopg import sql as psycopg_sql

    connection = connections[using]
    connection.ensure_connection()
    values = iter(params)
    kept: list[Any] = []

    def write(match: re.Match[str]) -> str:
        if match.group() == "%%":
            return "%%"
        value = next(values)
        if _is_stand_in(value, stand_ins):
            kept.append(Slot(stand_ins[value]))
            return "%s"
        return psycopg_sql.Literal(value).as_string(connection.connection).replace("%", "%%")

    text = _PLACEHOLDER.sub(write, sql)
    if next(values, _END) is not _END:
        raise ValueError("more parameters than placeholders")
    return text, tuple(kept)


_END = object()


def _is_stand_in(value: Any, stand_ins: dict[Any, str]) -> bool:
    return type(value) is int and value in stand_ins


def bind(params: tuple[Any, ...], values: dict[str, Any]) -> tuple[Any, ...]:
    """``with_slots``' parameters for a run: each ``Slot`` replaced by its value."""
    return tuple(values[p.name] if isinstance(p, Slot) else p for p in params)


def run_prepared(sql: str, params: Sequence[Any], using: str = "default") -> list[tuple[Any, ...]]:
    """The rows of a statement (SQL and parameters as the ORM compiled them) that PostgreSQL may prepare,
    as it does ``PreparedQuery``'s: for SQL compiled once and kept, whose values change from run to run.
    The rows are the driver's, without the ORM's converters."""
    connection = connections[using]
    with _cursor(connection) as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    _logged(connection, sql, tuple(params))
    return found


def _logged(connection: BaseDatabaseWrapper, sql: str, params: tuple[Any, ...], back: int = 1) -> None:
    """The log (DEBUG, the query-count tests) shows the statement and its values: psycopg keeps no text of a
    statement it ran as prepared, and only its ``$1`` form of one sent in a pipeline (``back``: how far
    from the log's end)."""
    if connection.queries_logged and len(connection.queries_log) >= back:
        connection.queries_log[-back]["sql"] = f"{sql} -- prepared, run with {params!r}"


def rows_together(
    reads: Sequence[tuple[PreparedQuery, Sequence[Any]]], using: str = "default"
) -> list[list[tuple[Any, ...]]]:
    """The rows of several prepared queries, each with its ids, in the order given. On PostgreSQL (with
    ``DATABASE_PREPARE``) they are sent together in one pipeline: the server runs them one after another
    as before, but the client waits for one round trip instead of one a query (a detail's five relations
    over 100,000 cases: 1.4 ms → 0.8 ms, psycopg alone). Each is still a statement of its own in the query
    log and in the query counts."""
    connection = connections[using]
    found: list[list[tuple[Any, ...]] | None] = [None] * len(reads)
    bound = []
    for n, (query, ids) in enumerate(reads):
        if not ids:
            found[n] = []
            continue
        compiled, params = query._bound(connection, ids)
        if not compiled.sql:
            found[n] = []
            continue
        bound.append((n, compiled, params))
    pipelined = (
        len(bound) > 1 and connection.vendor == "postgresql" and getattr(settings, "DATABASE_PREPARE", False)
    )
    if pipelined:
        connection.ensure_connection()
        cursors = [_cursor(connection) for _ in bound]
        try:
            with connection.wrap_database_errors, connection.connection.pipeline():
                for cursor, (_n, compiled, params) in zip(cursors, bound, strict=True):
                    cursor.execute(compiled.sql, params)
                fetched = [cursor.fetchall() for cursor in cursors]
        finally:
            for cursor in cursors:
                cursor.close()
        for back, (_n, compiled, params) in enumerate(reversed(bound), start=1):
            _logged(connection, compiled.sql, params, back)
    else:
        fetched = []
        for _n, compiled, params in bound:
            with _cursor(connection) as cursor:
                cursor.execute(compiled.sql, params)
                fetched.append(cursor.fetchall())
            _logged(connection, compiled.sql, params)
    for (n, compiled, _params), rows in zip(bound, fetched, strict=True):
        if compiled.converters:
            rows = [tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)]
        found[n] = rows
    return found  # type: ignore[return-value]
