"""The cases behind a figure's numerator or denominator: the same parts, as a WHERE instead of a COUNT.

One entry per counted row (a dispute mediated before filing and later accepted and closed in the same
period is counted twice in the mediation denominator, and listed twice, once per way it counted), so a
list without visibility limits has exactly as many entries as the number it explains. The list is cut to
the cases the user may see (``cases.selectors.cases_visible_to``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from arbitration.supervision.figures import (
    FIGURES_BY_NAME,
    SOURCES,
    TIME_GROUPS,
    Period,
    Source,
    buckets,
    group_condition,
)
from cases.models import Case
from cases.selectors import cases_visible_to
from core import clock

# What each part means, shown beside each listed case.
PART_LABELS = {
    "cases.pending_at_start": "pending at the period's start",
    "cases.accepted": "accepted in the period",
    "cases.closed": "closed in the period",
    "cases.closed_by_mediation": "closed by mediation document in the period",
    "cases.closed_on_time": "closed within the ruling period",
    "cases.open_at_end": "open at the period's end",
    "cases.overdue_at_end": "open and past the ruling due date at the period's end",
    "cases.window_passed": "closed, lawsuit window over",
    "cases.final_without_lawsuit": "closed, lawsuit window over, no lawsuit",
    "episodes.mediations_concluded": "pre-filing mediation concluded in the period",
    "episodes.mediation_agreements": "pre-filing mediation agreement in the period",
    "awards.awards": "award issued in the period",
    "awards.final_awards": "final award issued in the period",
}


@dataclass(frozen=True)
class Entry:
    case: Case
    counted_as: str


def _rows(source: Source, part: str, period: Period, group_by: str | None, group: str | None) -> QuerySet:
    rows = source.queryset()
    if group_by and group_by not in TIME_GROUPS and group is not None:
        rows = rows.annotate(group_value=source.groups[group_by]()).filter(group_condition(group_by, group))
    return rows.filter(source.parts(period)[part])


def _period_of(period: Period, group_by: str | None, group: str | None) -> Period:
    if group_by in TIME_GROUPS and group:
        chosen = dict(buckets(period, group_by)).get(group)
        if chosen is None:  # a bucket outside the period: nothing in it
            return Period(period.first, period.first.replace(year=period.first.year - 1))
        return chosen
    return period


def entries(
    user: User,
    *,
    figure: str,
    part: str,
    period: Period,
    group_by: str | None = None,
    group: str | None = None,
) -> list[Entry]:
    """The entries behind one side of a figure, oldest case first, visible to ``user`` only."""
    spec = FIGURES_BY_NAME[figure]
    period = _period_of(period, group_by, group)
    if period.last < period.first:
        return []
    counted: list[tuple[int, str]] = []
    for source_name, part_name in getattr(spec, part):
        source = SOURCES[source_name]
        ids = _rows(source, part_name, period, group_by, group).values_list(source.case_field, flat=True)
        label = PART_LABELS[f"{source_name}.{part_name}"]
        counted.extend((case_id, label) for case_id in ids)
    visible = cases_visible_to(user).filter(pk__in={case_id for case_id, _ in counted})
    cases = {c.pk: c for c in visible.select_related("presiding_arbitrator", "mediation_organisation")}
    found = [Entry(cases[case_id], label) for case_id, label in counted if case_id in cases]
    return sorted(found, key=lambda e: (e.case.received_at, e.case.pk, e.counted_as))


def _local(moment: datetime | None) -> str:
    return clock.local_date(moment).isoformat() if moment else ""


def entry_data(entry: Entry) -> dict[str, Any]:
    case = entry.case
    return {
        "id": case.pk,
        "case_number": case.case_number,
        "status": case.status,
        "closure_type": case.closure_type,
        "counted_as": entry.counted_as,
        "received_on": _local(case.received_at),
        "accepted_on": _local(case.accepted_at),
        "closed_on": _local(case.closed_at),
        "street": case.street,
        "arbitrator": str(case.presiding_arbitrator) if case.presiding_arbitrator else "",
        "organisation": case.mediation_organisation.name if case.mediation_organisation else "",
        "external_ref": case.external_ref or "",
    }


COLUMNS = [
    "id",
    "case_number",
    "status",
    "closure_type",
    "counted_as",
    "received_on",
    "accepted_on",
    "closed_on",
    "street",
    "arbitrator",
    "organisation",
    "external_ref",
]


def as_csv(rows: list[dict[str, Any]]) -> str:
    """UTF-8 with a byte-order mark, so a spreadsheet opens the Chinese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
