"""The evidence benchmark: declare → presigned PUT → finalize, against a plain SDK ``put_object``.

    .venv/bin/python benchmarks/evidence.py            # or: make bench-evidence
    .venv/bin/python benchmarks/evidence.py --sizes 50   # sizes in MB (default 50 and 500)

Starts moto's S3 server (the S3 server of the test run) as its own process, points the app at it (the
app runs in this process on a throwaway SQLite database: the database is not what is measured), writes
each test file to a temporary directory in 1 MB pieces (never whole in memory), and for each size, in the
same run and against the same server:

- ``sdk_put_s``: the minio SDK's ``put_object`` of the file (what an upload costs at least);
- ``flow_s``: the whole evidence flow as a phone drives it: ``POST /api/v1/cases/{id}/evidence/`` (the
  declaration), a streaming HTTP PUT of the file to the presigned URL, ``POST /api/v1/evidence/{id}/
  finalize/`` (the server reads the object back and checks size, SHA-256 and type), with the split
  ``declare_s`` / ``put_s`` / ``finalize_s``; ``ratio`` = ``flow_s / sdk_put_s`` (goal ≤ 1.2);
- ``finalize_mb_s`` against ``hashlib_mb_s`` (SHA-256 of the same file read from disk in this process);
- ``finalize_peak_rss_mb``: the peak resident memory of this (the app's) process while finalize runs,
  sampled every 5 ms from /proc, and ``finalize_rss_growth_mb`` above the level before it (goal: flat,
  under 100 MB for the 500 MB file); ``finalize_tracemalloc_peak_mb``: Python's own allocations then.

Prints one JSON document and writes it to ``benchmarks/results/evidence.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
MB = 1024 * 1024
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    moto = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("moto_server did not start")


def write_file(directory: Path, size_mb: int) -> tuple[Path, str]:
    """A PDF-looking file of ``size_mb`` MB, written in 1 MB pieces; returns it and its SHA-256."""
    path = directory / f"evidence-{size_mb}mb.pdf"
    digest = hashlib.sha256()
    seed = os.urandom(MB - 64)
    with path.open("wb") as out:
        for i in range(size_mb):
            head = (b"%PDF-1.7\n" if i == 0 else b"") + f"% piece {i:08d}\n".encode()
            piece = (head + seed + b"\n" * MB)[:MB]
            out.write(piece)
            digest.update(piece)
    return path, digest.hexdigest()


class RssSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.stopping = threading.Event()

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        while not self.stopping.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(0.005)

    def stop(self) -> int:
        self.stopping.set()
        self.join()
        return max(self.peak, self.rss())


def setup_django(endpoint: str, workdir: Path) -> None:
    os.environ.update(
        {
            "S3_ENDPOINT_URL": endpoint,
            "S3_ACCESS_KEY": "bench-access",
            "S3_SECRET_KEY": "bench-secret",
            "S3_BUCKET": "bench-evidence",
            "DATA_DIR": str(workdir / "data"),
            "EVIDENCE_MAX_MEDIA_BYTES": str(2048 * MB),
            "EVIDENCE_MAX_DOCUMENT_BYTES": str(2048 * MB),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_case() -> tuple[Any, Any]:
    from accounts.models import Role
    from accounts.services import party_create, user_create
    from cases import services

    worker = party_create(kind="person", name="基准工人", id_number="440106199003070010")
    employer = party_create(kind="organisation", name="基准公司", credit_code="91440106MA59F6PX04")
    applicant = user_create(username="bench-worker", password="x" * 12, role=Role.APPLICANT, party=worker)
    clerk = user_create(username="bench-clerk", password="x" * 12, role=Role.CLERK)
    case = services.case_file(
        user=applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[services.ClaimInput(category="wage_arrears", description="工资")],
        facts="基准",
    )
    services.take_step(case=case, user=clerk, name="accept", data={"procedure": "ordinary"})
    return case, applicant


def run_size(case: Any, user: Any, path: Path, sha256: str) -> dict[str, Any]:
    import requests
    from rest_framework.test import APIClient

    from core.storage import get_storage

    storage = get_storage()
    size = path.stat().st_size
    client = APIClient()
    client.force_authenticate(user)

    started = time.perf_counter()
    with path.open("rb") as handle:
        storage._client.put_object(storage.bucket, f"baseline/{path.name}", handle, size)  # type: ignore[attr-defined]
    sdk_put = time.perf_counter() - started

    started = time.perf_counter()
    declared = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {
            "title": path.name,
            "purpose": "基准",
            "filename": path.name,
            "content_type": "application/pdf",
            "size": size,
            "sha256": sha256,
        },
        format="json",
    )
    assert declared.status_code == 201, declared.content
    declare_s = time.perf_counter() - started
    upload = declared.json()["upload"]
    started = time.perf_counter()
    with path.open("rb") as handle:
        put = requests.put(upload["url"], data=handle, headers=upload["headers"], timeout=600)
    assert put.status_code == 200, put.text
    put_s = time.perf_counter() - started

    sampler = RssSampler()
    before = RssSampler.rss()
    tracemalloc.start()
    sampler.start()
    started = time.perf_counter()
    finalized = client.post(f"/api/v1/evidence/{declared.json()['id']}/finalize/", {}, format="json")
    finalize_s = time.perf_counter() - started
    peak = sampler.stop()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert finalized.status_code == 200 and finalized.json()["status"] == "available", finalized.content

    started = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MB):
            digest.update(chunk)
    hashlib_s = time.perf_counter() - started
    assert digest.hexdigest() == sha256

    flow = declare_s + put_s + finalize_s
    return {
        "size_mb": size // MB,
        "sdk_put_s": round(sdk_put, 3),
        "flow_s": round(flow, 3),
        "declare_s": round(declare_s, 4),
        "put_s": round(put_s, 3),
        "finalize_s": round(finalize_s, 3),
        "ratio": round(flow / sdk_put, 3),
        "ratio_goal": 1.2,
        "finalize_mb_s": round(size / MB / finalize_s, 1),
        "hashlib_mb_s": round(size / MB / hashlib_s, 1),
        "rss_before_finalize_mb": round(before / MB, 1),
        "finalize_peak_rss_mb": round(peak / MB, 1),
        "finalize_rss_growth_mb": round((peak - before) / MB, 1),
        "finalize_tracemalloc_peak_mb": round(traced_peak / MB, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500], help="file sizes in MB")
    args = parser.parse_args(argv)
    moto, endpoint = start_moto()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-evidence-") as tmp:
            workdir = Path(tmp)
            setup_django(endpoint, workdir)
            from core.storage import get_storage

            get_storage().ensure_bucket()  # type: ignore[attr-defined]
            case, user = make_case()
            runs = []
            for size_mb in args.sizes:
                path, sha256 = write_file(workdir, size_mb)
                runs.append(run_size(case, user, path, sha256))
                path.unlink()
                print(json.dumps(runs[-1]), file=sys.stderr)
    finally:
        moto.terminate()
        moto.wait(timeout=30)
    result = {
        "benchmark": "evidence",
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "s3": "moto_server"},
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "evidence.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
