"""Arbitration's reads: the local figure in force on a day, the calculator's answers, and awards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.roles import INTAKE_ROLES, OVERSIGHT_ROLES, PARTY_ROLES, has_role
from arbitration import calculations as calc
from arbitration.calculations import FigureUsed
from arbitration.finality import Finality, classify
from arbitration.inputs import CalculationKind
from arbitration.models import (
    Award,
    AwardDissent,
    AwardItem,
    AwardStatus,
    CaseDocument,
    FigureKind,
    LocalFigure,
)
from cases.models import Case, CaseAgent, CaseParty, Claim, ClaimCategory, Mandate, Side
from cases.registry import PARTY_STATEMENTS
from cases.selectors import case_get
from core import clock
from core.errors import field_error

# The commission's people who read a case's documents but not the notices addressed to one party.
STAFF_CASE_ROLES = frozenset({Role.ARBITRATOR, Role.MEDIATOR})


def figure_in_force(kind: str, on: date) -> FigureUsed | None:
    """The figure of ``kind`` in force on ``on``: the latest that took effect on or before that day."""
    row = LocalFigure.objects.filter(kind=kind, effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        return None
    return FigureUsed(row.kind, row.amount, row.effective_from, row.region, row.source)


def minimum_wage_on(on: date, *, field: str = "on") -> FigureUsed:
    figure = figure_in_force(FigureKind.MINIMUM_WAGE, on)
    if figure is None:
        raise field_error(
            field, _("No monthly minimum wage is in force on %(day)s.") % {"day": on.isoformat()}
        )
    return figure


def final_award_of(category: str, amount: Decimal | None, on: date, *, field: str = "on") -> Finality:
    return classify(category, amount, minimum_wage_on(on, field=field))


def calculate(data: dict[str, Any]) -> tuple[calc.Result | None, Finality]:
    """The result of a validated calculation body (``arbitration.inputs.CalculationSerializer``) and its
    final-award classification on ``on`` (today when not given)."""
    kind = data["kind"]
    on = data.get("on") or clock.today()
    if kind == CalculationKind.FINAL_AWARD:
        return None, final_award_of(data["claim_category"], data["amount"], on)
    result: calc.Result
    try:
        if kind == CalculationKind.OVERTIME:
            result = calc.overtime(
                monthly_wage=data["monthly_wage"],
                weekday_hours=data["weekday_hours"],
                rest_day_hours=data["rest_day_hours"],
                holiday_hours=data["holiday_hours"],
                already_paid=data["already_paid"],
            )
            category = ClaimCategory.OVERTIME
        elif kind == CalculationKind.WAGE_ARREARS:
            result = calc.wage_arrears(
                monthly_wage=data["monthly_wage"],
                start=data["from"],
                end=data["to"],
                already_paid=data["already_paid"],
            )
            category = ClaimCategory.WAGE_ARREARS
        else:
            result = calc.termination_compensation(
                average_monthly_wage=data["average_monthly_wage"],
                start=data["start_date"],
                end=data["end_date"],
                local_average=_local_average(data),
                unlawful=data["unlawful"],
                notice_pay=data["notice_pay"],
                last_month_wage=data["last_month_wage"],
            )
            category = (
                ClaimCategory.TERMINATION_COMPENSATION
                if data["unlawful"]
                else ClaimCategory.ECONOMIC_COMPENSATION
            )
    except calc.CalculationError as error:
        raise field_error(error.field, error.message) from None
    finality = final_award_of(category, result.amount, on)
    return result, finality


def _local_average(data: dict[str, Any]) -> FigureUsed:
    given = data.get("local_average_monthly_wage")
    if given is not None:
        return FigureUsed(FigureKind.AVERAGE_WAGE, given, None, "", _("given in the request"))
    figure = figure_in_force(FigureKind.AVERAGE_WAGE, data["end_date"])
    if figure is None:
        raise field_error(
            "local_average_monthly_wage",
            _("No local average monthly wage is in force on %(day)s: give one.")
            % {"day": data["end_date"].isoformat()},
        )
    return figure


def breakdown_data(result: calc.Result) -> list[dict[str, str]]:
    return [
        {"label": line.label, "formula": line.formula, "amount": f"{calc.to_fen(line.amount):f}"}
        for line in result.breakdown
    ]


# --- awards ------------------------------------------------------------------------------------------------
# Who reads a case's award: the tribunal and the commission's staff read the draft; the parties (and
# whoever else sees the case) read only what was issued. A case the user does not see is a 404 first
# (``cases.selectors.case_get``).


def may_read_draft(user: User, case: Case) -> bool:
    return has_role(user, INTAKE_ROLES | OVERSIGHT_ROLES) or case.tribunal.filter(arbitrator=user).exists()


def is_tribunal(user: User, case: Case) -> bool:
    return case.tribunal.filter(arbitrator=user).exists()


def positions_of(case: Case) -> dict[str, Any]:
    """What the parties said about their claims (the tribunal's reading, for the award draft).

    ``claims``: per claim of the case, each element either side's statements named, with each side's
    latest position on it, agreed when both give the same; ``statements``: per side, its statements'
    texts (statement, defence, answer, final statement), oldest first. Read through ``PARTY_STATEMENTS``,
    which the hearings app fills.
    """
    statements = PARTY_STATEMENTS.statements(case)
    by_claim: dict[int, dict[str, dict[str, str]]] = {}
    texts: dict[str, list[dict[str, Any]]] = {Side.APPLICANT: [], Side.RESPONDENT: []}
    for statement in statements:  # oldest first: a later position replaces the side's earlier one
        if statement.side not in texts:
            continue
        texts[statement.side].append(
            {
                "kind": statement.kind,
                "kind_label": str(statement.kind_label),
                "text": statement.text,
                "submitted_at": statement.submitted_at.isoformat(),
            }
        )
        for position in statement.elements:
            row = by_claim.setdefault(position.claim, {}).setdefault(
                position.element, {Side.APPLICANT: "", Side.RESPONDENT: ""}
            )
            row[statement.side] = position.position
    claims = []
    for claim in case.claims.filter(withdrawn=False).order_by("position", "id"):
        elements = [
            {
                "element": name,
                "applicant": sides[Side.APPLICANT],
                "respondent": sides[Side.RESPONDENT],
                "agreed": bool(sides[Side.APPLICANT]) and sides[Side.APPLICANT] == sides[Side.RESPONDENT],
            }
            for name, sides in by_claim.get(claim.pk, {}).items()
        ]
        claims.append({"claim": claim.pk, "elements": elements})
    return {"claims": claims, "statements": {str(side): rows for side, rows in texts.items()}}


def _awards(case: Case) -> QuerySet[Award]:
    return (
        Award.objects.filter(case=case)
        .select_related("drafted_by", "issued_by")
        .prefetch_related(
            Prefetch("items", queryset=AwardItem.objects.select_related("claim")),
            Prefetch("dissents", queryset=AwardDissent.objects.select_related("arbitrator")),
        )
        .order_by("id")
    )


def awards_of(user: User, case: Case) -> tuple[Award | None, list[Award]]:
    """The draft (for those who may read it) and the issued awards of the case, oldest first."""
    awards = list(_awards(case))
    issued = [a for a in awards if a.status == AwardStatus.ISSUED]
    draft = next((a for a in awards if a.status == AwardStatus.DRAFT), None)
    return (draft if may_read_draft(user, case) else None), issued


def claims_decided_earlier(case: Case) -> set[int]:
    """The claims an issued (partial) award of the case already decided."""
    return set(
        AwardItem.objects.filter(
            award__case=case, award__status=AwardStatus.ISSUED, claim__isnull=False
        ).values_list("claim_id", flat=True)
    )


def undecided_claims(case: Case, draft: Award | None) -> list[Claim]:
    decided = claims_decided_earlier(case)
    if draft is not None:
        decided |= {i.claim_id for i in draft.items.all() if i.decision and i.claim_id}
    return [c for c in case.claims.filter(withdrawn=False) if c.pk not in decided]


# --- the case's documents ---------------------------------------------------------------------------------


def documents_of(user: User, case: Case) -> QuerySet[CaseDocument]:
    """The case's documents this user may read (the case itself already visible to them: ``case_get``).

    - the commission's intake staff and supervisors (and admins): all of them;
    - the tribunal and mediators: all but the notices addressed to one party (the respondent's notice
      prints its access code, which only the commission that serves it and the respondent may hold);
    - a party, or its agent with a verified mandate: its side's documents, those of both sides, and the
      notices addressed to it; an agent whose mandate awaits checking: none.
    """
    documents = (
        CaseDocument.objects.filter(case=case).defer("content", "markup").order_by("generated_at", "id")
    )
    if has_role(user, INTAKE_ROLES):
        return documents
    if has_role(user, PARTY_ROLES):
        agencies = CaseAgent.objects.filter(case=case, user=user, mandate=Mandate.VERIFIED)
        own = Q(party_id=user.party_id) if user.party_id else Q(pk__in=[])
        acting = CaseParty.objects.filter(case=case).filter(own | Q(pk__in=agencies.values("case_party_id")))
        rows = list(acting.values_list("pk", "side"))
        if not rows:
            return documents.none()
        sides = {side for _pk, side in rows} | {""}
        return documents.filter(
            Q(case_party__in=[pk for pk, _side in rows]) | Q(case_party__isnull=True, side__in=sides)
        )
    if has_role(user, STAFF_CASE_ROLES):
        return documents.filter(case_party__isnull=True)
    return documents.none()


def document_get(user: User, document_id: int | str) -> CaseDocument:
    """A document with its bytes, if this user may read it; ``Http404`` otherwise."""
    try:
        pk = int(document_id)
    except (TypeError, ValueError):
        raise Http404 from None
    document = CaseDocument.objects.select_related("case").filter(pk=pk).first()
    if document is None:
        raise Http404
    case = case_get(user, document.case_id)
    if not documents_of(user, case).filter(pk=pk).exists():
        raise Http404
    return document
