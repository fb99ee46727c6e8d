"""The mediation agreement (调解协议书) as a Chinese PDF: parties, mediator, the items with amounts and
dates, the other terms and each party's confirmation. Rendered with reportlab and the font the evidence
catalogue and the hearing record use (``make fonts``); deterministic (reportlab's invariant mode): the
same agreement gives the same bytes."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Side
from core import clock
from evidence.documents import chinese_font
from mediation.models import ItemKind, MediationAgreement

AGREEMENT_LANGUAGE = "zh-hans"


def _when(moment: datetime | None) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M") if moment else _("not confirmed yet")


def agreement_pdf(agreement: MediationAgreement) -> bytes:
    with translation.override(AGREEMENT_LANGUAGE):
        return _render(agreement)


def _render(agreement: MediationAgreement) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = chinese_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    subtitle = ParagraphStyle("sub", parent=title_style, fontSize=11, leading=16)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=2)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=13, wordWrap="CJK")

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    case = agreement.case
    episode = agreement.episode
    label = case.case_number or _("application no. %(id)s") % {"id": case.pk}
    story: list[Any] = [
        p(_("Mediation agreement document"), title_style),
        p(label, subtitle),
        Spacer(1, 4 * mm),
    ]

    story.append(p(_("Parties and mediator"), heading))
    for row in case.parties.select_related("party").order_by("side", "position", "id"):
        story.append(p(f"{Side(row.side).label}：{row.party.name}"))
    if episode.organisation is not None:
        organisation = _("mediation organisation")
        story.append(p(f"{organisation}：{episode.organisation.name}"))
    if episode.mediator is not None:
        mediator = _("mediator")
        story.append(p(f"{mediator}：{episode.mediator.name}"))

    story.append(p(_("What the parties agreed"), heading))
    rows = [[_("Who performs"), _("Obligation"), _("Amount (yuan)"), _("Due by")]]
    for item in agreement.items.order_by("position", "id"):
        what = item.description or str(ItemKind(item.kind).label)
        amount = f"{item.amount:,.2f}" if item.amount is not None else "—"
        due = item.due_on.isoformat() if item.due_on else "—"
        rows.append([p(Side(item.obligor).label, cell), p(what, cell), p(amount, cell), p(due, cell)])
    table = Table(rows, colWidths=[28 * mm, 82 * mm, 32 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if agreement.terms.strip():
        story.append(p(_("Other terms"), heading))
        story.append(p(agreement.terms))

    story.append(p(_("Confirmations of the agreement"), heading))
    drawn_up = _("Drawn up by the mediator")
    story.append(p(f"{drawn_up}：{_when(agreement.created_at)}"))
    story.append(p(f"{Side.APPLICANT.label}：{_when(agreement.applicant_confirmed_at)}"))
    story.append(p(f"{Side.RESPONDENT.label}：{_when(agreement.respondent_confirmed_at)}"))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=str(_("Mediation agreement document")),
        author="",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        invariant=True,
    )
    document.build(story)
    return buffer.getvalue()
