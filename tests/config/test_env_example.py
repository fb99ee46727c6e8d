"""`.env.example` documents every variable the settings read."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_settings_variable_is_documented():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'(?:env_\w+|parse_database_url)\(\s*"([A-Z0-9_]+)"', settings_source))
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no env_* calls found: the pattern is stale"
    assert read - documented == set()
