"""The historical import (issue 12, point 5): past disputes from a CSV file, counted by the figures like
cases filed in the system (``manage.py import_cases FILE.csv``; the format is in docs/supervision.md).

The whole file is read and checked first — every column of every row, the names it refers to, and what an
earlier import of the same ``external_ref`` left that cannot change (an issued award). Any bad row: nothing
is written, and ``ImportRejected`` lists every problem by line, column and reason. A good file is written
in one transaction: the case-side records by ``cases.services.cases_import_history`` (case, claim,
tribunal, pre-filing episode, timeline, ruling deadline), then arbitration's own: the issued award with its
finality (``final_award``) and the lawsuit after it (``lawsuit_filed_on``, a ``CourtChallenge``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import MediationOrganisation, Role, User
from accounts.roles import OVERSIGHT_ROLES
from arbitration.models import Award, AwardItem, AwardKind, AwardStatus, ChallengeKind, CourtChallenge
from cases.models import ClaimCategory, ClosureType, MediationOutcome
from cases.services import (
    EARLIEST_RECEIPT,
    HistoricalCase,
    HistoricalMediation,
    cases_import_history,
)
from cases.services.history import CLOSED_AT, at
from core import clock
from core.bulk import insert_rows, reserve_ids
from core.inputs import amount_text

COLUMNS = (
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
)
# Marks the records the import wrote, so that a re-import replaces its own lawsuits and no one else's.
IMPORT_NOTE = "import_cases"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
AMOUNT = re.compile(r"\d{1,10}(\.\d{1,2})?")
BOOLEANS = {"true": True, "false": False}
CLOSURE_TYPES = tuple(ClosureType.values)
OUTCOMES = tuple(MediationOutcome.values)
CATEGORIES = tuple(ClaimCategory.values)


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)d, column %(column)s: %(reason)s") % {
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }


class ImportRejected(Exception):
    """The file has bad rows: nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class Row:
    line: int
    case: HistoricalCase
    final_award: bool | None
    lawsuit_filed_on: date | None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    awards: int
    lawsuits: int


# --- reading and checking --------------------------------------------------------------------------------


class Names:
    """The arbitrators and mediation organisations the file may name, read once."""

    def __init__(self) -> None:
        arbitrators = list(
            User.objects.filter(role=Role.ARBITRATOR).values_list("pk", "username", "display_name")
        )
        self.usernames = {username: pk for pk, username, _name in arbitrators}
        by_name: dict[str, list[int]] = {}
        for pk, _username, name in arbitrators:
            if name:
                by_name.setdefault(name, []).append(pk)
        self.display_names = by_name
        self.organisations = dict(MediationOrganisation.objects.values_list("name", "pk"))

    def arbitrator(self, text: str) -> int:
        if text in self.usernames:
            return self.usernames[text]
        found = self.display_names.get(text, [])
        if len(found) > 1:
            raise ValueError(_("several arbitrators have this name: give the username"))
        if not found:
            raise ValueError(_("no arbitrator has this username or name"))
        return found[0]

    def organisation(self, text: str) -> int:
        if text not in self.organisations:
            raise ValueError(_("no mediation organisation has this name"))
        return self.organisations[text]


