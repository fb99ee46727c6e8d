"""Evidence writes: declare, finalize, download (recorded), cross-examine, expire, retain.

The bytes never pass through the app: a declaration hands out a presigned PUT for one key and one
content type; finalize reads the stored object back as a stream (constant memory at any size), and only
an object whose size, SHA-256 and real type match the declaration becomes ``available``. Finalize reads
the object outside any transaction and then settles the item under its row lock, so a 500 MB file holds
no database lock while it is hashed, and two finalizes of one item give one answer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from accounts.roles import COUNTER_ROLES, PARTY_ROLES, Role, has_role
from cases.models import Case, Side
from cases.models.case import TERMINAL, ClosureType
from cases.models.case import Status as CaseStatus
from cases.registry import STEPS
from cases.services.kernel import lock_case, record_event, side_users, tell
from core import clock, outbox
from core.errors import ApplicationError, Conflict, Forbidden, InvalidTransition, field_error
from core.messages import Message
from core.storage import Presigned, get_storage
from evidence import sniff
from evidence.models import CrossExamination, EvidenceAccess, EvidenceItem, Status

log = logging.getLogger(__name__)

EVENT_SUBMITTED = "evidence_submitted"
EVENT_OPINION = "evidence_opinion"
# Finalize reads the stored object in pieces this big: memory stays flat, and fewer, larger reads keep
# the hashing close to hashlib's own speed (benchmarks/evidence.py).
READ_CHUNK = 8 * 1024 * 1024


def register_events() -> None:
    STEPS.register_event(EVENT_SUBMITTED, gettext_lazy("Evidence submitted"))
    STEPS.register_event(EVENT_OPINION, gettext_lazy("Cross-examination opinion recorded"))


class TooLarge(ApplicationError):
    status_code = 413
    code = "too_large"


class Unprocessable(ApplicationError):
    """The stored object does not match the declaration (the contract's 422 codes)."""

    status_code = 422


def _cap(kind: sniff.FileType) -> int:
    return settings.EVIDENCE_MAX_MEDIA_BYTES if kind.media else settings.EVIDENCE_MAX_DOCUMENT_BYTES


def submitting_side(case: Case, user: User, side: str | None) -> str:
    """The side this user submits for: a party's own side; a clerk names the side it records at the
    counter; the presiding arbitrator's own collection is ``""``."""
    if has_role(user, PARTY_ROLES):
        own = case.side_of(user)
        if own is None:
            raise Forbidden(_("Only the parties to this case (and their verified agents) submit evidence."))
        if side not in (None, own):
            raise field_error("side", _("You submit evidence for your own side only."))
        return own
    if has_role(user, COUNTER_ROLES):
        if side not in Side.values:
            raise field_error("side", _("Say which side handed this evidence in at the counter."))
        return str(side)
    if user.role == Role.ARBITRATOR and case.presiding_arbitrator_id == user.pk:
        if side not in (None, ""):
            raise field_error("side", _("Evidence the tribunal collects belongs to no side."))
        return ""
    raise Forbidden(_("You cannot submit evidence on this case."))


@dataclass(frozen=True)
class Declared:
    item: EvidenceItem
    upload: Presigned


def evidence_declare(
    *,
    case: Case,
    user: User,
    title: str,
    purpose: str,
    filename: str,
    content_type: str,
    size: int,
    sha256: str,
    side: str | None = None,
    supersedes: int | None = None,
) -> Declared:
    """Record what is about to be uploaded and hand out a presigned PUT for exactly that."""
    kind = sniff.declared(content_type)
    if kind is None:
        raise field_error(
            "content_type",
            _("This type of file is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(dict.fromkeys(t.label for t in sniff.ALLOWED))},
        )
    if size > _cap(kind):
        raise TooLarge(
            _("This file is larger than the %(mb)d MB allowed for this type.") % {"mb": _cap(kind) // 2**20},
            fields={"size": [_("At most %(mb)d MB.") % {"mb": _cap(kind) // 2**20}]},
        )
    storage = get_storage()
    storage.ping()  # storage down: 503 now, before anything is written
    now = clock.now()
    with transaction.atomic():
        case = lock_case(case)
        if case.status in TERMINAL:
            raise InvalidTransition(_("This case is closed; it takes no new evidence."))
        item_side = submitting_side(case, user, side)
        previous = None
        if supersedes is not None:
            previous = (
                EvidenceItem.objects.select_for_update()
                .filter(pk=supersedes, case=case, side=item_side, status=Status.AVAILABLE)
                .first()
            )
            if previous is None:
                raise field_error(
                    "supersedes", _("Only an available item of your own side can be corrected.")
                )
            if EvidenceItem.objects.filter(supersedes=previous).exclude(status__in=DEAD).exists():
                raise Conflict(_("This item has already been corrected; correct the newer version."))
        item = EvidenceItem.objects.create(
            case=case,
            side=item_side,
            submitted_by=user,
            title=title,
            purpose=purpose,
            filename=filename,
            declared_type=kind.mime,
            declared_size=size,
            sha256=sha256,
            key=f"declaring/{case.pk}/{now.timestamp()}/{user.pk}/{sha256}",
            supersedes=previous,
            created_at=now,
            upload_expires_at=now + timedelta(minutes=settings.EVIDENCE_UPLOAD_MINUTES),
        )
        item.key = f"cases/{case.pk}/evidence/{item.pk}/{sha256}{_extension(kind)}"
        item.save(update_fields=["key"])
        upload = storage.presign_upload(
            item.key, kind.mime, timedelta(minutes=settings.EVIDENCE_UPLOAD_MINUTES)
        )
    return Declared(item=item, upload=upload)


DEAD = (Status.REJECTED, Status.EXPIRED)

_EXTENSIONS = {
    sniff.PDF: ".pdf",
    sniff.JPEG: ".jpg",
    sniff.PNG: ".png",
    sniff.HEIC: ".heic",
    sniff.DOC: ".doc",
    sniff.XLS: ".xls",
    sniff.DOCX: ".docx",
    sniff.XLSX: ".xlsx",
    sniff.MP3: ".mp3",
    sniff.M4A: ".m4a",
    sniff.AMR: ".amr",
    sniff.MP4: ".mp4",
}


def _extension(kind: sniff.FileType) -> str:
    return _EXTENSIONS.get(kind, "")


@dataclass(frozen=True)
class _Reading:
    size: int
    sha256: str
    detected: sniff.FileType | None
    version_id: str | None


def _read(item: EvidenceItem) -> _Reading | None:
    """Stream the stored object once: its size, SHA-256 and real type. None when nothing is there."""
    storage = get_storage()
    stored = storage.stat(item.key)
    if stored is None:
        return None
    digest = hashlib.sha256()
    head = b""
    size = 0
    for chunk in storage.chunks(item.key, stored.version_id, size=READ_CHUNK):
        if len(head) < sniff.HEAD_BYTES:
            head += chunk[: sniff.HEAD_BYTES - len(head)]
        digest.update(chunk)
        size += len(chunk)
    return _Reading(
        size, digest.hexdigest(), sniff.detect(head, sniff.declared(item.declared_type)), stored.version_id
    )


REJECTIONS = {
    "size_mismatch": (
        422,
        gettext_lazy("The uploaded file's size differs from what was declared; it was discarded."),
    ),
    "checksum_mismatch": (
        422,
        gettext_lazy(
            "The uploaded file's fingerprint (SHA-256) differs from what was declared; it was discarded."
        ),
    ),
    "unsupported_type": (
        400,
        gettext_lazy(
            "The uploaded file is not of an accepted type (judged by its content); it was discarded."
        ),
    ),
}


def _rejection_error(code: str) -> ApplicationError:
    status_code, message = REJECTIONS[code]
    return ApplicationError(str(message), code=code, status_code=status_code)


def evidence_finalize(*, item: EvidenceItem, user: User) -> EvidenceItem:
    """Check the uploaded object against the declaration; idempotent (a second call, or a concurrent
    one, gets the same answer)."""
    if item.submitted_by_id != user.pk and not has_role(user, COUNTER_ROLES):
        raise Forbidden(_("Only whoever declared this item finalizes it."))
    if item.status == Status.AVAILABLE:
        return item
    if item.status == Status.REJECTED:
        raise _rejection_error(item.rejection)
    if item.status == Status.EXPIRED:
        raise InvalidTransition(_("This declaration expired before the file arrived; declare it again."))

    reading = _read(item)
    if reading is None:
        raise Unprocessable(
            _("The file has not been uploaded yet (or the upload did not finish); upload it, then finalize."),
            code="missing_object",
        )
    if reading.size != item.declared_size:
        problem = "size_mismatch"
    elif reading.sha256 != item.sha256:
        problem = "checksum_mismatch"
    elif reading.detected is None or reading.detected.mime != item.declared_type:
        problem = "unsupported_type"
    else:
        problem = ""

    with transaction.atomic():
        case = lock_case(item.case)
        item = EvidenceItem.objects.select_for_update().get(pk=item.pk)
        if item.status != Status.PENDING:  # a concurrent finalize settled it first: the same answer
            settled = True
        else:
            settled = False
            if problem:
                item.reject()
                item.rejection = problem
                item.finalized_at = clock.now()
                item.save()
            else:
                _make_available(case, item, reading, user)
    if settled:
        return evidence_finalize(item=item, user=user)
    if problem:
        _discard(item.key)  # the item is settled as rejected: its bytes must not linger in storage
        raise _rejection_error(problem)
    return item


def _make_available(case: Case, item: EvidenceItem, reading: _Reading, user: User) -> None:
    last = EvidenceItem.objects.filter(case=case, side=item.side, number__isnull=False).aggregate(
        n=Max("number")
    )["n"]
    item.make_available()
    item.number = (last or 0) + 1
    item.detected_type = reading.detected.mime if reading.detected else ""
    item.version_id = reading.version_id or ""
    item.finalized_at = clock.now()
    item.save()
    record_event(
        case,
        EVENT_SUBMITTED,
        user,
        data={"evidence": item.pk, "number": item.number, "side": item.side, "title": item.title},
    )
    others = [s for s in Side.values if s != item.side]
    tell(
        case,
        [u for side in others for u in side_users(case, side)],
        "evidence.submitted",
        Message(gettext_noop("new evidence from the other side: %(title)s"), title=item.title),
    )


def _discard(key: str) -> None:
    try:
        get_storage().purge(key)
    except Exception:  # the expiry sweep removes it later; the item is already unusable
        log.warning("could not remove rejected upload %s", key, exc_info=True)


def evidence_download(*, item: EvidenceItem, user: User) -> Presigned:
    """A short-lived link to the item's bytes, recorded in the access log."""
    if item.status != Status.AVAILABLE:
        raise InvalidTransition(_("This item is not available for download."))
    storage = get_storage()
    storage.ping()  # a link to a store that is down helps nobody: 503, and nothing recorded
    link = storage.presign_download(
        item.key,
        timedelta(minutes=settings.EVIDENCE_DOWNLOAD_MINUTES),
        filename=item.filename,
        version_id=item.version_id or None,
        content_type=item.detected_type,
    )
    EvidenceAccess.objects.create(item=item, user=user, at=clock.now())
    return link


# Checks other apps add on when an opinion may be given (the hearing limits it to its cross-examination
# window): each raises an ApplicationError to refuse. Registered from their AppConfig.ready().
OPINION_GUARDS: list[Callable[[EvidenceItem, User], None]] = []


def evidence_opinion_record(
    *,
    item: EvidenceItem,
    user: User,
    authenticity: str,
    legality: str,
    relevance: str,
    reason: str = "",
) -> CrossExamination:
    """The opposing side's cross-examination opinion (质证意见) on one available item, once per side."""
    case = item.case
    side = case.side_of(user) if has_role(user, PARTY_ROLES) else None
    if side is None:
        raise Forbidden(_("Only the parties cross-examine evidence."))
    if side == item.side:
        raise field_error("item", _("A party does not cross-examine its own evidence."))
    if item.status != Status.AVAILABLE:
        raise InvalidTransition(_("This item is not available yet."))
    if any(v == "disagree" for v in (authenticity, legality, relevance)) and not reason.strip():
        raise field_error("reason", _("Say why you disagree."))
    for guard in OPINION_GUARDS:
        guard(item, user)
    try:
        with transaction.atomic():
            case = lock_case(case)
            if case.status in TERMINAL:
                raise InvalidTransition(_("This case is closed."))
            opinion = CrossExamination.objects.create(
                item=item,
                side=side,
                author=user,
                authenticity=authenticity,
                legality=legality,
                relevance=relevance,
                reason=reason.strip(),
                created_at=clock.now(),
            )
            record_event(
                case,
                EVENT_OPINION,
                user,
                data={"evidence": item.pk, "side": side, "opinion": [authenticity, legality, relevance]},
            )
    except IntegrityError:
        raise Conflict(_("Your side has already given its opinion on this item.")) from None
    return opinion


def evidence_expire_declarations(now: datetime | None = None) -> int:
    """Declarations whose upload never finished: remove any object and mark them expired."""
    now = now or clock.now()
    cutoff = now - timedelta(hours=settings.EVIDENCE_DECLARATION_HOURS)
    expired = 0
    for pk in EvidenceItem.objects.filter(status=Status.PENDING, created_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            item = (
                EvidenceItem.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Status.PENDING)
                .first()
            )
            if item is None:
                continue
            get_storage().purge(item.key)  # storage down: raises, the row stays pending for the next run
            item.expire()
            item.finalized_at = now
            item.save()
            expired += 1
    return expired


RETENTION_YEARS: dict[str, int] = {ClosureType.AWARD: 10}  # R Art. 24: award cases ≥ 10 years, others ≥ 5
DEFAULT_RETENTION_YEARS = 5


def evidence_retain_case(case_id: int) -> int:
    """Lock a closed case's evidence in storage for the retention period; returns how many were locked."""
    case = Case.objects.get(pk=case_id)
    if case.status != CaseStatus.CLOSED or case.closed_at is None:
        return 0
    years = RETENTION_YEARS.get(case.closure_type, DEFAULT_RETENTION_YEARS)
    until = case.closed_at.replace(year=case.closed_at.year + years)
    locked = 0
    storage = get_storage()
    for item in EvidenceItem.objects.filter(case=case, status=Status.AVAILABLE, retained_until__isnull=True):
        storage.retain(item.key, item.version_id or None, until)
        EvidenceItem.objects.filter(pk=item.pk).update(retained_until=until)
        locked += 1
    return locked


def on_case_event(sender: Any, case: Case, event: Any, **kwargs: Any) -> None:
    """When a case closes, its evidence is locked for the retention period (relayed after commit)."""
    if event.to_status != CaseStatus.CLOSED:
        return
    from evidence.tasks import retain_case_evidence

    outbox.enqueue(retain_case_evidence, case.pk)  # in the closing transaction: lost neither way
