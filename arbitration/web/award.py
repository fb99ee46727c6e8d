"""The tribunal's award workbench (phone first): per claim the element findings side by side (pre-filled with
the parties' positions from their hearing statements, ``selectors.positions_of``), a calculation
whose amount is recomputed as the figures change (``static/arbitration/award.js`` asks
``POST /api/v1/calculations/``; saving computes it again on the server), the amount granted, the decision,
finding and reasoning; free-form items; a partial award (L Art. 43) and, for a three-member tribunal, each
member's dissent (the basis, majority or presiding, follows from them: L Art. 45); a PDF preview of the
draft; and the issue button.

The page posts the API's own shapes (``arbitration.inputs.AwardDraftSerializer``,
``IssueAwardSerializer``) to the same services (``services.award_save``, ``services.case_issue_award``).
Only the tribunal sees it: anyone else gets a 404, as if there were no such page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from arbitration import documents, selectors, services
from arbitration.inputs import TRIED, AwardDraftSerializer, IssueAwardSerializer
from arbitration.models import Award, AwardKind, AwardStatus, DecidedBy, Decision
from arbitration.web.views import FIELDS, KINDS
from cases.models import Case, ClaimCategory, Side, Status
from cases.selectors import case_get
from core import clock
from core.errors import ApplicationError, flatten_fields
from core.storage import attachment_disposition

# Blank element rows offered under each item, and blank free-form items at the end.
SPARE_ELEMENTS = 2
SPARE_FREE_ITEMS = 1
MAX_ROWS = 200
MAX_ELEMENTS = 50
ELEMENT_FIELDS = ("element", "applicant", "respondent", "finding")
ITEM_TEXT_FIELDS = ("title", "finding", "reasoning")


def _tribunal_case(user: Any, pk: int) -> Case:
    case = case_get(user, pk)
    if not case.tribunal.filter(arbitrator=user).exists():
        raise Http404
    return case


def _draft(case: Case) -> Award | None:
    return Award.objects.filter(case=case, status=AwardStatus.DRAFT).first()


def _calc_values(calculation: dict[str, Any] | None) -> tuple[str, dict[str, str]]:
    if not calculation:
        return "", {}
    kind = str(calculation.get("kind", ""))
    values = {}
    for key, value in calculation.items():
        if key == "kind":
            continue
        values[key] = "on" if value is True else "" if value in (False, None) else str(value)
    return kind, values


def _row(n: int, *, claim: Any = None, item: Any = None) -> dict[str, Any]:
    """One item of the form, as the template shows it (values are strings, as typed)."""
    kind, calc = _calc_values(item.calculation if item is not None else None)
    elements = [
        {
            "element": e.get("element", ""),
            "applicant": e.get("applicant", ""),
            "respondent": e.get("respondent", ""),
            "agreed": bool(e.get("agreed")),
            "finding": e.get("finding", ""),
            "from_statements": False,
        }
        for e in (item.elements if item is not None else [])
    ]
    return {
        "n": n,
        "claim": claim,
        "category": item.category if item is not None else "",
        "title": item.title if item is not None and claim is None else "",
        "kind": kind,
        "calc": calc,
        "computed": item.computed_amount if item is not None else None,
        "breakdown": item.breakdown if item is not None else [],
        "granted": "" if item is None or item.granted is None else str(item.granted),
        "decision": item.decision if item is not None else "",
        "finding": item.finding if item is not None else "",
        "reasoning": item.reasoning if item is not None else "",
        "elements": elements,
    }


def _prefill(row: dict[str, Any], positions: list[dict[str, Any]]) -> None:
    """Add the elements the parties' statements named that the draft does not hold yet (the draft's own
    rows, as the tribunal edited them, stay as they are)."""
    have = {e["element"] for e in row["elements"]}
    for position in positions:
        if position["element"] in have:
            continue
        row["elements"].append(
            {
                "element": position["element"],
                "applicant": position["applicant"],
                "respondent": position["respondent"],
                "agreed": position["agreed"],
                "finding": "",
                "from_statements": True,
            }
        )


def _rows_from_draft(
    case: Case, draft: Award | None, positions: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    items = list(draft.items.select_related("claim").order_by("position", "id")) if draft else []
    by_claim = {i.claim_id: i for i in items if i.claim_id}
    decided = selectors.claims_decided_earlier(case)
    stated = {c["claim"]: c["elements"] for c in (positions or {}).get("claims", [])}
    rows: list[dict[str, Any]] = []
    for claim in case.claims.filter(withdrawn=False).order_by("position", "id"):
        if claim.pk in decided:
            continue
        row = _row(len(rows), claim=claim, item=by_claim.get(claim.pk))
        _prefill(row, stated.get(claim.pk, []))
        rows.append(row)
    for item in items:
        if item.claim_id is None:
            rows.append(_row(len(rows), item=item))
    for _spare in range(SPARE_FREE_ITEMS):
        rows.append(_row(len(rows)))
    return rows


def _count(raw: str | None, limit: int) -> int:
    try:
        return max(0, min(int(raw or 0), limit))
    except ValueError:
        return 0


def _rows_from_post(case: Case, data: Any) -> list[dict[str, Any]]:
    """The rows as typed, to show again (with their errors) or to make the API body from."""
    claims = {c.pk: c for c in case.claims.filter(withdrawn=False)}
    rows = []
    for n in range(_count(data.get("count"), MAX_ROWS)):
        p = f"i{n}-"
        claim_raw = data.get(p + "claim", "")
        claim = claims.get(int(claim_raw)) if claim_raw.isdigit() else None
        row = _row(n, claim=claim)
        row["claim_raw"] = claim_raw
        for name in ("category", "granted", "decision", *ITEM_TEXT_FIELDS):
            row[name] = data.get(p + name, "").strip() if name != "finding" else data.get(p + name, "")
        row["kind"] = data.get(p + "kind", "")
        row["calc"] = {
            f.name: data.get(f"{p}c-{row['kind']}-{f.name}", "").strip() for f in FIELDS.get(row["kind"], [])
        }
        elements = []
        for m in range(_count(data.get(p + "elements"), MAX_ELEMENTS)):
            e: dict[str, Any] = {name: data.get(f"{p}e{m}-{name}", "") for name in ELEMENT_FIELDS}
            e["agreed"] = data.get(f"{p}e{m}-agreed") == "on"
            e["from_statements"] = False
            elements.append(e)
        row["elements"] = elements
        rows.append(row)
    return rows


def _is_blank(row: dict[str, Any]) -> bool:
    """An untouched free-form row (it is left out of the draft)."""
    if row["claim"] is not None:
        return False
    typed = [row[name] for name in ("category", "title", "granted", "decision", "finding", "reasoning")]
    return not any(str(v).strip() for v in typed) and not row["kind"]


def _calc_body(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row["kind"]:
        return None
    body: dict[str, Any] = {"kind": row["kind"]}
    for field in FIELDS.get(row["kind"], []):
        raw = row["calc"].get(field.name, "")
        if field.type == "bool":
            body[field.name] = raw == "on"
        elif raw:
            body[field.name] = raw
    return body


def _members(case: Case) -> list[Any]:
    """The tribunal's members, when it has three (only then a member may dissent)."""
    members = list(case.tribunal.select_related("arbitrator").order_by("position", "id"))
    return members if len(members) >= 3 else []


