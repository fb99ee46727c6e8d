"""The Chinese catalogue: every message translated, none left fuzzy (gettext ignores fuzzy entries, so
a fuzzy one shows its English to a Chinese reader)."""

from __future__ import annotations

from pathlib import Path

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "config" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
)


def _entries(text: str) -> list[dict[str, str | bool]]:
    """Each entry's msgid, msgstr (plural forms joined) and whether it is flagged fuzzy."""
    entries = []
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        entry: dict[str, str | bool] = {"fuzzy": False, "msgid": "", "msgstr": ""}
        current = None
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("msgid "):
                current = "msgid"
                entry[current] = line[6:].strip('"')
            elif line.startswith("msgstr"):
                current = "msgstr"
                entry[current] = str(entry[current]) + line.split(" ", 1)[1].strip('"')
            elif line.startswith("msgid_plural"):
                current = None
            elif line.startswith('"') and current:
                entry[current] = str(entry[current]) + line.strip('"')
        if "msgid" in block:
            entries.append(entry)
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = [e for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]]
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if e["fuzzy"]] == []
    assert [e["msgid"] for e in entries if not e["msgstr"]] == []
