"""Strict reading of settings from the environment.

Every reader takes the variable's name and a default. A value that is present but malformed stops
start-up with ``ImproperlyConfigured`` naming the variable, because a typo in production must never
silently fall back to a default. Secrets may instead be given as a path in ``<NAME>_FILE`` (Docker and
Kubernetes secrets); setting both is an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_raw(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of ``name``, or of the file named by ``name_FILE``; None when neither is set."""
    environ = os.environ if environ is None else environ
    file_var = f"{name}_FILE"
    if name in environ and file_var in environ:
        raise ImproperlyConfigured(f"{name}: set either {name} or {file_var}, not both")
    if file_var in environ:
        path = Path(environ[file_var])
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise ImproperlyConfigured(f"{file_var}: cannot read {path}: {exc.strerror}") from exc
    return environ.get(name)


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The value, or ``default`` when unset or empty (compose passes ``${VAR:-}`` as empty)."""
    value = env_raw(name, environ)
    return default if value is None or value == "" else value


_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def env_rate(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """A throttle rate such as ``30/min``."""
    value = env_str(name, default, environ).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name}: expected a rate such as 30/min or 1000/day, got {value!r}")
    return value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = env_raw(name, environ)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected true/false (1/0, yes/no, on/off), got {value!r}")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    value = env_raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {number}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}: must be at most {maximum}, got {number}")
    return number


def env_decimal(name: str, default: str, environ: Mapping[str, str] | None = None) -> Decimal:
    value = env_raw(name, environ)
    text = default if value is None or value == "" else value.strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name}: expected a decimal amount, got {value!r}") from None
    if not number.is_finite() or number < 0:
        raise ImproperlyConfigured(f"{name}: expected a non-negative amount, got {value!r}")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    value = env_raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str], environ: Mapping[str, str] | None = None) -> str:
    value = env_str(name, default, environ).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}: expected one of {', '.join(sorted(choices))}, got {value!r}")
    return value


def env_url(name: str, schemes: set[str], environ: Mapping[str, str] | None = None) -> str | None:
    """A URL with one of ``schemes`` and a host, or None when unset or empty."""
    value = env_raw(name, environ)
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name}: expected a URL starting with {' or '.join(sorted(s + '://' for s in schemes))}, "
            f"got {_redact(value)!r}"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ImproperlyConfigured(f"{name}: malformed port in {_redact(value)!r}") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name}: no host in {_redact(value)!r}")
    return value


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


@dataclass(frozen=True)
class DatabaseUrl:
    name: str
    user: str
    password: str
    host: str
    port: str
    options: dict[str, str]


def parse_database_url(name: str, environ: Mapping[str, str] | None = None) -> DatabaseUrl | None:
    """``postgres://user:password@host:port/dbname?sslmode=require`` from the variable ``name``."""
    value = env_url(name, {"postgres", "postgresql"}, environ)
    if value is None:
        return None
    parts = urlsplit(value)
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise ImproperlyConfigured(f"{name}: expected a database name after the host, got {_redact(value)!r}")
    return DatabaseUrl(
        name=dbname,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=str(parts.port or 5432),
        options=dict(parse_qsl(parts.query)),
    )