def _award_from_post(case: Case, data: Any) -> dict[str, Any]:
    """The partial-award flag and each member's dissent as typed."""
    return {
        "partial_award": data.get("partial_award") == "on",
        "dissents": {m.arbitrator_id: data.get(f"dissent-{m.arbitrator_id}", "") for m in _members(case)},
    }


def _award_from_draft(draft: Award | None) -> dict[str, Any]:
    if draft is None:
        return {"partial_award": False, "dissents": {}}
    return {
        "partial_award": draft.kind == AwardKind.PARTIAL,
        "dissents": {d.arbitrator_id: d.opinion for d in draft.dissents.all()},
    }


def _body(
    rows: list[dict[str, Any]], costs: str, award: dict[str, Any] | None = None
) -> tuple[dict[str, Any], list[int]]:
    """The API's draft body from the rows (and the award's flag and dissents), and for each of its items
    the row it came from."""
    items, origin = [], []
    for row in rows:
        if _is_blank(row):
            continue
        elements = [
            {
                "element": e["element"].strip(),
                "applicant": e["applicant"].strip(),
                "respondent": e["respondent"].strip(),
                # Unticked: agreed when both positions match (the serializer decides).
                "agreed": True if e["agreed"] else None,
                "finding": e["finding"].strip(),
            }
            for e in row["elements"]
            if any(e[name].strip() for name in ELEMENT_FIELDS)
        ]
        items.append(
            {
                "claim": row["claim"].pk if row["claim"] is not None else (row.get("claim_raw") or None),
                "category": (row["category"] or None) if row["claim"] is None else None,
                "title": row["title"],
                "elements": elements,
                "calculation": _calc_body(row),
                "granted": row["granted"] or None,
                "decision": row["decision"],
                "finding": row["finding"].strip(),
                "reasoning": row["reasoning"].strip(),
            }
        )
        origin.append(row["n"])
    award = award or {"partial_award": False, "dissents": {}}
    dissents = [
        {"arbitrator": arbitrator, "opinion": text.strip()}
        for arbitrator, text in award["dissents"].items()
        if text.strip()
    ]
    return {
        "items": items,
        "costs": costs,
        "partial_award": award["partial_award"],
        "dissents": dissents,
    }, origin


