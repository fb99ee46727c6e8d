"""With production variables and DEBUG off, Django's deployment checklist reports nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3#9vQ!x7Lr2@pZm5^tYw8&nB4cE6*hJ1sDfGq0uRaXoIeVbNlMkCzWy",
    "ALLOWED_HOSTS": "arbitration.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://arbitration.example.gov.cn",
    "DATABASE_URL": "postgres://arbitration:secret@postgres:5432/arbitration",
    "REDIS_URL": "redis://redis:6379/0",
    "S3_ENDPOINT_URL": "http://minio:9000",
    "S3_PUBLIC_ENDPOINT_URL": "https://files.arbitration.example.gov.cn",
    "S3_ACCESS_KEY": "arbitration",
    "S3_SECRET_KEY": "minio-secret-key",
    "BEHIND_TLS_PROXY": "true",
}


def test_check_deploy_reports_no_issues(tmp_path):
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(PRODUCTION, DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
