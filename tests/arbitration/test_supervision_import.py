"""``manage.py import_cases``: historical cases from a CSV file, counted by the figures like native ones.

The acceptance data set below is a first quarter of 2026 written as the commission's old records would
give it; every expected number is worked out by hand beside it, and read back through the API
(GET /api/v1/metrics/summary/) and the command (``metrics --json``)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts.models import Role
from arbitration.models import Award, CourtChallenge
from benchmarks.import_cases import write_rows
from cases.models import Case, CaseEvent, MediationEpisode
from tests.arbitration import supervision_data as d
from tests.helpers import api, make_centre, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

COLUMNS = [
    "external_ref",
    "received_on",
    "accepted_on",
    "rejected_on",
    "closed_on",
    "closure_type",
    "final_award",
    "mediation_organisation",
    "mediation_outcome",
    "mediation_concluded_on",
    "lawsuit_filed_on",
    "arbitrator",
    "street",
    "claim_category",
    "amount",
    "applicants_count",
]
CENTRE = "天河区测试街道调解中心"
Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


def row(ref, received, **values):
    return {"external_ref": ref, "received_on": received, **values}


def write(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        for values in rows:
            writer.writerow({c: values.get(c, "") for c in COLUMNS})
    return path


def run_import(path: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def rejected_problems(path: Path) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="nothing imported"):
        call_command("import_cases", str(path), stdout=out, stderr=err)
    return err.getvalue().splitlines()


def summary(user, **params):
    response = api(user).get("/api/v1/metrics/summary/", params)
    assert response.status_code == 200, response.json()
    return response.json()


def short(figure):
    return (figure["numerator"], figure["denominator"], figure["value"], figure["met"])


AWARD = {"closure_type": "award", "claim_category": "wage_arrears", "amount": "9000.00"}
ARB1 = {"arbitrator": "p-arbitrator"}  # by username
ARB2 = {"arbitrator": "仲裁员乙"}  # p-arbitrator2, by display name

# 2026 Q1. Ruling due dates: 45 days after acceptance, a rest day rolling over to the next working day
# (Spring Festival 2026: 02-15 to 02-23).
QUARTER = [
    # Pending from 2025. P1: awarded (final) 01-20, 41 days, due 01-26: on time. P2: open, due 01-29.
    row(
        "P1",
        "2025-12-08",
        accepted_on="2025-12-10",
        closed_on="2026-01-20",
        final_award="true",
        **AWARD,
        **ARB1,
    ),
    row("P2", "2025-12-12", accepted_on="2025-12-15", street="石牌街", **ARB1),
    # P3: accepted and withdrawn in 2025: not pending at the start, counted nowhere in Q1.
    row(
        "P3",
        "2025-10-30",
        accepted_on="2025-11-01",
        closed_on="2025-12-20",
        closure_type="withdrawal",
        **ARB1,
    ),
    # Accepted and closed in Q1. A1: 调解书 on 02-10 (36 days; due 02-24). A2: award not final on 02-25
    # (46 days; due 02-24: late), then a lawsuit. A3: withdrawn after acceptance 03-02 (28 days; due 03-19).
    row(
        "A1", "2026-01-02", accepted_on="2026-01-05", closed_on="2026-02-10", closure_type="mediation", **ARB1
    ),
    row(
        "A2",
        "2026-01-08",
        accepted_on="2026-01-10",
        closed_on="2026-02-25",
        final_award="false",
        lawsuit_filed_on="2026-03-05",
        **AWARD,
        **ARB1,
    ),
    row(
        "A3",
        "2026-01-30",
        accepted_on="2026-02-02",
        closed_on="2026-03-02",
        closure_type="withdrawal",
        **ARB2,
    ),
    # Accepted in Q1, still open at its end. O1: due 04-15. O2: due 02-24, overdue. C1: closed only in
    # April (award, final): open at 03-31, due 04-24; its award is not Q1's.
    row("O1", "2026-02-26", accepted_on="2026-03-01", **ARB2),
    row("O2", "2026-01-04", accepted_on="2026-01-06", **ARB1),
    row(
        "C1",
        "2026-03-06",
        accepted_on="2026-03-10",
        closed_on="2026-04-10",
        final_award="true",
        **AWARD,
        **ARB2,
    ),
    # Not accepted: R1 rejected, W1 withdrawn before acceptance (closed_on with withdrawal), N1 waiting.
    row("R1", "2026-01-12", rejected_on="2026-01-15"),
    row("W1", "2026-01-20", closed_on="2026-01-25", closure_type="withdrawal"),
    row("N1", "2026-03-30", claim_category="overtime", amount="¥1,200.50", applicants_count="12"),
    # Pre-filing mediations: M1, M2 agreements in Q1; M3 failed in Q1 and went no further; M4 failed
    # (02-10) then accepted 02-16 and awarded (final) 03-25, 37 days, due 04-02; M5 agreed in 2025;
    # M6 still open.
    row(
        "M1",
        "2026-01-06",
        mediation_organisation=CENTRE,
        mediation_outcome="agreement",
        mediation_concluded_on="2026-01-10",
    ),
    row(
        "M2",
        "2026-02-02",
        mediation_organisation=CENTRE,
        mediation_outcome="agreement",
        mediation_concluded_on="2026-02-12",
    ),
    row(
        "M3",
        "2026-02-09",
        mediation_organisation=CENTRE,
        mediation_outcome="failed",
        mediation_concluded_on="2026-02-20",
    ),
    row(
        "M4",
        "2026-02-01",
        mediation_organisation=CENTRE,
        mediation_outcome="failed",
        mediation_concluded_on="2026-02-10",
        accepted_on="2026-02-16",
        closed_on="2026-03-25",
        final_award="true",
        **AWARD,
        **ARB2,
    ),
    row(
        "M5",
        "2025-12-20",
        mediation_organisation=CENTRE,
        mediation_outcome="agreement",
        mediation_concluded_on="2025-12-28",
    ),
    row("M6", "2026-03-28", mediation_organisation=CENTRE),
]


@pytest.fixture
def imported(personas, travel, tmp_path):
    make_centre(CENTRE)
    d.at(travel, "2026-04-15")
    printed = run_import(write(tmp_path / "quarter.csv", QUARTER))
    assert printed.startswith(f"{len(QUARTER)} cases imported ({len(QUARTER)} new, 0 updated)")
    return tmp_path / "quarter.csv"


def test_the_imported_quarter_gives_the_figures_worked_out_by_hand(personas, imported):
    body = summary(personas.supervisor, **Q1)
    # Pending at the start P1, P2; accepted A1, O2, A2, A3, M4, O1, C1; closed P1, A1, A3, A2, M4.
    assert short(body["closure_rate"]) == (5, 9, "0.5556", False)
    assert body["closure_rate"]["parts"]["denominator"] == {"cases.pending_at_start": 2, "cases.accepted": 7}
    # M1, M2 agreements + A1's 调解书 over M1-M4's four concluded mediations + five closures.
    assert short(body["mediation_success_rate"]) == (3, 9, "0.3333", False)
    assert body["mediation_success_rate"]["parts"] == {
        "numerator": {"episodes.mediation_agreements": 2, "cases.closed_by_mediation": 1},
        "denominator": {"episodes.mediations_concluded": 4, "cases.closed": 5},
    }
    # Awards issued in Q1: P1 (final), A2 (not), M4 (final).
    assert short(body["final_award_share"]) == (2, 3, "0.6667", None)
    # P1, A1, A3, M4 by their due dates; A2 a day late.
    assert short(body["on_time_closure_rate"]) == (4, 5, "0.8000", None)
    # 41, 36, 46, 28, 37 days.
    assert body["days_to_close"] == {"average": "37.6", "median": "37.0", "cases": 5}
    # Open at 03-31: P2 (due 01-29), O2 (due 02-24) overdue; O1 (04-15), C1 (04-24) not.
    assert short(body["open_overdue"]) == (2, 4, "0.5000", None)
    # Windows of 30 days over by 03-31: P1, A1, A2 (closed before 03-02); A2 went to court.
    assert short(body["finality_rate"]) == (2, 3, "0.6667", None)


def test_the_imported_cases_are_listed_behind_the_numbers(personas, imported):
    body = summary(personas.supervisor, **Q1)
    closed = api(personas.supervisor).get(body["closure_rate"]["numerator_cases"]).json()
    assert sorted(r["external_ref"] for r in closed["results"]) == ["A1", "A2", "A3", "M4", "P1"]
    late = api(personas.supervisor).get(body["open_overdue"]["numerator_cases"]).json()
    assert sorted(r["external_ref"] for r in late["results"]) == ["O2", "P2"]


def test_the_command_prints_the_same_figures(personas, imported):
    out = io.StringIO()
    call_command("metrics", "--from", Q1["from"], "--to", Q1["to"], "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert short(printed["closure_rate"]) == (5, 9, "0.5556", False)
    assert short(printed["mediation_success_rate"]) == (3, 9, "0.3333", False)
    assert short(printed["final_award_share"]) == (2, 3, "0.6667", None)
    assert short(printed["on_time_closure_rate"]) == (4, 5, "0.8000", None)
    assert short(printed["finality_rate"]) == (2, 3, "0.6667", None)
    assert short(printed["open_overdue"]) == (2, 4, "0.5000", None)
    assert printed["days_to_close"] == {"average": "37.6", "median": "37.0", "cases": 5}
    from_api = summary(personas.supervisor, **Q1)
    for name in ("closure_rate", "mediation_success_rate", "final_award_share", "finality_rate"):
        assert printed[name] == {k: v for k, v in from_api[name].items() if not k.endswith("_cases")}


def test_arbitrators_named_by_username_or_display_name(personas, imported):
    body = summary(personas.supervisor, **Q1, group_by="arbitrator")
    # (Disputes never accepted have no arbitrator: their group counts no arbitration case.)
    by_arbitrator = {g["label"]: short(g["closure_rate"]) for g in body["groups"] if g["key"]}
    # 仲裁员甲: pending P1, P2; accepted A1, A2, O2; closed P1, A1, A2. 仲裁员乙: accepted A3, M4, O1, C1;
    # closed A3, M4.
    assert by_arbitrator == {"仲裁员甲": (3, 5, "0.6000", False), "仲裁员乙": (2, 4, "0.5000", False)}


def test_the_mediation_organisation_named_in_the_file_groups_its_mediations(personas, imported):
    body = summary(personas.supervisor, **Q1, group_by="organisation")
    groups = {g["label"] if g["key"] else None: short(g["mediation_success_rate"]) for g in body["groups"]}
    # The centre: M1, M2 agreements over M1-M4 concluded + M4's closure (an award). Without an
    # organisation: A1's 调解书 over the closures of P1, A1, A3, A2.
    assert groups == {CENTRE: (2, 5, "0.4000", False), None: (1, 4, "0.2500", False)}


def test_imported_cases_have_the_records_native_ones_have(personas, imported):
    cases = {c.external_ref: c for c in Case.objects.all()}
    statuses = {ref: c.status for ref, c in cases.items()}
    assert statuses == {
        "P1": "closed",
        "P2": "accepted",
        "P3": "closed",
        "A1": "closed",
        "A2": "closed",
        "A3": "closed",
        "O1": "accepted",
        "O2": "accepted",
        "C1": "closed",
        "R1": "rejected",
        "W1": "withdrawn",
        "N1": "submitted",
        "M1": "mediated",
        "M2": "mediated",
        "M3": "submitted",
        "M4": "closed",
        "M5": "mediated",
        "M6": "pre_mediation",
    }
    m4 = cases["M4"]
    assert list(m4.events.values_list("kind", "from_status", "to_status")) == [
        ("imported", "", "submitted"),
        ("refer_to_mediation", "submitted", "pre_mediation"),
        ("record_mediation_failure", "pre_mediation", "submitted"),
        ("accept", "submitted", "accepted"),
        ("issue_award", "accepted", "closed"),
    ]
    assert m4.presiding_arbitrator == personas.arbitrator2
    assert m4.tribunal.get().arbitrator == personas.arbitrator2
    assert m4.mediation_organisation.name == CENTRE
    assert m4.deadlines.get(kind="ruling").due_on == date(2026, 4, 2)
    assert cases["N1"].is_collective and cases["N1"].claims.get().amount == Decimal("1200.50")
    assert MediationEpisode.objects.filter(outcome="").get().case == cases["M6"]
    assert Award.objects.filter(status="issued").count() == 4  # P1, A2, C1, M4
    assert CourtChallenge.objects.get().case == cases["A2"]
    # The supervisor's case page opens for an imported case.
    assert api(personas.supervisor).get(f"/api/v1/cases/{m4.pk}/").status_code == 200


def test_a_bad_row_stops_the_whole_file_and_every_problem_is_reported(personas, travel, tmp_path):
    make_centre(CENTRE)
    d.at(travel, "2026-04-15")
    rows = [
        row("G1", "2026-01-05", accepted_on="2026-01-08", **ARB1),  # line 2: good
        row("B1", "2026/01/05"),  # 3
        row(
            "B2", "2026-01-05", accepted_on="2026-01-08", closed_on="2026-02-01", closure_type="settled"
        ),  # 4
        row("B3", "2026-01-05", accepted_on="2026-01-08", arbitrator="nobody"),  # 5
        row("B4", "2026-01-05", accepted_on="2026-01-02"),  # 6
        row(  # 7
            "B5",
            "2026-01-05",
            mediation_organisation=CENTRE,
            mediation_outcome="agreement",
            mediation_concluded_on="2026-01-09",
            accepted_on="2026-01-12",
        ),
        row("G1", "2026-01-06"),  # 8: the same reference again
        row(
            "B6",
            "2026-01-05",
            accepted_on="2026-01-08",
            closed_on="2026-02-01",
            closure_type="award",
            final_award="yes",
        ),  # 9
        row("B7", "2026-01-05", claim_category="overtime", amount="12k"),  # 10 ("¥12,000" would be read)
        row(  # 11
            "B8",
            "2026-01-05",
            accepted_on="2026-01-08",
            closed_on="2026-02-01",
            closure_type="withdrawal",
            lawsuit_filed_on="2026-02-10",
        ),
        row("B9", "2026-01-05", mediation_organisation="不存在的调解中心", mediation_outcome="failed"),  # 12
    ]
    problems = rejected_problems(write(tmp_path / "bad.csv", rows))
    assert problems == [
        "line 3, column received_on: not a date in the form YYYY-MM-DD",
        "line 4, column closure_type: not one of: award, mediation, withdrawal, deemed_withdrawal, "
        "cancelled, transferred, other",
        "line 5, column arbitrator: no arbitrator has this username or name",
        "line 6, column accepted_on: before received_on",
        "line 7, column accepted_on: the dispute was settled in pre-filing mediation",
        "line 8, column external_ref: already on line 2",
        "line 9, column final_award: not one of: true, false",
        "line 10, column amount: not an amount in yuan such as 12000.00 (at most two decimal places)",
        "line 11, column lawsuit_filed_on: only for a case accepted and closed by an award",
        "line 12, column mediation_organisation: no mediation organisation has this name",
        "line 12, column mediation_concluded_on: required when mediation_outcome is given",
    ]
    assert not Case.objects.exists()  # not even line 2


def test_the_import_is_recorded_by_a_supervisor_or_administrator(personas, imported):
    with pytest.raises(CommandError, match="--by: 'p-clerk' is not a supervisor or administrator"):
        run_import(imported, "--by", "p-clerk")
    with pytest.raises(CommandError, match="--by: no user 'nobody'"):
        run_import(imported, "--by", "nobody")
    run_import(imported, "--by", "p-admin")  # the same file again: every case updated
    assert Case.objects.count() == len(QUARTER)
    assert CourtChallenge.objects.get().recorded_by == personas.admin
    # Without --by, the first supervisor or administrator: here the supervisor, made before the admin.
    assert CaseEvent.objects.filter(kind="imported").values("actor").distinct().get()["actor"] == (
        personas.supervisor.pk
    )


def test_a_file_without_the_columns_is_refused(personas, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("external_ref,received,accepted_on,accepted_on\nX,2026-01-01,,\n", encoding="utf-8")
    problems = rejected_problems(path)
    assert "line 1, column received_on: missing column" in problems
    assert "line 1, column received: unknown column" in problems
    assert "line 1, column accepted_on: column given twice" in problems
    assert not Case.objects.exists()


def test_re_importing_updates_the_cases_instead_of_adding_them(personas, imported, tmp_path):
    before = summary(personas.supervisor, **Q1)
    events = CaseEvent.objects.count()
    # O2 is closed by 调解书 on 03-30 in the corrected records; the rest is the same.
    corrected = [
        dict(r, closed_on="2026-03-30", closure_type="mediation") if r["external_ref"] == "O2" else r
        for r in QUARTER
    ]
    printed = run_import(write(tmp_path / "corrected.csv", corrected))
    assert printed.startswith(f"{len(QUARTER)} cases imported (0 new, {len(QUARTER)} updated)")
    assert Case.objects.count() == len(QUARTER)
    o2 = Case.objects.get(external_ref="O2")
    assert (o2.status, o2.closure_type) == ("closed", "mediation")
    # Only O2's closure was added to the timeline; the episodes, awards and lawsuit were not doubled.
    assert CaseEvent.objects.count() == events + 1
    assert MediationEpisode.objects.count() == 6
    assert Award.objects.count() == 4 and CourtChallenge.objects.count() == 1
    after = summary(personas.supervisor, **Q1)
    assert short(before["closure_rate"]) == (5, 9, "0.5556", False)
    assert short(after["closure_rate"]) == (6, 9, "0.6667", False)
    assert short(after["mediation_success_rate"]) == (4, 10, "0.4000", False)
    # Closed 83 days after acceptance on 01-06, past its due date 02-24.
    assert short(after["on_time_closure_rate"]) == (4, 6, "0.6667", None)


def test_an_issued_award_is_not_changed_by_a_re_import(personas, imported, tmp_path):
    changed = [dict(r, final_award="false") if r["external_ref"] == "P1" else r for r in QUARTER]
    problems = rejected_problems(write(tmp_path / "changed.csv", changed))
    assert problems == ["line 2, column final_award: the award imported before was issued and cannot change"]
    assert short(summary(personas.supervisor, **Q1)["final_award_share"]) == (2, 3, "0.6667", None)


def test_the_gap_to_target_at_exactly_ninety_and_sixty_percent(personas, travel, tmp_path):
    """Q2 2026 as of 05-15: 10 accepted in April, 9 closed (5 by 调解书, 4 awards), one pre-filing
    agreement: closure 9/10 = 90%, mediation (5 + 1)/(9 + 1) = 60% — both met, none needed."""
    make_centre(CENTRE)
    d.at(travel, "2026-05-15")
    rows = [
        row(
            "Q-M",
            "2026-04-01",
            mediation_organisation=CENTRE,
            mediation_outcome="agreement",
            mediation_concluded_on="2026-04-08",
        )
    ]
    for i in range(10):
        closure = {} if i == 9 else {"closed_on": "2026-05-06"}
        if i < 5:
            closure["closure_type"] = "mediation"
        elif i < 9:
            closure.update(closure_type="award", final_award="true")
        rows.append(row(f"Q-{i}", "2026-04-01", accepted_on="2026-04-03", **closure, **ARB1))
    path = write(tmp_path / "q2.csv", rows)
    run_import(path)
    response = api(personas.supervisor).get("/api/v1/metrics/gap/", {"period": "quarter"})
    assert response.status_code == 200, response.json()
    gap = response.json()
    assert (gap["closure_rate"]["value"], gap["closure_rate"]["needed"]) == ("0.9000", 0)
    assert (gap["mediation_success_rate"]["value"], gap["mediation_success_rate"]["needed"]) == ("0.6000", 0)
    body = summary(personas.supervisor, **{"from": "2026-04-01", "to": "2026-06-30"})
    assert body["closure_rate"]["met"] is True and body["mediation_success_rate"]["met"] is True

    # One closure by 调解书 fewer (Q-0 open again): 8/10 needs ceil(0.9 × 10) − 8 = 1 more closure; 5/9
    # needs one more mediated resolution (6/10).
    rows[1] = row("Q-0", "2026-04-01", accepted_on="2026-04-03", **ARB1)
    run_import(write(path, rows))
    gap = api(personas.supervisor).get("/api/v1/metrics/gap/", {"period": "quarter"}).json()
    assert (gap["closure_rate"]["value"], gap["closure_rate"]["needed"]) == ("0.8000", 1)
    assert (gap["mediation_success_rate"]["value"], gap["mediation_success_rate"]["needed"]) == ("0.5556", 1)


def test_a_generated_file_imports_and_counts_what_it_says(personas, travel, tmp_path):
    """500 rows of the benchmark's generator: the closures and acceptances of 2025 counted from the file
    itself must be what the figures count."""
    centres = [make_centre(f"调解中心{i}").name for i in range(3)]
    arbitrators = [make_user(f"gen-arbitrator-{i}", Role.ARBITRATOR).username for i in range(4)]
    d.at(travel, "2026-04-15")
    path = tmp_path / "generated.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_rows(out, 500, arbitrators=arbitrators, organisations=centres, last_day=date(2026, 4, 15))
    run_import(path)
    assert Case.objects.count() == 500
    with path.open(encoding="utf-8") as stream:
        file_rows = list(csv.DictReader(stream))

    def in_2025(value):
        return value.startswith("2025-")

    closed = sum(1 for r in file_rows if r["accepted_on"] and in_2025(r["closed_on"]))
    accepted = sum(1 for r in file_rows if in_2025(r["accepted_on"]))
    pending = sum(
        1
        for r in file_rows
        if r["accepted_on"] and r["accepted_on"] < "2025" and (not r["closed_on"] or r["closed_on"] >= "2025")
    )
    agreements = sum(
        1 for r in file_rows if r["mediation_outcome"] == "agreement" and in_2025(r["mediation_concluded_on"])
    )
    body = summary(personas.supervisor, **{"from": "2025-01-01", "to": "2025-12-31"})
    assert body["closure_rate"]["numerator"] == closed
    assert body["closure_rate"]["denominator"] == pending + accepted
    assert body["mediation_success_rate"]["parts"]["numerator"]["episodes.mediation_agreements"] == agreements


SQLITE_USERS = f"""
from accounts.models import MediationOrganisation, Role, User
User.objects.create(username="p-supervisor", role=Role.SUPERVISOR)
User.objects.create(username="p-arbitrator", role=Role.ARBITRATOR, display_name="仲裁员甲")
User.objects.create(username="p-arbitrator2", role=Role.ARBITRATOR, display_name="仲裁员乙")
MediationOrganisation.objects.create(name="{CENTRE}")
"""


def test_the_import_runs_on_the_embedded_sqlite_profile(tmp_path):
    """Without DATABASE_URL (SQLite, no COPY): the same rows give the same figures, and a re-import
    updates. Q1 of P1, P2, A1, A2, M1, M4: pending P1, P2 + accepted A1, A2, M4; all but P2 closed; M1's
    agreement and A1's 调解书 over M1 and M4's mediations and four closures."""
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
    manage("shell", "-v0", "-c", SQLITE_USERS)
    subset = [r for r in QUARTER if r["external_ref"] in ("P1", "P2", "A1", "A2", "M1", "M4")]
    path = write(tmp_path / "subset.csv", subset)
    assert manage("import_cases", str(path)).startswith("6 cases imported (6 new, 0 updated)")
    assert manage("import_cases", str(path)).startswith("6 cases imported (0 new, 6 updated)")
    body = json.loads(manage("metrics", "--from", Q1["from"], "--to", Q1["to"], "--json"))
    assert short(body["closure_rate"]) == (4, 5, "0.8000", False)
    assert short(body["mediation_success_rate"]) == (2, 6, "0.3333", False)
    assert short(body["final_award_share"]) == (2, 3, "0.6667", None)
