"""The supervision benchmark: the figures of ``GET /api/v1/metrics/summary/`` over 100,000 cases.

    .venv/bin/python benchmarks/supervision.py       # or: make bench-supervision

Reuses the docket benchmark's data set (``benchmarks/docket_data.py``: cases with their timeline, ruling
deadlines, tribunals, mediation organisations) in its own PostgreSQL database
``arbitration_bench_supervision`` (created and loaded on the first run, reused afterwards; ``--rebuild``
reloads it). It times the summary's selector (``arbitration.supervision.figures.summary``: what the API
view, the page and ``manage.py metrics`` call) for the last twelve months — not grouped, by month, by
arbitrator — cold (the first call on a fresh database connection: no prepared plan, no Django state;
PostgreSQL's shared buffers and the OS cache are *not* flushed) and warm (the median of ``--repeat``
calls after it), with its query count. Beside it, the same figures read the accept/close instants from
the timeline with the correlated subqueries the first version used (``timeline`` rows), and the run
checks both give the same answer. Prints one JSON document and writes it to
``benchmarks/results/supervision.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.docket import log, machine, open_data_set  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench_supervision"
GROUPS = (None, "month", "arbitrator")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_SUPERVISION_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--cases", type=int, default=100_000, help="cases to load (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the benchmark database")
    parser.add_argument("--repeat", type=int, default=5, help="warm calls per scenario")
    parser.add_argument("--no-timeline", action="store_true", help="skip the timeline-subquery comparison")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "supervision.json"))
    return parser.parse_args(argv)


def timeline_cases():
    """The first version's source of arbitration cases: accept and close instants from ``CaseEvent``."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import TruncDate

    from arbitration.supervision.figures import DaysBetween
    from cases.models import Case, CaseEvent, Deadline
    from cases.models.case import Status
    from cases.models.deadlines import DeadlineKind
    from cases.models.events import EventKind
    from core import clock

    def first(**where: Any) -> Subquery:
        events = CaseEvent.objects.filter(case=OuterRef("pk"), **where).order_by("created_at", "id")
        return Subquery(events.values("created_at")[:1])

    ruling = Deadline.objects.filter(case=OuterRef("pk"), kind=DeadlineKind.RULING)
    return (
        Case.objects.annotate(
            accepted_on_record=first(kind=EventKind.ACCEPT),
            closed_on_record=first(to_status=Status.CLOSED),
            ruling_due=Subquery(ruling.values("due_on")[:1]),
        )
        .filter(accepted_on_record__isnull=False)
        .annotate(
            closed_day=TruncDate("closed_on_record", tzinfo=clock.LEGAL_TZ),
            days_to_close=DaysBetween(
                TruncDate("accepted_on_record", tzinfo=clock.LEGAL_TZ),
                TruncDate("closed_on_record", tzinfo=clock.LEGAL_TZ),
            ),
        )
    )


def measure(name: str, period: Any, group_by: str | None, repeat: int) -> tuple[dict[str, Any], Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from arbitration.supervision.figures import summary

    connection.close()  # cold: a new connection
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        body = summary(period, group_by)
    cold = (time.perf_counter() - started) * 1000
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        again = summary(period, group_by)
        warm.append((time.perf_counter() - started) * 1000)
        assert again == body, "the same period gave different figures"
    row = {
        "name": name,
        "group_by": group_by,
        "groups": len(body["groups"]),
        "queries": len(queries),
        "cold_ms": round(cold, 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "warm_min_ms": round(min(warm), 1),
        "warm_max_ms": round(max(warm), 1),
    }
    log(f"  {name}: cold {row['cold_ms']} ms, warm {row['warm_median_ms']} ms, {row['queries']} queries")
    return row, body


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    must_load = open_data_set(args.database_url, args.cases, args.rebuild)

    from arbitration.supervision import figures
    from cases.models import Case
    from core import clock

    today = clock.today()
    period = figures.Period(today - timedelta(days=364), today)
    facts = {
        "cases": Case.objects.count(),
        "accepted": Case.objects.filter(accepted_at__isnull=False).count(),
        "closed": Case.objects.filter(closed_at__isnull=False).count(),
    }
    log(f"measuring {period.first} – {period.last}, {args.repeat} warm calls each ...")
    results, bodies = [], {}
    for group_by in GROUPS:
        row, bodies[group_by] = measure(f"case_columns/{group_by or 'none'}", period, group_by, args.repeat)
        results.append(row)

    same_as_timeline = None
    if not args.no_timeline:
        cases_source = figures.SOURCES["cases"]
        figures.SOURCES["cases"] = figures.Source(
            "cases", timeline_cases, cases_source.parts, cases_source.case_field, cases_source.groups
        )
        try:
            same_as_timeline = True
            for group_by in GROUPS:
                row, body = measure(
                    f"timeline/{group_by or 'none'}", period, group_by, max(1, args.repeat // 2)
                )
                results.append(row)
                same_as_timeline = same_as_timeline and body == bodies[group_by]
        finally:
            figures.SOURCES["cases"] = cases_source

    whole = bodies[None]
    report = {
        "benchmark": "supervision",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "method": (
            "figures.summary() called in this process (the API view adds only the drill-down links), "
            "PostgreSQL on 127.0.0.1; cold = first call on a new connection, caches not flushed; warm = "
            f"median of {args.repeat} further calls. timeline/* = the same figures with the accept/close "
            "instants read from CaseEvent by correlated subqueries (the first version)."
        ),
        "machine": machine(),
        "data": {
            "database": urlsplit(args.database_url).path.lstrip("/"),
            "loaded_in_this_run": must_load,
            **facts,
        },
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat()},
        "figures": {
            name: (whole[name]["numerator"], whole[name]["denominator"], whole[name]["value"])
            for name in figures.FIGURES_BY_NAME
        }
        | {"days_to_close": whole["days_to_close"]},
        "scenarios": results,
        "same_figures_as_timeline": same_as_timeline,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n", encoding="utf-8")
    log(f"written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
