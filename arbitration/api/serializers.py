"""Output shapes of arbitration's API."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework import serializers

from arbitration.calculations import FigureUsed, Result, to_fen
from arbitration.finality import Finality
from arbitration.models import Award, AwardItem, CourtChallenge
from arbitration.selectors import final_award_of
from core import clock
from core.api.serializers import api_time
from core.errors import ApplicationError


def money(value: Any) -> str | None:
    return None if value is None else f"{to_fen(value):f}"


# ``source`` and ``label`` are the contract's field names and attributes of DRF's Field: declared through
# the metaclass.
FigureSerializer = type(
    "FigureSerializer",
    (serializers.Serializer,),
    {
        "kind": serializers.CharField(),
        "amount": serializers.CharField(),
        "effective_from": serializers.DateField(allow_null=True),
        "region": serializers.CharField(),
        "source": serializers.CharField(),
        "__module__": __name__,
    },
)


def figure_data(figure: FigureUsed) -> dict[str, Any]:
    return {
        "kind": figure.kind,
        "amount": money(figure.amount),
        "effective_from": figure.effective_from.isoformat() if figure.effective_from else None,
        "region": figure.region,
        "source": figure.source,
    }


class FinalAwardSerializer(serializers.Serializer):
    final = serializers.BooleanField()
    reason = serializers.CharField()
    threshold = serializers.CharField(help_text="12 × the monthly minimum wage in force on the date")
    minimum_wage = FigureSerializer()


def final_award_data(finality: Finality) -> dict[str, Any]:
    return {
        "final": finality.final,
        "reason": finality.reason,
        "threshold": money(finality.threshold),
        "minimum_wage": figure_data(finality.minimum_wage),
    }


LineSerializer = type(
    "LineSerializer",
    (serializers.Serializer,),
    {
        "label": serializers.CharField(),
        "formula": serializers.CharField(),
        "amount": serializers.CharField(help_text="The line's value to the fen (the total is rounded once)"),
        "__module__": __name__,
    },
)


class CalculationOutSerializer(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.CharField(allow_null=True)
    breakdown = LineSerializer(many=True)
    figures = FigureSerializer(many=True, help_text="Every local figure the calculation used")
    final_award = FinalAwardSerializer()


def calculation_data(kind: str, result: Result | None, finality: Finality) -> dict[str, Any]:
    figures = list(result.figures) if result else []
    figures.append(finality.minimum_wage)
    return {
        "kind": kind,
        "amount": money(result.amount) if result else None,
        "breakdown": [
            {"label": line.label, "formula": line.formula, "amount": money(line.amount)}
            for line in (result.breakdown if result else [])
        ],
        "figures": [figure_data(f) for f in figures],
        "final_award": final_award_data(finality),
    }


# --- awards ---------------------------------------------------------------------------------------------


def _item_final_award(item: AwardItem, on: date) -> dict[str, Any] | None:
    if item.final is not None:  # fixed when issued
        return {"final": item.final, "reason": item.final_reason, "threshold": money(item.threshold)}
    try:
        finality = final_award_of(item.category, item.granted, on)
    except ApplicationError:  # no minimum wage in force that day: shown as unknown in a draft
        return None
    return {"final": finality.final, "reason": finality.reason, "threshold": money(finality.threshold)}


def award_data(award: Award) -> dict[str, Any]:
    on = award.award_date or clock.today()
    items = []
    for item in award.items.all():
        items.append(
            {
                "id": item.pk,
                "claim": item.claim_id,
                "category": item.category,
                "title": item.title,
                "elements": item.elements,
                "calculation": item.calculation,
                "computed_amount": money(item.computed_amount),
                "breakdown": item.breakdown,
                "granted": money(item.granted),
                "decision": item.decision,
                "finding": item.finding,
                "reasoning": item.reasoning,
                "final_award": _item_final_award(item, on),
            }
        )
    finals = [i["final_award"]["final"] if i["final_award"] else False for i in items]
    return {
        "id": award.pk,
        "status": award.status,
        "kind": award.kind,
        "final": bool(finals) and all(finals),
        "mixed": any(finals) and not all(finals),
        "decided_by": award.decided_by,
        "costs": award.costs,
        "items": items,
        "dissents": [
            {"arbitrator": d.arbitrator_id, "display_name": d.arbitrator.display_name, "opinion": d.opinion}
            for d in award.dissents.all()
        ],
        "award_date": award.award_date.isoformat() if award.award_date else None,
        "issued_at": api_time(award.issued_at),
        "updated_at": api_time(award.updated_at),
    }


class AwardOutSerializer(serializers.Serializer):
    """The current award (the draft for the tribunal and staff, else the last issued), the claims still
    without a decision, and every issued award (partial awards first)."""

    id = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=["draft", "issued", "none"])
    kind = serializers.ChoiceField(choices=["final", "partial"])
    final = serializers.BooleanField(help_text="true only when every item is final")
    mixed = serializers.BooleanField(help_text="both final and non-final items: two award documents")
    decided_by = serializers.CharField(help_text="unanimous | majority | presiding (L Art. 45)")
    costs = serializers.CharField()
    items = serializers.ListField(child=serializers.DictField())
    dissents = serializers.ListField(child=serializers.DictField())
    undecided_claims = serializers.ListField(child=serializers.IntegerField())
    issued = serializers.ListField(child=serializers.DictField())
    positions = serializers.DictField(
        allow_null=True,
        help_text="the tribunal only: per claim the sides' element positions from their statements "
        "(`claims`: [{`claim`, `elements`: [{`element`, `applicant`, `respondent`, `agreed`}]}]) and "
        "per side its statements (`statements`: {`applicant`: [{`kind`, `text`, `submitted_at`}], …})",
    )


class CaseDocumentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField(source="generated_at")
    side = serializers.CharField(
        allow_blank=True, help_text="whose document: applicant, respondent, or '' (both)"
    )
    party = serializers.IntegerField(
        source="case_party.party_id", allow_null=True, help_text="the party a notice is addressed to"
    )
    download = serializers.CharField(help_text="the API path giving a download link")


def document_data(document: Any) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "id": document.pk,
        "kind": document.kind,
        "title": document.title,
        "sha256": document.sha256,
        "size": document.size,
        "created_at": document.generated_at,
        "side": document.side,
        "party": document.case_party.party_id if document.case_party_id else None,
        "download": reverse("api-document-download", args=[document.pk]),
    }


class DownloadOutSerializer(serializers.Serializer):
    url = serializers.CharField()
    expires_at = serializers.DateTimeField()


# --- after the award (issue 11, point 6) ------------------------------------------------------------------


class WindowOutSerializer(serializers.Serializer):
    side = serializers.CharField()
    kind = serializers.CharField()
    basis = serializers.CharField()
    days = serializers.IntegerField()
    received_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    provisional = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["awaiting_receipt", "open", "passed"])


class ChallengeOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.CharField()
    kind = serializers.CharField()
    filed_on = serializers.DateField()
    court = serializers.CharField()
    within_window = serializers.BooleanField(allow_null=True)
    result = serializers.CharField()
    result_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class AfterAwardOutSerializer(serializers.Serializer):
    windows = WindowOutSerializer(many=True)
    challenges = ChallengeOutSerializer(many=True)


def challenge_data(row: CourtChallenge) -> dict[str, Any]:
    return {
        "id": row.pk,
        "side": row.side,
        "kind": row.kind,
        "filed_on": row.filed_on.isoformat(),
        "court": row.court,
        "within_window": row.within_window,
        "result": row.result,
        "result_on": row.result_on.isoformat() if row.result_on else None,
        "note": row.note,
    }
