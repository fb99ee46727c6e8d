"""PostgreSQL only: the case timeline append-only by trigger, and a trigram index for searching case numbers.

The model refuses to update or delete a ``CaseEvent``; the trigger makes the database refuse too, so
nobody can rewrite the record by any path. The trigram index answers the docket's ``icontains`` search on
the case number (see ``accounts.0002`` for the party name).
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the case timeline is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_append_only
    BEFORE UPDATE OR DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS case_number_trgm ON cases_case USING gin (UPPER(case_number::text) gin_trgm_ops);
"""
UNGUARD = """
DROP INDEX IF EXISTS case_number_trgm;
DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_append_only();
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add, drop)]
