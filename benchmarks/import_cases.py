"""The historical import benchmark: ``manage.py import_cases`` on a generated file of 100,000 rows.

    .venv/bin/python benchmarks/import_cases.py      # or: make bench-import (ARGS="--rows 20000")

Creates the PostgreSQL database ``arbitration_bench_import`` afresh on every run (dropped first), migrates
it, adds the arbitrators and mediation organisations the file names, and writes a CSV of ``--rows`` rows
in the shapes the import takes (``write_rows``: pending and closed cases of every closure type, awards
final or not, lawsuits, rejections, withdrawals, pre-filing agreements and failures, failures followed by
acceptance). It then times the command's work (``arbitration.supervision.importer.import_cases``: read and
check the whole file, then write it in one transaction) for the first import (every case new) and for a
second import of the same file (every case updated), checks the rows written, and prints one JSON
document, also written to ``benchmarks/results/import_cases.json``. The goal: under 60 s for 100,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/arbitration_bench_import"
STREETS = ["天河南街", "林和街", "沙河街", "员村街", "车陂街", "石牌街", "五山街", "棠下街", "兴华街"]
CATEGORIES = ["wage_arrears", "overtime", "termination_compensation", "economic_compensation", "other"]
CLOSURES = ["award", "mediation", "withdrawal", "deemed_withdrawal", "cancelled", "other"]


def write_rows(
    out: IO[str],
    count: int,
    *,
    arbitrators: list[str],
    organisations: list[str],
    last_day: date,
    seed: int = 20261206,
    prefix: str = "HIST",
) -> None:
    """``count`` rows of disputes received over the three years before ``last_day``, none after it."""
    from arbitration.supervision.importer import COLUMNS  # after Django is set up

    rng = random.Random(seed)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    span = 3 * 365
    for index in range(count):
        received = last_day - timedelta(days=rng.randint(70, span))

        def later(start: date, low: int, high: int) -> date:
            return min(last_day, start + timedelta(days=rng.randint(low, high)))

        row = dict.fromkeys(COLUMNS, "")
        row.update(
            external_ref=f"{prefix}-{index:07d}",
            received_on=received.isoformat(),
            street=rng.choice(STREETS),
            claim_category=rng.choice(CATEGORIES),
            amount=f"{rng.randint(500, 90_000)}.{rng.randint(0, 99):02d}",
            applicants_count=str(rng.choice([1, 1, 1, 1, 2, 12])),
        )
        decided = received
        if rng.random() < 0.25:  # pre-filing mediation
            outcome = rng.choices(["agreement", "failed", "timeout", "withdrawn"], [60, 25, 10, 5])[0]
            concluded = later(received, 2, 15)
            row.update(
                mediation_organisation=rng.choice(organisations),
                mediation_outcome=outcome,
                mediation_concluded_on=concluded.isoformat(),
            )
            if outcome in ("agreement", "withdrawn"):
                writer.writerow(row.values())
                continue
            decided = concluded
        fate = rng.random()
        if fate < 0.05:
            row["rejected_on"] = later(decided, 1, 5).isoformat()
        elif fate < 0.08:
            row.update(closed_on=later(decided, 1, 5).isoformat(), closure_type="withdrawal")
        elif fate < 0.10:
            pass  # received, not decided yet
        else:
            accepted = later(decided, 1, 5)
            row.update(accepted_on=accepted.isoformat(), arbitrator=rng.choice(arbitrators))
            if rng.random() < 0.85:
                closed = later(accepted, 5, 70)
                closure = rng.choices(CLOSURES, [45, 28, 15, 4, 4, 4])[0]
                row.update(closed_on=closed.isoformat(), closure_type=closure)
                if closure == "award":
                    row["final_award"] = rng.choice(["true", "false"])
                    if rng.random() < 0.2:
                        row["lawsuit_filed_on"] = later(closed, 5, 25).isoformat()
        writer.writerow(row.values())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the file (default 100,000)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "import_cases.json"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from benchmarks.docket import configure_django, log, machine, prepare_database

    prepare_database(args.database_url, args.rows, rebuild=True)
    configure_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    from accounts.models import MediationOrganisation, Role, User
    from arbitration.models import Award, CourtChallenge
    from arbitration.supervision.importer import import_cases
    from cases.models import Case, CaseEvent, MediationEpisode
    from core import clock

    log("migrating ...")
    call_command("migrate", verbosity=0, interactive=False)
    arbitrators = [f"bench-arbitrator-{i:02d}" for i in range(1, 41)]
    User.objects.bulk_create(User(username=name, role=Role.ARBITRATOR) for name in arbitrators)
    organisations = [f"{street}劳动争议调解中心" for street in STREETS]
    MediationOrganisation.objects.bulk_create(MediationOrganisation(name=name) for name in organisations)
    supervisor = User.objects.create(username="bench-supervisor", role=Role.SUPERVISOR)

    result: dict[str, Any] = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            write_rows(
                out, args.rows, arbitrators=arbitrators, organisations=organisations, last_day=clock.today()
            )
        result["file_bytes"] = path.stat().st_size
        for run in ("first_import", "re_import"):
            log(f"{run}: importing {args.rows:,} rows ...")
            started = time.perf_counter()
            with path.open(encoding="utf-8", newline="") as stream:
                done = import_cases(stream, user=supervisor)
            seconds = time.perf_counter() - started
            log(f"  {seconds:.1f} s")
            result[run] = {
                "seconds": round(seconds, 2),
                "created": done.created,
                "updated": done.updated,
                "awards": done.awards,
                "lawsuits": done.lawsuits,
            }
    result["written"] = {
        "cases": Case.objects.count(),
        "events": CaseEvent.objects.count(),
        "mediation_episodes": MediationEpisode.objects.count(),
        "awards": Award.objects.count(),
        "court_challenges": CourtChallenge.objects.count(),
    }
    assert result["written"]["cases"] == args.rows, result["written"]
    result["goal_seconds"] = 60
    result["met"] = result["first_import"]["seconds"] < 60
    result["machine"] = machine()
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    connection.close()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
