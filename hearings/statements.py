"""The parties' statements on their claims, offered to the award drafting through ``cases.registry``
(``PARTY_STATEMENTS``): what each side stated, defended, answered and said last in the case's hearing
sessions, with the element positions its statements and defences gave."""

from __future__ import annotations

from cases.models import Case
from cases.registry import PARTY_STATEMENTS, ElementPosition, PartyStatement
from hearings.models import Submission, SubmissionKind

PARTY_KINDS = (
    SubmissionKind.STATEMENT,
    SubmissionKind.DEFENCE,
    SubmissionKind.ANSWER,
    SubmissionKind.FINAL_STATEMENT,
)


def party_statements(case: Case) -> list[PartyStatement]:
    subs = (
        Submission.objects.filter(session__case=case, kind__in=PARTY_KINDS)
        .exclude(side="")
        .order_by("created_at", "id")
    )
    return [
        PartyStatement(
            side=sub.side,
            kind=sub.kind,
            kind_label=SubmissionKind(sub.kind).label,
            text=sub.text,
            submitted_at=sub.created_at,
            ref=f"submission:{sub.pk}",
            elements=tuple(
                ElementPosition(claim=e["claim"], element=e["element"], position=e["position"])
                for e in sub.elements
            ),
        )
        for sub in subs
    ]


def register() -> None:
    PARTY_STATEMENTS.register("hearings", party_statements, replace=True)