AWARD_FIELDS = ("partial_award", "dissents")


def _attach_errors(
    rows: list[dict[str, Any]],
    errors: dict[str, list[str]],
    origin: list[int],
    award: dict[str, Any] | None = None,
) -> list[str]:
    """Put each ``items.<i>.<field>`` error on its row's field, the partial award's and the dissents'
    on theirs (in ``award["errors"]``); what names no field is returned."""
    general: list[str] = []
    by_n = {row["n"]: row for row in rows}
    for key, texts in errors.items():
        if award is not None and key.split(".")[0] in AWARD_FIELDS:
            award.setdefault("errors", {}).setdefault(key.split(".")[0], []).extend(texts)
            continue
        parts = key.split(".")
        if parts[0] != "items" or len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) >= len(origin):
            general.extend(texts)
            continue
        row = by_n[origin[int(parts[1])]]
        errs = row.setdefault("errors", {"calc": {}, "elements": [], "other": []})
        rest = parts[2:]
        if not rest:
            errs["other"].extend(texts)
        elif rest[0] == "calculation":
            errs["calc"].setdefault(rest[1] if len(rest) > 1 else "kind", []).extend(texts)
        elif rest[0] == "elements":
            errs["elements"].extend(texts)
        else:
            errs.setdefault(rest[0], []).extend(texts)
    return general


