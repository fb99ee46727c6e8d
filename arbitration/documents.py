"""The case's formal documents (文书): made when the step that calls for them is taken, and kept.

Which document, when (``on_case_event``, a receiver of ``cases.signals.case_event_recorded``, so inside
the step's transaction — the document, with the text its template gave, exists exactly when the step
committed):

| event | document | for |
|---|---|---|
| ``filed`` / ``registered`` | receipt of the application (收件回执) | the applicant's side |
| ``accept`` | acceptance notice (受理通知书) | the applicant's side |
| ``reject`` | rejection notice with the right to sue (不予受理通知书, L Art. 29) | the applicant's side |
| ``serve_application`` | notice to the respondent (应诉通知书) with its access code | each respondent |
| ``schedule_oral_hearing`` | hearing notice (开庭通知书) | both sides |
| ``issue_award`` / ``partial_award`` | the award (裁决书), two when final and non-final mix | both |
| other apps' (``cases.registry.DOCUMENT_SOURCES``) | the hearing record, the 调解书 | both sides |

**The PDF after the commit.** Laying a document out as a PDF costs far more than the step that calls for
it (a group action serving 200 workers' cases made 400 of them), so the step keeps the document's text
and the PDF is laid out from it by a background job queued with the step (``core.outbox``: after commit,
by the workers; at once in the embedded profile). The PDF is a pure function of that text
(``document_regenerate``), so a reader who comes before the job gets the very same bytes, laid out on the
spot (``document_bytes``, ``documents_ready``): a document is never shown without its PDF.

The wording is in template files (``templates/arbitration/documents/<kind>.txt``, the commission's name
in ``_commission.txt``) that a clerk can change without code; they give the line markup of
``arbitration.pdf``. The text a template gave is stored with the PDF, so the document is made again from
it to the same bytes (``document_regenerate``) whatever the case or the templates became since.

**The access code.** A respondent with no account binds itself to the case with the code printed on its
应诉通知书; ``cases`` keeps only a digest of the code and shows it once, when the application is served.
So the notice is made at that moment — the codes reach this receiver as the event's ``transient`` data,
which the timeline never stores — and kept, because the notice is what the commission served (it must be
printable again for service by post, and its fingerprint proves what was served). The kept copy is the
one place the code exists in clear, so it is shown to the commission's intake staff and the respondent
it is addressed to only — not to the other side, the tribunal or mediators — and a code is good for one
binding: once used it opens nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.template import Context, Engine
from django.urls import reverse
from django.utils import translation

from accounts.models import PartyKind
from arbitration.calculations import FigureUsed
from arbitration.finality import MONTHS, classify
from arbitration.models import Award, AwardKind, CaseDocument, DecidedBy, Decision, DocumentKind, FigureKind
from arbitration.pdf import markup_pdf, title_of
from cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    Claim,
    ClaimCategory,
    EventKind,
    Procedure,
    RejectionGround,
    Side,
    TribunalMember,
)
from cases.registry import DOCUMENT_SOURCES
from core import clock, outbox

DOCUMENT_LANGUAGE = "zh-hans"
TEMPLATE_DIR = "arbitration/documents"


@cache
def _engine() -> Engine:
    # Plain text, not HTML: nothing is escaped (the PDF layout escapes what reportlab reads as markup).
    return Engine(app_dirs=True, autoescape=False)


def render_markup(kind: str, context: dict[str, Any]) -> str:
    return _engine().get_template(f"{TEMPLATE_DIR}/{kind}.txt").render(Context(context))


# --- what the templates are given ---------------------------------------------------------------------------


def cn_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(clock.LEGAL_TZ).date()
    return f"{value.year}年{value.month}月{value.day}日"


def cn_time(value: datetime) -> str:
    local = value.astimezone(clock.LEGAL_TZ)
    return f"{cn_date(local)}{local.hour}时{local.minute:02d}分"


def money(amount: Decimal | None) -> str:
    return f"{amount:,.2f}" if amount is not None else ""


def _one_line(text: str) -> str:
    """User text inside a table cell or a one-line slot: no line breaks, no cell separators."""
    return " ".join(text.replace("|", "｜").split())


def _party(row: CaseParty) -> dict[str, Any]:
    party = row.party
    return {
        "name": party.name,
        "is_person": party.kind == PartyKind.PERSON,
        "legal_representative": party.legal_representative,
        "address": party.address,
        "side": str(Side(row.side).label),
    }


PARTY_FIELDS = ("side", "party__name", "party__kind", "party__legal_representative", "party__address")


def _case_context(case: Case) -> dict[str, Any]:
    # Plain rows: a document is made in its step's transaction, for each of 200 members of a group.
    rows = CaseParty.objects.filter(case_id=case.pk).order_by("side", "position", "id")
    applicants: list[dict[str, Any]] = []
    respondents: list[dict[str, Any]] = []
    for side, name, kind, representative, address in rows.values_list(*PARTY_FIELDS):
        party = {
            "name": name,
            "is_person": kind == PartyKind.PERSON,
            "legal_representative": representative,
            "address": address,
            "side": str(Side(side).label),
        }
        (applicants if side == Side.APPLICANT else respondents).append(party)
    claims = (
        Claim.objects.filter(case_id=case.pk, withdrawn=False)
        .order_by("position", "id")
        .values_list("category", "description", "amount")
    )
    tribunal = TribunalMember.objects.filter(case_id=case.pk).order_by("-presiding", "position", "id")
    return {
        "case_number": case.case_number or "",
        "application_no": case.pk,
        "label": case.case_number or f"申请编号 {case.pk}",
        "applicants": applicants,
        "respondents": respondents,
        "applicant_names": "、".join(p["name"] for p in applicants),
        "respondent_names": "、".join(p["name"] for p in respondents),
        "claims": [
            {
                "number": i,
                "category": str(ClaimCategory(category).label),
                "description": _one_line(description),
                "amount": money(amount) if amount else "",
            }
            for i, (category, description, amount) in enumerate(claims, 1)
        ],
        "received_on": cn_date(case.received_at),
        "accepted_on": cn_date(case.accepted_at),
        "procedure": str(Procedure(case.procedure).label) if case.procedure else "",
        "simplified": case.procedure == Procedure.SIMPLIFIED,
        "arbitrators": [
            {"name": m.arbitrator.name, "presiding": m.presiding}
            for m in tribunal.select_related("arbitrator")
        ],
    }


# --- making them ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    kind: str
    source: str
    markup: str
    side: str = ""
    case_party: CaseParty | None = None


def _made(kind: str, source: str, context: dict[str, Any], **extra: Any) -> Made:
    return Made(kind=kind, source=source, markup=render_markup(kind, context), **extra)


def _receipt(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    context = _case_context(case)
    context["counter"] = event.kind == EventKind.REGISTERED
    return [_made(DocumentKind.APPLICATION_RECEIPT, f"event:{event.pk}", context, side=Side.APPLICANT)]


def _acceptance(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    context = _case_context(case)
    context["decided_on"] = cn_date(event.created_at)
    return [_made(DocumentKind.ACCEPTANCE_NOTICE, f"event:{event.pk}", context, side=Side.APPLICANT)]


def _rejection(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    context = _case_context(case)
    data = event.data or {}
    labels = dict(RejectionGround.choices)
    context.update(
        decided_on=cn_date(event.created_at),
        reasons=event.reason,
        grounds=[str(labels.get(g, g)) for g in data.get("grounds", [])],
        competent_commission=data.get("competent_commission", ""),
        # Lack of jurisdiction alone refers the applicant to the competent commission (R Art. 31): no
        # rejection on the merits, so no right to sue is announced.
        right_to_sue="right_to_sue" in data or "grounds" not in data,
    )
    return [_made(DocumentKind.REJECTION_NOTICE, f"event:{event.pk}", context, side=Side.APPLICANT)]


def _respondent_notices(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    codes: dict[int, str] = transient.get("access_codes") or {}
    made = []
    context = _case_context(case)
    context.update(served_on=cn_date(event.created_at), defence_days=case.defence_days)
    for row in case.parties.filter(side=Side.RESPONDENT).select_related("party").order_by("position", "id"):
        addressed = dict(context, addressee=_party(row), access_code=codes.get(row.pk, ""))
        addressed["holds_code"] = bool(row.access_code_digest) and not addressed["access_code"]
        made.append(
            _made(
                DocumentKind.RESPONDENT_NOTICE,
                f"event:{event.pk}:party:{row.pk}",
                addressed,
                side=Side.RESPONDENT,
                case_party=row,
            )
        )
    return made


def _hearing_notice(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    at = (event.data or {}).get("hearing_at")
    hearing_at = datetime.fromisoformat(at) if at else case.hearing_at
    if hearing_at is None:
        return []
    context = _case_context(case)
    context.update(hearing_at=cn_time(hearing_at), notified_on=cn_date(event.created_at))
    return [_made(DocumentKind.HEARING_NOTICE, f"event:{event.pk}", context)]


def _award_documents(case: Case, event: CaseEvent, transient: dict[str, Any]) -> list[Made]:
    award_id = (event.data or {}).get("award")
    award = Award.objects.filter(pk=award_id, case=case).first() if award_id else None
    if award is None:
        return []
    return _award_made(case, award, list(award.items.select_related("claim").order_by("position", "id")))


def _award_made(case: Case, award: Award, items: list[Any]) -> list[Made]:
    final = [i for i in items if i.final]
    non_final = [i for i in items if not i.final]
    parts = [("final", final), ("non_final", non_final)] if final and non_final else [("whole", items)]
    base = _case_context(case)
    parties = [*base["applicants"], *base["respondents"]]
    workers = [p["name"] for p in parties if p["is_person"]]
    employers = [p["name"] for p in parties if not p["is_person"]] or [p["name"] for p in base["respondents"]]
    made = []
    for part, chosen in parts:
        context = dict(
            base,
            partial=award.kind == AwardKind.PARTIAL,
            part=part,
            mixed=part != "whole",
            final=bool(chosen) and all(i.final for i in chosen),
            items=[_award_item(n, item) for n, item in enumerate(chosen, 1)],
            costs=award.costs,
            majority=award.decided_by == DecidedBy.MAJORITY,
            presiding_view=award.decided_by == DecidedBy.PRESIDING,
            award_date=cn_date(award.award_date),
            workers="、".join(workers),
            employers="、".join(employers),
        )
        source = f"award:{award.pk}" if part == "whole" else f"award:{award.pk}:{part}"
        made.append(_made(DocumentKind.AWARD, source, context))
    return made


def award_preview(award: Award, minimum: FigureUsed) -> bytes:
    """The award document(s) the draft would give if issued today, as one PDF, made without keeping
    anything: each item's final-award classification is judged on ``minimum`` (the minimum wage in force
    today) in memory only. A mixed award shows both documents one after the other."""
    items = list(award.items.select_related("claim").order_by("position", "id"))
    for item in items:
        finality = classify(item.category, item.granted, minimum)
        item.final, item.threshold = finality.final, finality.threshold
    preview = Award(
        pk=award.pk,
        case=award.case,
        kind=award.kind,
        costs=award.costs,
        decided_by=award.decided_by,
        award_date=clock.today(),
    )
    with translation.override(DOCUMENT_LANGUAGE):
        made = _award_made(award.case, preview, items)
        return markup_pdf("\n---\n".join(m.markup for m in made))


def _award_item(number: int, item: Any) -> dict[str, Any]:
    claim = item.claim.description if item.claim is not None else item.title
    return {
        "number": number,
        "claim": _one_line(claim or str(ClaimCategory(item.category).label)),
        "category": str(ClaimCategory(item.category).label),
        "decision": str(Decision(item.decision).label) if item.decision else "",
        "granted": money(item.granted) if item.granted else "",
        "computed": money(item.computed_amount),
        "finding": item.finding,
        "reasoning": item.reasoning,
        "final": bool(item.final),
        "final_reason": _final_reason(item),
    }


def _final_reason(item: Any) -> str:
    """Why the item is final or not, in the document's language (the stored reason is in the language of
    whoever issued the award), from what the item keeps: its category, the amount and the line used."""
    if item.threshold is None:
        return ""
    minimum = FigureUsed(FigureKind.MINIMUM_WAGE, item.threshold / MONTHS, None, "", "")
    return _one_line(classify(item.category, item.granted, minimum).reason)


MAKERS = {
    EventKind.FILED: _receipt,
    EventKind.REGISTERED: _receipt,
    EventKind.ACCEPT: _acceptance,
    EventKind.REJECT: _rejection,
    EventKind.SERVE_APPLICATION: _respondent_notices,
    EventKind.SCHEDULE_ORAL_HEARING: _hearing_notice,
    EventKind.ISSUE_AWARD: _award_documents,
    "partial_award": _award_documents,
}


def _store(case: Case, kind: str, source: str, content: bytes, **fields: Any) -> CaseDocument:
    document, _created = CaseDocument.objects.get_or_create(
        case=case,
        kind=kind,
        source=source,
        defaults={
            "content": content,
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            "generated_at": clock.now(),
            **fields,
        },
    )
    return document


def documents_make(
    *, case: Case, event: CaseEvent, transient: dict[str, Any] | None = None
) -> list[CaseDocument]:
    """Keep the documents this event calls for (none for most events): the ones laid out here with their
    text, their PDFs queued for after the commit; the ones other apps provide with their bytes."""
    stored = []
    maker = MAKERS.get(event.kind)
    if maker is not None:
        with translation.override(DOCUMENT_LANGUAGE):
            made = maker(case, event, transient or {})
            now = clock.now()
            # New with the event (their sources name it or what it made): written in one statement.
            stored = CaseDocument.objects.bulk_create(
                CaseDocument(
                    case=case,
                    kind=m.kind,
                    source=m.source,
                    title=title_of(m.markup) or str(DocumentKind(m.kind).label),
                    markup=m.markup,
                    side=m.side,
                    case_party=m.case_party,
                    generated_at=now,
                )
                for m in made
            )
        if stored:
            outbox.enqueue("arbitration.tasks.documents_render", [d.pk for d in stored])
    for source in DOCUMENT_SOURCES.after(event.kind):
        with translation.override(DOCUMENT_LANGUAGE):
            title = str(source.title)
        for document in source.documents(case):
            stored.append(_store(case, source.kind, document.key, document.content, title=title))
    return stored


def documents_render(ids: list[int]) -> int:
    """Lay out the PDFs of the kept documents among ``ids`` that have none yet; how many were laid out.

    Whoever comes first (the job, or a reader) lays a document out; the bytes are the same either way,
    and the row is written only while it still has none."""
    done = 0
    for document in CaseDocument.objects.filter(pk__in=ids, sha256="").only("pk", "markup"):
        content = markup_pdf(document.markup)
        done += CaseDocument.objects.filter(pk=document.pk, sha256="").update(
            content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content)
        )
    return done


def documents_ready(documents: list[CaseDocument]) -> list[CaseDocument]:
    """The documents as a reader sees them: any whose PDF the job has not laid out yet is laid out now
    (their fingerprints and sizes filled in on these objects). One query when all are ready: none."""
    pending = [d.pk for d in documents if not d.sha256]
    if pending:
        documents_render(pending)
        rows = CaseDocument.objects.filter(pk__in=pending).values_list("pk", "sha256", "size")
        fresh = {pk: (sha, size) for pk, sha, size in rows}
        for document in documents:
            if document.pk in fresh:
                document.sha256, document.size = fresh[document.pk]
    return documents


def document_bytes(document: CaseDocument) -> bytes:
    """The document's PDF (laid out now if the job has not come yet)."""
    if not document.sha256:
        documents_render([document.pk])
        document.refresh_from_db(fields=["content", "sha256", "size"])
    assert document.content is not None  # laid out: by the job, or just now
    return bytes(document.content)


