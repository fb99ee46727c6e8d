"""The committed state diagram (docs/case-states.md) is generated from the model and cannot drift."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cases.management.commands.state_diagram import DEFAULT_OUTPUT, render
from cases.models import Status

OPEN = ["accepted", "async_hearing", "oral_hearing", "mediation", "deliberation"]

# The transition table of ../shared/api-contract.md: name → [(from, to)].
CONTRACT = {
    "refer_to_mediation": [("submitted", "pre_mediation")],
    "record_mediation_agreement": [("pre_mediation", "mediated")],
    "record_mediation_failure": [("pre_mediation", "submitted")],
    "accept": [("submitted", "accepted")],
    "reject": [("submitted", "rejected")],
    "withdraw": [("submitted", "withdrawn"), ("pre_mediation", "withdrawn")]
    + [(s, "closed") for s in [*OPEN, "suspended"]],
    "start_async_hearing": [("accepted", "async_hearing")],
    "schedule_oral_hearing": [("accepted", "oral_hearing"), ("async_hearing", "oral_hearing")],
    "start_mediation": [
        (s, "mediation") for s in ["accepted", "async_hearing", "oral_hearing", "deliberation"]
    ],
    "end_mediation": [
        ("mediation", s) for s in ["accepted", "async_hearing", "oral_hearing", "deliberation"]
    ],
    "close_by_mediation": [("mediation", "closed")],
    "suspend": [(s, "suspended") for s in OPEN],
    "resume": [("suspended", s) for s in OPEN],
    "conclude_hearing": [("async_hearing", "deliberation"), ("oral_hearing", "deliberation")],
    "issue_award": [("deliberation", "closed")],
    # Never in an asynchronous hearing, where a missed step is waived (issue 13, point 4).
    "deem_withdrawn": [("oral_hearing", "closed")],
    "cancel": [(s, "closed") for s in OPEN],
    # Issue 13, point 12: transfer to the competent commission (R Arts. 9-10, 46).
    "transfer": [(s, "closed") for s in [*OPEN, "suspended"]],
}
CLOSURES = {
    "issue_award": "award",
    "close_by_mediation": "mediation",
    "withdraw": "withdrawal",
    "deem_withdrawn": "deemed_withdrawal",
    "cancel": "cancelled",
    "transfer": "transferred",
}
EDGE = re.compile(r"^    (\w+) --> (\w+): (\w+)(?: \((\w+)\))?$", re.MULTILINE)


def committed() -> str:
    return DEFAULT_OUTPUT.read_text(encoding="utf-8")


def drawn_edges(document: str) -> dict[tuple[str, str, str], str]:
    """(from, to, transition) → the label's note (closure type or "back") of every arrow of the diagram."""
    diagram = document.split("```mermaid", 1)[1].split("```", 1)[0]
    return {(m[1], m[2], m[3]): m[4] or "" for m in EDGE.finditer(diagram)}


def test_the_committed_diagram_matches_the_model():
    call_command("state_diagram", "--check", stdout=io.StringIO())
    assert committed() == render()


def test_every_contract_transition_and_status_is_in_the_document():
    document = committed()
    for name in CONTRACT:
        assert f"`{name}`" in document and f": {name}" in document, name
    for status in Status.values:
        assert f"`{status}`" in document, status
    assert "stateDiagram-v2" in document


def test_the_diagram_draws_every_move_of_the_contract():
    edges = drawn_edges(committed())
    expected = {(source, target, name) for name, moves in CONTRACT.items() for source, target in moves}
    assert expected <= set(edges)
    assert {name for _source, _target, name in edges} == set(CONTRACT)
    for (_source, target, name), note in edges.items():
        if target == "closed":
            assert note == CLOSURES[name]
    assert {edges[("mediation", s, "end_mediation")] for s in OPEN if s != "mediation"} == {"back"}
    assert "[*] --> submitted" in committed()
    for terminal in ("mediated", "rejected", "withdrawn", "closed"):
        assert f"{terminal} --> [*]" in committed()


def test_the_legend_names_who_may_fire_and_why_a_guard_refuses():
    document = committed()
    accept = next(line for line in document.splitlines() if line.startswith("| `accept` |"))
    assert "`intake_staff`" in accept and "`application_complete`" in accept
    async_row = next(line for line in document.splitlines() if line.startswith("| `start_async_hearing` |"))
    assert "`presiding_arbitrator`" in async_row and "`respondent_consents_to_async`" in async_row
    assert "The respondent has not consented to an asynchronous hearing." in document
    assert (
        "| `supervisor` | The commission's head (or the delegated institute head) approves suspensions"
        in document
    )


def test_check_fails_when_the_file_differs_or_is_missing(tmp_path):
    target = tmp_path / "case-states.md"
    with pytest.raises(CommandError, match="out of date"):
        call_command("state_diagram", "--check", "--output", str(target), stdout=io.StringIO())
    call_command("state_diagram", "--output", str(target), stdout=io.StringIO())
    call_command("state_diagram", "--check", "--output", str(target), stdout=io.StringIO())
    target.write_text(
        target.read_text(encoding="utf-8").replace("issue_award", "give_award"), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="out of date"):
        call_command("state_diagram", "--check", "--output", str(target), stdout=io.StringIO())


def test_exit_status_of_check_is_non_zero(tmp_path):
    """From the shell, as CI would run it."""
    stale = tmp_path / "stale.md"
    stale.write_text("# stale\n", encoding="utf-8")
    manage = str(settings.BASE_DIR / "manage.py")
    failed = subprocess.run(
        [sys.executable, manage, "state_diagram", "--check", "--output", str(stale)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0 and "out of date" in failed.stderr
    passed = subprocess.run(
        [sys.executable, manage, "state_diagram", "--check"], capture_output=True, text=True, check=False
    )
    assert passed.returncode == 0, passed.stderr
