"""Demo replay: what the API answers each demo account, as one normalised, comparable JSON snapshot.

Why: a refactor that moves code between apps must not change a single answer the API gives. The demo
(``manage.py seed_demo``: about sixty cases driven through the real services) exercises nearly every
status, deadline and option, so replaying it and comparing with a recorded answer shows any change.

How the snapshot is made:

- ``seed()`` runs ``seed_demo`` with demo data allowed at the fixed moment ``SEEDED_AT`` (time frozen),
  and runs the after-commit callbacks that the test's transaction would otherwise swallow: the seed's
  notifications are sent on commit, and they are part of what the accounts see.
- ``snapshot()`` (time frozen at ``SEEDED_AT`` again, so "overdue" and "due today" read the same) logs
  every active account in through ``POST /api/v1/auth/token/`` with the demo password and records:
  ``me``, every page of the case list (default ordering and ``?ordering=received_at``), the status
  counts, the notifications (every page), and for each case it sees: the detail, every page of the
  events and the tribunal. For the cases it does not see, which HTTP statuses the detail answers
  (expected: all 404). Plus the 2026 and 2027 holiday calendars once.
- The answers are then normalised (``normalise``):

  * database ids become stable labels: a user is ``@username``; a case, party and mediation
    organisation is ``case-07`` / ``party-12`` / ``org-1``, numbered by the rank of its id among all
    such ids seen (i.e. in the order the seed created them); ids of claims, events and notifications,
    which nothing else refers to, become ``<id>``. Integers are recognised as ids by their key:
    ``id``/``pk`` (kind from the enclosing key or endpoint), ``*_id``, and the references
    ``party``, ``organisation``, ``arbitrators``, ``presiding`` (an int, not the boolean), ``actor``,
    ``case``, ``user``. Other integers (counts, days) stay.
  * strings that are a whole ISO datetime (with a time part) become ``<time>``; plain dates
    (``YYYY-MM-DD``: due dates, start dates) stay, they are the point.
  * numbers in URL paths become labels (``/cases/123/`` -> ``/cases/case-07/``; other ids ``<id>``),
    and so does the case id in a not-yet-numbered case's name in notification titles
    ("申请编号 123" -> "申请编号 case-07").
  * nothing random reaches the snapshot: tokens are used, never recorded; access codes and password
    hashes are never in a GET answer.

To keep the golden file small, what every account sees the same way is stored once: under ``cases``
each case's detail, events and tribunal as most accounts see them, and under
``accounts.<name>.cases.<case>`` only the parts that differ for that account (typically ``options``
and ``allowed_transitions``). ``expand()`` rebuilds the full per-account view if it is ever needed.

Usage (``DJANGO_SETTINGS_MODULE=config.settings``, a PostgreSQL ``DATABASE_URL`` and ``REDIS_URL``):

    pytest tests/cases/test_demo_replay.py                     # compare with tests/golden/demo_api.json
    REPLAY_WRITE=1 pytest tests/cases/test_demo_replay.py      # (re)write the golden file
    python -m tests.demo_replay [--write]                # the same two, through pytest

After a refactor only the few names in the "project" block below may need to change.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings

# --- project: the only names tied to this codebase ------------------------------------------------------
API = "/api/v1"
SEED_COMMAND = "seed_demo"
DEMO_PASSWORD = "demo12345"  # the published demo password
SEEDED_AT = "2026-11-26 10:00 +0800"  # a Thursday: deadlines due today, soon and overdue
CALENDAR_YEARS = (2026, 2027)  # 2027 is unpublished: rulings due then are provisional
# The title of a notification about a case with no number yet names it by its id (locale msgid and zh).
UNNUMBERED_CASE = re.compile(r"(申请编号|application no\.)\s*(\d+)")
# ---------------------------------------------------------------------------------------------------------

if TYPE_CHECKING:
    from rest_framework.test import APIClient

GOLDEN = Path(__file__).resolve().parent / "golden" / "demo_api.json"
TEST_FILE = Path(__file__).resolve().parent / "cases" / "test_demo_replay.py"

Json = Any


# === seeding =============================================================================================


@contextmanager
def quiet(level: int) -> Iterator[None]:
    """No log records at ``level`` or below: hundreds of console notifications and expected 404s
    would otherwise fill a failing test's report."""
    before = logging.root.manager.disable
    logging.disable(max(level, before))
    try:
        yield
    finally:
        logging.disable(before)


