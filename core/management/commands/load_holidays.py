"""Refresh the holiday table from the installed chinese-calendar package (upgrade it each year when the
State Council publishes the next year's schedule, then run this). Years a supervisor maintains by hand
are kept unless --replace-edited."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from core import calendar
from core.models import CalendarYear
from core.signals import calendar_changed


class Command(BaseCommand):
    help = "Load chinese-calendar's holidays into the editable holiday table; recompute deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--replace-edited", action="store_true", help="also overwrite hand-edited years")

    def handle(self, *args: Any, replace_edited: bool, **options: Any) -> None:
        with transaction.atomic():
            years = calendar.load_package_calendar(replace_edited=replace_edited)
        if not years:
            self.stdout.write(
                "Nothing loaded: every year the package covers is kept by hand (--replace-edited)."
            )
            return
        # Each app recomputes its deadlines now, in this process, and says how many cases it touched.
        recomputed = sum(
            int(response or 0)  # each receiver returns how many cases it touched
            for year in years[-2:]
            for _receiver, response in calendar_changed.send(sender=CalendarYear, year=year, background=False)
        )
        summary = (
            f"Loaded {len(years)} years ({years[0]}-{years[-1]}); recomputed {recomputed} cases' deadlines."
        )
        self.stdout.write(self.style.SUCCESS(summary))
