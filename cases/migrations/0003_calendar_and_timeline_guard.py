"""Seed the holiday table from chinese-calendar, and make the case timeline append-only in PostgreSQL."""

from django.db import migrations

TIMELINE_GUARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the case timeline is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_append_only
    BEFORE UPDATE OR DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
"""
DROP_GUARD = """
DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_append_only();
"""


def seed_calendar(apps, schema_editor):
    from cases.deadlines import load_package_calendar

    load_package_calendar(apps.get_model("cases", "CalendarDay"), apps.get_model("cases", "CalendarYear"))


def guard_timeline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TIMELINE_GUARD)


def unguard_timeline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_GUARD)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_cases_lifecycle")]

    operations = [
        migrations.RunPython(seed_calendar, migrations.RunPython.noop),
        migrations.RunPython(guard_timeline, unguard_timeline),
    ]
