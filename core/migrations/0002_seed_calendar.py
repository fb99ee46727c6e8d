"""Seed the holiday table from the chinese-calendar package (supervisors edit it afterwards)."""

from django.db import migrations


def seed_calendar(apps, schema_editor):
    from core.calendar import load_package_calendar

    load_package_calendar(apps.get_model("core", "CalendarDay"), apps.get_model("core", "CalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed_calendar, migrations.RunPython.noop)]
