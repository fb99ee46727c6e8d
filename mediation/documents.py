"""The mediation agreement (调解协议书) and the mediation document (调解书) as Chinese PDFs.

The agreement: parties, mediator, the items with amounts and dates, the other terms and each party's
confirmation. The 调解书: the commission's, on an agreement it confirmed on review (R Art. 74), or the
tribunal's, on the agreement reached in arbitration, which takes effect when both parties have signed for
receipt (L Art. 42). Rendered with reportlab and the font the evidence catalogue and the hearing record
use (``make fonts``); deterministic (reportlab's invariant mode): the same record gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case, MediationStage, Side
from cases.registry import DOCUMENT_SOURCES, DocumentSource, SourcedDocument
from core import clock
from evidence.documents import PDF_LOCK, chinese_font
from mediation.models import AgreementStatus, ItemKind, MediationAgreement, ReviewStatus

AGREEMENT_LANGUAGE = "zh-hans"


def _when(moment: datetime | None) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M") if moment else _("not confirmed yet")


def _day(moment: datetime) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d")


def agreement_pdf(agreement: MediationAgreement) -> bytes:
    with translation.override(AGREEMENT_LANGUAGE):
        return _render(agreement)


def has_mediation_document(agreement: MediationAgreement) -> bool:
    """A 调解书 exists for this agreement: the commission issued one on review, or the agreement was
    reached in arbitration and no party has refused it (it awaits the signatures, or took effect)."""
    if agreement.episode.stage == MediationStage.IN_ARBITRATION:
        return agreement.status != AgreementStatus.SUPERSEDED
    if agreement.status != AgreementStatus.CONFIRMED:
        return False  # nothing to review yet
    review = getattr(agreement, "review", None)
    return review is not None and review.status == ReviewStatus.ISSUED


def mediation_document_pdf(agreement: MediationAgreement) -> bytes:
    """The 调解书 of an agreement that has one (``has_mediation_document``)."""
    with translation.override(AGREEMENT_LANGUAGE):
        return _render_document(agreement)


@dataclass(frozen=True)
class _Styles:
    font: str
    title: Any
    subtitle: Any
    heading: Any
    body: Any
    cell: Any


def _styles() -> _Styles:
    from reportlab.lib.styles import ParagraphStyle

    font = chinese_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    return _Styles(
        font=font,
        title=title,
        subtitle=ParagraphStyle("sub", parent=title, fontSize=11, leading=16),
        heading=ParagraphStyle(
            "heading", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=2
        ),
        body=ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK"),
        cell=ParagraphStyle("cell", fontName=font, fontSize=9, leading=13, wordWrap="CJK"),
    )


def _p(text: Any, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _label(agreement: MediationAgreement) -> str:
    case = agreement.case
    return case.case_number or _("application no. %(id)s") % {"id": case.pk}


def _parties(agreement: MediationAgreement, s: _Styles) -> list[Any]:
    story = []
    for row in agreement.case.parties.select_related("party").order_by("side", "position", "id"):
        story.append(_p(f"{Side(row.side).label}：{row.party.name}", s.body))
    return story


def _items(agreement: MediationAgreement, s: _Styles) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    rows: list[list[Any]] = [[_("Who performs"), _("Obligation"), _("Amount (yuan)"), _("Due by")]]
    for item in agreement.items.order_by("position", "id"):
        what = item.description or str(ItemKind(item.kind).label)
        amount = f"{item.amount:,.2f}" if item.amount is not None else "—"
        due = item.due_on.isoformat() if item.due_on else "—"
        rows.append(
            [_p(Side(item.obligor).label, s.cell), _p(what, s.cell), _p(amount, s.cell), _p(due, s.cell)]
        )
    table = Table(rows, colWidths=[28 * mm, 82 * mm, 32 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), s.font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story: list[Any] = [table]
    if agreement.terms.strip():
        story.append(_p(_("Other terms"), s.heading))
        story.append(_p(agreement.terms, s.body))
    return story


def _build(story: list[Any], title: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        invariant=True,
    )
    with PDF_LOCK:
        document.build(story)
    return buffer.getvalue()


def _render(agreement: MediationAgreement) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    s = _styles()
    episode = agreement.episode
    story: list[Any] = [
        _p(_("Mediation agreement document"), s.title),
        _p(_label(agreement), s.subtitle),
        Spacer(1, 4 * mm),
        _p(_("Parties and mediator"), s.heading),
        *_parties(agreement, s),
    ]
    if episode.organisation is not None:
        organisation = _("mediation organisation")
        story.append(_p(f"{organisation}：{episode.organisation.name}", s.body))
    if episode.mediator is not None:
        mediator = _("mediator")
        story.append(_p(f"{mediator}：{episode.mediator.name}", s.body))

    story.append(_p(_("What the parties agreed"), s.heading))
    story.extend(_items(agreement, s))

    story.append(_p(_("Confirmations of the agreement"), s.heading))
    drawn_up = _("Drawn up by the mediator")
    story.append(_p(f"{drawn_up}：{_when(agreement.created_at)}", s.body))
    story.append(_p(f"{Side.APPLICANT.label}：{_when(agreement.applicant_confirmed_at)}", s.body))
    story.append(_p(f"{Side.RESPONDENT.label}：{_when(agreement.respondent_confirmed_at)}", s.body))
    return _build(story, str(_("Mediation agreement document")))


def _receipt(moment: datetime | None) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M") if moment else _("not signed yet")


def _render_document(agreement: MediationAgreement) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    s = _styles()
    episode = agreement.episode
    in_arbitration = episode.stage == MediationStage.IN_ARBITRATION
    story: list[Any] = [
        _p(_("Tianhe Labour and Personnel Dispute Arbitration Commission"), s.subtitle),
        _p(_("Mediation document"), s.title),
        _p(_label(agreement), s.subtitle),
        Spacer(1, 4 * mm),
        _p(_("Parties"), s.heading),
        *_parties(agreement, s),
    ]
    if in_arbitration:
        if episode.mediator is not None:
            arbitrator = _("presiding arbitrator")
            story.append(_p(f"{arbitrator}：{episode.mediator.name}", s.body))
        story.append(
            _p(
                _(
                    "In the course of the arbitration the tribunal mediated between the parties, who "
                    "reached the following agreement of their own free will:"
                ),
                s.body,
            )
        )
    else:
        review = agreement.review
        if episode.organisation is not None:
            organisation = _("mediation organisation")
            story.append(_p(f"{organisation}：{episode.organisation.name}", s.body))
        assert agreement.confirmed_at is not None and review.decided_at is not None
        story.append(
            _p(
                _(
                    "On the parties' joint application the commission reviewed the mediation agreement "
                    "they reached on %(day)s and confirms it (R Art. 74). The parties agreed as follows:"
                )
                % {"day": _day(agreement.confirmed_at)},
                s.body,
            )
        )
    story.append(_p(_("What the parties agreed"), s.heading))
    story.extend(_items(agreement, s))

    if in_arbitration:
        story.append(_p(_("Service and effect"), s.heading))
        story.append(
            _p(_("This mediation document takes effect once both parties have signed for receipt."), s.body)
        )
        signed = _("signed for receipt")
        story.append(
            _p(f"{Side.APPLICANT.label}{signed}：{_receipt(agreement.applicant_confirmed_at)}", s.body)
        )
        story.append(
            _p(f"{Side.RESPONDENT.label}{signed}：{_receipt(agreement.respondent_confirmed_at)}", s.body)
        )
        if agreement.status == AgreementStatus.CONFIRMED and agreement.confirmed_at is not None:
            effective = _("In effect since")
            story.append(_p(f"{effective}：{_when(agreement.confirmed_at)}", s.body))
        else:
            story.append(_p(_("Not yet in effect: awaiting both parties' signatures."), s.body))
    else:
        review = agreement.review
        assert review.decided_at is not None
        story.append(_p(_("Effect"), s.heading))
        story.append(
            _p(
                _("This mediation document is binding on both parties once served on them."),
                s.body,
            )
        )
        issued = _("Issued on")
        story.append(_p(f"{issued}：{_day(review.decided_at)}", s.body))
    return _build(story, str(_("Mediation document")))


# --- the case's document list (cases.registry.DOCUMENT_SOURCES) -----------------------------------------


def _effective_documents(case: Case) -> list[SourcedDocument]:
    """The tribunal's 调解书 that closed the case: in effect, both parties having signed for it, so final."""
    agreements = MediationAgreement.objects.filter(
        case=case, episode__stage=MediationStage.IN_ARBITRATION, status=AgreementStatus.CONFIRMED
    ).order_by("id")
    return [
        SourcedDocument(f"agreement:{agreement.pk}", mediation_document_pdf(agreement))
        for agreement in agreements
        if has_mediation_document(agreement)
    ]


def _document_again(key: str) -> bytes | None:
    kind, _sep, pk = key.partition(":")
    agreement = MediationAgreement.objects.filter(pk=pk).first() if kind == "agreement" else None
    if agreement is None or not has_mediation_document(agreement):
        return None
    return mediation_document_pdf(agreement)


def register_document_source() -> None:
    from django.utils.translation import gettext_lazy

    DOCUMENT_SOURCES.register(
        DocumentSource(
            kind="mediation_document",
            title=gettext_lazy("Mediation document"),
            after=("close_by_mediation",),
            documents=_effective_documents,
            render=_document_again,
            owner="mediation",
        )
    )
