"""Settings of ``benchmarks/http_load.py``'s server: the project's own, with a URL conf that adds the bare
endpoint the API is measured against. Never used outside the benchmark."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.http_urls"