def _render(
    request: AuthenticatedHttpRequest,
    case: Case,
    rows: list[dict[str, Any]],
    *,
    costs: str,
    errors: list[str] | None = None,
    issue: dict[str, Any] | None = None,
    award: dict[str, Any] | None = None,
    positions: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    for row in rows:
        row.setdefault("errors", {"calc": {}, "elements": [], "other": []})
        spare = [
            dict.fromkeys(ELEMENT_FIELDS, "") | {"agreed": False, "from_statements": False}
            for _i in range(SPARE_ELEMENTS)
        ]
        row["element_rows"] = [*row["elements"], *spare]
        row["calc_fields"] = [
            {
                "kind": kind,
                "label": label,
                "fields": [
                    {
                        "field": f,
                        "value": row["calc"].get(f.name, "") if kind == row["kind"] else "",
                        "errors": row["errors"]["calc"].get(f.name, []) if kind == row["kind"] else [],
                    }
                    for f in FIELDS[kind]
                ],
            }
            for kind, label in KINDS
        ]
    draft = _draft(case)
    award = award if award is not None else _award_from_draft(draft)
    if positions is None:
        positions = selectors.positions_of(case)
    dissents = award["dissents"]
    context = {
        "case": case,
        "label": case.case_number or _("application no. %(id)s") % {"id": case.pk},
        "rows": rows,
        "count": len(rows),
        "spare_elements": SPARE_ELEMENTS,
        "costs": costs,
        "errors": errors or [],
        "draft": draft,
        "open": case.status == Status.DELIBERATION,
        "kinds": KINDS,
        "decisions": Decision.choices,
        "categories": ClaimCategory.choices,
        "issue": issue or {"values": {}, "errors": {}},
        "tried": TRIED,
        "partial_award": award["partial_award"],
        "award_errors": award.get("errors", {}),
        "members": [{"member": m, "opinion": dissents.get(m.arbitrator_id, "")} for m in _members(case)],
        "statements": [
            (
                side.label,
                [
                    {**row, "at": datetime.fromisoformat(row["submitted_at"])}
                    for row in positions["statements"][side]
                ],
            )
            for side in (Side.APPLICANT, Side.RESPONDENT)
        ],
        "has_statements": any(positions["statements"].values()),
        "decided_by": DecidedBy(draft.decided_by).label if draft is not None and draft.decided_by else "",
    }
    return render(request, "arbitration/award_workbench.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def award_workbench(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _tribunal_case(request.user, pk)
    if request.method == "GET":
        draft = _draft(case)
        positions = selectors.positions_of(case)
        return _render(
            request,
            case,
            _rows_from_draft(case, draft, positions),
            costs=draft.costs if draft else "",
            positions=positions,
        )
    rows = _rows_from_post(case, request.POST)
    costs = request.POST.get("costs", "")
    award = _award_from_post(case, request.POST)
    body, origin = _body(rows, costs, award)
    try:
        serializer = AwardDraftSerializer(data=body)
        if not serializer.is_valid():
            raise ApplicationError(
                _("Please correct the marked fields."), fields=flatten_fields(serializer.errors)
            )
        services.award_save(case=case, user=request.user, **serializer.validated_data)
    except ApplicationError as error:
        general = _attach_errors(rows, error.fields or {}, origin, award)
        return _render(
            request,
            case,
            rows,
            costs=costs,
            errors=[str(error.detail), *general],
            award=award,
            status=error.status_code,
        )
    messages.success(request, _("The draft is saved."))
    return redirect("award-workbench", pk=case.pk)


@login_required
@require_http_methods(["GET"])
def award_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The award document(s) the saved draft would give if issued today; nothing is kept."""
    case = _tribunal_case(request.user, pk)
    draft = _draft(case)
    if draft is None:
        raise Http404
    try:
        minimum = selectors.minimum_wage_on(clock.today())
    except ApplicationError:
        raise Http404 from None
    response = HttpResponse(documents.award_preview(draft, minimum), content_type="application/pdf")
    name = _("award-draft-%(case)s.pdf") % {"case": case.case_number or case.pk}
    response["Content-Disposition"] = attachment_disposition(name).replace("attachment", "inline", 1)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def award_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ``issue_award`` step with its question "was mediation tried?" (L Art. 42)."""
    case = _tribunal_case(request.user, pk)
    values = {
        "mediation_tried": request.POST.get("mediation_tried", ""),
        "mediation_not_tried_reason": request.POST.get("mediation_not_tried_reason", ""),
        "default_award": request.POST.get("default_award") == "on",
        "reason": request.POST.get("reason", ""),
    }
    try:
        serializer = IssueAwardSerializer(data=values)
        if not serializer.is_valid():
            raise ApplicationError(
                _("Please correct the marked fields."), fields=flatten_fields(serializer.errors)
            )
        services.case_issue_award(case=case, user=request.user, **serializer.validated_data)
    except ApplicationError as error:
        draft = _draft(case)
        issue = {"values": values, "errors": error.fields or {}, "detail": str(error.detail)}
        return _render(
            request,
            case,
            _rows_from_draft(case, draft, selectors.positions_of(case)),
            costs=draft.costs if draft else "",
            issue=issue,
            status=error.status_code,
        )
    messages.success(request, _("The award is issued and the case is closed."))
    return redirect("case-detail", pk=case.pk)
