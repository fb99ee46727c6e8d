"""The evidence catalogue (证据目录) as a PDF for the case file: one table per side, in submission order.

Chinese text needs a Chinese font inside the PDF: WenQuanYi Micro Hei (Debian's ``fonts-wqy-microhei``,
installed by ``make``) is embedded as a subset, so the file reads the same on any machine and its text
can be searched and extracted. Where that font is missing, the standard Adobe CID font STSong-Light is
used (not embedded: the reader supplies the glyphs).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Side
from evidence.models import EvidenceItem, Status

FONT_FILES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


# reportlab's embedded TrueType font keeps its subsetting state on the one registered font object: two
# documents laid out at once in two threads (a server's thread pool) corrupt each other's subsets
# (KeyError inside the subsetter, a 500). Every PDF set in this font is built under this lock.
PDF_LOCK = threading.RLock()  # re-entrant: a document built while another is being laid out


@cache
def chinese_font() -> str:
    """Register and name the font the catalogue is set in."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_FILES:
        if path.is_file():
            pdfmetrics.registerFont(TTFont("EvidenceCJK", str(path), subfontIndex=0))
            return "EvidenceCJK"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _size(value: int) -> str:
    if value >= 1024 * 1024:
        return f"{value / 1024 / 1024:.1f} MB"
    return f"{max(1, value // 1024)} KB"


def catalogue_pdf(case: Case, items: Iterable[EvidenceItem]) -> bytes:
    """The catalogue of the available items given, grouped by side."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = chinese_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=8)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11, textColor=colors.grey)

    def p(text: str, style: ParagraphStyle = cell) -> Paragraph:
        from xml.sax.saxutils import escape

        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    label = case.case_number or _("application no. %(id)s") % {"id": case.pk}
    story: list[object] = [
        p(_("Evidence catalogue"), title_style),
        p(f"{label}", ParagraphStyle("sub", parent=title_style, fontSize=11, leading=16)),
        Spacer(1, 4 * mm),
    ]
    available = [i for i in items if i.status == Status.AVAILABLE]
    sides = [
        (Side.APPLICANT, Side.APPLICANT.label),
        (Side.RESPONDENT, Side.RESPONDENT.label),
        ("", _("Collected by the tribunal")),
    ]
    for side, side_label in sides:
        rows = [i for i in available if i.side == side]
        if not rows and side == "":
            continue
        story.append(p(f"{side_label}", heading))
        if not rows:
            story.append(p(_("No evidence submitted."), small))
            continue
        table = [[p(_("No.")), p(_("Title")), p(_("Purpose of proof")), p(_("File")), p(_("Submitted"))]]
        for item in rows:
            note = ""
            if item.supersedes_id:
                note = "\n" + _("corrects an earlier item")
            table.append(
                [
                    p(str(item.number)),
                    p(item.title + note),
                    p(item.purpose),
                    p(f"{item.filename}（{_size(item.declared_size)}）\nSHA-256 {item.sha256[:16]}…"),
                    p(
                        timezone.localtime(item.finalized_at).strftime("%Y-%m-%d")
                        if item.finalized_at
                        else ""
                    ),
                ]
            )
        grid = Table(table, colWidths=[12 * mm, 38 * mm, 62 * mm, 48 * mm, 22 * mm], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    story.append(Spacer(1, 6 * mm))
    story.append(p(_("Generated on %(date)s") % {"date": timezone.localdate().isoformat()}, small))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{label} {_('Evidence catalogue')}",
    )
    with PDF_LOCK:
        document.build(story)
    return buffer.getvalue()
