"""What a file really is, read from its first bytes: the allowed evidence types and nothing else.

The declared name and content type are what the submitter says; this is what the bytes say. Each
allowed type is recognised by its signature (PDF, JPEG, PNG, HEIC, Word and Excel in both the old OLE
and the OOXML container, MP3, M4A, AMR, MP4). An executable renamed ``.pdf`` matches none and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

HEAD_BYTES = 64 * 1024  # enough for every signature below, including OOXML's first part names


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    media: bool  # audio or video: the larger cap applies

    @property
    def kind(self) -> str:
        return "media" if self.media else "document"


PDF = FileType("application/pdf", "PDF", False)
JPEG = FileType("image/jpeg", "JPEG", False)
PNG = FileType("image/png", "PNG", False)
HEIC = FileType("image/heic", "HEIC", False)
DOC = FileType("application/msword", "Word", False)
XLS = FileType("application/vnd.ms-excel", "Excel", False)
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", False)
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", False)
MP3 = FileType("audio/mpeg", "MP3", True)
M4A = FileType("audio/mp4", "M4A", True)
AMR = FileType("audio/amr", "AMR", True)
MP4 = FileType("video/mp4", "MP4", True)

ALLOWED = (PDF, JPEG, PNG, HEIC, DOC, XLS, DOCX, XLSX, MP3, M4A, AMR, MP4)
BY_MIME = {t.mime: t for t in ALLOWED}
# Declared types phones and browsers send for the same files.
ALIASES = {
    "image/jpg": JPEG,
    "image/heif": HEIC,
    "audio/mp3": MP3,
    "audio/x-m4a": M4A,
    "audio/m4a": M4A,
    "audio/3gpp": AMR,
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B "}
_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"3gp4",
    b"3gp5",
    b"dash",
    b"qt  ",
}


def declared(content_type: str) -> FileType | None:
    """The allowed type a declared content type names, or None."""
    value = content_type.split(";")[0].strip().lower()
    return BY_MIME.get(value) or ALIASES.get(value)


def detect(head: bytes, declared_type: FileType | None = None) -> FileType | None:
    """The allowed type these first bytes are, or None. ``declared_type`` only breaks the one tie the
    bytes cannot: an old OLE container is Word or Excel as declared."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"#!AMR"):
        return AMR
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return HEIC
        if brand in _M4A_BRANDS:
            return M4A
        if brand in _MP4_BRANDS:
            return M4A if declared_type is M4A else MP4
        return None
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return MP3
    if head.startswith(_OLE):
        return XLS if declared_type is XLS else DOC
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return DOCX
        if b"xl/" in head:
            return XLSX
        return None  # another zip archive: not evidence we accept
    return None
