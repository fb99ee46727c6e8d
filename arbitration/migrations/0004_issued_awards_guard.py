"""PostgreSQL only: an issued award, its items and its dissents cannot be changed or deleted by any path.

The models and their querysets refuse already (``arbitration.models.Issued``); the triggers make the
database refuse too, as ``cases.0002`` does for the timeline.
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION arbitration_award_issued_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'issued' THEN
        RAISE EXCEPTION 'an issued award never changes (%% refused)', TG_OP;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER arbitration_award_issued_guard
    BEFORE UPDATE OR DELETE ON arbitration_award
    FOR EACH ROW EXECUTE FUNCTION arbitration_award_issued_guard();

CREATE OR REPLACE FUNCTION arbitration_award_part_guard() RETURNS trigger AS $$
DECLARE
    award_id bigint;
BEGIN
    award_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.award_id ELSE NEW.award_id END;
    IF EXISTS (SELECT 1 FROM arbitration_award WHERE id = award_id AND status = 'issued')
       OR (TG_OP = 'UPDATE' AND EXISTS (
           SELECT 1 FROM arbitration_award WHERE id = OLD.award_id AND status = 'issued')) THEN
        RAISE EXCEPTION 'an issued award never changes (%% refused)', TG_OP;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER arbitration_awarditem_issued_guard
    BEFORE INSERT OR UPDATE OR DELETE ON arbitration_awarditem
    FOR EACH ROW EXECUTE FUNCTION arbitration_award_part_guard();
CREATE TRIGGER arbitration_awarddissent_issued_guard
    BEFORE INSERT OR UPDATE OR DELETE ON arbitration_awarddissent
    FOR EACH ROW EXECUTE FUNCTION arbitration_award_part_guard();
"""
UNGUARD = """
DROP TRIGGER IF EXISTS arbitration_awarddissent_issued_guard ON arbitration_awarddissent;
DROP TRIGGER IF EXISTS arbitration_awarditem_issued_guard ON arbitration_awarditem;
DROP TRIGGER IF EXISTS arbitration_award_issued_guard ON arbitration_award;
DROP FUNCTION IF EXISTS arbitration_award_part_guard();
DROP FUNCTION IF EXISTS arbitration_award_issued_guard();
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0003_awards")]

    operations = [migrations.RunPython(add, drop)]
