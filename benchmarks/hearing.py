"""The asynchronous hearing benchmark: submissions under load, and the live fan-out.

    .venv/bin/python benchmarks/hearing.py                  # or: make bench-hearing
    .venv/bin/python benchmarks/hearing.py --seconds 20 --parties 50 --clients 100

Against the real server: ``manage.py serve`` (daphne, one process) in a subprocess, with channels-redis
and PostgreSQL — its own database ``arbitration_bench_hearing`` (dropped and made again each run) and its
own Redis database (``--redis-url``, flushed first). The data (one case in the asynchronous hearing per
two parties, each with an open session whose statements window spans the run) is made in this process
through the services.

1. **Submissions**: ``--parties`` simulated parties (default 200, half workers, half employers, two per
   session), each a thread with a keep-alive HTTP connection posting
   ``POST /api/v1/hearing-sessions/{id}/submissions/``. First the *capacity*: every party posts again as
   soon as its last submission is answered, for ``--seconds`` (default 60) — the most the server
   carries; its latency is that of a server that is always behind (200 waiting clients). Then the
   *sustained rate*: the same parties, each on its own schedule, together offering ``--load`` (default
   0.8) × that capacity, or ``--rate`` submissions/s, for ``--seconds`` — submissions/s, p50/p95/p99
   latency counted from when each submission was due, errors. While p95 misses the goal (200 ms) the
   offered share steps down by 0.1 (to 0.4 at least); the sustained rate is the highest paced rate that
   met it, reported with its share of the capacity and every step tried.
2. **Fan-out**: ``--clients`` WebSocket clients (default 500) on one session (the session's worker,
   employer and arbitrator, each with many sockets, as pages on many devices). ``--messages`` times:
   a party posts a submission, and the time from the submission's server timestamp (taken inside its
   transaction, just before the commit: a slight over-estimate of commit → delivery) until the event has
   reached every client. Then, in the same run and on the same sockets, a bare Channels ``group_send`` of
   an event to the session's group from this process: the time from the send until every client has it.
   The ratio of the two p95s (goal ≤ 1.5).

Both fan-outs pass through the same consumer (which checks, for each event, once per user, whether the
user may still watch the session; the ping is numbered like an event for that); the difference is what
the application adds: the HTTP request, the transaction, the event row. Prints one JSON document (the
last line) and writes ``benchmarks/results/hearing.json``. The machine's load averages before and after
are part of it: other work on the machine shows in the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DATABASE = "arbitration_bench_hearing"
UNUSED_PASSWORD = secrets.token_hex(16)  # the clients sign in with tokens
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 1)


def summary(values_ms: list[float]) -> dict[str, Any]:
    return {
        "n": len(values_ms),
        "p50_ms": percentile(values_ms, 50),
        "p95_ms": percentile(values_ms, 95),
        "p99_ms": percentile(values_ms, 99),
        "max_ms": round(max(values_ms), 1) if values_ms else None,
        "mean_ms": round(statistics.fmean(values_ms), 1) if values_ms else None,
    }


# --- set-up --------------------------------------------------------------------------------------------


def prepare_database(server_url: str) -> str:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    url = f"{server_url}/{DATABASE}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return url


def setup_django(database_url: str, redis_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    # Tokens authenticate the clients; the accounts' passwords are never used.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_sessions(count: int) -> list[dict[str, Any]]:
    """``count`` cases in the asynchronous hearing, each with an open session both sides consented to."""
    from knox.models import AuthToken

    from accounts import services as accounts
    from accounts.identifiers import credit_code_check_character, ric_check_character
    from accounts.models import PartyKind, Role
    from cases import services
    from cases.models import Case
    from core import clock
    from hearings import sessions

    def token(user: Any) -> str:
        return str(AuthToken.objects.create(user=user)[1])

    clerk = accounts.user_create(username="bench-clerk", password=UNUSED_PASSWORD, role=Role.CLERK)
    judge = accounts.user_create(username="bench-judge", password=UNUSED_PASSWORD, role=Role.ARBITRATOR)
    judge_token = token(judge)
    made = []
    for i in range(count):
        first17 = f"44010619900101{i % 1000:03d}"
        person = accounts.party_create(
            kind=PartyKind.PERSON, name=f"工人{i}", id_number=first17 + ric_check_character(first17)
        )
        code17 = f"91440106MA{i:07d}"
        company = accounts.party_create(
            kind=PartyKind.ORGANISATION,
            name=f"广州基准{i}号有限公司",
            credit_code=code17 + credit_code_check_character(code17),
        )
        worker = accounts.user_create(
            username=f"bench-w{i}",
            password=UNUSED_PASSWORD,
            role=Role.APPLICANT,
            party=person,
            display_name=f"工人{i}",
        )
        employer = accounts.user_create(
            username=f"bench-e{i}",
            password=UNUSED_PASSWORD,
            role=Role.RESPONDENT,
            party=company,
            display_name=f"人事{i}",
        )
        case = services.case_file(
            user=worker,
            respondent={"kind": "organisation", "name": company.name, "credit_code": company.credit_code},
            claims=[services.ClaimInput(category="wage_arrears", description="三个月工资")],
            facts=f"基准案件{i}：拖欠工资",
            consents={"async_hearing": True, "electronic_service": True},
        )
        services.take_step(case=case, user=clerk, name="accept", data={"procedure": "ordinary"})
        services.case_set_tribunal(case=Case.objects.get(pk=case.pk), user=clerk, arbitrators=[judge])
        services.case_record_consents(
            case=Case.objects.get(pk=case.pk), user=employer, async_hearing=True, electronic_service=True
        )
        services.take_step(case=Case.objects.get(pk=case.pk), user=judge, name="start_async_hearing", data={})
        now = clock.now()
        session = sessions.session_open(
            case=Case.objects.get(pk=case.pk),
            user=judge,
            stages=[{"stage": "statements", "opens_at": now, "closes_at": now + timedelta(days=1)}],
        )
        sessions.session_consent(session=session, user=worker, agree=True)
        sessions.session_consent(session=session, user=employer, agree=True)
        made.append(
            {
                "session": session.pk,
                "applicant": token(worker),
                "respondent": token(employer),
                "arbitrator": judge_token,
            }
        )
    return made


def start_server(database_url: str, redis_url: str, workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "DATA_DIR": str(workdir / "data"),
    }
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port), "--no-scheduler"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start; see {workdir / 'server.log'}")


# --- 1. sustained submissions ------------------------------------------------------------------------------


def post_submission(conn: http.client.HTTPConnection, token: str, session: int, text: str) -> dict[str, Any]:
    body = json.dumps({"kind": "statement", "text": text})
    conn.request(
        "POST",
        f"/api/v1/hearing-sessions/{session}/submissions/",
        body=body,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    data = response.read()
    if response.status != 201:
        raise RuntimeError(f"{response.status} {data[:200]!r}")
    return json.loads(data)


def _party_session(sessions: list[dict[str, Any]], n: int) -> tuple[str, int]:
    s = sessions[(n // 2) % len(sessions)]
    return (s["applicant"] if n % 2 == 0 else s["respondent"]), s["session"]


def _drive(
    port: int,
    sessions: list[dict[str, Any]],
    parties: int,
    seconds: float,
    rate: float | None,
) -> dict[str, Any]:
    """``parties`` threads posting for ``seconds``: one after another (``rate`` None: as fast as the server
    answers), or each on its own schedule so that together they offer ``rate`` submissions/s. Paced
    latency is counted from when the submission was due, not when it could be sent, so a server that
    falls behind shows it in the latency (no coordinated omission)."""
    import random

    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    start = threading.Event()
    began_at = [0.0]

    def party(n: int) -> None:
        token, session = _party_session(sessions, n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        interval = parties / rate if rate else 0.0
        start.wait()
        due = began_at[0] + random.uniform(0, interval)
        stop_at = began_at[0] + seconds
        i = 0
        while True:
            if rate:
                if due >= stop_at:
                    break
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                t0 = due
                due += interval
            else:
                t0 = time.perf_counter()
                if t0 >= stop_at:
                    break
            i += 1
            try:
                post_submission(conn, token, session, f"第{n}方第{i}次陈述：工资拖欠情况说明。")
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(elapsed)
            except Exception as exc:
                key = str(exc)[:60]
                with lock:
                    errors[key] = errors.get(key, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=party, args=(n,), daemon=True) for n in range(parties)]
    for t in threads:
        t.start()
    began_at[0] = time.perf_counter()
    start.set()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.perf_counter() - began_at[0]
    if rate:  # the rate over the window the submissions were due in, not including the last answers' wait
        wall = seconds
    result: dict[str, Any] = {
        "parties": parties,
        "sessions": min(len(sessions), (parties + 1) // 2),
        "seconds": round(wall, 1),
        "submissions": len(latencies),
        "submissions_per_s": round(len(latencies) / wall, 1),
        "latency": summary(latencies),
        "errors": errors,
    }
    if rate:
        result["offered_per_s"] = round(rate, 1)
        result["goal_p95_under_200_ms"] = (percentile(latencies, 95) or 1e9) < 200 and not errors
    return result


def sustained(
    port: int, sessions: list[dict[str, Any]], parties: int, seconds: float, load: float, rate: float | None
) -> dict[str, Any]:
    """The capacity (every party posting back to back: the most the server carries, with the latency of
    a server that is always behind); then paced runs, each for ``seconds``: at ``rate``, or at ``load`` ×
    the capacity and, while p95 misses 200 ms, at 0.1 less each time (down to 0.4). The sustained rate
    is the highest paced rate that met the goal, with its share of the capacity."""
    capacity = _drive(port, sessions, parties, seconds, None)
    print(json.dumps({"capacity": capacity}, ensure_ascii=False), file=sys.stderr)
    steps: list[dict[str, Any]] = []
    shares = [None] if rate else [round(load - 0.1 * i, 2) for i in range(10) if load - 0.1 * i >= 0.399]
    for share in shares:
        offered = rate or max(1.0, capacity["submissions_per_s"] * (share or 1))
        step = _drive(port, sessions, parties, seconds, offered)
        step["share_of_capacity"] = share
        print(json.dumps({"paced": step}, ensure_ascii=False), file=sys.stderr)
        steps.append(step)
        if step["goal_p95_under_200_ms"]:
            break
    met = next((s for s in steps if s["goal_p95_under_200_ms"]), None)
    return {
        "capacity": capacity,
        "paced_runs": steps,
        "sustained_rate_per_s": met["submissions_per_s"] if met else None,
        "sustained_share_of_capacity": met["share_of_capacity"] if met else None,
        "goal_p95_under_200_ms_at_sustained_rate": met is not None,
    }


# --- 2. fan-out ----------------------------------------------------------------------------------------


async def fan_out(
    port: int, redis_url: str, session: dict[str, Any], clients: int, messages: int
) -> dict[str, Any]:
    import websockets
    from channels.layers import get_channel_layer

    from hearings.sessions import session_group

    origin = f"http://127.0.0.1:{port}"
    tokens = [session["applicant"], session["respondent"], session["arbitrator"]]
    arrivals: dict[str, list[float]] = {}  # key → arrival times (time.time()) at each client
    sockets = []

    async def connect(n: int) -> Any:
        url = f"ws://127.0.0.1:{port}/ws/hearing-sessions/{session['session']}/?token={tokens[n % 3]}"
        for _attempt in range(5):
            try:
                return await websockets.connect(url, origin=origin, open_timeout=30, max_queue=None)  # type: ignore[arg-type]
            except (OSError, TimeoutError, websockets.InvalidStatus):
                await asyncio.sleep(0.5)
        raise SystemExit("could not open the WebSocket clients")

    async def reader(ws: Any) -> None:
        try:
            async for raw in ws:
                now = time.time()
                event = json.loads(raw)
                if event.get("type") == "submission.created":
                    key = f"s{event['submission']}"
                elif event.get("type") == "bench.ping":
                    key = f"p{event['n']}"
                else:
                    continue
                arrivals.setdefault(key, []).append(now)
        except websockets.ConnectionClosed:
            pass

    for batch in range(0, clients, 50):  # connect in batches: a burst of handshakes is not what is measured
        sockets += await asyncio.gather(*(connect(n) for n in range(batch, min(clients, batch + 50))))
    readers = [asyncio.create_task(reader(ws)) for ws in sockets]
    await asyncio.sleep(1)

    async def all_arrived(key: str, timeout: float = 30) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(arrivals.get(key, [])) >= clients:
                return max(arrivals[key])
            await asyncio.sleep(0.002)
        return None

    def post(text: str) -> dict[str, Any]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            return post_submission(conn, session["applicant"], session["session"], text)
        finally:
            conn.close()

    via_app: list[float] = []
    missed = 0
    for i in range(messages):
        sub = await asyncio.to_thread(post, f"扇出测量第{i}条。")
        committed = datetime.fromisoformat(sub["created_at"]).timestamp()
        last = await all_arrived(f"s{sub['id']}")
        if last is None:
            missed += 1
        else:
            via_app.append((last - committed) * 1000)
        print(f"  submission {i + 1}/{messages}: {via_app[-1] if last else 'missed'}", file=sys.stderr)
        await asyncio.sleep(0.2)

    layer = get_channel_layer()
    bare: list[float] = []
    for n in range(messages):
        sent = time.time()
        await layer.group_send(
            session_group(session["session"]),
            # Numbered like a session event (negative: no real event has such a number), so the
            # consumer's per-event access check treats it as it treats a submission's.
            {"type": "push.event", "event": {"type": "bench.ping", "n": n, "seq": -1 - n, "audience": ""}},
        )
        last = await all_arrived(f"p{n}")
        if last is None:
            missed += 1
        else:
            bare.append((last - sent) * 1000)
        print(f"  group_send {n + 1}/{messages}: {bare[-1] if last else 'missed'}", file=sys.stderr)
        await asyncio.sleep(0.2)

    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    p95_app, p95_bare = percentile(via_app, 95), percentile(bare, 95)
    ratio = round(p95_app / p95_bare, 2) if p95_app and p95_bare else None
    return {
        "clients": clients,
        "messages": messages,
        "submission_commit_to_all_clients": summary(via_app),
        "bare_group_send_to_all_clients": summary(bare),
        "ratio_p95": ratio,
        "goal_ratio_at_most_1_5": ratio is not None and ratio <= 1.5,
        "missed": missed,
    }


# --- main ----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--parties", type=int, default=200)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument(
        "--load", type=float, default=0.8, help="the sustained rate as a share of the capacity measured first"
    )
    parser.add_argument("--rate", type=float, help="the sustained rate in submissions/s (instead of --load)")
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args(argv)

    import tempfile

    import redis

    load_before = os.getloadavg()
    redis.Redis.from_url(args.redis_url).flushdb()
    database_url = prepare_database(args.postgres)
    setup_django(database_url, args.redis_url)
    began = time.monotonic()
    sessions = make_sessions(max(1, (args.parties + 1) // 2))
    setup_s = round(time.monotonic() - began, 1)
    print(f"made {len(sessions)} sessions in {setup_s} s", file=sys.stderr)

    from django.db import connections

    connections.close_all()
    with tempfile.TemporaryDirectory() as tmp:
        server, port = start_server(database_url, args.redis_url, Path(tmp))
        try:
            print("sustained submissions…", file=sys.stderr)
            load = sustained(port, sessions, args.parties, args.seconds, args.load, args.rate)
            load_during = os.getloadavg()
            print(json.dumps({"submissions": load}, ensure_ascii=False), file=sys.stderr)
            print("fan-out…", file=sys.stderr)
            fan = asyncio.run(fan_out(port, args.redis_url, sessions[0], args.clients, args.messages))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    result = {
        "benchmark": "hearing",
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "server": "daphne, one process (manage.py serve), channels-redis, PostgreSQL with psycopg's pool",
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after_load_phase": [round(x, 2) for x in load_during],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "note": "client threads, the server and PostgreSQL share the same cores",
        },
        "setup_seconds": setup_s,
        "submissions": load,
        "fan_out": fan,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "hearing.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
