"""The supervision figures on the command line (issue 12): the same computation as
``GET /api/v1/metrics/summary/`` and the page, for a period and an optional group.

    python manage.py metrics --from 2026-01-01 --to 2026-03-31 [--group-by month] [--json]
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from arbitration.supervision.figures import FIGURES, GROUPS, summary
from arbitration.supervision.inputs import FiguresQuerySerializer


def _line(name: str, figure: dict[str, Any]) -> str:
    value = figure["value"] if figure["value"] is not None else "-"
    text = f"  {name}: {figure['numerator']}/{figure['denominator']} = {value}"
    if figure["target"] is not None:
        met = "" if figure["met"] is None else (", met" if figure["met"] else ", not met")
        text += f" (target {figure['target']}{met})"
    return text


def as_text(body: dict[str, Any]) -> str:
    lines = [f"{body['from']} – {body['to']}"]
    entries = [("", body), *((f"[{g['key'] or '-'}] {g['label']}", g) for g in body["groups"])]
    for title, entry in entries:
        if title:
            lines.append(title)
        lines.extend(_line(f.name, entry[f.name]) for f in FIGURES)
        days = entry["days_to_close"]
        lines.append(
            f"  days_to_close: average {days['average']}, median {days['median']} ({days['cases']} cases)"
        )
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print the supervision figures of a period (domain.md §7), as the API computes them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", help="first day, YYYY-MM-DD (default: 1 January of --to)")
        parser.add_argument("--to", dest="last", help="last day, YYYY-MM-DD (default: today)")
        parser.add_argument("--group-by", dest="group_by", choices=GROUPS, help="split the figures by group")
        parser.add_argument("--json", action="store_true", help="print the API's JSON body")

    def handle(
        self, *args: Any, first: str | None, last: str | None, group_by: str | None, **options: Any
    ) -> None:
        data = {k: v for k, v in {"from": first, "to": last, "group_by": group_by}.items() if v}
        query = FiguresQuerySerializer(data=data)
        if not query.is_valid():
            problems = "; ".join(
                f"--{name.replace('_', '-')}: {' '.join(str(m) for m in messages)}"
                for name, messages in query.errors.items()
            )
            raise CommandError(problems)
        body = summary(query.validated_data["period"], query.validated_data["group_by"])
        if options["json"]:
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(body))
