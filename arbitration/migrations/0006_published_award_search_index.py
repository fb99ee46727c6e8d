"""PostgreSQL only: the GIN index that answers the public search of published awards.

The index is over the text's character bigrams as a tsvector built from an array
(``array_to_tsvector(string_to_array(search_terms, ' '))``), so no text-search parser or locale decides
what a Chinese "word" is; ``arbitration.search`` explains why bigrams rather than trigrams. SQLite (the
embedded profile) has no index: its search reads the few published awards with LIKE.
"""

from django.db import migrations

ADD = """
CREATE INDEX IF NOT EXISTS published_award_terms ON arbitration_publishedaward
    USING gin (array_to_tsvector(string_to_array(search_terms, ' ')));
"""
DROP = "DROP INDEX IF EXISTS published_award_terms;"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0005_publication")]

    operations = [migrations.RunPython(add, drop)]
