"""A trigram index for the docket's search by party name (PostgreSQL only).

The search is ``icontains``, which Django writes as ``UPPER(col::text) LIKE UPPER('%term%')``: a trigram
index on that same expression answers it without reading every party. pg_trgm is a trusted extension
(PostgreSQL 13+), so the database owner may create it. SQLite (the embedded profile) scans its few rows.
"""

from django.db import migrations

ADD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS party_name_trgm ON accounts_party USING gin (UPPER(name::text) gin_trgm_ops);
"""
DROP = "DROP INDEX IF EXISTS party_name_trgm;"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add, drop)]