class RowReader:
    """Parses one row, collecting a problem per bad column instead of stopping at the first."""

    def __init__(self, line: int, values: dict[str, str], names: Names, today: date) -> None:
        self.line = line
        self.values = {k: (v or "").strip() for k, v in values.items() if k is not None}
        self.names = names
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.line, column, reason))

    def text(self, column: str, max_length: int) -> str:
        value = self.values.get(column, "")
        if len(value) > max_length:
            self.problem(column, _("longer than %(max)d characters") % {"max": max_length})
            return ""
        return value

    def day(self, column: str) -> date | None:
        value = self.values.get(column, "")
        if not value:
            return None
        try:
            if not DATE.fullmatch(value):
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            self.problem(column, _("not a date in the form YYYY-MM-DD"))
            return None
        if day > self.today:
            self.problem(column, _("after today"))
            return None
        return day

    def choice(self, column: str, choices: Collection[str]) -> str:
        value = self.values.get(column, "")
        if value and value not in choices:
            allowed = list(choices)
            self.problem(column, _("not one of: %(choices)s") % {"choices": ", ".join(allowed)})
            return ""
        return value

    def reference(self, column: str, resolve: Any) -> int | None:
        value = self.values.get(column, "")
        if not value:
            return None
        try:
            return int(resolve(value))
        except ValueError as error:
            self.problem(column, str(error))
            return None

    def not_before(self, column: str, day: date | None, earlier: date | None, earlier_column: str) -> None:
        if day is not None and earlier is not None and day < earlier:
            self.problem(column, _("before %(column)s") % {"column": earlier_column})

    def read(self) -> Row | None:
        ref = self.text("external_ref", 100)
        if not self.values.get("external_ref"):
            self.problem("external_ref", _("required"))
        received = self.day("received_on")
        if received is None and not self.values.get("received_on"):
            self.problem("received_on", _("required"))
        elif received is not None and received < EARLIEST_RECEIPT.date():
            self.problem(
                "received_on", _("before the Mediation and Arbitration Law came into force (2008-05-01)")
            )
        accepted, rejected, closed = self.day("accepted_on"), self.day("rejected_on"), self.day("closed_on")
        closure = self.choice("closure_type", CLOSURE_TYPES)
        final_text = self.choice("final_award", BOOLEANS)
        outcome = self.choice("mediation_outcome", OUTCOMES)
        concluded = self.day("mediation_concluded_on")
        lawsuit = self.day("lawsuit_filed_on")
        organisation = self.reference("mediation_organisation", self.names.organisation)
        arbitrator = self.reference("arbitrator", self.names.arbitrator)
        street = self.text("street", 100)
        category = self.choice("claim_category", CATEGORIES)
        amount = self._amount(category)
        applicants = self._applicants()

        # The dates in the procedure's order.
        self.not_before("mediation_concluded_on", concluded, received, "received_on")
        self.not_before(
            "accepted_on",
            accepted,
            concluded or received,
            "mediation_concluded_on" if concluded else "received_on",
        )
        self.not_before(
            "rejected_on",
            rejected,
            concluded or received,
            "mediation_concluded_on" if concluded else "received_on",
        )
        self.not_before(
            "closed_on", closed, accepted or received, "accepted_on" if accepted else "received_on"
        )
        self.not_before("lawsuit_filed_on", lawsuit, closed, "closed_on")

        # What can follow what.
        if accepted and rejected:
            self.problem("rejected_on", _("an application is either accepted or rejected, not both"))
        if closed and not closure and not self._has_problem("closure_type"):
            self.problem("closure_type", _("required when closed_on is given"))
        if closure and not closed and not self._has_problem("closed_on"):
            self.problem("closed_on", _("required when closure_type is given"))
        if closed and not accepted and closure and closure != ClosureType.WITHDRAWAL:
            self.problem("closure_type", _("a case not accepted can only be closed by withdrawal"))
        if closed and rejected:
            self.problem("closed_on", _("a rejected application is not closed afterwards"))
        mediated = bool(organisation or outcome or concluded or self.values.get("mediation_organisation"))
        if outcome and not concluded and not self._has_problem("mediation_concluded_on"):
            self.problem("mediation_concluded_on", _("required when mediation_outcome is given"))
        if concluded and not outcome and not self._has_problem("mediation_outcome"):
            self.problem("mediation_outcome", _("required when mediation_concluded_on is given"))
        if mediated and outcome in ("", MediationOutcome.AGREEMENT, MediationOutcome.WITHDRAWN):
            after = next(
                (
                    c
                    for c, v in (("accepted_on", accepted), ("rejected_on", rejected), ("closed_on", closed))
                    if v
                ),
                None,
            )
            if after is not None and not self._has_problem("mediation_outcome"):
                reason = {
                    "": _("the pre-filing mediation is still open (no mediation_outcome)"),
                    MediationOutcome.AGREEMENT: _("the dispute was settled in pre-filing mediation"),
                    MediationOutcome.WITHDRAWN: _("the dispute was withdrawn in pre-filing mediation"),
                }[outcome]
                self.problem(after, reason)
        final: bool | None = BOOLEANS.get(final_text) if final_text else None
        awarded = closure == ClosureType.AWARD and accepted is not None
        if awarded and final is None and not self._has_problem("final_award"):
            self.problem("final_award", _("required (true or false) when the case was closed by an award"))
        if final is not None and not awarded:
            self.problem("final_award", _("only for a case accepted and closed by an award"))
        if lawsuit and not awarded:
            self.problem("lawsuit_filed_on", _("only for a case accepted and closed by an award"))
        if arbitrator and not accepted:
            self.problem("arbitrator", _("only for an accepted case"))

        if self.problems or received is None:
            return None
        mediation = HistoricalMediation(organisation, outcome, concluded) if mediated else None
        case = HistoricalCase(
            external_ref=ref,
            received_on=received,
            accepted_on=accepted,
            rejected_on=rejected,
            closed_on=closed,
            closure_type=closure,
            mediation=mediation,
            arbitrator_id=arbitrator,
            street=street,
            claim_category=category,
            amount=amount,
            applicants_count=applicants,
        )
        return Row(self.line, case, final, lawsuit)

    def _has_problem(self, column: str) -> bool:
        return any(p.column == column for p in self.problems)

    def _amount(self, category: str) -> Decimal | None:
        value = self.values.get("amount", "")
        if not value:
            return None
        value = amount_text(value) or ""  # as written: "¥12,000", "12000元"
        if not AMOUNT.fullmatch(value):
            self.problem("amount", _("not an amount in yuan such as 12000.00 (at most two decimal places)"))
            return None
        if not category and not self._has_problem("claim_category"):
            self.problem("claim_category", _("required when amount is given"))
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return None

    def _applicants(self) -> int:
        value = self.values.get("applicants_count", "")
        if not value:
            return 1
        if not value.isdigit() or int(value) < 1:
            self.problem("applicants_count", _("not a whole number of at least 1"))
            return 1
        return int(value)


