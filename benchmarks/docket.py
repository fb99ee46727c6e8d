"""The docket benchmark: ``GET /api/v1/cases/`` (and the status counters) over 100,000 cases.

    .venv/bin/python benchmarks/docket.py            # or: make bench-docket

Creates (or reuses) the PostgreSQL database ``arbitration_bench`` on 127.0.0.1:5432, migrates it, loads
the cases with COPY (``benchmarks/docket_data.py``), then calls the list API the way the web and the
mini-program do (token auth, query string, JSON) for each role and filter, through Django's test client
in this process with DEBUG off: the time measured is the server's own time to handle a request
(middleware, DRF, SQL, serialisation), without a network or an ASGI server in front. It counts the SQL
queries of each request, checks that the count does not change with the page size nor with the amount
of data (the same requests against a small database), prints one JSON document and writes it to
``benchmarks/results/docket.json``. ``--explain`` also writes EXPLAIN ANALYZE of every query to
``benchmarks/results/docket-explain.txt``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import secrets
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench"
GOAL_P95_MS = 100.0
META_TABLE = "bench_meta"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--cases", type=int, default=100_000, help="cases to load (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the benchmark database")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests before each scenario")
    parser.add_argument("--small-cases", type=int, default=2_000, help="cases in the small database")
    parser.add_argument("--no-volume-check", action="store_true", help="skip the small-database run")
    parser.add_argument("--explain", action="store_true", help="also write EXPLAIN ANALYZE of each query")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    parser.add_argument("--counts-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", default=str(RESULTS / "docket.json"))
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the database ---------------------------------------------------------------------------------------


def maintenance_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def loaded_cases(url: str) -> int | None:
    """Cases of a complete earlier load in this database, or None when there is none."""
    import psycopg

    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname=parts.path.lstrip("/"),
        ) as conn:
            row = conn.execute(f"SELECT cases FROM {META_TABLE} WHERE complete").fetchone()  # noqa: S608
            return row[0] if row else None
    except psycopg.Error:
        return None


def benchmark_database(url: str) -> str:
    """The database's name, refused unless it is one the benchmarks manage (``arbitration_bench…``)."""
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("arbitration_bench"):
        raise SystemExit(
            f"refusing to manage {name!r}: the benchmark database name starts with arbitration_bench"
        )
    return name


def recreate_database(url: str) -> None:
    """Drop the benchmark database and make it afresh, empty."""
    name = benchmark_database(url)
    with maintenance_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare_database(url: str, cases: int, rebuild: bool) -> bool:
    """Make sure the database exists; True when it must be loaded."""
    benchmark_database(url)
    if not rebuild and loaded_cases(url) == cases:
        return False
    recreate_database(url)
    return True


def configure_django(url: str) -> None:
    """Production-like settings: PostgreSQL with psycopg's pool, DEBUG off, no Redis or S3 needed."""
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["LOG_LEVEL"] = "WARNING"
    for name in ("REDIS_URL", "S3_ENDPOINT_URL", "S3_PUBLIC_ENDPOINT_URL"):
        os.environ.pop(name, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: static files not collected
    import django

    django.setup()


# --- measuring ------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Runner:
    def __init__(self, requests: int, warmup: int, explain: bool) -> None:
        from django.test import Client

        self.Client = Client
        self.requests = requests
        self.warmup = warmup
        self.explain = explain
        self.clients: dict[int, Any] = {}
        self.plans: list[str] = []

    def client(self, user) -> Any:
        from knox.models import AuthToken

        if user.pk not in self.clients:
            _instance, token = AuthToken.objects.create(user=user)
            self.clients[user.pk] = self.Client(
                HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT="application/json"
            )
        return self.clients[user.pk]

    def get(self, user, path: str, params: dict[str, Any]) -> Any:
        url = f"{path}?{urlencode(params)}" if params else path
        response = self.client(user).get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} as {user.username}: {response.status_code} {response.content[:300]!r}")
        return response

    def queries(self, user, path: str, params: dict[str, Any]) -> tuple[int, list[str], Any]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client(user)  # the token lookup of this script, not of the request
        with CaptureQueriesContext(connection) as captured:
            response = self.get(user, path, params)
        return len(captured), [q["sql"] for q in captured.captured_queries], response

    def measure(self, name: str, user, path: str, params: dict[str, Any]) -> dict[str, Any]:
        for _ in range(self.warmup):
            self.get(user, path, params)
        times = []
        full_collections: list[int] = []
        gc.callbacks.append(_count_full_collections(full_collections))
        try:
            for _ in range(self.requests):
                started = time.perf_counter()
                self.get(user, path, params)
                times.append((time.perf_counter() - started) * 1000)
        finally:
            gc.callbacks.pop()
        counts = set()
        for _ in range(3):
            count, sql, response = self.queries(user, path, params)
            counts.add(count)
        if self.explain:
            self.explain_queries(name, sql)
        body = response.json()
        result = {
            "name": name,
            "role": user.role,
            "user": user.username,
            "request": f"GET {path}" + (f"?{urlencode(params)}" if params else ""),
            "queries": count if len(counts) == 1 else sorted(counts),
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
            "max_ms": round(max(times), 2),
            "mean_ms": round(statistics.fmean(times), 2),
            "requests": len(times),
            "full_gc_pauses": len(full_collections),
        }
        if "results" in body:
            result.update(count=body["count"], rows=len(body["results"]))
        log(
            f"  {name:<40} p50 {result['p50_ms']:7.2f}  p95 {result['p95_ms']:7.2f}  "
            f"max {result['max_ms']:7.2f} ms  {result['queries']} queries"
            + (f"  count={result['count']}" if "count" in result else "")
        )
        return result

    def explain_queries(self, name: str, statements: list[str]) -> None:
        from django.db import connection

        self.plans.append(f"==== {name}")
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                self.plans.append(f"-- {sql}\n{plan}\n")


