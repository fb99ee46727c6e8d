"""``manage.py metrics``: the figures on the command line, the same as the API's; and the same figures on
the embedded profile (SQLite, no DATABASE_URL), where the median has no PERCENTILE_CONT."""

from __future__ import annotations

import calendar
import io
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.helpers import api

ROOT = Path(__file__).resolve().parents[2]
Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


def without_links(body):
    if isinstance(body, dict):
        return {k: without_links(v) for k, v in body.items() if not k.endswith("_cases")}
    if isinstance(body, list):
        return [without_links(v) for v in body]
    return body


def command(*args):
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("group_by", [None, "month", "arbitrator"])
def test_the_command_prints_the_apis_figures(personas, docket, group_by):
    params = {**Q1, **({"group_by": group_by} if group_by else {})}
    from_api = api(personas.supervisor).get("/api/v1/metrics/summary/", params).json()
    args = ["--from", Q1["from"], "--to", Q1["to"], "--json"] + (["--group-by", group_by] if group_by else [])
    printed = json.loads(command(*args))
    assert printed == without_links(from_api)
    # The numbers worked out by hand in test_supervision_figures.py.
    assert (printed["closure_rate"]["numerator"], printed["closure_rate"]["denominator"]) == (3, 6)
    assert printed["days_to_close"] == {"average": "41.0", "median": "41.0", "cases": 3}


@pytest.mark.django_db
def test_the_text_form_states_each_rate_against_its_target(personas, docket):
    text = command("--from", Q1["from"], "--to", Q1["to"])
    assert "closure_rate: 3/6 = 0.5000 (target 0.90, not met)" in text
    assert "days_to_close: average 41.0, median 41.0 (3 cases)" in text


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--from", "2026-04-01", "--to", "2026-03-31"], "--from"),
        (["--from", "2026-13-01"], "--from"),
        (["--to", "yesterday"], "--to"),
    ],
)
@pytest.mark.django_db
def test_bad_arguments_name_the_option(args, option):
    with pytest.raises(CommandError, match=option):
        command(*args)


def test_an_unknown_group_is_refused():
    with pytest.raises(CommandError, match="group-by"):
        command("--group-by", "colour")


MEDIANS_BY_HAND = """
import json, statistics
from datetime import date
from core import clock
from cases.models import Case
rows = Case.objects.filter(accepted_at__isnull=False, closed_at__isnull=False)
days = {}
for case in rows:
    closed = clock.local_date(case.closed_at)
    key = f"{closed.year}-{closed.month:02d}"
    days.setdefault(key, []).append((closed - clock.local_date(case.accepted_at)).days)
print(json.dumps(days))
"""


def test_the_figures_run_on_the_embedded_sqlite_profile(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "-v0")
    manage("seed_demo")  # the demo's cases, taken through the real steps
    assert (tmp_path / "arbitration.sqlite3").exists()
    by_hand = json.loads(manage("shell", "-v0", "-c", MEDIANS_BY_HAND).strip().splitlines()[-1])
    everything = [d for values in by_hand.values() for d in values]
    assert len(everything) >= 5  # the demo closes cases: there is a median to take

    whole = json.loads(manage("metrics", "--from", "2000-01-01", "--to", "2099-12-31", "--json"))
    assert whole["days_to_close"]["cases"] == len(everything)
    assert float(whole["days_to_close"]["median"]) == pytest.approx(statistics.median(everything), abs=0.05)
    assert float(whole["days_to_close"]["average"]) == pytest.approx(statistics.mean(everything), abs=0.05)

    months = sorted(by_hand)
    year, month = map(int, months[-1].split("-"))
    last = f"{months[-1]}-{calendar.monthrange(year, month)[1]}"
    monthly = json.loads(
        manage("metrics", "--from", f"{months[0]}-01", "--to", last, "--group-by", "month", "--json")
    )
    medians = {
        g["key"]: g["days_to_close"]["median"] for g in monthly["groups"] if g["days_to_close"]["cases"]
    }
    assert set(medians) == set(by_hand)
    for key, values in by_hand.items():
        assert float(medians[key]) == pytest.approx(statistics.median(values), abs=0.05), key