def read_rows(stream: IO[str]) -> tuple[list[Row], list[Problem]]:
    """Every row of the file, checked; the problems of all of them (line 1 is the header)."""
    reader = csv.DictReader(stream)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    twice = sorted({c for c in header if header.count(c) > 1})
    problems = [Problem(1, c, _("missing column")) for c in missing]
    problems += [Problem(1, c, _("unknown column")) for c in unknown]
    problems += [Problem(1, c, _("column given twice")) for c in twice]
    if problems:
        return [], problems
    reader.fieldnames = header
    names, today = Names(), clock.today()
    rows: list[Row] = []
    first_line: dict[str, int] = {}
    for values in reader:
        line = reader.line_num
        if None in values:
            problems.append(Problem(line, "", _("more values than columns")))
            continue
        row_reader = RowReader(line, values, names, today)
        row = row_reader.read()
        problems += row_reader.problems
        ref = row_reader.values.get("external_ref", "")
        if ref in first_line:
            problems.append(
                Problem(line, "external_ref", _("already on line %(line)d") % {"line": first_line[ref]})
            )
        elif ref:
            first_line[ref] = line
        if row is not None:
            rows.append(row)
    return rows, problems


def _issued_awards_kept(rows: Sequence[Row]) -> tuple[dict[str, bool], list[Problem]]:
    """The issued final awards an earlier import left, by reference, and the rows that would change one: an
    issued award never changes (arbitration.models.Award), so such a row is a problem, not an update."""
    by_ref = {row.case.external_ref: row for row in rows}
    kept: dict[str, int] = {}
    refs = list(by_ref)
    for start in range(0, len(refs), 10_000):
        awards = Award.objects.filter(
            case__external_ref__in=refs[start : start + 10_000],
            kind=AwardKind.FINAL,
            status=AwardStatus.ISSUED,
        ).values_list("case__external_ref", "pk")
        for ref, pk in awards:
            kept[str(ref)] = pk
    finality: dict[int, bool] = {}
    for award_id, final in AwardItem.objects.filter(award_id__in=list(kept.values())).values_list(
        "award_id", "final"
    ):
        finality[award_id] = finality.get(award_id, True) and bool(final)
    problems = []
    result: dict[str, bool] = {}
    for ref, pk in kept.items():
        row = by_ref[ref]
        result[ref] = finality.get(pk, False)
        if row.case.closure_type != ClosureType.AWARD or row.final_award != result[ref]:
            problems.append(
                Problem(row.line, "final_award", _("the award imported before was issued and cannot change"))
            )
    return result, problems


