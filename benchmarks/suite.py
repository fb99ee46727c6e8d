"""How long the non-browser test suite takes: this checkout, serially and on pytest-xdist, against an
earlier commit's suite run serially, all in one run on the same machine.

    make bench-suite                     # earlier commit: BASE (default: before the apps were split)
    .venv/bin/python benchmarks/suite.py --base <rev> [--repeat N]

The earlier commit is checked out into a temporary git worktree and run with this checkout's virtual
environment. Each suite gets its own PostgreSQL database and Redis database, on 127.0.0.1 as in
``make test``. Prints one JSON document (and writes it to ``benchmarks/results/suite.json``): wall
seconds of each run, the tests each ran, and the ratios of this checkout's times to the earlier one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The last commit before core/ and accounts/ were split out of cases/ (issue 6).
DEFAULT_BASE = "ac5063e"
PASSED = re.compile(r"(\d+) passed")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_suite(tree: Path, label: str, workers: str | None, database: str, redis_db: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
    }
    command = [str(ROOT / ".venv/bin/python"), "-m", "pytest", "tests", "--ignore=tests/e2e", "-q"]
    command += ["-p", "no:cacheprovider"]
    if workers is not None:
        command += ["-n", workers]
    log(f"{label}: {' '.join(command[1:])} (in {tree})")
    started = time.monotonic()
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    tail = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    if result.returncode != 0:
        raise SystemExit(f"{label} failed ({result.returncode}): {tail}\n{result.stderr[-2000:]}")
    passed = PASSED.search(tail)
    log(f"{label}: {seconds:.1f} s — {tail}")
    return {"seconds": round(seconds, 1), "passed": int(passed.group(1)) if passed else None, "summary": tail}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default=os.environ.get("BASE", DEFAULT_BASE), help="the earlier commit")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each suite (the fastest counts)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="suite-base-") as scratch:
        base_tree = Path(scratch) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(base_tree), args.base], cwd=ROOT, check=True
        )
        try:
            # The earlier tree compiles its own translations, as `make test` would.
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), "manage.py", "compilemessages", "--ignore=.venv", "-v0"],
                cwd=base_tree,
                check=True,
            )
            runs: dict[str, list[dict[str, Any]]] = {"base_serial": [], "serial": [], "parallel": []}
            for _ in range(args.repeat):
                runs["base_serial"].append(run_suite(base_tree, "base, serial", None, "bench_suite_base", 7))
                runs["serial"].append(run_suite(ROOT, "this checkout, serial", None, "bench_suite", 6))
                runs["parallel"].append(run_suite(ROOT, "this checkout, -n auto", "auto", "bench_suite", 6))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=False)

    best = {name: min(r["seconds"] for r in results) for name, results in runs.items()}
    report = {
        "base": args.base,
        "head": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip(),
        "cores": os.cpu_count(),
        "runs": runs,
        "best_seconds": best,
        "ratio_serial_to_base": round(best["serial"] / best["base_serial"], 3),
        "ratio_parallel_to_base": round(best["parallel"] / best["base_serial"], 3),
    }
    results_dir = ROOT / "benchmarks" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "suite.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
