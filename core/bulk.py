"""Writing many rows at once: PostgreSQL ``COPY`` (psycopg 3 ``cursor.copy``), ``bulk_create`` elsewhere.

For loads of tens of thousands of rows (the historical import, the benchmarks' data sets), where building
one model instance per row and Django's per-value preparation cost more than the database's own work.
Values are given as Python values in the order of ``fields`` (model field names: ``case`` for
``case_id``); JSON fields take Python objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[models.Field]:
    return [model._meta.get_field(name) for name in fields]  # type: ignore[misc]


def _column(field: models.Field) -> str:
    """The quoted column of a concrete field (one with a column: ``column`` is typed optional)."""
    assert field.column is not None
    return connection.ops.quote_name(field.column)


def copy_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows into ``model``'s table (PostgreSQL only).

    Columns not given that are NOT NULL get the field's default (an empty string for a text field), so a
    caller keeps working as the model grows."""
    meta = model._meta
    given = _columns(model, fields)
    names = {f.column for f in given}
    extra = [
        f
        for f in meta.concrete_fields
        if f.column not in names
        and not f.null
        and not f.primary_key
        and (f.has_default() or f.empty_strings_allowed)
    ]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in extra)
    json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
    columns = ", ".join(_column(f) for f in [*given, *extra])
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = list(row)
                for i in json_at:
                    values[i] = json.dumps(values[i], ensure_ascii=False)
                copy.write_row((*values, *defaults))
                count += 1
    return count


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows: COPY on PostgreSQL, ``bulk_create`` on other databases (the embedded SQLite)."""
    if connection.vendor == "postgresql":
        return copy_rows(model, fields, rows)
    attnames = [f.attname for f in _columns(model, fields)]
    objects = [model(**dict(zip(attnames, row, strict=True))) for row in rows]
    model._default_manager.bulk_create(objects, batch_size=500)
    return len(objects)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys for rows about to be inserted with them: drawn from the table's sequence on
    PostgreSQL (as concurrent inserts draw theirs); above the highest key elsewhere (a single writer)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            column = model._meta.pk.column
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        highest = cursor.fetchone()[0]
    return list(range(highest + 1, highest + count + 1))


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Update ``fields`` of the rows whose primary key is each row's first value, in one statement on
    PostgreSQL (the rows COPied into a temporary table, then ``UPDATE … FROM``); ``bulk_update`` elsewhere."""
    if not rows:
        return 0
    given = _columns(model, fields)
    if connection.vendor != "postgresql":
        attnames = [f.attname for f in given]
        objects = [model(pk=row[0], **dict(zip(attnames, row[1:], strict=True))) for row in rows]
        return model._default_manager.bulk_update(objects, list(fields), batch_size=500)
    quote = connection.ops.quote_name
    assert model._meta.pk is not None
    table, pk = quote(model._meta.db_table), _column(model._meta.pk)
    columns = [_column(f) for f in given]
    json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bulk_update_rows")
        cursor.execute(
            f"CREATE TEMPORARY TABLE bulk_update_rows ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {pk}, {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY bulk_update_rows ({pk}, {', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                values = list(row[1:])
                for i in json_at:
                    values[i] = json.dumps(values[i], ensure_ascii=False)
                copy.write_row((row[0], *values))
        assignments = ", ".join(f"{c} = bulk_update_rows.{c}" for c in columns)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM bulk_update_rows "  # noqa: S608
            f"WHERE {table}.{pk} = bulk_update_rows.{pk}"
        )
        updated = cursor.rowcount
        cursor.execute("DROP TABLE bulk_update_rows")
    return updated


def reset_sequences(*models_: type[models.Model]) -> None:
    """Set each table's id sequence past its highest id (after rows were inserted with explicit ids)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(statement)