# --- writing ---------------------------------------------------------------------------------------------


def import_cases(stream: IO[str], *, user: User) -> ImportResult:
    """Check the whole file, then write it in one transaction; ``ImportRejected`` lists every bad row."""
    rows, problems = read_rows(stream)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.line))
    with transaction.atomic():
        kept, problems = _issued_awards_kept(rows)
        if problems:
            raise ImportRejected(sorted(problems, key=lambda p: p.line))
        written = cases_import_history(records=[row.case for row in rows], user=user)
        awards = _write_awards(rows, written.cases, written.claims, kept)
        lawsuits = _write_lawsuits(rows, written.cases, user)
    return ImportResult(written.created, written.updated, awards, lawsuits)


AWARD_FIELDS = ["id", "case", "kind", "status", "award_date", "updated_at", "issued_at"]
ITEM_FIELDS = ["award", "claim", "position", "category", "final", "final_reason", "elements", "breakdown"]
CHALLENGE_FIELDS = ["case", "side", "kind", "filed_on", "court", "within_window", "note", "recorded_by"]
CHALLENGE_FIELDS += ["recorded_at"]


def _write_awards(
    rows: Sequence[Row], cases: dict[str, int], claims: dict[str, int], kept: dict[str, bool]
) -> int:
    """An issued award for each case closed by one, with one item carrying its finality (L Art. 47): issued
    as the award step does, the items written while it is a draft."""
    awarded = [r for r in rows if r.final_award is not None and r.case.external_ref not in kept]
    ids = reserve_ids(Award, len(awarded))
    closed = {r.case.external_ref: at(r.case.closed_on, CLOSED_AT) for r in awarded if r.case.closed_on}
    insert_rows(
        Award,
        AWARD_FIELDS,
        (
            (
                pk,
                cases[r.case.external_ref],
                AwardKind.FINAL,
                AwardStatus.DRAFT,
                r.case.closed_on,
                closed[r.case.external_ref],
                closed[r.case.external_ref],
            )
            for pk, r in zip(ids, awarded, strict=True)
        ),
    )
    reason = _("Imported from the historical records.")
    insert_rows(
        AwardItem,
        ITEM_FIELDS,
        (
            (
                pk,
                claims.get(r.case.external_ref),
                0,
                r.case.claim_category or ClaimCategory.OTHER,
                r.final_award,
                reason,
                [],
                [],
            )
            for pk, r in zip(ids, awarded, strict=True)
        ),
    )
    for start in range(0, len(ids), 10_000):
        Award.objects.filter(pk__in=ids[start : start + 10_000]).update(status=AwardStatus.ISSUED)
    return len(ids)


def _write_lawsuits(rows: Sequence[Row], cases: dict[str, int], user: User) -> int:
    """The lawsuit after the award, as a court challenge whose window is unknown (no receipt of the award is
    on record), which the finality rate counts as taken to court. A re-import replaces the ones it wrote."""
    ids = [cases[r.case.external_ref] for r in rows]
    for start in range(0, len(ids), 10_000):
        CourtChallenge.objects.filter(case_id__in=ids[start : start + 10_000], note=IMPORT_NOTE).delete()
    now = clock.now()
    challenges = [
        (
            cases[r.case.external_ref],
            "",
            ChallengeKind.LAWSUIT,
            r.lawsuit_filed_on,
            "",
            None,
            IMPORT_NOTE,
            user.pk,
            now,
        )
        for r in rows
        if r.lawsuit_filed_on is not None
    ]
    return insert_rows(CourtChallenge, CHALLENGE_FIELDS, challenges)


def default_importer() -> User | None:
    """Who records an import when the command is not told: the first supervisor or administrator."""
    return (
        User.objects.filter(is_active=True, role__in=OVERSIGHT_ROLES).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )
