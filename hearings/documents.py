"""The hearing record (笔录) of an asynchronous session as a PDF: what each party confirms.

The issue names WeasyPrint; the project already makes its PDFs with reportlab (the evidence catalogue,
the demo's pay slips), so the record uses reportlab too and the project keeps one PDF library. It is set
in the catalogue's Chinese font (WenQuanYi Micro Hei, embedded as a subset; see
``evidence.documents.chinese_font``).

The record is **deterministic**: the same session gives the same bytes, and so the same SHA-256, on any
day and for any reader — reportlab's ``invariant`` mode (no creation date, no random document id), the
text always in Chinese whatever the reader's language, no "printed on" date, and only what the record
holds (the case, the tribunal, stages, submissions, questions and answers, waivers, consents, the
ending). Confirmations are deliberately not printed on it: a party confirms the record, and the first
confirmation must not change the document the second party confirms.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case, Side
from cases.registry import DOCUMENT_SOURCES, DocumentSource, SourcedDocument
from core import clock
from evidence.documents import PDF_LOCK, chinese_font
from hearings.models import (
    HearingSession,
    SessionConsent,
    SessionStatus,
    Stage,
    StageKind,
    StageStatus,
    Submission,
    SubmissionKind,
)

RECORD_LANGUAGE = "zh-hans"


def _when(moment: datetime | None) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def _side(side: str) -> str:
    if side in (Side.APPLICANT, Side.RESPONDENT):
        return str(Side(side).label)
    if side == "both":
        return _("both parties")
    return _("Tribunal")


def record_submissions(session: HearingSession) -> list[Submission]:
    """The whole record, in chain order (the tribunal's view: after closing, every party's view)."""
    return list(
        Submission.objects.filter(session=session)
        .select_related("author", "stage", "in_reply_to")
        .prefetch_related("evidence")
        .order_by("number")
    )


def record_pdf(session: HearingSession, submissions: Iterable[Submission] | None = None) -> bytes:
    """The session's record as a PDF; ``submissions`` narrows it to what a reader may see while a sealed
    window is still open (by default: the whole record)."""
    with translation.override(RECORD_LANGUAGE):
        return _render(session, list(submissions) if submissions is not None else record_submissions(session))


def record_sha256(session: HearingSession) -> str:
    return hashlib.sha256(record_pdf(session)).hexdigest()


def _render(session: HearingSession, subs: list[Submission]) -> bytes:
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
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11, textColor=colors.grey)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def grid(rows: list[list[Any]], widths: list[float]) -> Table:
        table = Table([[p(c, cell) for c in row] for row in rows], colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    case = session.case
    label = case.case_number or _("application no. %(id)s") % {"id": case.pk}
    story: list[Any] = [
        p(_("Record of the asynchronous online hearing"), title_style),
        p(label, subtitle),
        Spacer(1, 4 * mm),
    ]

    # The case: parties and tribunal.
    story.append(p(_("Parties and tribunal"), heading))
    for row in case.parties.select_related("party").order_by("side", "position", "id"):
        story.append(p(f"{Side(row.side).label}：{row.party.name}"))
    members = case.tribunal.select_related("arbitrator").order_by("-presiding", "position", "id")
    for member in members:
        role = _("Presiding arbitrator") if member.presiding else _("Arbitrator")
        story.append(p(f"{role}：{member.arbitrator.name}"))
    opened_by = session.opened_by.name if session.opened_by else "—"
    story.append(
        p(_("Session opened at %(when)s by %(who)s") % {"when": _when(session.opened_at), "who": opened_by})
    )

    # Consents, as given.
    story.append(p(_("Consents"), heading))
    consents = list(
        SessionConsent.objects.filter(session=session).select_related("user").order_by("at", "id")
    )
    if consents:
        rows = [[_("Side"), _("Decision"), _("By"), _("How"), _("Time")]]
        for c in consents:
            how = _("at the counter") if c.how == "counter" else _("online")
            decision = _("agrees to the asynchronous hearing") if c.agree else _("withdraws consent")
            rows.append([_side(c.side), decision, c.user.name, how, _when(c.at)])
        story.append(grid(rows, [24 * mm, 50 * mm, 36 * mm, 24 * mm, 46 * mm]))
    else:
        story.append(p(_("No consent recorded."), small))

    # Stages and their windows, with the waivers.
    stages = list(
        Stage.objects.filter(session=session).prefetch_related("waivers").order_by("position", "id")
    )
    story.append(p(_("Stages"), heading))
    rows = [[_("Stage"), _("Window"), _("Status"), _("Waived by")]]
    for stage in stages:
        waived = "、".join(_side(w.side) for w in sorted(stage.waivers.all(), key=lambda w: w.side)) or "—"
        window = f"{_when(stage.opens_at)}\n— {_when(stage.closes_at)}"
        rows.append([str(StageKind(stage.kind).label), window, str(StageStatus(stage.status).label), waived])
    story.append(grid(rows, [36 * mm, 62 * mm, 30 * mm, 52 * mm]))

    # Every submission in the chain's order.
    story.append(p(_("Submissions"), heading))
    if not subs:
        story.append(p(_("Nothing was submitted."), small))
    claims: dict[int, str] = {}
    if any(sub.elements for sub in subs):
        claims = dict(session.case.claims.values_list("pk", "description"))
    for sub in subs:
        kind = SubmissionKind(sub.kind).label
        who = f"{_side(sub.side)} {sub.author.name}"
        line = _("No. %(number)s · %(when)s · %(stage)s · %(who)s · %(kind)s") % {
            "number": sub.number,
            "when": _when(sub.created_at),
            "stage": StageKind(sub.stage.kind).label,
            "who": who,
            "kind": kind,
        }
        if sub.kind == SubmissionKind.QUESTION:
            line += " → " + _side(sub.to_side)
        if sub.in_reply_to_id and sub.in_reply_to is not None:
            line += " " + _("(answers question no. %(number)s)") % {"number": sub.in_reply_to.number}
        story.append(p(line, ParagraphStyle("meta", parent=cell, spaceBefore=6, textColor=colors.darkblue)))
        story.append(p(sub.text))
        items = sorted(sub.evidence.all(), key=lambda item: (item.number or 0, item.pk))
        if items:
            titles = "；".join(f"{item.number}. {item.title}" for item in items)
            story.append(p(_("Evidence attached: %(titles)s") % {"titles": titles}, cell))
        if sub.elements:
            stated = "；".join(
                f"{claims.get(e['claim'], e['claim'])} · {e['element']}：{e['position']}"
                for e in sub.elements
            )
            story.append(p(_("Positions on the elements: %(positions)s") % {"positions": stated}, cell))
        story.append(p(f"SHA-256 {sub.hash}", small))

    # Questions with their answers, threaded.
    questions = [s for s in subs if s.kind == SubmissionKind.QUESTION]
    if questions:
        story.append(p(_("Questions and answers"), heading))
        for question in questions:
            story.append(
                p(
                    _("Question no. %(number)s to %(whom)s: %(text)s")
                    % {"number": question.number, "whom": _side(question.to_side), "text": question.text},
                    body,
                )
            )
            answers = [s for s in subs if s.in_reply_to_id == question.pk]
            for answer in answers:
                story.append(
                    p(
                        _("Answer no. %(number)s by %(who)s: %(text)s")
                        % {"number": answer.number, "who": _side(answer.side), "text": answer.text},
                        cell,
                    )
                )
            if not answers:
                story.append(p(_("Not answered."), small))

    # How it ended.
    story.append(p(_("Ending"), heading))
    if session.status == SessionStatus.CLOSED:
        ending = _("The session closed at %(when)s; the case went to deliberation.")
    elif session.status == SessionStatus.CONVERTED:
        ending = _("The session was converted to an oral hearing at %(when)s.")
    elif session.status == SessionStatus.DECLINED:
        ending = _("The application was declined at %(when)s.")
    else:
        ending = _("The session is still in progress (record as of the last submission).")
    story.append(p(ending % {"when": _when(session.ended_at)}))
    if session.end_reason and session.status != SessionStatus.PROPOSED:
        story.append(p(_("Reason: %(reason)s") % {"reason": session.end_reason}))
    last = subs[-1].hash if subs else "—"
    story.append(Spacer(1, 4 * mm))
    story.append(p(_("Last entry of the hash chain: %(hash)s") % {"hash": last}, small))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{label} {_('Record of the asynchronous online hearing')}",
        invariant=True,  # no creation date or random id: the same record gives the same bytes
    )
    with PDF_LOCK:
        document.build(story)
    return buffer.getvalue()


# --- the case's document list (cases.registry.DOCUMENT_SOURCES) -----------------------------------------


def _closed_sessions_records(case: Case) -> list[SourcedDocument]:
    """The records of the case's closed sessions: final once the session closed (confirmations are not
    printed on them), so the case's document list keeps them as they are then."""
    sessions = HearingSession.objects.filter(case=case, status=SessionStatus.CLOSED).order_by("id")
    return [SourcedDocument(f"session:{session.pk}", record_pdf(session)) for session in sessions]


def _record_again(key: str) -> bytes | None:
    kind, _sep, pk = key.partition(":")
    session = (
        HearingSession.objects.filter(pk=pk, status=SessionStatus.CLOSED).first()
        if kind == "session"
        else None
    )
    return record_pdf(session) if session is not None else None


def register_document_source() -> None:
    from django.utils.translation import gettext_lazy

    DOCUMENT_SOURCES.register(
        DocumentSource(
            kind="hearing_record",
            title=gettext_lazy("Record of the asynchronous online hearing"),
            after=("conclude_hearing",),
            documents=_closed_sessions_records,
            render=_record_again,
            owner="hearings",
        )
    )
