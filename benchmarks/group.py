"""A group action on linked cases (串案): accept 200 members in one action, then serve them in another.

    .venv/bin/python benchmarks/group.py                 # or: make bench-group
    .venv/bin/python benchmarks/group.py --sizes 10,50,200

Makes the PostgreSQL database ``arbitration_bench_group`` afresh (dropped and created each run; only names
starting with ``arbitration_bench`` are managed), migrates it, and files through the real services, for
each size, two groups of that many workers' cases against one employer, linked by a clerk. On the first
group of each size ``group_act`` runs ``accept`` (with the tribunal) and then ``serve_application``, each
timed on its own (DEBUG off, no query capture); on the second the same actions run with the SQL captured,
to count the queries. Each member's step is the member's own service (its event, notifications,
deadlines, and its documents kept with their text), so the count grows by a constant per member: the
script fits ``queries = a + k × members`` over the sizes and checks that every size fits the same ``k``.

As in production, what the steps hand to the workers is not done inside the action: the outbox's
messages (the notifications' delivery, the documents' PDFs) are published to a broker once the run ends,
and the workers do them; an in-memory broker stands in for Redis here. Publishing is part of the timing.

Prints one JSON document (the last line) and writes ``benchmarks/results/group.json``. Goal (issue 16):
a group action on the largest size (200) finishes in under 5 s — each of the two actions — with a
per-member query count that is the same constant at every size. The report also gives the two together.
The machine's load averages are part of it: other work shows in the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench_group"
GOAL_SECONDS = 5.0
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def configure_django(url: str) -> None:
    from benchmarks import docket

    docket.configure_django(url)
    # As in production, what a step queues (core.outbox) is published to a broker and done by the
    # workers, not run inside the action: an in-memory broker stands in for Redis here (publishing is
    # what the action pays for; the jobs are the workers' time).
    from config.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://localhost/"


def staff() -> dict[str, Any]:
    from accounts import services as accounts_services
    from accounts.models import Role

    def user(name: str, role: str) -> Any:
        return accounts_services.user_create(username=name, password=secrets.token_hex(8), role=role)

    return {"clerk": user("bench-clerk", Role.CLERK), "arbitrator": user("bench-arbitrator", Role.ARBITRATOR)}


def linked_group(size: int, serial: int, clerk: Any) -> Any:
    """``size`` workers file against one new employer; the clerk links their cases."""
    from accounts import services as accounts_services
    from accounts.identifiers import credit_code_check_character, ric_check_character
    from accounts.models import PartyKind, Role
    from cases import services as case_services
    from cases.models import CaseGroup
    from cases.services import groups

    first17 = f"91440106MA{serial:07d}"
    code = first17 + credit_code_check_character(first17)
    ids = []
    for i in range(size):
        id17 = f"440106199003{serial % 100:02d}{i:03d}"[:17]
        worker = accounts_services.party_create(
            kind=PartyKind.PERSON, name=f"工人{serial}-{i}", id_number=id17 + ric_check_character(id17)
        )
        user = accounts_services.user_create(
            username=f"w{serial}-{i}", password=secrets.token_hex(8), role=Role.APPLICANT, party=worker
        )
        case = case_services.case_file(
            user=user,
            respondent={"kind": "organisation", "name": f"示例建筑公司{serial}", "credit_code": code},
            claims=[case_services.ClaimInput(category="wage_arrears", amount=9000, description="拖欠工资")],
            facts="拖欠三个月工资。",
            consents={"async_hearing": True, "electronic_service": True},
        )
        ids.append(case.pk)
    group: CaseGroup = groups.group_create(user=clerk, cases=ids)
    return group


def act(group: Any, user: Any, name: str, data: dict[str, Any], *, count: bool) -> tuple[float, int, int]:
    """(seconds, queries or 0, members done)."""
    from django.db import connection

    from cases.services import groups

    if count:
        executed = [0]

        def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            executed[0] += 1
            return execute(sql, params, many, context)

        # A wrapper, not CaptureQueriesContext: Django's query log keeps only the last 9,000 queries.
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = groups.group_act(group=group, user=user, name=name, data=data)
            seconds = time.perf_counter() - started
        queries = executed[0]
    else:
        started = time.perf_counter()
        result = groups.group_act(group=group, user=user, name=name, data=data)
        seconds = time.perf_counter() - started
        queries = 0
    done = sum(1 for m in result.members if m.outcome == "done")
    assert done == len(result.members), [m for m in result.members if m.outcome != "done"][:1]
    return seconds, queries, done


def fit(points: dict[int, int]) -> dict[str, Any]:
    """queries = a + k × members through the smallest and largest size; every size must fit it."""
    sizes = sorted(points)
    small, large = sizes[0], sizes[-1]
    k = (points[large] - points[small]) / (large - small)
    a = points[small] - k * small
    fits = all(abs(points[n] - (a + k * n)) < 1e-9 for n in sizes)
    return {"per_member": k, "constant": a, "every_size_fits": fits, "by_size": points}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,50,200", help="group sizes, comma-separated")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    load_before = os.getloadavg()
    from benchmarks import docket

    docket.recreate_database(args.database_url)
    configure_django(args.database_url)
    from django.core.management import call_command

    log("migrating…")
    call_command("migrate", verbosity=0)
    people = staff()
    clerk, arbitrator = people["clerk"], people["arbitrator"]
    timings: dict[int, dict[str, float]] = {}
    counts: dict[str, dict[int, int]] = {"accept": {}, "serve_application": {}}
    serial = 1
    for size in sizes:
        for count in (False, True):
            log(f"filing and linking {size} cases…")
            group = linked_group(size, serial, clerk)
            serial += 1
            accept = act(group, clerk, "accept", {"arbitrators": [arbitrator.pk]}, count=count)
            serve = act(group, clerk, "serve_application", {}, count=count)
            if count:
                counts["accept"][size] = accept[1]
                counts["serve_application"][size] = serve[1]
            else:
                timings[size] = {
                    "accept_s": round(accept[0], 3),
                    "serve_s": round(serve[0], 3),
                    "total_s": round(accept[0] + serve[0], 3),
                    "per_member_ms": round((accept[0] + serve[0]) / size * 1000, 2),
                }
                log(f"{size} members: {timings[size]}")
    largest = sizes[-1]
    fits = {name: fit(points) for name, points in counts.items()}
    report = {
        "benchmark": "group",
        "sizes": sizes,
        "timings": {str(k): v for k, v in timings.items()},
        "queries": {
            name: {**f, "by_size": {str(k): v for k, v in f["by_size"].items()}} for name, f in fits.items()
        },
        "goal": {
            "seconds": GOAL_SECONDS,
            "largest": largest,
            "largest_accept_s": timings[largest]["accept_s"],
            "largest_serve_s": timings[largest]["serve_s"],
            "largest_total_s": timings[largest]["total_s"],
            "met_time": max(timings[largest]["accept_s"], timings[largest]["serve_s"]) < GOAL_SECONDS,
            "met_constant_per_member": all(f["every_size_fits"] for f in fits.values()),
        },
        "machine": {"cores": os.cpu_count(), "load_before": load_before, "load_after": os.getloadavg()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "group.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
