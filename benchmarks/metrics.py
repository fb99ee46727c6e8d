"""The supervision figures over 1,000,000 cases: the project's code against one hand-written SQL query.

    .venv/bin/python benchmarks/metrics.py          # or: make bench-metrics (ARGS=--rebuild reloads)

Loads a million cases into the PostgreSQL database ``arbitration_bench_metrics`` with set-based SQL
(``benchmarks/metrics_data.py``: the case's accept and close instants and timeline, ruling deadlines,
mediation episodes, awards with their items and service, lawsuits), or reuses an earlier complete load.
Then, for this year up to today, split by month and by presiding arbitrator, it times

- ``arbitration.supervision.figures.summary()`` — what the API, the page and ``manage.py metrics`` call;
- one hand-written SQL statement computing the same figures (every part, the whole period and each group,
  days to close with ``AVG`` and ``PERCENTILE_CONT``),

each cold (the first call on a new database connection; PostgreSQL's and the OS's caches are not
flushed) and warm (the median of ``--repeat`` calls), alternating the two so that other work on the
machine weighs on both alike. It checks that both give the same numbers for every figure, group and part,
and fails (exit 1) when they differ. The last line printed is the JSON report (also written to
``benchmarks/results/metrics.json``); the goal is ``summary()`` within 1.5× the hand-written query and under
2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.docket import (  # noqa: E402
    configure_django,
    log,
    machine,
    prepare_database,
    write_meta,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench_metrics"
GROUPS = ("month", "arbitrator")
GOAL_RATIO = 1.5
GOAL_MS = 2000.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_METRICS_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases to load (default 1,000,000)")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the benchmark database")
    parser.add_argument("--repeat", type=int, default=5, help="warm calls per scenario and side")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "metrics.json"))
    return parser.parse_args(argv)


def open_data_set(url: str, cases: int, rebuild: bool) -> tuple[bool, dict[str, Any]]:
    must_load = prepare_database(url, cases, rebuild)
    configure_django(url)
    from django.core.management import call_command

    log(f"database {urlsplit(url).path.lstrip('/')}: migrating ...")
    call_command("migrate", verbosity=0, interactive=False)
    if not must_load:
        log(f"reusing the {cases:,} cases loaded earlier (--rebuild reloads them)")
        return False, {}
    from benchmarks.metrics_data import load

    loaded = load(cases, log=log)
    write_meta(cases, loaded.seconds)
    return True, {
        "load_seconds": round(loaded.seconds, 1),
        "rows": loaded.rows,
        "steps_seconds": loaded.steps,
    }


# --- the hand-written query -----------------------------------------------------------------------------

# One statement: the periods asked (each month and the whole period, or the whole period alone) as a
# VALUES list; the accepted cases that count anywhere in it with their ruling due date; where each
# stands against every bound (a histogram of positions, joined with the periods' bounds); the cases
# closed in each period with their latest first receipt of the award; the episodes and awards.
HAND_SQL = """
WITH p(pid, begins, ends, until_, as_of, over_) AS (VALUES {periods}),
span AS (SELECT min(begins) AS b0, max(ends) AS b1 FROM p),
t AS (SELECT array_agg(x ORDER BY x) AS arr
      FROM (SELECT DISTINCT unnest(ARRAY[begins, ends, until_]) AS x FROM p) u),
dd AS (SELECT array_agg(x ORDER BY x) AS arr FROM (SELECT DISTINCT as_of AS x FROM p) u),
pr AS (SELECT p.*, width_bucket(begins, t.arr) AS rb, width_bucket(ends, t.arr) AS re,
              width_bucket(until_, t.arr) AS ru, width_bucket(as_of, dd.arr) AS rs
       FROM p, t, dd),
