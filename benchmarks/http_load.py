"""The API over HTTP against a bare Django REST framework endpoint, side by side, on 100,000 cases.

    .venv/bin/python benchmarks/http.py            # or: make bench-http

Starts the production server shape (the ASGI server of docker-compose.yml, PostgreSQL through the
connection pool the settings configure, Redis as channel layer and cache, DEBUG off, behind a TLS proxy)
on the data set of ``benchmarks/docket.py`` (database ``arbitration_bench``, loaded when missing), with a
benchmark-only URL conf (``benchmarks/http_urls.py``) that adds ``/bench/bare/<pk>/``: one primary-key
query on the cases table, no authentication, a three-field ModelSerializer — what the framework itself
costs. Then drives both with wrk: 20 connections, fixed durations, the bare endpoint run between every
two measured endpoints so that other work on the machine weighs on both alike; each endpoint's
throughput is divided by that of the bare runs around it. Then one client at a time (p95 of the list and
the detail for every role), then daphne against uvicorn workers on the same endpoints, with a WebSocket
check on each. The last line printed is the JSON report, also written to ``benchmarks/results/http.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
import warnings  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/10"
ROLES = ("supervisor", "arbitrator", "clerk", "mediator", "applicant", "respondent")
# The server docker-compose.yml runs; the report compares it with the other one.
PRODUCTION_SERVER = "uvicorn"
GOALS = {"list": 0.4, "detail": 0.4, "me": 0.7, "submissions": 0.4, "evidence": 0.4}
GOAL_SINGLE_P95_MS = 30.0
MARK = "bench-http"  # the hearing and evidence fixture's users and case facts start with this

# wrk's summary as one JSON line (latencies in microseconds; ``status`` counts answers >= 400).
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '@@{"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,'
    .. '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--cases", type=int, default=100_000, help="cases of the data set (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the benchmark database")
    parser.add_argument("--seconds", type=float, default=3, help="each loaded run (default 3)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="loaded rounds of each endpoint against the bare one (default 4)",
    )
    parser.add_argument("--single-seconds", type=float, default=3, help="each single-client run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--server", choices=("daphne", "uvicorn"), default=PRODUCTION_SERVER, help="the server measured"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--no-compare", action="store_true", help="skip daphne against uvicorn")
    parser.add_argument("--only", default="", help="measure only endpoints whose name contains this")
    parser.add_argument(
        "--read-pages",
        action="store_true",
        help="read every list page from the database (KEPT_PAGES=false): no page kept between writes",
    )
    parser.add_argument("--output", default=str(RESULTS / "http.json"))
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the data -------------------------------------------------------------------------------------------


def open_data_set(args: argparse.Namespace) -> bool:
    """Django (this process) on the benchmark database, migrated and loaded; True when loaded now."""
    from benchmarks import docket

    must_load = docket.prepare_database(args.database_url, args.cases, args.rebuild)
    os.environ.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        LOG_LEVEL="WARNING",
        DATA_DIR=tempfile.mkdtemp(prefix="bench-http-"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    for name in ("S3_ENDPOINT_URL", "S3_PUBLIC_ENDPOINT_URL"):
        os.environ.pop(name, None)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    log(f"database {urlsplit(args.database_url).path.lstrip('/')}: migrating ...")
    call_command("migrate", verbosity=0, interactive=False)
    if must_load:
        from benchmarks.docket_data import load

        loaded = load(args.cases, log=log)
        docket.write_meta(args.cases, loaded.seconds)
    else:
        log(f"reusing the {args.cases:,} cases loaded earlier (--rebuild reloads them)")
    return must_load


MADE_TOKENS: list[Any] = []  # deleted at the end of the run


def token(user: Any) -> str:
    from knox.models import AuthToken

    instance, key = AuthToken.objects.create(user=user)
    MADE_TOKENS.append(instance.pk)
    return str(key)


def hearing_fixture(arbitrator: Any, clerk: Any) -> dict[str, Any]:
    """One case in the asynchronous hearing with an open session, 40 submissions and 20 evidence
    declarations, made through the services once (found again by its users' names afterwards)."""
    from accounts import services as accounts
    from accounts.identifiers import credit_code_check_character, ric_check_character
    from accounts.models import PartyKind, Role, User
    from cases import services
    from cases.models import Case
    from core import clock
    from evidence import services as evidence
    from hearings import sessions
    from hearings.models import HearingSession

    worker = User.objects.filter(username=f"{MARK}-worker").first()
    if worker is not None:
        session = HearingSession.objects.filter(case__parties__party=worker.party).order_by("pk").last()
        if session is not None:
            return {"worker": worker, "session": session.pk, "case": session.case_id}
        raise SystemExit(f"a half-made fixture: delete the users {MARK}-* or --rebuild")
    log("making the hearing and evidence fixture through the services ...")
    unused = secrets.token_urlsafe(16)
    first17 = "44010619850101999"
    person = accounts.party_create(
        kind=PartyKind.PERSON, name="基准工人", id_number=first17 + ric_check_character(first17)
    )
    code17 = "91440106MA9999999"
    company = accounts.party_create(
        kind=PartyKind.ORGANISATION,
        name="广州基准听证有限公司",
        credit_code=code17 + credit_code_check_character(code17),
    )
    worker = accounts.user_create(
        username=f"{MARK}-worker", password=unused, role=Role.APPLICANT, party=person, display_name="基准工人"
    )
    employer = accounts.user_create(
        username=f"{MARK}-employer", password=unused, role=Role.RESPONDENT, party=company
    )
    case = services.case_file(
        user=worker,
        respondent={"kind": "organisation", "name": company.name, "credit_code": company.credit_code},
        claims=[services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts=f"{MARK}：拖欠工资",
        consents={"async_hearing": True, "electronic_service": True},
    )
    services.take_step(case=case, user=clerk, name="accept", data={"procedure": "ordinary"})
    services.case_set_tribunal(case=Case.objects.get(pk=case.pk), user=clerk, arbitrators=[arbitrator])
    services.case_record_consents(
        case=Case.objects.get(pk=case.pk), user=employer, async_hearing=True, electronic_service=True
    )
    services.take_step(
        case=Case.objects.get(pk=case.pk), user=arbitrator, name="start_async_hearing", data={}
    )
    for n in range(20):
        evidence.evidence_declare(
            case=Case.objects.get(pk=case.pk),
            user=worker if n % 2 else employer,
            title=f"证据{n}",
            purpose="证明拖欠工资",
            filename=f"e{n}.pdf",
            content_type="application/pdf",
            size=1000 + n,
            sha256=f"{n:064x}",
        )
    now = clock.now()
    session = sessions.session_open(
        case=Case.objects.get(pk=case.pk),
        user=arbitrator,
        stages=[{"stage": "statements", "opens_at": now, "closes_at": now + timedelta(days=3650)}],
    )
    sessions.session_consent(session=session, user=worker, agree=True)
    sessions.session_consent(session=session, user=employer, agree=True)
    for n in range(40):
        sessions.submission_create(
            session=HearingSession.objects.get(pk=session.pk),
            user=worker if n % 2 else employer,
            kind="statement",
            text=f"第{n}次陈述：" + "工资未付。" * 20,
        )
    return {"worker": worker, "session": session.pk, "case": case.pk}


def endpoints() -> tuple[list[dict[str, Any]], int]:
    """The measured requests (name, kind, path, token) and the case the bare endpoint reads."""
    from benchmarks.docket import personas
    from cases import selectors
    from cases.models import Case

    people = personas()
    tokens = {role: token(user) for role, user in people.items()}
    fixture = hearing_fixture(people["arbitrator"], people["clerk"])
    worker_token = token(fixture["worker"])
    result = [{"name": "me", "kind": "me", "path": "/api/v1/me/", "token": tokens["clerk"]}]
    for role in ROLES:
        result.append(
            {"name": f"list:{role}", "kind": "list", "path": "/api/v1/cases/", "token": tokens[role]}
        )
    for role in ROLES:
        # An accepted case with its tribunal, deadlines and timeline: the common detail.
        visible = selectors.cases_visible_to(people[role]).exclude(facts__startswith=MARK)
        case = (
            visible.filter(accepted_at__isnull=False).order_by("pk").first() or visible.order_by("pk").first()
        )
        assert case is not None, role
        result.append(
            {
                "name": f"detail:{role}",
                "kind": "detail",
                "path": f"/api/v1/cases/{case.pk}/",
                "token": tokens[role],
            }
        )
    result.append(
        {
            "name": "submissions",
            "kind": "submissions",
            "path": f"/api/v1/hearing-sessions/{fixture['session']}/submissions/",
            "token": worker_token,
        }
    )
    result.append(
        {
            "name": "evidence",
            "kind": "evidence",
            "path": f"/api/v1/cases/{fixture['case']}/evidence/",
            "token": worker_token,
        }
    )
    bare_case = Case.objects.order_by("pk").values_list("pk", flat=True)[Case.objects.count() // 2]
    return result, bare_case


# --- the server -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(kind: str, port: int, workers: int) -> list[str]:
    """The commands of docker-compose.yml's web service, on a local port."""
    if kind == "daphne":
        return [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "--proxy-headers"]
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--proxy-headers",
        "--lifespan",
        "off",
        "--no-access-log",
        "--no-server-header",
    ]


class Server:
    def __init__(self, kind: str, args: argparse.Namespace, workdir: Path) -> None:
        self.kind = kind
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://127.0.0.1",
            "BEHIND_TLS_PROXY": "true",
            "NUM_PROXIES": "1",
            "LOG_LEVEL": "WARNING",
            "KEPT_PAGES": "false" if args.read_pages else "true",
            "DATA_DIR": str(workdir / "data"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.log_path = workdir / f"server-{kind}.log"
        command = [*server_command(kind, self.port, args.workers), "config.asgi:application"]
        with self.log_path.open("wb") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                health = urllib.request.Request(f"{self.base}/healthz", headers=HEADERS)  # noqa: S310
                with urllib.request.urlopen(health, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"{kind} did not start; see {self.log_path}:\n{self.log_path.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


HEADERS = {"Accept": "application/json", "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.1"}


def check(base: str, endpoint: dict[str, Any]) -> int:
    """One request: it must answer 200 (wrk counts only answers >= 400 as errors)."""
    headers = dict(HEADERS)
    if endpoint.get("token"):
        headers["Authorization"] = f"Token {endpoint['token']}"
    request = urllib.request.Request(base + endpoint["path"], headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            status = answer.status
            answer.read()
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 200:
        raise SystemExit(f"{endpoint['name']} {endpoint['path']}: answered {status}, not 200")
    return status


def wrk(
    base: str, endpoint: dict[str, Any], seconds: float, connections: int, script: Path
) -> dict[str, Any]:
    headers = dict(HEADERS)
    if endpoint.get("token"):
        headers["Authorization"] = f"Token {endpoint['token']}"
    threads = min(2, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(seconds))}s"]
    command += ["--timeout", "10s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, base + endpoint["path"]], capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("@@"))
    raw = json.loads(line[2:])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": raw["status_errors"] + raw["socket_errors"],
    }


def websocket_check(base: str, user: Any, user_token: str) -> dict[str, Any]:
    """A notification socket as the mini-program opens it, and one push to it through Redis."""
    from websockets.sync.client import connect

    from core import push

    url = base.replace("http://", "ws://") + f"/ws/notifications/?token={user_token}"
    started = time.perf_counter()
    try:
        with connect(url, origin="https://127.0.0.1", open_timeout=10) as ws:  # type: ignore[arg-type]
            opened = time.perf_counter()
            push.push(push.user_group(user.pk), {"type": "bench.ping", "n": 1})
            message = json.loads(ws.recv(timeout=10))
            return {
                "ok": message.get("type") == "bench.ping",
                "open_ms": round((opened - started) * 1000, 1),
                "push_ms": round((time.perf_counter() - opened) * 1000, 1),
            }
    except Exception as exc:  # the report says what failed
        return {"ok": False, "error": repr(exc)}


# --- the runs -------------------------------------------------------------------------------------------


def loaded_pass(
    base: str, targets: list[dict[str, Any]], bare: dict[str, Any], args: argparse.Namespace, script: Path
) -> dict[str, Any]:
    """Each target in ``--rounds`` rounds, each round the bare endpoint then the target, and the bare
    endpoint once more at the end: every target run sits between two bare runs, and its round's ratio is
    its requests/s over their mean. The target's ratio is the median of its rounds: a burst of the
    machine's other work (a shared VM's stolen time moved the bare runs of one run between 245 and 497
    requests/s) then spoils one round, not the figure."""
    for endpoint in [bare, *targets]:
        check(base, endpoint)
        wrk(base, endpoint, 1, args.connections, script)  # warm-up
    bare_runs: list[dict[str, Any]] = []
    results: dict[str, Any] = {}

    def run_bare() -> None:
        bare_runs.append(wrk(base, bare, args.seconds, args.connections, script))

    for endpoint in targets:
        rounds = []
        for _ in range(args.rounds):
            run_bare()
            run = wrk(base, endpoint, args.seconds, args.connections, script)
            run["bare_run"] = len(bare_runs) - 1
            rounds.append(run)
        run_bare()
        for run in rounds:
            around = [
                bare_runs[run["bare_run"]]["requests_per_s"],
                bare_runs[run["bare_run"] + 1]["requests_per_s"],
            ]
            run["bare_requests_per_s"] = round(sum(around) / 2, 1)
            run["ratio"] = round(run["requests_per_s"] / run["bare_requests_per_s"], 3)
        ratio = round(statistics.median(r["ratio"] for r in rounds), 3)
        total = sum(r["requests"] for r in rounds)
        row = {
            "kind": endpoint["kind"],
            "path": endpoint["path"],
            "requests": total,
            "requests_per_s": round(statistics.median(r["requests_per_s"] for r in rounds), 1),
            "bare_requests_per_s": round(statistics.median(r["bare_requests_per_s"] for r in rounds), 1),
            "p95_ms": round(statistics.median(r["p95_ms"] for r in rounds), 2),
            "errors": sum(r["errors"] for r in rounds),
            "ratio": ratio,
            "round_ratios": [r["ratio"] for r in rounds],
            "rounds": rounds,
            "goal_ratio": GOALS[endpoint["kind"]],
        }
        row["met"] = row["ratio"] >= row["goal_ratio"] and row["errors"] == 0
        results[endpoint["name"]] = row
        log(
            f"  {endpoint['name']:<22} {row['requests_per_s']:8.1f} req/s"
            f" (bare {row['bare_requests_per_s']:.1f})  ratio {ratio:.3f}  rounds {row['round_ratios']}"
            f"  errors {row['errors']}"
        )
    return {"bare_runs": bare_runs, "endpoints": results}


def single_client_pass(
    base: str, targets: list[dict[str, Any]], bare: dict[str, Any], args: argparse.Namespace, script: Path
) -> dict[str, Any]:
    result = {}
    for endpoint in [bare, *[t for t in targets if t["kind"] in ("list", "detail")]]:
        run = wrk(base, endpoint, args.single_seconds, 1, script)
        run["met"] = endpoint is bare or (run["p95_ms"] <= GOAL_SINGLE_P95_MS and run["errors"] == 0)
        result[endpoint["name"]] = run
        log(f"  {endpoint['name']:<22} p50 {run['p50_ms']:7.2f}  p95 {run['p95_ms']:7.2f} ms (one client)")
    return result


def compare_servers(
    args: argparse.Namespace,
    workdir: Path,
    targets: list[dict[str, Any]],
    bare: dict[str, Any],
    script: Path,
    ws_user: tuple[Any, str],
) -> dict[str, Any]:
    """daphne (one process, as before) against uvicorn with ``--workers`` processes, on the same requests."""
    chosen = [bare, *[t for t in targets if t["name"] in ("list:supervisor", "detail:clerk", "me")]]
    result: dict[str, Any] = {}
    for kind in ("daphne", "uvicorn"):
        if kind == "uvicorn" and shutil.which("uvicorn") is None:
            try:
                __import__("uvicorn")
            except ImportError:
                result[kind] = {"skipped": "uvicorn is not installed"}
                continue
        label = f"{kind} x{args.workers}" if kind == "uvicorn" else f"{kind} x1"
        log(f"server comparison: {label} ...")
        server = Server(kind, args, workdir)
        try:
            runs = {}
            for endpoint in chosen:
                check(server.base, endpoint)
                wrk(server.base, endpoint, 1, args.connections, script)
            for endpoint in chosen:
                runs[endpoint["name"]] = run = wrk(
                    server.base, endpoint, args.seconds, args.connections, script
                )
                log(f"  {endpoint['name']:<22} {run['requests_per_s']:8.1f} req/s  p95 {run['p95_ms']} ms")
            result[kind] = {
                "processes": args.workers if kind == "uvicorn" else 1,
                "runs": runs,
                "websocket": websocket_check(server.base, *ws_user),
            }
            log(f"  websocket: {result[kind]['websocket']}")
        finally:
            server.stop()
    measured = {k: v for k, v in result.items() if "runs" in v}
    if len(measured) == 2:
        names = [e["name"] for e in chosen if e is not bare]
        score = {
            k: sum(v["runs"][n]["requests_per_s"] for n in names) / len(names) for k, v in measured.items()
        }
        result["winner"] = max(score, key=lambda k: score[k] if measured[k]["websocket"]["ok"] else -1)
        result["uvicorn_over_daphne"] = round(score["uvicorn"] / score["daphne"], 2)
    return result


def machine() -> dict[str, Any]:
    from benchmarks.docket import machine as docket_machine

    facts = docket_machine()
    facts["wrk"] = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return facts


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench-http installs it)")
    started = time.monotonic()
    loaded_now = open_data_set(args)
    from knox.models import AuthToken

    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT)
    targets, bare_case = endpoints()
    targets = [t for t in targets if args.only in t["name"]]
    bare = {"name": "bare", "kind": "bare", "path": f"/bench/bare/{bare_case}/", "token": None}
    from benchmarks.docket import personas

    clerk = personas()["clerk"]
    ws_user = (clerk, targets[0]["token"] if targets else token(clerk))
    load_before = os.getloadavg()
    try:
        log(f"server: {args.server} ...")
        server = Server(args.server, args, workdir)
        try:
            log(f"{args.connections} connections, {args.seconds:g} s per run:")
            loaded = loaded_pass(server.base, targets, bare, args, script)
            log("one client:")
            single = single_client_pass(server.base, targets, bare, args, script)
            websocket = websocket_check(server.base, *ws_user)
        finally:
            server.stop()
        servers = {} if args.no_compare else compare_servers(args, workdir, targets, bare, script, ws_user)
    finally:
        AuthToken.objects.filter(pk__in=MADE_TOKENS).delete()

    ratios = {name: row["ratio"] for name, row in loaded["endpoints"].items()}
    goals = {
        **{f"ratio {name} >= {row['goal_ratio']}": row["met"] for name, row in loaded["endpoints"].items()},
        **{
            f"single-client p95 {name} <= {GOAL_SINGLE_P95_MS:g} ms": row["met"]
            for name, row in single.items()
            if name != "bare"
        },
        "no errors": all(r["errors"] == 0 for r in [*loaded["endpoints"].values(), *loaded["bare_runs"]]),
        "websocket": websocket.get("ok", False),
    }
    report = {
        "benchmark": "http",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "method": (
            f"{args.server} serving config.asgi with benchmarks.http_settings (the project's settings and "
            "URLs plus /bench/bare/<pk>/), DEBUG off, PostgreSQL through psycopg's pool, Redis channel "
            f"layer and cache, X-Forwarded-Proto: https as behind the TLS proxy; wrk with {args.connections} "
            f"connections for {args.seconds:g} s per run after a 1 s warm-up; each endpoint in {args.rounds} "
            "rounds, each the bare endpoint then the endpoint, and the bare endpoint once more after the "
            "last: a round's ratio = the endpoint's req/s / the mean of the bare runs on either side, the "
            f"endpoint's ratio = the median of its rounds; then one connection for {args.single_seconds:g} s "
            "per endpoint. Token auth as the clients send it."
        ),
        "machine": {
            **machine(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "data": {
            "database": urlsplit(args.database_url).path.lstrip("/"),
            "cases": args.cases,
            "loaded_in_this_run": loaded_now,
        },
        "server": {
            "kind": args.server,
            "processes": args.workers if args.server == "uvicorn" else 1,
            "kept_pages": not args.read_pages,
        },
        "loaded": loaded,
        "single_client": single,
        "websocket": websocket,
        "servers": servers,
        "seconds": round(time.monotonic() - started, 1),
        "ratios": ratios,
        "goals": goals,
        "all_goals_met": all(goals.values()),
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"written to {output}")
    summary = {
        "benchmark": "http",
        "server": report["server"],
        "ratios": ratios,
        "bare_requests_per_s": [r["requests_per_s"] for r in loaded["bare_runs"]],
        "single_client_p95_ms": {k: v["p95_ms"] for k, v in single.items()},
        "servers": {
            k: ({n: r["requests_per_s"] for n, r in v["runs"].items()} | {"websocket": v["websocket"]["ok"]})
            if isinstance(v, dict) and "runs" in v
            else v
            for k, v in servers.items()
        },
        "goals": goals,
        "all_goals_met": report["all_goals_met"],
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
