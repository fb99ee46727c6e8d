"""Exact counts and pages of lists, read again only after something was written.

Every page of a list tells its total (``count`` in the contract), and over 100,000 cases that count is the
dearest part of the page in the database: 4-6 ms for a supervisor's whole docket, ~30 ms for a clerk's
(counting means visiting every visible case; EXPLAIN ANALYZE, ``benchmarks/http_load.py``), page after
page while nothing changes. So a count is kept in the shared cache (Redis) under its query's SQL and
parameters, together with the **write epoch** it was counted in, and reused while the epoch is unchanged.
An unfiltered list's page of ids and a page's rows are kept the same way (``kept``): reads that depend on
nothing but the data and their SQL.

The write epoch is a number in the cache that every connection of ours moves on after each transaction
that wrote anything (an ``execute_wrapper`` sees every INSERT, UPDATE and DELETE, the ORM's bulk ones and
raw SQL included). Why a reused result is exact:
- the epoch is moved *after* the commit, so a result stored under the old epoch may be older than the
  write, but is never read again once the epoch has moved; a result read between the commit and the move
  already sees the write (READ COMMITTED: every statement reads what was committed before it began);
- the same key holds the same SQL with the same parameters, so the visibility rule, the user and the
  filters are all part of it: no user is ever given another's total or page;
- a connection inside a transaction that has written does not use the cache (its own writes are not yet
  anyone else's, and not yet in the epoch): it reads.
What could still leave a stale result is a write from outside the application (psql) or a move of the
epoch lost with Redis; ``TTL_SECONDS`` bounds both. Off without a shared cache (the embedded profile:
another process, ``manage.py`` say, could not move an in-memory epoch), where every read is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from core.errors import SERVICE_UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)
T = TypeVar("T")

EPOCH_KEY = "write-epoch"
TTL_SECONDS = 300
# Writes that change no list: a token's renewed expiry, a session.
_IGNORED = tuple(
    f'{verb} "{table}"'
    for table in ("knox_authtoken", "django_session")
    for verb in ("INSERT INTO", "UPDATE", "DELETE FROM")
)
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")


def enabled() -> bool:
    return bool(getattr(settings, "COUNT_CACHE", False))


def _epoch_move() -> None:
    """Move the write epoch on (Redis INCR). A failure is logged: counts then age out by ``TTL_SECONDS``."""
    try:
        try:
            cache.incr(EPOCH_KEY)
        except ValueError:  # no epoch yet (or Redis was emptied): start anywhere, never where one was
            cache.add(EPOCH_KEY, secrets.randbits(48), timeout=None)
    except SERVICE_UNAVAILABLE_ERRORS as error:
        log.warning("the write epoch could not be moved on: %s", error)


def _writing(connection: BaseDatabaseWrapper) -> bool:
    """Whether this connection is inside a transaction that has written (its move is still to come)."""
    # Entries are (savepoint ids, function, robust); the stubs know only the first two.
    return connection.in_atomic_block and any(entry[1] is _epoch_move for entry in connection.run_on_commit)


def _watch_writes(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    result = execute(sql, params, many, context)
    head = sql.lstrip()[:8].upper()
    if head.startswith(_WRITES) and not sql.startswith(_IGNORED):
        connection = context["connection"]
        if not connection.in_atomic_block:
            _epoch_move()  # autocommit: the statement has committed
        elif not _writing(connection):
            connection.on_commit(_epoch_move, robust=True)
    return result


def watch(connection: BaseDatabaseWrapper, **_: Any) -> None:
    """``connection_created`` receiver: every connection reports its writes (once per wrapper)."""
    if enabled() and _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def statement(queryset: QuerySet[Any, Any]) -> tuple[str, tuple[Any, ...]]:
    """The SQL that counts ``queryset``'s rows, and its parameters."""
    if not queryset.query.combinator:  # a UNION is already its ids
        queryset = queryset.order_by().values("pk")  # the order counts nothing, and compiling it cost much
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that keeps nothing (``none()``)
        return "SELECT 0", ()
    # The ORM's own SQL, its values left as parameters: nothing from a request is spliced in.
    return f"SELECT COUNT(*) FROM ({sql}) AS counted", tuple(params)  # noqa: S608


def count(queryset: QuerySet[Any, Any]) -> int:
    """``queryset.count()``, reused while nothing was written since it was counted (see above)."""
    return count_statement(*statement(queryset), using=queryset.db)


def count_statement(sql: str, params: tuple[Any, ...], using: str = "default") -> int:
    """What ``statement`` counts, reused while nothing was written since it was counted (see above)."""
    return kept(("count", sql, params), lambda: _run(connections[using], sql, params), using)


def kept_page(what: tuple[Any, ...], compute: Callable[[], T], using: str = "default") -> T:
    """``kept`` for a list page's ids or rows; read every time with ``KEPT_PAGES`` off (the totals are still
    kept): for a deployment that writes so often that a page is rarely read twice between writes, and for
    measuring the reads themselves (``benchmarks/http_load.py --read-pages``)."""
    if not getattr(settings, "KEPT_PAGES", True):
        return compute()
    return kept(what, compute, using)


def kept(what: tuple[Any, ...], compute: Callable[[], T], using: str = "default") -> T:
    """``compute()``: a read of the database whose result depends on nothing but the data and ``what`` (the
    SQL and its parameters), reused while nothing was written since it was read (see above). Besides the
    totals, an unfiltered list's page of ids and a page's rows (``cases.selectors``): reading them was
    1-2 ms of a list page's 3-5 (two queries and their rows), a kept one ~0.15 ms each."""
    connection = connections[using]
    if not enabled() or _writing(connection):
        return compute()
    where = connection.settings_dict  # one Redis may serve several databases (the test workers' do)
    identity = repr((where["NAME"], where["HOST"], where["PORT"], *what))
    key = "kept:" + hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
    try:
        found = cache.get_many([EPOCH_KEY, key])
    except SERVICE_UNAVAILABLE_ERRORS:
        return compute()
    epoch = found.get(EPOCH_KEY)
    remembered = found.get(key)
    if epoch is not None and remembered is not None and remembered[0] == epoch:
        return remembered[1]
    result = compute()
    if epoch is None:
        _epoch_move()  # the first read after Redis started: an epoch to keep it under next time
        return result
    with contextlib.suppress(*SERVICE_UNAVAILABLE_ERRORS):
        cache.set(key, (epoch, result), timeout=TTL_SECONDS)
    return result


def _run(connection: BaseDatabaseWrapper, sql: str, params: tuple[Any, ...]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])
