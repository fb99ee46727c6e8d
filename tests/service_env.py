"""Print shell ``export`` lines pointing the test run at PostgreSQL and Redis when they answer.

``make test`` evals this. With ``CI`` set, an unreachable service is an error rather than a fallback
to the embedded profile, because CI must always test the production backends.
"""

from __future__ import annotations

import os
import socket
import sys

SERVICES = {
    "DATABASE_URL": ("127.0.0.1", 5432, "postgres://postgres@127.0.0.1:5432/arbitration"),
    "REDIS_URL": ("127.0.0.1", 6379, "redis://127.0.0.1:6379/15"),
}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def main() -> int:
    required = bool(os.environ.get("CI"))
    for variable, (host, port, url) in SERVICES.items():
        if os.environ.get(variable):
            print(f"export {variable}={os.environ[variable]}")
        elif reachable(host, port):
            print(f"export {variable}={url}")
        elif required:
            print(
                f"{variable}: nothing answers on {host}:{port}, and CI must test against it", file=sys.stderr
            )
            return 1
        else:
            print(f"echo 'note: {host}:{port} not reachable; {variable} unset (embedded backend)' >&2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
