"""Settings are read strictly from the environment: defaults, malformed values, and the _FILE form."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str, env_url, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_apply_when_unset():
    assert env_bool("DEBUG", True, environ={}) is True
    assert env_int("PORT", 8000, environ={}) == 8000
    assert env_list("ALLOWED_HOSTS", ["localhost"], environ={}) == ["localhost"]
    assert env_url("REDIS_URL", {"redis"}, environ={}) is None
    assert parse_database_url("DATABASE_URL", environ={}) is None


@pytest.mark.parametrize(
    "raw,expected", [("true", True), ("1", True), ("On", True), ("no", False), ("0", False)]
)
def test_booleans_accept_the_usual_spellings(raw, expected):
    assert env_bool("DEBUG", not expected, environ={"DEBUG": raw}) is expected


@pytest.mark.parametrize(
    "reader,environ,message",
    [
        (lambda e: env_bool("DEBUG", True, environ=e), {"DEBUG": "maybe"}, "DEBUG: expected true/false"),
        (
            lambda e: env_int("DATABASE_POOL_MAX", 5, minimum=1, environ=e),
            {"DATABASE_POOL_MAX": "ten"},
            "DATABASE_POOL_MAX",
        ),
        (
            lambda e: env_int("DATABASE_POOL_MAX", 5, minimum=1, environ=e),
            {"DATABASE_POOL_MAX": "0"},
            "at least 1",
        ),
        (lambda e: env_url("REDIS_URL", {"redis"}, environ=e), {"REDIS_URL": "http://x:6379"}, "REDIS_URL"),
        (
            lambda e: env_url("REDIS_URL", {"redis"}, environ=e),
            {"REDIS_URL": "redis://host:port"},
            "malformed port",
        ),
        (
            lambda e: parse_database_url("DATABASE_URL", environ=e),
            {"DATABASE_URL": "postgres://db:5432/"},
            "database name",
        ),
        (
            lambda e: parse_database_url("DATABASE_URL", environ=e),
            {"DATABASE_URL": "mysql://db/x"},
            "DATABASE_URL",
        ),
    ],
)
def test_a_malformed_value_names_the_variable(reader, environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        reader(environ)


def test_a_redacted_password_never_appears_in_the_message():
    with pytest.raises(ImproperlyConfigured) as caught:
        env_url("REDIS_URL", {"redis"}, environ={"REDIS_URL": "http://user:s3cret@host:1"})
    assert "s3cret" not in str(caught.value)


def test_database_url_is_parsed_into_its_parts():
    db = parse_database_url(
        "DATABASE_URL", environ={"DATABASE_URL": "postgres://app:p%40ss@db.internal:6543/arb?sslmode=require"}
    )
    assert (db.user, db.password, db.host, db.port, db.name) == ("app", "p@ss", "db.internal", "6543", "arb")
    assert db.options == {"sslmode": "require"}


def test_secrets_are_read_from_the_file_form(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("from-a-file\n")
    assert env_str("SECRET_KEY", "", environ={"SECRET_KEY_FILE": str(secret)}) == "from-a-file"


def test_the_file_form_and_the_plain_form_together_are_refused(tmp_path):
    secret = tmp_path / "s"
    secret.write_text("x")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY: set either"):
        env_str("SECRET_KEY", "", environ={"SECRET_KEY": "a", "SECRET_KEY_FILE": str(secret)})


def test_a_missing_secret_file_is_named():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE: cannot read"):
        env_str("SECRET_KEY", "", environ={"SECRET_KEY_FILE": "/nonexistent/secret"})


def _start(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean.update({"DATA_DIR": str(tmp_path / "data")}, **env)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], "
        "s.CELERY_TASK_ALWAYS_EAGER, s.SECRET_KEY)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_no_variables_the_embedded_profile_starts(tmp_path):
    result = _start({}, tmp_path)
    assert result.returncode == 0, result.stderr
    engine, layer, eager, _ = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert layer == "channels.layers.InMemoryChannelLayer"
    assert eager == "True"


def test_production_urls_switch_on_each_service(tmp_path):
    result = _start(
        {"DATABASE_URL": "postgres://u@db:5432/arb", "REDIS_URL": "redis://redis:6379/0"}, tmp_path
    )
    assert result.returncode == 0, result.stderr
    engine, layer, eager, _ = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert layer == "core.layers.RedisChannelLayer"
    assert eager == "False"


def test_a_malformed_variable_stops_start_up_naming_it(tmp_path):
    result = _start({"DEBUG": "yes please"}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG: expected true/false" in result.stderr


def test_secret_key_file_is_used_at_start_up(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("a-production-secret-from-a-docker-secret-file-0123456789")
    result = _start({"DEBUG": "false", "SECRET_KEY_FILE": str(secret)}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "a-production-secret-from-a-docker-secret-file-0123456789"


def test_debug_off_without_a_secret_key_refuses_to_start(tmp_path):
    result = _start({"DEBUG": "false"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY: required when DEBUG is off" in result.stderr


@pytest.mark.parametrize("template", ["案字{seq}号", "{year}-{number}", "{year}-{seq"])
def test_a_case_number_template_without_year_and_seq_is_refused(tmp_path, template):
    result = _start({"CASE_NUMBER_TEMPLATE": template}, tmp_path)
    assert result.returncode != 0
    assert "CASE_NUMBER_TEMPLATE" in result.stderr


def test_a_custom_case_number_template_is_used(tmp_path):
    result = _start({"CASE_NUMBER_TEMPLATE": "天劳仲{year}第{seq:04d}号"}, tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_embedded_profile_shows_no_debug_pages_and_still_allows_the_demo(tmp_path):
    """`make run` with nothing set: proper Chinese 404 and 500 pages, never Django's technical pages that
    dump settings and tracebacks; demo data is allowed by its own setting, not by DEBUG (issue 7, point 8)."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean.update({"DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "config.settings"})
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "missing = client.get('/no-such-page/')\n"
        # The database has no tables yet: signing in fails inside the view, a real server error.
        "broken = client.post('/accounts/login/', {'username': 'a', 'password': 'b'})\n"
        "print(settings.DEBUG, settings.ALLOW_DEMO_DATA, missing.status_code, broken.status_code)\n"
        "print(missing.content.decode())\n"
        "print('=====')\n"
        "print(broken.content.decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert first.split() == ["False", "True", "404", "500"]
    not_found, server_error = rest.split("=====")
    assert "此页面不存在" in not_found or "不存在" in not_found
    assert "服务器" in server_error or "出错" in server_error
    for page in (not_found, server_error):
        assert "Traceback" not in page and "SECRET_KEY" not in page and "URLconf" not in page