cs AS (SELECT c.id, {case_group} AS g, c.accepted_at, c.closed_at, c.closure_type, d.due_on,
              (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_day,
              (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date
                - (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS days
       FROM cases_case c
       LEFT JOIN cases_deadline d ON d.case_id = c.id AND d.kind = 'ruling' AND d.key = ''
       WHERE c.accepted_at IS NOT NULL AND c.accepted_at < (SELECT b1 FROM span)
         AND (c.closed_at IS NULL OR c.closed_at >= (SELECT b0 FROM span))),
hist AS (SELECT g, width_bucket(accepted_at, t.arr) AS a, width_bucket(closed_at, t.arr) AS c,
                width_bucket(due_on, dd.arr) AS r, count(*) AS n
         FROM cs, t, dd GROUP BY 1, 2, 3, 4),
stock AS (SELECT {grouping} AS total, h.g, pr.pid,
                 sum(n) FILTER (WHERE a < rb AND (c IS NULL OR c >= rb)) AS pending_at_start,
                 sum(n) FILTER (WHERE a >= rb AND a < re) AS accepted,
                 sum(n) FILTER (WHERE c >= rb AND c < re) AS closed,
                 sum(n) FILTER (WHERE a < ru AND (c IS NULL OR c >= ru)) AS open_at_end,
                 sum(n) FILTER (WHERE a < ru AND (c IS NULL OR c >= ru) AND r < rs) AS overdue_at_end
          FROM hist h CROSS JOIN pr GROUP BY {sets}),
receipts AS (SELECT case_id, max(first) AS received
             FROM (SELECT s.case_id, s.side, min(s.effective_at) AS first
                   FROM cases_service s JOIN cs ON cs.id = s.case_id AND cs.closed_at >= (SELECT b0 FROM span)
                   WHERE s.document = 'award' AND s.effective_at IS NOT NULL GROUP BY 1, 2) f
             GROUP BY 1),
court AS (SELECT DISTINCT case_id FROM arbitration_courtchallenge WHERE within_window IS NOT FALSE),
closing AS (SELECT {grouping_cs} AS total, cs.g, pr.pid,
                   count(*) FILTER (WHERE cs.closure_type = 'mediation') AS closed_by_mediation,
                   count(*) FILTER (WHERE cs.closed_day <= cs.due_on) AS closed_on_time,
                   count(*) FILTER (WHERE cs.closed_at < pr.over_
                                      AND (rc.received IS NULL OR rc.received < pr.over_)) AS window_passed,
                   count(*) FILTER (WHERE cs.closed_at < pr.over_
                                      AND (rc.received IS NULL OR rc.received < pr.over_)
                                      AND ct.case_id IS NULL) AS final_without_lawsuit,
                   avg(cs.days) AS days_average,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY cs.days) AS days_median
            FROM cs JOIN pr ON cs.closed_at >= pr.begins AND cs.closed_at < pr.ends
            LEFT JOIN receipts rc ON rc.case_id = cs.id
            LEFT JOIN court ct ON ct.case_id = cs.id
            GROUP BY {sets_cs}),
ep AS (SELECT {grouping_ep} AS total, {episode_group} AS g, pr.pid,
              count(*) AS mediations_concluded,
              count(*) FILTER (WHERE e.outcome = 'agreement') AS mediation_agreements
       FROM cases_mediationepisode e JOIN cases_case c ON c.id = e.case_id
       JOIN pr ON e.concluded_at >= pr.begins AND e.concluded_at < pr.ends
       WHERE e.stage = 'pre_filing' GROUP BY {sets_ep}),
items AS (SELECT award_id, count(*) AS n, count(*) FILTER (WHERE final IS NOT TRUE) AS not_final
          FROM arbitration_awarditem GROUP BY 1),
aw AS (SELECT {grouping_aw} AS total, {award_group} AS g, pr.pid,
              count(*) AS awards,
              count(*) FILTER (WHERE i.n > 0 AND i.not_final = 0) AS final_awards
       FROM arbitration_award a JOIN cases_case c ON c.id = a.case_id
       JOIN pr ON a.issued_at >= pr.begins AND a.issued_at < pr.ends
       LEFT JOIN items i ON i.award_id = a.id
       WHERE a.kind = 'final' AND a.status = 'issued' GROUP BY {sets_aw})
SELECT 'cases', total, g, pid, json_build_object(
         'pending_at_start', pending_at_start, 'accepted', accepted, 'closed', closed,
         'open_at_end', open_at_end, 'overdue_at_end', overdue_at_end) FROM stock
UNION ALL
SELECT 'closing', total, g, pid, json_build_object(
         'closed_by_mediation', closed_by_mediation, 'closed_on_time', closed_on_time,
         'window_passed', window_passed, 'final_without_lawsuit', final_without_lawsuit,
         'days_average', days_average, 'days_median', days_median) FROM closing
UNION ALL
SELECT 'episodes', total, g, pid, json_build_object(
         'mediations_concluded', mediations_concluded, 'mediation_agreements', mediation_agreements) FROM ep
UNION ALL
SELECT 'awards', total, g, pid, json_build_object('awards', awards, 'final_awards', final_awards) FROM aw
"""

GROUP_COLUMNS = {
    "arbitrator": ("c.presiding_arbitrator_id", "c.presiding_arbitrator_id", "c.presiding_arbitrator_id"),
}


def hand_query(period: Any, group_by: str) -> tuple[str, list[Any]]:
    """The statement and its parameters for ``period`` split by month or by arbitrator."""
    from arbitration.supervision import figures
    from arbitration.supervision.figures import _open_until, _window_over

    if group_by in figures.TIME_GROUPS:
        periods = [(0, period)] + [(i + 1, p) for i, (_k, p) in enumerate(figures.buckets(period, group_by))]
        case_group = episode_group = award_group = "NULL::bigint"
        group_sets = ("h.g, pr.pid", "cs.g, pr.pid", "2, 3", "2, 3")
        groupings = ("false",) * 4
    else:
        periods = [(0, period)]
        case_group, episode_group, award_group = GROUP_COLUMNS[group_by]
        group_sets = (
            "GROUPING SETS ((h.g, pr.pid), (pr.pid))",
            "GROUPING SETS ((cs.g, pr.pid), (pr.pid))",
            f"GROUPING SETS (({episode_group}, pr.pid), (pr.pid))",
            f"GROUPING SETS (({award_group}, pr.pid), (pr.pid))",
        )
        groupings = ("GROUPING(h.g) = 1", "GROUPING(cs.g) = 1", f"GROUPING({episode_group}) = 1")
        groupings += (f"GROUPING({award_group}) = 1",)
    values = ", ".join(
        "(%s, %s::timestamptz, %s::timestamptz, %s::timestamptz, %s::date, %s::timestamptz)" for _ in periods
    )
    params: list[Any] = []
    for pid, p in periods:
        params += [pid, p.begins, p.ends, _open_until(p), p.as_of, _window_over(p)]
    sql = HAND_SQL.format(
        periods=values,
        case_group=case_group,
        episode_group=episode_group,
        award_group=award_group,
        grouping=groupings[0],
        sets=group_sets[0],
        grouping_cs=groupings[1],
        sets_cs=group_sets[1],
        grouping_ep=groupings[2],
        sets_ep=group_sets[2],
        grouping_aw=groupings[3],
        sets_aw=group_sets[3],
    )
    return sql, params


def run_hand(period: Any, group_by: str) -> list[tuple]:
    from django.db import connection

    sql, params = hand_query(period, group_by)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def hand_summary(period: Any, group_by: str, rows: list[tuple]) -> dict[str, Any]:
    """The hand-written query's rows in the shape of ``summary()``'s numbers (no labels)."""
    from arbitration.supervision import figures

    keys = {0: None}
    if group_by in figures.TIME_GROUPS:
        keys.update({i + 1: k for i, (k, _p) in enumerate(figures.buckets(period, group_by))})
    table: dict[Any, dict[str, dict[str, Any]]] = {}

    def entry(key: Any) -> dict[str, dict[str, Any]]:
        if key not in table:
            table[key] = {name: figures._empty(source) for name, source in figures.SOURCES.items()}
            table[key]["cases"].pop("_days")
        return table[key]

    for source, total, group, pid, values in rows:
        if group_by in figures.TIME_GROUPS:
            key = "whole" if pid == 0 else keys[pid]
        else:
            key = "whole" if total else group
        counts = entry(key)["cases" if source in ("cases", "closing") else source]
        for part, value in values.items():
            counts[part] = value if part.startswith("days_") else int(value or 0)
    if group_by in figures.TIME_GROUPS:
        for k in keys.values():
            if k is not None:
                entry(k)
    whole = entry("whole")
    return {
        "whole": figures.results(whole),
        "groups": {"" if k is None else str(k): figures.results(v) for k, v in table.items() if k != "whole"},
    }


def orm_numbers(body: dict[str, Any]) -> dict[str, Any]:
    def numbers(entry: dict[str, Any]) -> dict[str, Any]:
        return {
            k: v for k, v in entry.items() if k not in ("key", "label", "from", "to", "group_by", "groups")
        }

    return {"whole": numbers(body), "groups": {g["key"]: numbers(g) for g in body["groups"]}}


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    found = []
    if a["whole"] != b["whole"]:
        found.append("whole period")
    for key in sorted(set(a["groups"]) | set(b["groups"])):
        if a["groups"].get(key) != b["groups"].get(key):
            found.append(f"group {key!r}")
    return found


# --- measuring ------------------------------------------------------------------------------------------


def timed(call: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def measure(period: Any, group_by: str, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from arbitration.supervision.figures import summary

    connection.close()
    with CaptureQueriesContext(connection) as captured:
        orm_cold, body = timed(lambda: summary(period, group_by))
    connection.close()
    hand_cold, rows = timed(lambda: run_hand(period, group_by))
    orm_warm, hand_warm = [], []
    for _ in range(repeat):
        ms, again = timed(lambda: summary(period, group_by))
        orm_warm.append(ms)
        assert again == body, "the same period gave different figures"
        ms, _rows = timed(lambda: run_hand(period, group_by))
        hand_warm.append(ms)
    orm, hand = orm_numbers(body), hand_summary(period, group_by, rows)
    diff = differences(orm, hand)
    row = {
        "group_by": group_by,
        "groups": len(body["groups"]),
        "orm_queries": len(captured),
        "orm_cold_ms": round(orm_cold, 1),
        "orm_warm_median_ms": round(statistics.median(orm_warm), 1),
        "hand_cold_ms": round(hand_cold, 1),
        "hand_warm_median_ms": round(statistics.median(hand_warm), 1),
        "same_numbers": not diff,
        "differences": diff,
    }
    row["ratio_warm"] = round(row["orm_warm_median_ms"] / row["hand_warm_median_ms"], 2)
    row["ratio_cold"] = round(row["orm_cold_ms"] / row["hand_cold_ms"], 2)
    log(
        f"  by {group_by}: summary() cold {row['orm_cold_ms']} ms, warm {row['orm_warm_median_ms']} ms "
        f"({row['orm_queries']} queries); hand-written cold {row['hand_cold_ms']} ms, warm "
        f"{row['hand_warm_median_ms']} ms; ratio {row['ratio_warm']}; same numbers: {row['same_numbers']}"
    )
    return row


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_started = time.perf_counter()
    loaded, load = open_data_set(args.database_url, args.cases, args.rebuild)
    load_seconds = time.perf_counter() - load_started

    from arbitration.supervision import figures
    from cases.models import Case
    from core import clock

    today = clock.today()
    period = figures.Period(date(today.year, 1, 1), today)
    log(f"measuring {period.first} – {period.last}, {args.repeat} warm calls each ...")
    load_before = os.getloadavg()
    scenarios = [measure(period, group_by, args.repeat) for group_by in GROUPS]
    load_after = os.getloadavg()
    same = all(s["same_numbers"] for s in scenarios)
    worst_ratio = max(s["ratio_warm"] for s in scenarios)
    slowest = max(s["orm_warm_median_ms"] for s in scenarios)
    report = {
        "benchmark": "metrics",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "method": (
            "figures.summary() against one hand-written SQL statement, alternately in this process, "
            "PostgreSQL on 127.0.0.1; cold = first call on a new connection (caches not flushed), warm = "
            f"median of {args.repeat} calls. The numbers of every figure, part, group and the whole "
            "period are compared."
        ),
        "machine": {
            **machine(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
        },
        "data": {
            "database": urlsplit(args.database_url).path.lstrip("/"),
            "cases": Case.objects.count(),
            "accepted": Case.objects.filter(accepted_at__isnull=False).count(),
            "loaded_in_this_run": loaded,
            "open_seconds": round(load_seconds, 1),
            **load,
        },
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat()},
        "scenarios": scenarios,
        "same_numbers": same,
        "goal": {
            "ratio_at_most": GOAL_RATIO,
            "ms_under": GOAL_MS,
            "worst_ratio_warm": worst_ratio,
            "slowest_warm_ms": slowest,
            "met": same and worst_ratio <= GOAL_RATIO and slowest < GOAL_MS,
        },
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"written to {output}")
    print(json.dumps(report, ensure_ascii=False))
    if not same:
        log(
            "FAILED: summary() and the hand-written query disagree: "
            + "; ".join(
                f"{s['group_by']}: {', '.join(s['differences'])}" for s in scenarios if s["differences"]
            )
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
