"""Lay out a document's text as a PDF: the small line markup the document templates write.

The wording of every formal document lives in a template file (``templates/arbitration/documents/``)
that a clerk can change without touching code; the template gives text in this markup, one line each:

    = 受理通知书                 the title, centred
    ~ 穗天劳人仲案字〔2026〕1号   a centred line under it (the commission, the case number)
    ## 仲裁请求                  a heading
    | 项目 | 金额 |             a table row; consecutive rows make one table, the first is its header
    > 2026年3月5日               a line set to the right (the seal and date)
    ---                          a gap
    anything else                a paragraph (a blank line is ignored)

The PDF is set in the font the evidence catalogue, the hearing record and the 调解书 use (WenQuanYi
Micro Hei, ``make fonts``) and made with reportlab's ``invariant`` mode (no creation date, no random id),
so the same text always gives the same bytes and therefore the same SHA-256. WeasyPrint, which the issue
named, is not used: the project keeps one PDF library (see ``hearings.documents``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from evidence.documents import PDF_LOCK, chinese_font


@dataclass
class Block:
    kind: str  # title | centred | heading | table | right | gap | paragraph
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def parse(markup: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in markup.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif line == "---":
            blocks.append(Block("gap"))
        elif line.startswith("## "):
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("= "):
            blocks.append(Block("title", line[2:].strip()))
        elif line.startswith("~ "):
            blocks.append(Block("centred", line[2:].strip()))
        elif line.startswith("> "):
            blocks.append(Block("right", line[2:].strip()))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def title_of(markup: str) -> str:
    return next((b.text for b in parse(markup) if b.kind == "title"), "")


def markup_pdf(markup: str) -> bytes:
    """The PDF of this markup: the same markup gives the same bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = chinese_font()
    styles = {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=1, spaceAfter=4),
        "centred": ParagraphStyle("centred", fontName=font, fontSize=11, leading=17, alignment=1),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=8),
        "paragraph": ParagraphStyle(
            "paragraph", fontName=font, fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22
        ),
        "right": ParagraphStyle("right", fontName=font, fontSize=11, leading=18, alignment=2),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK"),
    }
    width = A4[0] - 40 * mm

    def p(text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), styles[style])

    story: list[Any] = []
    for block in parse(markup):
        if block.kind == "gap":
            story.append(Spacer(1, 6 * mm))
        elif block.kind == "table":
            columns = max(len(row) for row in block.rows)
            rows = [[p(cell, "cell") for cell in row + [""] * (columns - len(row))] for row in block.rows]
            table = Table(rows, colWidths=[width / columns] * columns, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
            story.append(Spacer(1, 2 * mm))
        else:
            story.append(p(block.text, block.kind))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title_of(markup),
        author="",
        invariant=True,  # no creation date or random id: the same text gives the same bytes
    )
    with PDF_LOCK:
        document.build(story)
    return buffer.getvalue()