def on_case_event(sender: Any, *, case: Case, event: CaseEvent, **kwargs: Any) -> None:
    documents_make(case=case, event=event, transient=kwargs.get("transient"))


def document_regenerate(document: CaseDocument) -> bytes | None:
    """The document made again: from the text its template gave, or by the app that provides it; the
    same bytes as kept (``None`` when its source no longer exists)."""
    if document.markup:
        return markup_pdf(document.markup)
    source = DOCUMENT_SOURCES.get(document.kind)
    return source.render(document.source) if source is not None else None


def document_verify(document: CaseDocument) -> bool:
    """The kept bytes are the ones fingerprinted, and making the document again gives them back."""
    content = document_bytes(document)
    again = document_regenerate(document)
    return (
        hashlib.sha256(content).hexdigest() == document.sha256
        and again is not None
        and hashlib.sha256(again).hexdigest() == document.sha256
    )


def filename(document: CaseDocument) -> str:
    label = document.case.case_number or f"申请{document.case_id}"
    return f"{label}-{document.title}-{document.pk}.pdf"


def without_content(queryset: QuerySet[CaseDocument]) -> QuerySet[CaseDocument]:
    return queryset.defer("content", "markup")


# --- download links -----------------------------------------------------------------------------------------

DOWNLOAD_SALT = "arbitration.documents.download"
DOWNLOAD_TTL = timedelta(minutes=5)


def download_link(document: CaseDocument) -> tuple[str, datetime]:
    """A short-lived link to the PDF for whoever holds it (as a presigned storage URL is), given only to a
    reader the visibility rule let through."""
    expires_at = clock.now() + DOWNLOAD_TTL
    token = signing.dumps({"d": document.pk, "e": expires_at.timestamp()}, salt=DOWNLOAD_SALT)
    return settings.SITE_URL + reverse("document-file", args=[token]), expires_at


def document_from_link(token: str) -> CaseDocument | None:
    try:
        claims = signing.loads(token, salt=DOWNLOAD_SALT)
    except signing.BadSignature:
        return None
    if clock.now().timestamp() > float(claims.get("e", 0)):
        return None
    return CaseDocument.objects.select_related("case").filter(pk=claims.get("d")).first()
