"""Mediation's writes: the case's mediation steps, the episodes, the thread, agreements and lapses.

Every service is atomic, works on the locked case (``cases.services.kernel.lock_case``), moves the case
only through its transitions (``fire``), and tells people through ``tell`` (inbox with the write,
delivery after commit through the outbox).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import MediationOrganisation, User
from accounts.roles import COUNTER_ROLES, has_role
from cases.models import (
    Case,
    CaseEvent,
    Deadline,
    DeadlineKind,
    EventKind,
    MediationEpisode,
    MediationOutcome,
    MediationStage,
    Side,
    Status,
)
from cases.services import collective
from cases.services.kernel import (
    case_url,
    finish,
    fire,
    lock_case,
    side_users,
    simple_transition,
    take_on,
    tell,
    tribunal_users,
)
from cases.services.sweep import REMINDER_DAYS, reminder_bucket
from core import clock
from core.errors import ApplicationError, Forbidden, InvalidTransition, field_error
from core.messages import Message
from core.notify import notify
from evidence.models import EvidenceItem
from evidence.models import Status as EvidenceStatus
from mediation import live, selectors
from mediation.models import (
    AgreementItem,
    AgreementPayment,
    AgreementReview,
    AgreementStatus,
    Author,
    ItemKind,
    MediationAgreement,
    MediationMessage,
    Recipient,
    ReviewStatus,
)

# Outcome details: why an episode ended as it did, when the outcome alone does not say.
DECLINED = "declined"
ENDED_BY_APPLICANT = "ended_by_applicant"


def _mediators(organisation_id: int | None) -> list[User]:
    if organisation_id is None:
        return []
    return list(User.objects.filter(mediation_organisation_id=organisation_id, is_active=True).order_by("pk"))


def _parties(case: Case) -> list[User]:
    return side_users(case, Side.APPLICANT, Side.RESPONDENT)


# --- episodes: opened and concluded as the case's mediation events are recorded -----------------------

# The outcome each concluding event gives the open episode (a failure says its own in ``data``).
CONCLUDING: dict[str, str] = {
    EventKind.RECORD_MEDIATION_AGREEMENT: MediationOutcome.AGREEMENT,
    EventKind.RECORD_MEDIATION_FAILURE: MediationOutcome.FAILED,
    EventKind.END_MEDIATION: MediationOutcome.FAILED,
    EventKind.CLOSE_BY_MEDIATION: MediationOutcome.AGREEMENT,
    EventKind.WITHDRAW: MediationOutcome.WITHDRAWN,
}
TERMINAL = {Status.CLOSED, Status.WITHDRAWN, Status.MEDIATED, Status.REJECTED}


def episode_follow_event(*, case: Case, event: CaseEvent) -> MediationEpisode | None:
    """Keep the case's mediation episodes in step with its timeline (called inside the event's transaction).

    Whichever app records the event (a withdrawal is the case's own step), the episode follows it, so
    the figures' facts never disagree with the timeline.
    """
    if event.kind in (EventKind.REFER_TO_MEDIATION, EventKind.START_MEDIATION):
        # One episode at a time: one left open (from before episodes were kept) ends here as failed.
        _conclude(case, event, MediationOutcome.FAILED)
    if event.kind == EventKind.REFER_TO_MEDIATION:
        return MediationEpisode.objects.create(
            case=case,
            stage=MediationStage.PRE_FILING,
            organisation_id=case.mediation_organisation_id,
            started_at=event.created_at,
        )
    if event.kind == EventKind.START_MEDIATION:
        return MediationEpisode.objects.create(
            case=case,
            stage=MediationStage.IN_ARBITRATION,
            mediator=event.actor,
            started_at=event.created_at,
        )
    if event.kind in CONCLUDING and not (
        event.kind == EventKind.WITHDRAW and event.from_status not in (Status.PRE_MEDIATION, Status.MEDIATION)
    ):
        return _conclude(case, event, CONCLUDING[event.kind])
    if event.to_status in TERMINAL:
        # The case ended another way while a mediation was open (cancelled, withdrawn while suspended).
        return _conclude(case, event, MediationOutcome.FAILED)
    return None


def _conclude(case: Case, event: CaseEvent, outcome: str) -> MediationEpisode | None:
    episode = (
        MediationEpisode.objects.select_for_update().filter(case=case, concluded_at__isnull=True).first()
    )
    if episode is None:
        return None
    data = event.data or {}
    episode.outcome = data.get("outcome") or outcome
    episode.outcome_detail = data.get("detail", "")
    episode.concluded_at = event.created_at
    episode.save(update_fields=["outcome", "outcome_detail", "concluded_at"])
    # A draft nobody confirmed no longer binds anyone once the episode is over.
    MediationAgreement.objects.filter(episode=episode, status=AgreementStatus.AWAITING).update(
        status=AgreementStatus.SUPERSEDED
    )
    return episode


def _open_episode(case: Case) -> MediationEpisode:
    """The case's mediation in progress; 409 when the dispute is not in mediation."""
    episode = (
        MediationEpisode.objects.select_for_update().filter(case=case, concluded_at__isnull=True).first()
    )
    if episode is None or case.status not in (Status.PRE_MEDIATION, Status.MEDIATION):
        raise InvalidTransition(
            _("The dispute is not in mediation (it is “%(status)s”).")
            % {"status": case.get_status_display()},
            extra={"status": case.status},
        )
    return episode


def _take_mediator(episode: MediationEpisode, user: User) -> None:
    """The first mediator who works on an episode is its mediator (the figures count by mediator)."""
    if episode.mediator_id is None:
        episode.mediator = user
        episode.save(update_fields=["mediator"])


# --- the case's steps -----------------------------------------------------------------------------------


def _organisation_for(case: Case, chosen: MediationOrganisation | None) -> MediationOrganisation:
    if chosen is not None:
        return chosen
    by_street = (
        MediationOrganisation.objects.filter(street=case.street).order_by("pk").first()
        if case.street
        else None
    )
    if by_street is None:
        raise field_error(
            "mediation_organisation",
            _("No mediation organisation covers the dispute's street: choose one."),
        )
    return by_street


@transaction.atomic
def case_refer_to_mediation(
    *, case: Case, user: User, mediation_organisation: MediationOrganisation | None = None, reason: str = ""
) -> Case:
    """Refer an application to pre-filing mediation: the organisation chosen, or the one of its street.

    The transition's guard refuses it (400) without the applicant's consent to pre-filing mediation."""
    case = lock_case(case)
    organisation = _organisation_for(case, mediation_organisation)
    case.mediation_organisation = organisation
    take_on(case, user)
    fire(case, EventKind.REFER_TO_MEDIATION, user, reason=reason, data={"organisation": organisation.pk})
    tell(
        case,
        _mediators(organisation.pk),
        "case.referred",
        Message(gettext_noop("a dispute has been referred to your organisation for mediation")),
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.referred",
        Message(gettext_noop("your dispute was referred to %(org)s for mediation"), org=organisation.name),
    )
    tell(
        case,
        side_users(case, Side.RESPONDENT),
        "mediation.invited",
        Message(
            gettext_noop("%(org)s invites you to mediate this dispute; you may decline"),
            org=organisation.name,
        ),
    )
    return finish(case)


@transaction.atomic
def case_record_mediation_agreement(
    *, case: Case, user: User | None, reason: str | Message = "", authorised: bool = False
) -> Case:
    """The dispute is settled by mediation. Its guard asks for an agreement both parties confirmed."""
    case = lock_case(case)
    fire(case, EventKind.RECORD_MEDIATION_AGREEMENT, user, reason=reason, authorised=authorised)
    tell(case, _parties(case), "case.mediated", Message(gettext_noop("a mediation agreement was reached")))
    return finish(case)


def _return_to_review(
    case: Case,
    user: User | None,
    *,
    reason: str | Message,
    outcome: str,
    detail: str = "",
    authorised: bool = False,
) -> Case:
    """Pre-filing mediation ended without agreement: the application is reviewed afresh from today."""
    organisation_id = case.mediation_organisation_id
    fire(
        case,
        EventKind.RECORD_MEDIATION_FAILURE,
        user,
        reason=reason,
        data={"outcome": outcome, "detail": detail} if detail else {"outcome": outcome},
        authorised=authorised,
    )
    tell(
        case,
        side_users(case, Side.APPLICANT),
        "case.mediation_failed",
        Message(gettext_noop("mediation did not succeed; your application returns to the commission")),
        reason,
    )
    tell(
        case,
        _mediators(organisation_id),
        "case.mediation_failed",
        Message(gettext_noop("the mediation has ended")),
        reason,
    )
    return finish(case)


@transaction.atomic
def case_record_mediation_failure(*, case: Case, user: User, reason: str = "") -> Case:
    """The mediator (or a clerk) records that mediation failed: back to acceptance review."""
    case = lock_case(case)
    return _return_to_review(case, user, reason=reason, outcome=MediationOutcome.FAILED)


@transaction.atomic
def mediation_decline(*, case: Case, user: User, reason: str = "") -> Case:
    """The respondent declines pre-filing mediation: recorded as a failure (declined)."""
    case = lock_case(case)
    if case.side_of(user) != Side.RESPONDENT:
        raise Forbidden(_("Only the respondent may decline mediation."))
    if case.status != Status.PRE_MEDIATION:
        _open_episode(case)  # raises the 409
    return _return_to_review(
        case, user, reason=reason, outcome=MediationOutcome.FAILED, detail=DECLINED, authorised=True
    )


@transaction.atomic
def mediation_end(*, case: Case, user: User, reason: str = "") -> Case:
    """The applicant ends pre-filing mediation and goes on to arbitration (L Art. 14)."""
    case = lock_case(case)
    if case.side_of(user) != Side.APPLICANT:
        raise Forbidden(_("Only the applicant may end mediation to proceed to arbitration."))
    if case.status != Status.PRE_MEDIATION:
        _open_episode(case)
    return _return_to_review(
        case,
        user,
        reason=reason,
        outcome=MediationOutcome.WITHDRAWN,
        detail=ENDED_BY_APPLICANT,
        authorised=True,
    )


def mediation_record_lapses(*, today: date | None = None) -> int:
    """Record ``timeout`` on every pre-filing mediation whose days have lapsed; each case in its own
    transaction, so one failure does not hold back the others. Safe to run twice: a case already
    returned is no longer in ``pre_mediation``."""
    today = today or clock.today()
    lapsed = (
        Deadline.objects.filter(
            kind=DeadlineKind.PRE_MEDIATION,
            completed_on__isnull=True,
            due_on__lt=today,
            case__status=Status.PRE_MEDIATION,
        )
        .values_list("case_id", flat=True)
        .order_by("case_id")
    )
    recorded = 0
    for case_id in list(lapsed):
        recorded += _record_lapse(case_id, today)
    return recorded


@transaction.atomic
def _record_lapse(case_id: int, today: date) -> int:
    case = lock_case(Case(pk=case_id))
    due = case.deadlines.filter(kind=DeadlineKind.PRE_MEDIATION, completed_on__isnull=True).first()
    if case.status != Status.PRE_MEDIATION or due is None or due.due_on >= today:
        return 0
    _return_to_review(
        case,
        None,
        reason=Message(
            gettext_noop("The mediation period ended on %(day)s without agreement."),
            day=due.due_on.isoformat(),
        ),
        outcome=MediationOutcome.TIMEOUT,
        authorised=True,
    )
    return 1


case_start_mediation = simple_transition(
    EventKind.START_MEDIATION, "case.mediation", _("the tribunal has started mediation")
)
case_end_mediation = simple_transition(
    EventKind.END_MEDIATION, "case.mediation", _("mediation has ended without agreement")
)


@transaction.atomic
def case_close_by_mediation(
    *, case: Case, user: User | None, reason: str | Message = "", authorised: bool = False
) -> Case:
    """The case closes by a mediation document (调解书): its guard asks that both parties signed for it."""
    case = lock_case(case)
    fire(case, EventKind.CLOSE_BY_MEDIATION, user, reason=reason, authorised=authorised)
    tell(
        case,
        _parties(case),
        "case.closed",
        Message(gettext_noop("the case was closed by a mediation document")),
        reason,
    )
    return finish(case)


# --- the thread -----------------------------------------------------------------------------------------


@transaction.atomic
def message_post(*, case: Case, user: User, text: str, to: str = Recipient.BOTH) -> MediationMessage:
    """A message of the mediation thread. The mediator writes to one party or both; a party writes to the
    mediator (its message is seen by the mediator and its own side only)."""
    case = lock_case(case)
    role = selectors.mediation_role(user, case)
    episode = _open_episode(case)
    if role in (selectors.MEDIATOR, selectors.TRIBUNAL) and selectors.mediates_episode(user, case, episode):
        author: str = Author.MEDIATOR
        _take_mediator(episode, user)
    elif role in (Side.APPLICANT, Side.RESPONDENT):
        author = role
        to = role  # a party speaks to the mediator; the other party does not read it
    else:
        raise Forbidden(_("Only the mediator and the parties write in the mediation thread."))
    message = MediationMessage.objects.create(
        episode=episode, case=case, author=user, author_side=author, to=to, text=text, created_at=clock.now()
    )
    if author == Author.MEDIATOR:
        readers = _parties(case) if to == Recipient.BOTH else side_users(case, to)
    else:
        readers = [episode.mediator] if episode.mediator else _mediators(episode.organisation_id)
    tell(case, readers, "mediation.message", Message(gettext_noop("a new mediation message")))
    live.announce(case.pk, live.MESSAGE, message.pk)
    return message


# --- agreements -----------------------------------------------------------------------------------------


@transaction.atomic
def agreement_draft(
    *, case: Case, user: User, items: list[dict[str, Any]], terms: str = ""
) -> MediationAgreement:
    """The mediator draws up the agreement; it replaces an earlier draft nobody has finished confirming."""
    case = lock_case(case)
    if selectors.mediation_role(user, case) not in (selectors.MEDIATOR, selectors.TRIBUNAL):
        raise Forbidden(_("Only the mediator draws up the agreement."))
    episode = _open_episode(case)
    if not selectors.mediates_episode(user, case, episode):
        raise Forbidden(_("Only the mediator draws up the agreement."))
    if not items:
        raise field_error("items", _("An agreement needs at least one item."))
    today = clock.today()
    for index, item in enumerate(items):
        amount = item.get("amount")
        if amount is not None and Decimal(amount) < 0:
            raise field_error(f"items.{index}.amount", _("The amount cannot be negative."))
        if item.get("due_on") is not None and item["due_on"] < today:
            raise field_error(f"items.{index}.due_on", _("The due date cannot be in the past."))
    _take_mediator(episode, user)
    MediationAgreement.objects.filter(episode=episode, status=AgreementStatus.AWAITING).update(
        status=AgreementStatus.SUPERSEDED
    )
    agreement = MediationAgreement.objects.create(
        episode=episode, case=case, terms=terms, drafted_by=user, created_at=clock.now()
    )
    AgreementItem.objects.bulk_create(
        AgreementItem(
            agreement=agreement,
            position=index,
            obligor=item["obligor"],
            kind=item["kind"],
            amount=item.get("amount"),
            due_on=item.get("due_on"),
            description=item.get("description", ""),
        )
        for index, item in enumerate(items)
    )
    tell(
        case,
        _parties(case),
        "mediation.agreement",
        Message(gettext_noop("a mediation agreement awaits your confirmation")),
    )
    live.announce(case.pk, live.AGREEMENT, agreement.pk)
    return agreement


@transaction.atomic
def agreement_confirm(
    *, agreement: MediationAgreement, user: User, side: str | None = None
) -> MediationAgreement:
    """A party confirms (signs) the agreement. When both have, a pre-filing dispute becomes ``mediated``.

    A clerk may record, with ``side``, a confirmation the party signed on paper at the counter."""
    case = lock_case(agreement.case)
    agreement = MediationAgreement.objects.select_for_update().get(pk=agreement.pk)
    own = case.side_of(user)
    if own is None and side is not None and has_role(user, COUNTER_ROLES):
        own = side
    side = own
    if side not in (Side.APPLICANT, Side.RESPONDENT):
        raise Forbidden(_("Only a party confirms a mediation agreement."))
    collective.check_may_settle(case, user, side=side)  # R 63: representatives, with the workers' consent
    if agreement.status != AgreementStatus.AWAITING:
        raise InvalidTransition(
            _("This agreement is no longer awaiting confirmation."), extra={"status": agreement.status}
        )
    now = clock.now()
    if getattr(agreement, f"{side}_confirmed_at") is None:
        setattr(agreement, f"{side}_confirmed_at", now)
        setattr(agreement, f"{side}_confirmed_by", user)
    if agreement.applicant_confirmed_at and agreement.respondent_confirmed_at:
        agreement.status = AgreementStatus.CONFIRMED
        agreement.confirmed_at = now
    agreement.save()
    live.announce(case.pk, live.AGREEMENT, agreement.pk)
    if agreement.status != AgreementStatus.CONFIRMED:
        mediator = agreement.episode.mediator
        tell(
            case,
            [mediator] if mediator else [],
            "mediation.confirmed",
            Message(gettext_noop("a party confirmed the agreement")),
        )
        return agreement
    episode = MediationEpisode.objects.select_for_update().get(pk=agreement.episode_id)
    episode.agreement_confirmed_at = now
    episode.save(update_fields=["agreement_confirmed_at"])
    # Both parties' signatures are the authority: the step is the system's, recorded as the last signer's.
    if episode.stage == MediationStage.PRE_FILING:
        case_record_mediation_agreement(
            case=case,
            user=user,
            reason=Message(gettext_noop("Both parties confirmed the mediation agreement.")),
            authorised=True,
        )
    else:
        # In arbitration the 调解书 takes effect when both have signed for receipt (L Art. 42), not before.
        case_close_by_mediation(
            case=case,
            user=user,
            reason=Message(gettext_noop("Both parties signed for receipt of the mediation document.")),
            authorised=True,
        )
    return agreement


@transaction.atomic
def agreement_renege(*, agreement: MediationAgreement, user: User, reason: str = "") -> MediationAgreement:
    """A party refuses to sign before the agreement took effect. In arbitration the case goes back to where
    it came from (``end_mediation``), for a prompt ruling; before filing the mediator may draft again."""
    case = lock_case(agreement.case)
    agreement = MediationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if case.side_of(user) not in (Side.APPLICANT, Side.RESPONDENT):
        raise Forbidden(_("Only a party may refuse to sign a mediation agreement."))
    if agreement.status != AgreementStatus.AWAITING:
        raise InvalidTransition(
            _("This agreement is no longer awaiting confirmation."), extra={"status": agreement.status}
        )
    agreement.status = AgreementStatus.SUPERSEDED
    agreement.save(update_fields=["status"])
    live.announce(case.pk, live.AGREEMENT, agreement.pk)
    if agreement.episode.stage == MediationStage.IN_ARBITRATION:
        side = case.side_of(user)
        # On the timeline: who refused, and that the tribunal is to rule promptly (L Art. 42).
        fire(
            case,
            EventKind.END_MEDIATION,
            user,
            reason=reason,
            data={"reneged": side, "agreement": agreement.pk, "prompt_ruling": True},
            authorised=True,
        )
        tell(
            case,
            _parties(case),
            "case.mediation",
            Message(
                gettext_noop(
                    "a party refused to sign the mediation document; the case returns to arbitration"
                )
            ),
            reason,
        )
        tell(
            case,
            tribunal_users(case),
            "case.prompt_ruling",
            Message(
                gettext_noop(
                    "a party refused to sign the mediation document: the case is back with you "
                    "for a prompt ruling"
                )
            ),
            reason,
        )
        finish(case)
    else:
        mediator = agreement.episode.mediator
        tell(
            case,
            [mediator] if mediator else [],
            "mediation.renege",
            Message(gettext_noop("a party refused to sign the agreement")),
            reason,
        )
    return agreement


# --- performance ----------------------------------------------------------------------------------------


@transaction.atomic
def payment_record(
    *,
    agreement: MediationAgreement,
    user: User,
    item: int,
    amount: Decimal,
    paid_on: date,
    evidence: list[int] | None = None,
) -> AgreementPayment:
    """A party (or the mediator) records a payment made under a confirmed agreement, with its proof."""
    case = lock_case(agreement.case)
    role = selectors.mediation_role(user, case)
    episode = agreement.episode
    if role not in (Side.APPLICANT, Side.RESPONDENT) and not selectors.mediates_episode(user, case, episode):
        raise Forbidden(_("Only the parties and the mediator record payments."))
    if agreement.status != AgreementStatus.CONFIRMED:
        raise InvalidTransition(_("Payments are recorded against a confirmed agreement only."))
    target = agreement.items.filter(pk=item, kind=ItemKind.PAYMENT).first()
    if target is None:
        raise field_error("item", _("This agreement has no such payment item."))
    if paid_on > clock.today():
        raise field_error("paid_on", _("The payment date cannot be in the future."))
    wanted = set(evidence or [])
    proofs = list(EvidenceItem.objects.filter(case=case, pk__in=wanted, status=EvidenceStatus.AVAILABLE))
    if len(proofs) != len(wanted):
        raise field_error("evidence", _("Name evidence items of this case that have been uploaded."))
    payment = AgreementPayment.objects.create(
        item=target, amount=amount, paid_on=paid_on, recorded_by=user, recorded_at=clock.now()
    )
    payment.evidence.set(proofs)
    live.announce(case.pk, live.PAYMENT, payment.pk)
    tell(
        case,
        _parties(case),
        "mediation.payment",
        Message(gettext_noop("a payment under the mediation agreement was recorded")),
    )
    return payment


def mediation_send_reminders(*, today: date | None = None) -> int:
    """Remind the parties, 3 days and again 1 day before the pre-filing mediation period ends, that it is
    ending and what follows (L Art. 14). The mediators are reminded of the same deadline by the case's
    deadline sweep; each reminder goes once per stretch (``cases.services.sweep.reminder_bucket``), under a
    dedupe key, so overlapping and repeated runs send nothing twice."""
    today = today or clock.today()
    periods = (
        Deadline.objects.filter(
            kind=DeadlineKind.PRE_MEDIATION,
            completed_on__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
            case__status=Status.PRE_MEDIATION,
        )
        .select_related("case")
        .order_by("due_on", "pk")
    )
    sent = 0
    for deadline in periods:
        case = deadline.case
        left = (deadline.due_on - today).days
        bucket = reminder_bucket(left)
        label = case.case_number or Message(gettext_noop("application no. %(id)s"), id=case.pk)
        told = notify(
            _parties(case),
            kind="mediation.reminder",
            title=Message(
                gettext_noop("%(case)s: mediation ends on %(day)s (%(left)s days left)"),
                case=label,
                day=deadline.due_on.isoformat(),
                left=left,
            ),
            body=Message(
                gettext_noop(
                    "Without an agreement by then, the application goes on to the commission's acceptance "
                    "review for arbitration (L Art. 14)."
                )
            ),
            url=case_url(case),
            dedupe_key=f"mediation-remind:{deadline.pk}:{deadline.due_on}:{bucket}",
        )
        sent += bool(told)
    return sent


def mediation_notify_overdue(*, today: date | None = None) -> int:
    """Tell the worker, once per item, that a payment the agreement promised is overdue, with the options.

    Safe to run again and again: each notice carries a dedupe key per item, so the inbox (and the SMS)
    gets it once whatever the number of runs."""
    today = today or clock.today()
    items = (
        AgreementItem.objects.filter(
            kind=ItemKind.PAYMENT, due_on__lt=today, agreement__status=AgreementStatus.CONFIRMED
        )
        .annotate(paid=Coalesce(Sum("payments__amount"), Decimal("0")))
        .filter(paid__lt=F("amount"))
        .select_related("agreement__case")
        .order_by("pk")
    )
    told = 0
    for item in items:
        case = item.agreement.case
        label = case.case_number or Message(gettext_noop("application no. %(id)s"), id=case.pk)
        sent = notify(
            side_users(case, Side.APPLICANT),
            kind="mediation.overdue",
            title=Message(
                gettext_noop("%(case)s: a payment under the mediation agreement is overdue"), case=label
            ),
            body=Message(
                gettext_noop(
                    "%(amount)s yuan was due on %(day)s. You may apply for arbitration, "
                    "or ask the court for a payment order (L Art. 16)."
                ),
                amount=item.amount,
                day=item.due_on.isoformat() if item.due_on else "",
            ),
            url=case_url(case),
            dedupe_key=f"mediation-item-overdue:{item.pk}",
        )
        told += bool(sent)
    return told


# --- review into a 调解书 (R Art. 74) ------------------------------------------------------------------

REVIEW_APPLICATION_DAYS = 15


def review_last_day(agreement: MediationAgreement) -> date | None:
    """The last day of the joint application for review: 15 days from the agreement's confirmation."""
    if agreement.confirmed_at is None:
        return None
    return clock.local_date(agreement.confirmed_at) + timedelta(days=REVIEW_APPLICATION_DAYS)


@transaction.atomic
def review_apply(*, agreement: MediationAgreement, user: User) -> AgreementReview:
    """A party applies for review of a confirmed agreement; with both sides applied it goes to the
    commission. The joint application must be made within 15 days of the agreement."""
    case = lock_case(agreement.case)
    agreement = MediationAgreement.objects.select_for_update().get(pk=agreement.pk)
    side = case.side_of(user)
    if side not in (Side.APPLICANT, Side.RESPONDENT):
        raise Forbidden(_("Only the parties apply jointly for review of an agreement."))
    if agreement.status != AgreementStatus.CONFIRMED or agreement.confirmed_at is None:
        raise InvalidTransition(_("Only an agreement both parties confirmed can be reviewed."))
    if agreement.episode.stage == MediationStage.IN_ARBITRATION:
        raise InvalidTransition(_("An agreement reached in arbitration is already a mediation document."))
    last_day = review_last_day(agreement)
    assert last_day is not None
    if clock.today() > last_day:
        raise ApplicationError(
            _("The joint application for review must be made within 15 days of the agreement (by %(day)s).")
            % {"day": last_day.isoformat()},
            code="review_too_late",
        )
    review, _created = AgreementReview.objects.select_for_update().get_or_create(agreement=agreement)
    if review.status not in (ReviewStatus.APPLYING, ReviewStatus.PENDING):
        raise InvalidTransition(_("The commission has already decided this review."))
    if getattr(review, f"{side}_applied_at") is None:
        setattr(review, f"{side}_applied_at", clock.now())
    if review.applicant_applied_at and review.respondent_applied_at:
        review.status = ReviewStatus.PENDING
    review.save()
    if review.status == ReviewStatus.PENDING:
        staff = list(User.objects.filter(role__in=COUNTER_ROLES, is_active=True).order_by("pk"))
        tell(
            case,
            staff,
            "mediation.review",
            Message(gettext_noop("the parties apply jointly for review of a mediation agreement")),
        )
    else:
        tell(
            case,
            _parties(case),
            "mediation.review",
            Message(gettext_noop("the other party applied for review of the agreement")),
        )
    return review


@transaction.atomic
def review_decide(
    *, agreement: MediationAgreement, user: User, decision: str, reasons: str = ""
) -> AgreementReview:
    """The commission issues a 调解书 on the agreement, or refuses with its reasons."""
    case = lock_case(agreement.case)
    if not has_role(user, COUNTER_ROLES):
        raise Forbidden(_("Only the commission decides on a review."))
    review = AgreementReview.objects.select_for_update().filter(agreement=agreement).first()
    if review is None or review.status != ReviewStatus.PENDING:
        raise InvalidTransition(_("No joint application for review awaits a decision."))
    if decision == ReviewStatus.REFUSED and not reasons.strip():
        raise field_error("reasons", _("Give the reasons for refusing."))
    review.status = decision
    review.reasons = reasons
    review.decided_by = user
    review.decided_at = clock.now()
    review.save()
    title = (
        Message(gettext_noop("the commission issued a mediation document on your agreement"))
        if decision == ReviewStatus.ISSUED
        else Message(gettext_noop("the commission refused to confirm your mediation agreement"))
    )
    tell(case, _parties(case), "mediation.review", title, reasons)
    return review