def _count_full_collections(into: list[int]):
    """A gc callback noting each full (generation 2) collection: the usual cause of the ``max`` figures."""

    def callback(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            into.append(1)

    return callback


# --- scenarios ------------------------------------------------------------------------------------------

LIST = "/api/v1/cases/"
COUNTS = "/api/v1/cases/status-counts/"
PAGE_SIZES = (5, 20, 50, 100)


def personas() -> dict[str, Any]:
    """The bench users of each role; the arbitrator is the busiest one (the worst case)."""
    from django.db.models import Count

    from accounts.models import Role, User

    by_name = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    busiest = (
        User.objects.filter(role=Role.ARBITRATOR, username__startswith="bench-")
        .annotate(seats=Count("tribunal_seats"))
        .order_by("-seats", "pk")
        .first()
    )
    return {
        "supervisor": by_name["bench-supervisor"],
        "arbitrator": busiest,
        "clerk": by_name["bench-clerk-01"],
        "mediator": by_name["bench-mediator-01"],
        "applicant": by_name["bench-applicant"],
        "respondent": by_name["bench-respondent"],
    }


def search_term(user=None) -> str:
    """An employer's name to search for. Staff: a mid-sized employer (about the 20th by cases), as a
    clerk looks a respondent up; parties and mediators: the employer of one of their own cases."""
    from django.db.models import Count

    from cases import selectors
    from cases.models import CaseParty, Side

    respondents = CaseParty.objects.filter(side=Side.RESPONDENT)
    if user is not None:
        own = respondents.filter(case__in=selectors.cases_visible_to(user).values("pk"))
        return own.order_by("case_id").values_list("party__name", flat=True).first() or ""
    rows = respondents.values("party__name").annotate(n=Count("id")).order_by("-n", "party__name")[:20]
    return list(rows)[-1]["party__name"]


def scenarios(people: dict[str, Any]) -> list[tuple[str, Any, str, dict[str, Any]]]:
    from cases import selectors
    from core import clock

    due_before = (clock.today() + timedelta(days=7)).isoformat()
    term = search_term()
    other_arbitrator = people["arbitrator"].pk
    result = []
    for role in ("supervisor", "arbitrator", "clerk", "mediator", "applicant", "respondent"):
        user = people[role]
        visible = selectors.cases_visible_to(user).count()
        last_page = max(1, math.ceil(visible / 20))
        deep = min(500, last_page)
        result.append((f"{role}: first page", user, LIST, {"ordering": "next_due_on"}))
        if deep > 1:
            result.append((f"{role}: page {deep} of {last_page}", user, LIST, {"page": deep}))
        if last_page > 500:
            result.append((f"{role}: last page ({last_page})", user, LIST, {"page": last_page}))
        if role in ("supervisor", "arbitrator", "clerk"):
            result += [
                (f"{role}: status=accepted", user, LIST, {"status": "accepted"}),
                (f"{role}: due_before=+7d", user, LIST, {"due_before": due_before}),
                (f"{role}: ordering=-received_at", user, LIST, {"ordering": "-received_at"}),
                (f"{role}: search=employer", user, LIST, {"search": term}),
                (f"{role}: arbitrator=<id>", user, LIST, {"arbitrator": other_arbitrator}),
            ]
        else:
            result.append((f"{role}: search=own employer", user, LIST, {"search": search_term(user)}))
        result.append((f"{role}: status-counts", user, COUNTS, {}))
    return result


def query_counts(runner: Runner, people: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Queries of the first page per role and page size, and of the status counters."""
    counts: dict[str, dict[str, int]] = {}
    for role, user in people.items():
        row = {}
        for size in PAGE_SIZES:
            row[f"page_size={size}"] = runner.queries(user, LIST, {"page_size": size})[0]
        row["status-counts"] = runner.queries(user, COUNTS, {})[0]
        counts[role] = row
    return counts


# --- facts about the machine and the data -------------------------------------------------------------


def machine() -> dict[str, Any]:
    import django
    from django.db import connection

    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_parallel_workers_per_gather"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": version,
        "postgresql_settings": settings,
    }


def data_facts() -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from cases.models import Case

    tables = [
        "cases_case",
        "accounts_party",
        "cases_caseparty",
        "cases_claim",
        "cases_caseconsent",
        "cases_tribunalmember",
        "cases_deadline",
        "cases_caseevent",
        "accounts_user",
    ]
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            rows[table] = cursor.fetchone()[0]
        cursor.execute(f"SELECT loaded_at, load_seconds FROM {META_TABLE}")  # noqa: S608
        loaded_at, load_seconds = cursor.fetchone()
    statuses = dict(Case.objects.order_by("status").values_list("status").annotate(n=Count("id")))
    return {
        "rows": rows,
        "statuses": statuses,
        "loaded_at": loaded_at.isoformat(),
        "load_seconds": round(load_seconds, 1),
    }


def write_meta(cases: int, seconds: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {META_TABLE} (cases integer, load_seconds double precision,"
            " loaded_at timestamptz, complete boolean)"
        )
        cursor.execute(
            f"INSERT INTO {META_TABLE} VALUES (%s, %s, now(), true)",  # noqa: S608
            [cases, seconds],
        )


# --- main -----------------------------------------------------------------------------------------------


def small_database_counts(args: argparse.Namespace) -> dict[str, Any]:
    """The same query counts against a small database, in a fresh process (other settings)."""
    small_url = args.database_url.rstrip("/") + "_small"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--counts-only",
        "--database-url",
        small_url,
        "--cases",
        str(args.small_cases),
    ]
    if args.rebuild:
        command.append("--rebuild")
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"small-database run failed:\n{done.stderr}")
    return json.loads(done.stdout)


def open_data_set(database_url: str, cases: int, rebuild: bool) -> bool:
    """Django on the benchmark database, migrated, with ``cases`` cases loaded (or those loaded earlier);
    whether they were loaded in this run."""
    must_load = prepare_database(database_url, cases, rebuild)
    configure_django(database_url)

    from django.core.management import call_command

    log(f"database {urlsplit(database_url).path.lstrip('/')}: migrating ...")
    call_command("migrate", verbosity=0, interactive=False)
    if must_load:
        from benchmarks.docket_data import load

        loaded = load(cases, log=log)
        write_meta(cases, loaded.seconds)
    else:
        log(f"reusing the {cases:,} cases loaded earlier (--rebuild reloads them)")
    return must_load


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    must_load = open_data_set(args.database_url, args.cases, args.rebuild)

    runner = Runner(args.requests, args.warmup, args.explain)
    people = personas()
    counts = query_counts(runner, people)
    if args.counts_only:
        print(json.dumps({"cases": args.cases, "query_counts": counts}))
        return 0

    load_before = os.getloadavg()
    log(f"measuring, {args.requests} requests per scenario ...")
    results = [
        runner.measure(name, user, path, params)
        for name, user, path, params in scenarios(people)
        if args.only in name
    ]

    by_volume: dict[str, Any] = {}
    if not args.no_volume_check:
        log(f"query counts against a database of {args.small_cases:,} cases ...")
        small = small_database_counts(args)
        by_volume = {
            f"{small['cases']}_cases": small["query_counts"],
            f"{args.cases}_cases": counts,
            "same": small["query_counts"] == counts,
        }
    list_counts = {
        role: {v for k, v in row.items() if k.startswith("page_size")} for role, row in counts.items()
    }
    load_after = os.getloadavg()
    worst = max(results, key=lambda r: r["p95_ms"]) if results else None
    report = {
        "benchmark": "docket",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "method": (
            "server time: Django's test client in this process (full middleware and DRF stack, DEBUG off, "
            "token auth, JSON), wall time of each request from the handler's entry to the rendered "
            "response; PostgreSQL on 127.0.0.1 over TCP; no HTTP server or network in front. "
            f"{args.warmup} warm-up then {args.requests} timed requests per scenario, one at a time; "
            "percentiles by nearest rank. Python's garbage collector runs as in a server: a full "
            "collection (full_gc_pauses) adds ~50-90 ms to the request it lands in. "
            "Queries counted with CaptureQueriesContext."
        ),
        "machine": {
            **machine(),
            # Other work on the machine shows in the figures: the load averages around the measurements.
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
        },
        "data": {
            "database": urlsplit(args.database_url).path.lstrip("/"),
            "cases": args.cases,
            "loaded_in_this_run": must_load,
            **data_facts(),
        },
        "scenarios": results,
        "query_counts": {
            "by_page_size": counts,
            "independent_of_page_size": all(len(v) == 1 for v in list_counts.values()),
            "by_data_volume": by_volume,
        },
        "goal": {
            "p95_ms_below": GOAL_P95_MS,
            "met": bool(results) and all(r["p95_ms"] < GOAL_P95_MS for r in results),
            "worst_p95": {"name": worst["name"], "p95_ms": worst["p95_ms"]} if worst else None,
            "over": [r["name"] for r in results if r["p95_ms"] >= GOAL_P95_MS],
        },
    }
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n", encoding="utf-8")
    log(f"written to {output}")
    if args.explain:
        plans = output.with_name("docket-explain.txt")
        plans.write_text("\n".join(runner.plans) + "\n", encoding="utf-8")
        log(f"plans written to {plans}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
