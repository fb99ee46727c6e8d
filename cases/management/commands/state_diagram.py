"""``manage.py state_diagram``: the case state diagram, generated from the model.

Reads the django-fsm transitions of ``cases.models.Case`` (sources, targets, and for ``RETURN_VALUE``
targets the statuses they may return to), the permission function of each (``cases/permissions.py``), its
guards (``cases/conditions.py``) and the closure type its body sets, and writes a Markdown file with a
Mermaid ``stateDiagram-v2`` and a legend. ``--check`` compares instead of writing, so a test can keep the
committed document from drifting away from the model.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_fsm import RETURN_VALUE, Transition

from cases import conditions, permissions
from cases.conditions import Condition
from cases.models import Case, Status

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "docs" / "case-states.md"
START = "[*]"


@dataclass(frozen=True)
class Edge:
    name: str
    source: str
    target: str
    returns: bool  # a RETURN_VALUE target: back to where the case came from
    closure: str  # the closure type the transition's body sets, if any
    permission: str
    guards: tuple[str, ...]


def _condition_names() -> dict[int, str]:
    return {id(value): name for name, value in vars(conditions).items() if isinstance(value, Condition)}


def _closure_type(transition: Transition, source: str) -> str:
    """Run the transition's (trivial) body on an unsaved case to see which closure type it sets."""
    case = Case(status=source)
    transition.method(case)
    return str(case.closure_type or "")


def edges() -> list[Edge]:
    """Every (transition, source, target) of the model, in status order."""
    names = _condition_names()
    order = {value: i for i, value in enumerate(Status.values)}
    found = []
    for transition in Case._meta.get_field("status").get_all_transitions(Case):
        if isinstance(transition.target, RETURN_VALUE):
            returns, targets = True, transition.target.allowed_states
        else:
            returns, targets = False, [transition.target]
        guards = tuple(names.get(id(c), getattr(c, "__name__", repr(c))) for c in transition.conditions)
        permission = getattr(transition.permission, "__name__", str(transition.permission or "anyone"))
        closure = _closure_type(transition, str(transition.source))
        for target in targets:
            found.append(
                Edge(
                    transition.name, str(transition.source), str(target), returns, closure, permission, guards
                )
            )
    return sorted(found, key=lambda e: (order[e.source], e.name, order[e.target]))


def _rule(function: Callable[..., Any]) -> str:
    """A permission's rule: the first paragraph of its docstring, else its body as code."""
    text = inspect.getdoc(function)
    if text:
        return " ".join(text.split("\n\n")[0].split())
    definition = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    assert isinstance(definition, ast.FunctionDef)  # permissions are plain functions
    code = "; ".join(" ".join(ast.unparse(statement).split()) for statement in definition.body)
    return "`" + code.replace("|", "\\|") + "`"


def _label(edge: Edge) -> str:
    if edge.returns:
        return f"{edge.name} (back)"
    if edge.closure:
        return f"{edge.name} ({edge.closure})"
    return edge.name


def _list(values: list[str]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def render() -> str:
    """The whole document; deterministic, and in the source language whatever the active locale."""
    with translation.override(None):
        return _render(edges())


def _render(all_edges: list[Edge]) -> str:
    initial = str(Case._meta.get_field("status").default)
    leaving = {e.source for e in all_edges}
    terminal = [s for s in Status.values if s not in leaving]
    lines = [
        "# Case states",
        "",
        "Generated from the state machine of `cases.models.Case` by `python manage.py state_diagram`: the",
        "django-fsm transitions with their permissions (`cases/permissions.py`) and guards",
        "(`cases/conditions.py`). Do not edit by hand; `python manage.py state_diagram --check`, run by the",
        "test suite, fails when this file and the model disagree.",
        "",
        "```mermaid",
        "stateDiagram-v2",
    ]
    lines += [f"    {status}: {label}" for status, label in Status.choices]
    lines.append(f"    {START} --> {initial}")
    lines += [f"    {e.source} --> {e.target}: {_label(e)}" for e in all_edges]
    lines += [f"    {status} --> {START}" for status in terminal]
    lines += [
        "```",
        "",
        "A label `name (type)` closes the case with that closure type; `name (back)` returns the case to the",
        "status it was in before (`RETURN_VALUE`: any of the targets drawn).",
        "",
        "## Statuses",
        "",
        "| status | label | ends the case |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{status}` | {label} | {'yes' if status in terminal else ''} |"
        for status, label in Status.choices
    ]

    by_name: dict[str, list[Edge]] = defaultdict(list)
    for edge in all_edges:
        by_name[edge.name].append(edge)
    lines += [
        "",
        "## Transitions",
        "",
        "| transition | from → to | who may fire it | guards |",
        "|---|---|---|---|",
    ]
    for name, group in by_name.items():
        permissions_used = _list(_unique(e.permission for e in group))
        guards = _list(_unique(g for e in group for g in e.guards)) or "—"
        lines.append(f"| `{name}` | {'; '.join(_moves(group))} | {permissions_used} | {guards} |")

    used_permissions = sorted({e.permission for e in all_edges})
    lines += ["", "## Who may fire them (`cases/permissions.py`)", "", "| permission | rule |", "|---|---|"]
    for name in used_permissions:
        function = getattr(permissions, name, None)
        lines.append(f"| `{name}` | {_rule(function) if function else ''} |")

    used_guards = sorted({g for e in all_edges for g in e.guards})
    lines += ["", "## Guards (`cases/conditions.py`)", "", "| guard | refused with |", "|---|---|"]
    for name in used_guards:
        condition = getattr(conditions, name, None)
        reason = str(condition.reason) if isinstance(condition, Condition) else ""
        lines.append(f"| `{name}` | {reason} |")
    return "\n".join(lines) + "\n"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _moves(group: list[Edge]) -> list[str]:
    """One transition's moves: ``sources → target``, grouped by target (and closure type)."""
    moves = []
    by_target: dict[tuple[str, str], list[str]] = {}
    for edge in group:
        if not edge.returns:
            by_target.setdefault((edge.target, edge.closure), []).append(edge.source)
    for (target, closure), sources in by_target.items():
        moves.append(f"{_list(_unique(sources))} → `{target}`" + (f" (`{closure}`)" if closure else ""))
    returning = [e for e in group if e.returns]
    if returning:
        origins = _list(_unique(e.source for e in returning))
        targets = _list(_unique(e.target for e in returning))
        moves.append(f"{origins} → back where it came from ({targets})")
    return moves


class Command(BaseCommand):
    help = "Write the case state diagram (Mermaid in Markdown) generated from the model; --check compares."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="the Markdown file to write")
        parser.add_argument(
            "--check",
            action="store_true",
            help="do not write; exit non-zero when the file differs from what the model generates",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        content = render()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != content:
                raise CommandError(
                    f"{path} is out of date with the case state machine: "
                    "run `python manage.py state_diagram` and commit the result."
                )
            self.stdout.write(self.style.SUCCESS(f"{path} matches the model."))
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}."))
