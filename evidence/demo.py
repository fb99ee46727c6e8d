"""The evidence demo story: pay slips, attendance photos and labour contracts on the open demo cases.

The files are made here (a PDF drawn with reportlab, a PNG drawn with Pillow) and go through the real
flow: the declaration, the bytes into storage under the key it gave, and finalize, which checks them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from cases.models import Case, Side, Status
from core.demo import STORIES, Counts, DemoContext
from core.storage import get_storage
from evidence import services
from evidence.documents import FONT_FILES, chinese_font
from evidence.models import EvidenceItem

STORY = "evidence"
OPEN = (Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING, Status.MEDIATION, Status.DELIBERATION)
MOST_CASES = 8


@dataclass(frozen=True)
class DemoFile:
    side: str
    title: str
    purpose: str
    filename: str
    kind: str  # "pdf" or "png"
    lines: tuple[str, ...]


FILES = (
    DemoFile(
        Side.APPLICANT,
        "2026年工资条（三个月）",
        "证明申请人月工资标准及被申请人拖欠工资的事实",
        "工资条.pdf",
        "pdf",
        ("工资条", "应发工资 8000.00 元", "实发工资 0.00 元（未发放）", "发放单位：被申请人"),
    ),
    DemoFile(
        Side.APPLICANT,
        "考勤记录截图",
        "证明申请人在拖欠期间正常出勤",
        "考勤记录.png",
        "png",
        ("考勤记录", "每月出勤 21.75 天", "加班 36 小时"),
    ),
    DemoFile(
        Side.RESPONDENT,
        "劳动合同",
        "证明双方约定的工资标准与岗位",
        "劳动合同.pdf",
        "pdf",
        ("劳动合同", "合同期限：三年", "月工资：6000.00 元", "工作岗位：生产"),
    ),
)


def pdf_bytes(lines: tuple[str, ...]) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5, invariant=True)  # the same bytes on every run
    font = chinese_font()
    page.setFont(font, 18)
    page.drawString(40, 520, lines[0])
    page.setFont(font, 11)
    for i, line in enumerate(lines[1:]):
        page.drawString(40, 480 - 22 * i, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def png_bytes(lines: tuple[str, ...]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (480, 240), "white")
    draw = ImageDraw.Draw(image)
    font_file = next((path for path in FONT_FILES if path.is_file()), None)
    font = ImageFont.truetype(str(font_file), 22) if font_file else ImageFont.load_default()
    for i, line in enumerate(lines):
        draw.text((24, 24 + 40 * i), line, fill="black", font=font)
    draw.rectangle((8, 8, 471, 231), outline="grey")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _submitter(case: Case, side: str, clerk: User) -> tuple[User, str | None]:
    """The side's own account when it has one, else the clerk recording what it handed in."""
    for user in User.objects.filter(
        party_id__in=case.parties.filter(side=side).values("party_id"), is_active=True
    ):
        if case.side_of(user) == side:
            return user, None
    return clerk, side


def seed(context: DemoContext) -> Counts:
    clerk = context.get(User, "clerk")
    storage = get_storage()
    if hasattr(storage, "ensure_bucket"):
        storage.ensure_bucket()
    cases = sorted(
        (case for case in context.all(Case).values() if case.status in OPEN),
        key=lambda case: case.pk,
    )[:MOST_CASES]
    made = 0
    for case in cases:
        for spec in FILES:
            if EvidenceItem.objects.filter(case=case, title=spec.title).exists():
                continue
            data = pdf_bytes(spec.lines) if spec.kind == "pdf" else png_bytes(spec.lines)
            user, side = _submitter(case, spec.side, clerk)
            with transaction.atomic():
                declared = services.evidence_declare(
                    case=case,
                    user=user,
                    title=spec.title,
                    purpose=spec.purpose,
                    filename=spec.filename,
                    content_type="application/pdf" if spec.kind == "pdf" else "image/png",
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    side=side,
                )
            storage.put(declared.item.key, data, declared.item.declared_type)
            services.evidence_finalize(item=declared.item, user=user)
            made += 1
    return {"evidence items": made}


def register() -> None:
    STORIES.register(STORY, seed, after=("cases",))