def seed() -> None:
    """``seed_demo`` as an operator runs it on ``SEEDED_AT``, its on-commit notifications included."""
    with (
        quiet(logging.INFO),
        override_settings(ALLOW_DEMO_DATA=True),
        time_machine.travel(SEEDED_AT, tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command(SEED_COMMAND, stdout=io.StringIO())


# === collecting the raw answers ==========================================================================


def _get(client: APIClient, url: str) -> Json:
    """The body of a 200; anything else is recorded with its status, so a changed status shows."""
    response = client.get(url)
    body = response.json() if response.content else None
    if response.status_code == 200:
        return body
    return {"http_status": response.status_code, "body": body}


def _pages(client: APIClient, url: str) -> list[Json]:
    """Every page of a paginated list, following ``next`` as a client would."""
    pages = []
    while url:
        page = _get(client, url)
        pages.append(page)
        url = page.get("next") if isinstance(page, dict) else None
        if len(pages) > 100:
            raise RuntimeError(f"more than 100 pages at {url}")
    return pages


def _login(username: str) -> APIClient:
    """A client holding the token the account gets by logging in with the demo password."""
    from rest_framework.test import APIClient  # here: importing it needs configured settings

    client = APIClient()
    response = client.post(
        f"{API}/auth/token/", {"username": username, "password": DEMO_PASSWORD}, format="json"
    )
    if response.status_code != 200:
        raise AssertionError(f"demo login of {username} failed: {response.status_code} {response.content!r}")
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def _case_ids(pages: list[Json]) -> list[int]:
    return [row["id"] for page in pages if "results" in page for row in page["results"]]


def collect() -> dict[str, Json]:
    """The raw answers (real ids and times) for every active account, plus the shared calendars."""
    usernames = list(
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("username")
        .values_list("username", flat=True)
    )
    accounts: dict[str, Json] = {}
    clients = {username: _login(username) for username in usernames}  # one login each (rate limited)
    for username, client in clients.items():
        listing = _pages(client, f"{API}/cases/")
        visible = _case_ids(listing)
        accounts[username] = {
            "me": _get(client, f"{API}/me/"),
            "case_list": listing,
            "case_list_by_received_at": _pages(client, f"{API}/cases/?ordering=received_at"),
            "status_counts": _get(client, f"{API}/cases/status-counts/"),
            "notifications": _pages(client, f"{API}/notifications/"),
            "cases": {
                case_id: {
                    "detail": _get(client, f"{API}/cases/{case_id}/"),
                    "events": _pages(client, f"{API}/cases/{case_id}/events/"),
                    "tribunal": _get(client, f"{API}/cases/{case_id}/tribunal/"),
                }
                for case_id in visible
            },
        }
    every_case = sorted({case_id for account in accounts.values() for case_id in account["cases"]})
    for username, client in clients.items():
        hidden = [case_id for case_id in every_case if case_id not in accounts[username]["cases"]]
        answers = Counter(str(client.get(f"{API}/cases/{case_id}/").status_code) for case_id in hidden)
        accounts[username]["hidden_cases_detail_status"] = dict(answers)
    calendars = {str(year): _get(clients["clerk"], f"{API}/calendar/{year}/") for year in CALENDAR_YEARS}
    return {"seeded_at": SEEDED_AT, "calendars": calendars, "accounts": accounts}


# === normalising =========================================================================================

LABELLED = ("case", "party", "org")  # kinds whose ids other answers refer to: ranked labels
# The kind of the object under a key: its "id" is an id of that kind.
OBJECT_KIND = {
    "applicant": "party",
    "respondent": "party",
    "applicants": "party",
    "respondents": "party",
    "party": "party",
    "user": "user",
    "actor": "user",
    "presiding_arbitrator": "user",
    "arbitrators": "user",
    "mediation_organisation": "org",
    "claims": "claim",
}
# An integer (or list of integers) under these keys refers to an object of that kind.
REFERENCE_KIND = {
    "party": "party",
    "party_id": "party",
    "organisation": "org",
    "mediation_organisation": "org",
    "arbitrators": "user",
    "presiding": "user",
    "actor": "user",
    "user": "user",
    "user_id": "user",
    "case": "case",
    "case_id": "case",
    "agent": "user",  # an agent's mandate decided: the agent's account
    "evidence": "evidence",
    "session": "session",
    "submission": "submission",
    "stage": "stage",
    "award": "award",  # the award an event recorded (issue_award, award_drafted)
    "group": "group",  # the group of linked cases an event names (group_link, group_unlink)
    "referral": "referral",  # a legal-aid referral (request_legal_aid, record_legal_aid_outcome)
    "review": "review",  # a service review (service_reviewed)
}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
CASE_PATH = re.compile(r"/cases/(\d+)(?=/|$)")
ID_IN_PATH = re.compile(r"(?<=/)\d+(?=/|$)")

Labeller = Callable[[str, int], Any]


def _walk(value: Json, labeller: Labeller, kind: str | None = None) -> Json:
    """Rebuild ``value`` with every id passed through ``labeller(kind, id)`` and strings normalised.

    ``kind`` is the kind of the object ``value`` is (or is a list of): the endpoint's for the top,
    then the one ``OBJECT_KIND`` gives for the key an object sits under.
    """
    if isinstance(value, dict):
        result = {}
        for k, v in value.items():
            if k in ("id", "pk") and _is_int(v):
                result[k] = labeller(kind or "?", v)
            elif _is_int(v) and (k in REFERENCE_KIND or k.endswith("_id")):
                result[k] = labeller(REFERENCE_KIND.get(k, "?"), v)
            elif isinstance(v, list) and k in REFERENCE_KIND and v and all(_is_int(x) for x in v):
                result[k] = [labeller(REFERENCE_KIND[k], x) for x in v]
            else:
                child = kind if k == "results" else OBJECT_KIND.get(k)
                result[k] = _walk(v, labeller, child)
        return result
    if isinstance(value, list):
        return [_walk(v, labeller, kind) for v in value]
    if isinstance(value, str):
        return _string(value, labeller)
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _string(text: str, labeller: Labeller) -> str:
    if DATETIME.match(text):
        return "<time>"
    if "/" in text:
        text = CASE_PATH.sub(lambda m: f"/cases/{labeller('case', int(m.group(1)))}", text)
        if text.startswith(("/", "http")):
            text = ID_IN_PATH.sub("<id>", text)
    return UNNUMBERED_CASE.sub(lambda m: f"{m.group(1)} {labeller('case', int(m.group(2)))}", text)


def normalise(raw: dict[str, Json]) -> dict[str, Json]:
    """Ids to stable labels, times to ``<time>``: what is left is what the accounts were told."""
    seen: dict[str, set[int]] = {kind: set() for kind in LABELLED}

    def record(kind: str, value: int) -> int:
        if kind in seen:
            seen[kind].add(value)
        return value

    def walk_raw(labeller: Labeller) -> Json:
        accounts = {}
        for username, account in raw["accounts"].items():
            cases = {}
            for case_id, answers in account["cases"].items():
                label = labeller("case", case_id)
                cases[label] = {
                    "detail": _walk(answers["detail"], labeller, "case"),
                    "events": _walk(answers["events"], labeller, "event"),
                    "tribunal": _walk(answers["tribunal"], labeller, "tribunal"),
                }
            accounts[username] = {
                "me": _walk(account["me"], labeller, "user"),
                "case_list": _walk(account["case_list"], labeller, "case"),
                "case_list_by_received_at": _walk(account["case_list_by_received_at"], labeller, "case"),
                "status_counts": account["status_counts"],
                "notifications": _walk(account["notifications"], labeller, "notification"),
                "hidden_cases_detail_status": account["hidden_cases_detail_status"],
                "cases": cases,
            }
        return {"seeded_at": raw["seeded_at"], "calendars": raw["calendars"], "accounts": accounts}

    walk_raw(record)  # first pass: which ids of each labelled kind exist
    ranks = {kind: {v: n for n, v in enumerate(sorted(ids), start=1)} for kind, ids in seen.items()}
    usernames = dict(get_user_model().objects.values_list("pk", "username"))

    def label(kind: str, value: int) -> str:
        if kind == "user":
            return f"@{usernames.get(value, '?')}"
        if kind in ranks and value in ranks[kind]:
            return f"{kind}-{ranks[kind][value]:02d}"
        return "<id>"

    return walk_raw(label)


# === storing what is shared once =========================================================================

CASE_PARTS = ("detail", "events", "tribunal")


def _key(value: Json) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def compact(full: dict[str, Json]) -> dict[str, Json]:
    """Each case's answers once (as most accounts see them); per account only what differs.

    A detail is compared field by field (``options`` differ between accounts, the facts do not); the
    events and the tribunal as a whole. Ties between equally common versions go to the first account
    in username order, so the result is deterministic.
    """
    views: dict[str, list[Json]] = {}
    for account in full["accounts"].values():
        for label, answers in account["cases"].items():
            views.setdefault(label, []).append(answers)

    def most_common(values: list[Json]) -> Json:
        counts = Counter(_key(v) for v in values)
        best = max(counts.values())
        return next(v for v in values if counts[_key(v)] == best)

    shared: dict[str, Json] = {}
    for label in sorted(views):
        seen = views[label]
        common: dict[str, Json] = {}
        details = [v["detail"] for v in seen]
        if all(isinstance(d, dict) and "http_status" not in d for d in details):
            fields = dict.fromkeys(f for d in details for f in d)
            common["detail"] = {f: most_common([d.get(f) for d in details]) for f in fields}
        else:
            common["detail"] = most_common(details)
        for part in ("events", "tribunal"):
            common[part] = most_common([v[part] for v in seen])
        shared[label] = common

    accounts = {}
    for username, account in full["accounts"].items():
        own = {}
        for label, answers in account["cases"].items():
            own[label] = _difference(answers, shared[label])
        accounts[username] = {**account, "cases": own}
    return {**{k: v for k, v in full.items() if k != "accounts"}, "cases": shared, "accounts": accounts}


def _difference(answers: dict[str, Json], shared: dict[str, Json]) -> dict[str, Json]:
    """The parts of one account's view of a case that are not the shared ones."""
    own: dict[str, Json] = {}
    detail, common = answers["detail"], shared["detail"]
    if isinstance(detail, dict) and "http_status" not in detail and "http_status" not in common:
        changed = {f: detail[f] for f in detail if f not in common or _key(detail[f]) != _key(common[f])}
        missing = sorted(f for f in common if f not in detail)
        if changed:
            own["detail"] = changed
        if missing:
            own["detail_missing"] = missing
    elif _key(detail) != _key(common):
        own["detail"] = detail
    for part in ("events", "tribunal"):
        if _key(answers[part]) != _key(shared[part]):
            own[part] = answers[part]
    return own


def expand(compacted: dict[str, Json]) -> dict[str, Json]:
    """The full per-account answers back from ``compact``'s form (for a reader or a finer diff)."""
    accounts = {}
    for username, account in compacted["accounts"].items():
        cases = {}
        for label, own in account["cases"].items():
            common = compacted["cases"][label]
            detail = common["detail"]
            if "detail" in own and isinstance(detail, dict):
                detail = {**detail, **own["detail"]}
            elif "detail" in own:
                detail = own["detail"]
            detail = {f: v for f, v in detail.items() if f not in own.get("detail_missing", ())}
            cases[label] = {"detail": detail, **{p: own.get(p, common[p]) for p in ("events", "tribunal")}}
        accounts[username] = {**account, "cases": cases}
    return {**{k: v for k, v in compacted.items() if k != "cases"}, "accounts": accounts}


# === the snapshot, its file and its comparison ==========================================================


def snapshot() -> dict[str, Json]:
    """The normalised, compacted answers of the API to every demo account, as of ``SEEDED_AT``.

    Needs a database where ``seed()`` has run. JSON-native (a round trip through ``dumps`` is exact).
    """
    with time_machine.travel(SEEDED_AT, tick=False), quiet(logging.WARNING):
        raw = collect()
    return json.loads(dumps(compact(normalise(raw))))


def dumps(data: Json) -> str:
    """The golden file's text: sorted keys, readable Chinese, one value per line for git diffs."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def write(data: Json, path: Path = GOLDEN) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(data), encoding="utf-8")


def read(path: Path = GOLDEN) -> Json:
    return json.loads(path.read_text(encoding="utf-8"))


def differences(expected: Json, actual: Json, path: str = "$") -> Iterator[tuple[str, str]]:
    """Each place where ``actual`` differs from ``expected``, as (JSON path, what changed).

    Lists of unequal length are aligned first (difflib), so one added notification or event is one
    line, not a shift of every element after it.
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(expected.keys() | actual.keys()):
            where = f"{path}.{key}"
            if key not in actual:
                yield where, f"missing (was {_short(expected[key])})"
            elif key not in expected:
                yield where, f"new: {_short(actual[key])}"
            else:
                yield from differences(expected[key], actual[key], where)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) == len(actual):
            for index, (old, new) in enumerate(zip(expected, actual, strict=True)):
                yield from differences(old, new, f"{path}[{index}]")
            return
        yield path, f"length {len(expected)} -> {len(actual)}"
        matcher = SequenceMatcher(
            None, [_key(x) for x in expected], [_key(x) for x in actual], autojunk=False
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            paired = min(i2 - i1, j2 - j1)
            for k in range(paired):
                yield from differences(expected[i1 + k], actual[j1 + k], f"{path}[{j1 + k}]")
            for i in range(i1 + paired, i2):
                yield f"{path}[{i}]", f"missing (was {_short(expected[i])})"
            for j in range(j1 + paired, j2):
                yield f"{path}[{j}]", f"new: {_short(actual[j])}"
    elif expected != actual or type(expected) is not type(actual):
        yield path, f"{_short(expected)} -> {_short(actual)}"


def _short(value: Json, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report(expected: Json, actual: Json, limit: int = 40) -> str | None:
    """The first ``limit`` differences, one per line, with the total; None when there are none.

    Compared in the expanded form, so a path names the account that was told something else
    (``$.accounts.clerk.cases.case-03.detail.options[1].reason``).
    """
    found = list(differences(expand(expected), expand(actual)))
    if not found:
        return None
    lines = [f"{where}: {what}" for where, what in found[:limit]]
    more = f"\n… and {len(found) - limit} more" if len(found) > limit else ""
    return f"{len(found)} difference(s) from {GOLDEN.name}:\n" + "\n".join(lines) + more


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.demo_replay [--write]``: run the replay test (with --write: rewrite the file)."""
    args = sys.argv[1:] if argv is None else argv
    env = {**os.environ, "REPLAY_WRITE": "1" if "--write" in args else ""}
    command = [sys.executable, "-m", "pytest", str(TEST_FILE), "-q", "-p", "no:cacheprovider"]
    return subprocess.call(command, env=env, cwd=TEST_FILE.parent.parent.parent)


if __name__ == "__main__":
    sys.exit(main())
