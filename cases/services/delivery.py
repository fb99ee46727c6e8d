"""Service of documents (送达) on each side, and when it took effect (issue 11, point 5).

Every service is a ``Service`` row and a timeline event; the day it took effect is written into the event's
data as ``effective_on``, which is all the deadline engine reads (``cases.deadlines.receipt_day``):

- electronic service only with the side's consent, effective when it reaches the system — the party's
  first opening of the document, or a delivery receipt, whichever comes first;
- post and in person: the receipt's date, with the proof (return receipt, signed receipt);
- phone and SMS only in the simplified procedure, never for the 调解书 or the award (R Art. 59), effective
  once the party confirmed receipt;
- public notice (公告送达): deemed served when the notice period has run (CPL Art. 95 via R Art. 19);
  those days do not count toward the ruling period (R Art. 46).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.models import Case, EventKind, Procedure, ServedDocument, Service, ServiceMethod
from cases.services.kernel import check_action, finish, lock_case, record_event, side_users, tell
from core import clock
from core.errors import Conflict, Forbidden, NotFound, field_error
from core.messages import Message

# CPL Art. 95 (2023 amendment): a public notice is deemed served 30 days after it is published.
PUBLIC_NOTICE_DAYS = 30
# Served with proof by the act itself (a signed or return receipt); the others need a confirmation.
RECEIPT_METHODS = (ServiceMethod.POST, ServiceMethod.IN_PERSON)
SIMPLE_METHODS = (ServiceMethod.PHONE, ServiceMethod.SMS)
NEVER_SIMPLE = (ServedDocument.AWARD, ServedDocument.MEDIATION_DOCUMENT)


def day_start(day: date) -> datetime:
    """A receipt known by its day only, as a moment: the start of that legal day."""
    return datetime.combine(day, time.min, tzinfo=clock.LEGAL_TZ)


def check_method(case: Case, *, document: str, side: str, method: str) -> None:
    """400 at ``method`` for a way of serving the law does not allow here."""
    if method in SIMPLE_METHODS:
        if document in NEVER_SIMPLE:
            raise field_error(
                "method",
                _("The award and the mediation document are never served by phone or SMS (R Art. 59)."),
            )
        if case.procedure != Procedure.SIMPLIFIED:
            raise field_error(
                "method", _("Only the simplified procedure may serve by phone or SMS (R Art. 59).")
            )
    if method == ServiceMethod.ELECTRONIC:
        consent = case.consent_for(side)
        if not (consent and consent.electronic_service):
            raise field_error(
                "method",
                _("This party has not agreed to electronic service: serve the document another way."),
            )


def effective_now(
    *, method: str, received_on: date | None, proof: str, confirmed: bool, sent_on: date
) -> tuple[date | None, str, date | None]:
    """(the day the service took effect or None, how, the public notice's last day): validates as it goes."""
    if received_on is not None and received_on > clock.today():
        raise field_error("received_on", _("The document cannot have reached the party after today."))
    if received_on is not None and received_on < sent_on:
        raise field_error("received_on", _("The document cannot have reached the party before it was sent."))
    if method in RECEIPT_METHODS:
        if received_on is None:
            raise field_error("received_on", _("Give the day the receipt was signed."))
        if not proof.strip():
            raise field_error("proof", _("Describe the proof of receipt (the receipt or the return slip)."))
        return received_on, "receipt", None
    if method == ServiceMethod.PUBLIC_NOTICE:
        if not proof.strip():
            raise field_error("proof", _("Say where the notice was published."))
        ends = sent_on + timedelta(days=PUBLIC_NOTICE_DAYS)
        return ends, "notice_period", ends
    if method in SIMPLE_METHODS:
        if confirmed and received_on is None:
            raise field_error("received_on", _("Give the day the party confirmed receipt."))
        return (received_on, "confirmed", None) if confirmed else (None, "", None)
    # Electronic: it takes effect when it reaches the system, recorded by opening or a receipt.
    return None, "", None


def service_create(
    case: Case,
    user: User,
    *,
    document: str,
    side: str,
    method: str,
    received_on: date | None = None,
    proof: str = "",
    confirmed: bool = False,
    document_id: int | None = None,
    sent_on: date | None = None,
    sent_at: datetime | None = None,
) -> Service:
    """The service row, checked (no event: the caller records its own, with ``service_data``)."""
    check_method(case, document=document, side=side, method=method)
    if sent_on is not None and sent_on > clock.today():
        raise field_error("sent_on", _("A document cannot have been sent after today."))
    if sent_at is None:
        # Recorded after the fact: sent on the day given, or at the latest on the day it was received.
        sent_at = clock.now()
        if sent_on is not None:
            sent_at = day_start(sent_on)
        elif received_on is not None and received_on < clock.today():
            sent_at = day_start(received_on)
    effective_on, how, notice_ends_on = effective_now(
        method=method,
        received_on=received_on,
        proof=proof,
        confirmed=confirmed,
        sent_on=clock.local_date(sent_at),
    )
    return Service.objects.create(
        case=case,
        document=document,
        document_id=document_id,
        side=side,
        method=method,
        sent_at=sent_at,
        effective_at=day_start(effective_on) if effective_on else None,
        effective_by=how,
        proof=proof,
        confirmed=confirmed,
        notice_ends_on=notice_ends_on,
        recorded_by=user,
        recorded_at=clock.now(),
    )


def service_data(service: Service) -> dict[str, Any]:
    """What the timeline keeps of a service (and what the deadline engine reads)."""
    data: dict[str, Any] = {
        "service": service.pk,
        "document": service.document,
        "side": service.side,
        "method": service.method,
        "sent_on": clock.local_date(service.sent_at).isoformat(),
    }
    if service.effective_at is not None:
        data["effective_on"] = clock.local_date(service.effective_at).isoformat()
        data["effective_by"] = service.effective_by
    else:
        data["awaiting_receipt"] = True
    if service.notice_ends_on is not None:
        data["notice_from"] = data["sent_on"]
        data["notice_to"] = service.notice_ends_on.isoformat()
    return data


@transaction.atomic
def case_record_service(
    *,
    case: Case,
    user: User,
    document: str,
    side: str,
    method: str,
    received_on: date | None = None,
    proof: str = "",
    confirmed: bool = False,
    document_id: int | None = None,
    sent_on: date | None = None,
    reason: str = "",
) -> Case:
    """A clerk records the service of a document on one side."""
    case = lock_case(case)
    check_action(case, EventKind.RECORD_SERVICE, user)
    service = service_create(
        case,
        user,
        document=document,
        side=side,
        method=method,
        received_on=received_on,
        proof=proof,
        confirmed=confirmed,
        document_id=document_id,
        sent_on=sent_on,
    )
    record_event(case, EventKind.RECORD_SERVICE, user, reason=reason, data=service_data(service))
    label = ServedDocument(document).label
    tell(
        case,
        side_users(case, side),
        "case.document_served",
        Message(gettext_noop("served on you: %(doc)s"), doc=label),
    )
    return finish(case)


def _took_effect(case: Case, service: Service, user: User | None, moment: datetime, how: str) -> None:
    service.effective_at = moment
    service.effective_by = how
    service.save(
        update_fields=["effective_at", "effective_by", "opened_at", "opened_by", "confirmed", "proof"]
    )
    record_event(case, EventKind.SERVICE_EFFECTIVE, user, data=service_data(service))


@transaction.atomic
def case_record_service_receipt(
    *,
    case: Case,
    user: User,
    service: int,
    received_at: datetime | None = None,
    proof: str = "",
    reason: str = "",
) -> Case:
    """A delivery receipt (electronic), a return receipt that came back later, or a party's confirmation of
    a phone or SMS service: the service takes effect at ``received_at`` unless it already had."""
    case = lock_case(case)
    check_action(case, EventKind.RECORD_SERVICE_RECEIPT, user)
    row = Service.objects.select_for_update().filter(case=case, pk=service).first()
    if row is None:
        raise field_error("service", _("No such service in this case."))
    if row.effective_at is not None:
        raise Conflict(_("This service has already taken effect."))
    moment = received_at or clock.now()
    if moment > clock.now():
        raise field_error("received_at", _("The document cannot have reached the party after now."))
    if moment < row.sent_at:
        raise field_error("received_at", _("The document cannot have reached the party before it was sent."))
    if row.method == ServiceMethod.PUBLIC_NOTICE:
        raise field_error("service", _("A public notice takes effect when its period has run."))
    if row.method in RECEIPT_METHODS and not proof.strip():
        raise field_error("proof", _("Describe the proof of receipt (the receipt or the return slip)."))
    if proof.strip():
        row.proof = "\n".join(p for p in (row.proof, proof.strip()) if p)
    how = "delivery_receipt" if row.method == ServiceMethod.ELECTRONIC else "receipt"
    if row.method in SIMPLE_METHODS:
        row.confirmed, how = True, "confirmed"
    _took_effect(case, row, user, moment, how)
    record_event(case, EventKind.RECORD_SERVICE_RECEIPT, user, reason=reason, data={"service": row.pk})
    return finish(case)


@transaction.atomic
def service_open(*, case: Case, service_id: int, user: User) -> Service:
    """A party of the served side opens the document: the first opening is recorded, and an electronic
    service takes effect then (it reached the system). Others' reads change nothing."""
    row = Service.objects.filter(case=case, pk=service_id).first()
    if row is None:
        raise NotFound(_("No such service in this case."))
    side = case.side_of(user)
    if side is None:
        return row  # staff looking: not the party's opening
    if side != row.side:
        raise Forbidden(_("This document was served on the other side."))
    case = lock_case(case)
    row = Service.objects.select_for_update().get(pk=row.pk)
    if row.opened_at is not None:
        return row
    row.opened_at, row.opened_by = clock.now(), user
    if row.method == ServiceMethod.ELECTRONIC and row.effective_at is None:
        _took_effect(case, row, user, row.opened_at, "opened")
        finish(case)
    else:
        row.save(update_fields=["opened_at", "opened_by"])
    return row
