"""The asynchronous hearing session's writes: open, consent, windows, submissions, waivers, close, convert.

Every write locks the session row first, so the session's events are numbered without gaps and its
submissions chain in one order. ``tick`` brings the stages up to the clock (open what is due, close
what has run out, record the waivers, send the reminders); it runs on every touch of the session and
from the periodic job, and a submission is judged by the clock itself (``opens_at <= now < closes_at``),
never by a stage's stored status, so a late job can never let a late submission in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from accounts.roles import COUNTER_ROLES, PARTY_ROLES, Role, has_role
from cases.models import Case, Side, Status
from cases.registry import STEPS
from cases.services.kernel import lock_case, record_event, side_users, tell, tribunal_users
from core import clock
from core.errors import ApplicationError, Conflict, Forbidden, InvalidTransition, field_error
from core.messages import Message
from core.push import push
from evidence.models import EvidenceItem
from evidence.models import Status as EvidenceStatus
from hearings.models import (
    HearingSession,
    NothingToAdd,
    SessionConsent,
    SessionEvent,
    SessionStatus,
    Stage,
    StageKind,
    StageStatus,
    Submission,
    SubmissionKind,
    Waiver,
)

GENESIS = "0" * 64
SIDES = (Side.APPLICANT, Side.RESPONDENT)
EVENT_CONVERTED = "hearing_converted"
REMIND_BEFORE = timedelta(hours=24)

# What a party may submit in each stage, besides answers to questions (any stage); the tribunal asks
# questions in any stage.
PARTY_KINDS: dict[str, dict[str, set[str]]] = {
    StageKind.STATEMENTS: {
        Side.APPLICANT: {SubmissionKind.STATEMENT},
        Side.RESPONDENT: {SubmissionKind.DEFENCE, SubmissionKind.STATEMENT},
    },
    StageKind.EVIDENCE: {s: {SubmissionKind.EVIDENCE, SubmissionKind.STATEMENT} for s in SIDES},
    StageKind.CROSS_EXAMINATION: {s: {SubmissionKind.STATEMENT} for s in SIDES},
    StageKind.INQUIRY: {s: set() for s in SIDES},
    StageKind.FINAL_STATEMENTS: {s: {SubmissionKind.FINAL_STATEMENT} for s in SIDES},
}


def register_events() -> None:
    STEPS.register_event(EVENT_CONVERTED, gettext_lazy("Asynchronous hearing converted to an oral hearing"))


def session_group(session_id: int) -> str:
    return f"hearing-{session_id}"


class StageClosed(InvalidTransition):
    code = "stage_closed"


class StageNotOpen(InvalidTransition):
    code = "stage_not_open"


# --- helpers ---------------------------------------------------------------------------------------------


def lock_session(session: HearingSession) -> HearingSession:
    return HearingSession.objects.select_for_update().select_related("case").get(pk=session.pk)


def emit(session: HearingSession, type_: str, data: dict[str, Any], *, audience: str = "") -> SessionEvent:
    """Number and store an event of the (locked) session; push it to its watchers after commit."""
    session.last_seq += 1
    HearingSession.objects.filter(pk=session.pk).update(last_seq=session.last_seq)
    event = SessionEvent.objects.create(
        session=session,
        seq=session.last_seq,
        type=type_,
        data=data,
        audience=audience,
        created_at=clock.now(),
    )
    message = {"type": type_, "seq": event.seq, "session": session.pk, "audience": audience, **data}
    transaction.on_commit(lambda: push(session_group(session.pk), message))
    return event


def is_tribunal(case: Case, user: User) -> bool:
    return user.role == Role.ARBITRATOR and case.tribunal.filter(arbitrator=user).exists()


def is_presiding(case: Case, user: User) -> bool:
    return user.role == Role.ARBITRATOR and case.presiding_arbitrator_id == user.pk


def party_side(case: Case, user: User) -> str | None:
    return case.side_of(user) if has_role(user, PARTY_ROLES) else None


def current_consents(session: HearingSession) -> dict[str, bool | None]:
    latest: dict[str, bool | None] = dict.fromkeys(SIDES)
    for consent in session.consents.order_by("at", "id"):
        latest[consent.side] = consent.agree
    return latest


def _local(moment: datetime) -> datetime:
    return moment.astimezone(clock.LEGAL_TZ)


def stage_open_at(stage: Stage, now: datetime) -> bool:
    return stage.status != StageStatus.SKIPPED and stage.opens_at <= now < stage.closes_at


# --- opening ---------------------------------------------------------------------------------------------


def _validate_stages(stages: list[dict[str, Any]], now: datetime) -> None:
    if not stages:
        raise field_error("stages", _("Give at least one stage with its window."))
    previous_close = None
    for i, stage in enumerate(stages):
        if stage["closes_at"] <= stage["opens_at"]:
            raise field_error(f"stages.{i}.closes_at", _("A window closes after it opens."))
        if stage["closes_at"] <= now:
            raise field_error(f"stages.{i}.closes_at", _("This window would already be over."))
        if previous_close is not None and stage["opens_at"] < previous_close:
            raise field_error(
                f"stages.{i}.opens_at", _("Stages follow one another: this one opens before the last closes.")
            )
        previous_close = stage["closes_at"]


def _create_stages(session: HearingSession, stages: list[dict[str, Any]]) -> None:
    for position, stage in enumerate(stages):
        Stage.objects.create(
            session=session,
            kind=stage["stage"],
            position=position,
            opens_at=stage["opens_at"],
            closes_at=stage["closes_at"],
            sealed=bool(stage.get("sealed")),
        )


@transaction.atomic
def session_open(*, case: Case, user: User, stages: list[dict[str, Any]]) -> HearingSession:
    """The presiding arbitrator opens a session with a window for each stage."""
    case = lock_case(case)
    if not is_presiding(case, user):
        raise Forbidden(_("Only the presiding arbitrator opens a hearing session."))
    if case.status != Status.ASYNC_HEARING:
        raise InvalidTransition(_("A hearing session needs the case in the asynchronous hearing."))
    now = clock.now()
    _validate_stages(stages, now)
    if HearingSession.objects.filter(
        case=case, status__in=[SessionStatus.OPEN, SessionStatus.PROPOSED]
    ).exists():
        raise Conflict(_("This case already has a session in progress."))
    session = HearingSession.objects.create(
        case=case, status=SessionStatus.OPEN, opened_by=user, created_at=now, opened_at=now
    )
    _create_stages(session, stages)
    emit(session, "session.opened", {"stages": len(stages)})
    tell(
        case,
        side_users(case, Side.APPLICANT, Side.RESPONDENT),
        "hearing.opened",
        Message(gettext_noop("an asynchronous hearing session is open: please confirm that you take part")),
    )
    tick_locked(session, now)
    return session


@transaction.atomic
def session_apply(*, case: Case, user: User, reason: str = "") -> HearingSession:
    """A party applies for an asynchronous session; the tribunal approves it (with the windows) or not."""
    case = lock_case(case)
    side = party_side(case, user)
    if side is None:
        raise Forbidden(_("Only a party applies for an asynchronous hearing session."))
    if case.status != Status.ASYNC_HEARING:
        raise InvalidTransition(_("A hearing session needs the case in the asynchronous hearing."))
    if HearingSession.objects.filter(
        case=case, status__in=[SessionStatus.OPEN, SessionStatus.PROPOSED]
    ).exists():
        raise Conflict(_("This case already has a session in progress."))
    now = clock.now()
    session = HearingSession.objects.create(
        case=case, status=SessionStatus.PROPOSED, applied_by=user, created_at=now, end_reason=reason
    )
    SessionConsent.objects.create(session=session, side=side, agree=True, user=user, how="online", at=now)
    emit(session, "session.applied", {"side": side})
    tell(
        case,
        tribunal_users(case),
        "hearing.applied",
        Message(gettext_noop("a party applies for an asynchronous hearing session")),
    )
    return session


@transaction.atomic
def session_decide_application(
    *,
    session: HearingSession,
    user: User,
    approve: bool,
    stages: list[dict[str, Any]] | None = None,
    reason: str = "",
) -> HearingSession:
    session = lock_session(session)
    case = session.case
    if not is_presiding(case, user):
        raise Forbidden(_("Only the presiding arbitrator decides on the application."))
    if session.status != SessionStatus.PROPOSED:
        raise Conflict(_("This application has already been decided."))
    now = clock.now()
    if approve:
        _validate_stages(stages or [], now)
        _create_stages(session, stages or [])
        HearingSession.objects.filter(pk=session.pk).update(
            status=SessionStatus.OPEN, opened_by=user, opened_at=now
        )
        session.status = SessionStatus.OPEN
        emit(session, "session.opened", {"stages": len(stages or [])})
        tick_locked(session, now)
    else:
        if not reason.strip():
            raise field_error("reason", _("Say why the application is declined."))
        HearingSession.objects.filter(pk=session.pk).update(
            status=SessionStatus.DECLINED, ended_at=now, end_reason=reason
        )
        session.status = SessionStatus.DECLINED
        emit(session, "session.declined", {"reason": reason})
    return session


# --- consent ---------------------------------------------------------------------------------------------


@transaction.atomic
def session_consent(
    *, session: HearingSession, user: User, agree: bool, side: str | None = None
) -> HearingSession:
    """A party consents to the session, or withdraws its consent before a stage opens (which converts the
    session to an oral hearing); a clerk may record a consent given at the counter."""
    session = lock_session(session)
    case = session.case
    now = clock.now()
    tick_locked(session, now)
    how = "online"
    own = party_side(case, user)
    if own is None:
        if not has_role(user, COUNTER_ROLES):
            raise Forbidden(_("Only a party gives its consent."))
        if side not in SIDES:
            raise field_error("side", _("Say which side's consent is recorded."))
        own, how = str(side), "counter"
    if session.status not in (SessionStatus.OPEN, SessionStatus.PROPOSED):
        raise InvalidTransition(_("This session has ended."))
    if not agree and any(stage_open_at(s, now) for s in session.stages.all()):
        raise Conflict(
            _("Consent can be withdrawn before a stage opens, not while one is open; it closes at %(when)s.")
            % {
                "when": _local(
                    next(s for s in session.stages.all() if stage_open_at(s, now)).closes_at
                ).strftime("%Y-%m-%d %H:%M")
            }
        )
    SessionConsent.objects.create(session=session, side=own, agree=agree, user=user, how=how, at=now)
    emit(session, "consent.recorded", {"side": own, "agree": agree})
    if not agree:
        _convert(
            session,
            user,
            _("%(side)s withdrew its consent to the asynchronous hearing.") % {"side": Side(own).label},
        )
    return session


# --- the clock -------------------------------------------------------------------------------------------


def tick(session: HearingSession, now: datetime | None = None) -> HearingSession:
    """Bring the session's windows up to ``now``. Every read of a session does this: when no window is
    due to open, close or be reminded of (one unlocked query tells), nothing is locked or written, so
    readers neither wait for each other's row locks nor pay a transaction each."""
    if session.status != SessionStatus.OPEN:
        return session
    return tick_read(session, now)[0]


def tick_read(
    session: HearingSession, now: datetime | None = None, stages: list[Stage] | None = None
) -> tuple[HearingSession, list[Stage]]:
    """``tick``, answering also the session's stages (in order) as they are after it: a reader that needs
    them (the record's sealed windows) spares reading them a second time. ``stages``: the session's stages
    in order, when the caller has just read them with it (``selectors.session_read``)."""
    now = now or clock.now()
    if stages is None:
        stages = list(session.stages.all().order_by("position", "id"))
    if session.status != SessionStatus.OPEN or not any(_due(stage, now) for stage in stages):
        return session, stages
    with transaction.atomic():
        session = lock_session(session)
        stages = tick_locked(session, now) or list(session.stages.all().order_by("position", "id"))
    return session, stages


def _due(stage: Stage, now: datetime) -> bool:
    """Whether ``tick_locked`` would change this stage at ``now`` (its three cases, in the same words)."""
    if stage.status == StageStatus.SCHEDULED and stage.opens_at <= now:
        return True
    if stage.status in (StageStatus.SCHEDULED, StageStatus.OPEN) and stage.closes_at <= now:
        return True
    return (
        stage.status == StageStatus.OPEN
        and stage.reminded_at is None
        and stage.closes_at - REMIND_BEFORE <= now
    )


def tick_locked(session: HearingSession, now: datetime) -> list[Stage]:
    """Bring the (locked) session's stages up to ``now``; returns them, in order, as they now are (none
    when the session is no longer open)."""
    if session.status != SessionStatus.OPEN:
        return []
    stages = list(session.stages.select_for_update().order_by("position", "id"))
    for stage in stages:
        if stage.status == StageStatus.SKIPPED:
            continue
        if stage.status == StageStatus.SCHEDULED and stage.opens_at <= now < stage.closes_at:
            stage.status, stage.opened_at = StageStatus.OPEN, stage.opens_at
            stage.save(update_fields=["status", "opened_at"])
            emit(
                session,
                "stage.opened",
                {"stage": stage.pk, "kind": stage.kind, "closes_at": stage.closes_at.isoformat()},
            )
        if stage.status in (StageStatus.SCHEDULED, StageStatus.OPEN) and stage.closes_at <= now:
            if stage.opened_at is None:
                stage.opened_at = stage.opens_at
            stage.status, stage.closed_at = StageStatus.CLOSED, stage.closes_at
            stage.save(update_fields=["status", "opened_at", "closed_at"])
            emit(session, "stage.closed", {"stage": stage.pk, "kind": stage.kind, "sealed": stage.sealed})
            _record_waivers(session, stage, now)
        if (
            stage.status == StageStatus.OPEN
            and stage.reminded_at is None
            and stage.closes_at - REMIND_BEFORE <= now
        ):
            stage.reminded_at = now
            stage.save(update_fields=["reminded_at"])
            for side in _sides_yet_to_act(stage):
                tell(
                    session.case,
                    side_users(session.case, side),
                    "hearing.reminder",
                    Message(
                        gettext_noop("the %(stage)s window of the hearing closes at %(when)s"),
                        stage=StageKind(stage.kind).label,
                        when=_local(stage.closes_at).strftime("%Y-%m-%d %H:%M"),
                    ),
                )

    return stages


def _acted(stage: Stage, side: str) -> bool:
    if stage.submissions.filter(side=side).exists():
        return True
    if stage.kind == StageKind.CROSS_EXAMINATION:
        from evidence.models import CrossExamination

        return CrossExamination.objects.filter(
            item__case_id=stage.session.case_id,
            side=side,
            created_at__gte=stage.opens_at,
            created_at__lt=stage.closes_at,
        ).exists()
    return False


def _expected(stage: Stage, side: str) -> bool:
    """Whether anything was expected of this side in this stage (in the inquiry: only a question to it)."""
    if stage.kind == StageKind.INQUIRY:
        return stage.submissions.filter(kind=SubmissionKind.QUESTION, to_side__in=[side, "both"]).exists()
    return True


def _sides_yet_to_act(stage: Stage) -> list[str]:
    return [side for side in SIDES if _expected(stage, side) and not _acted(stage, side)]


def _record_waivers(session: HearingSession, stage: Stage, now: datetime) -> None:
    for side in _sides_yet_to_act(stage):
        _row, made = Waiver.objects.get_or_create(stage=stage, side=side, defaults={"recorded_at": now})
        if made:
            emit(session, "stage.waived", {"stage": stage.pk, "kind": stage.kind, "side": side})


# --- submissions -----------------------------------------------------------------------------------------


def _canonical(sub: Submission) -> bytes:
    body = {
        "session": sub.session_id,
        "number": sub.number,
        "stage": sub.stage_id,
        "kind": sub.kind,
        "side": sub.side,
        "author": sub.author_id,
        "to_side": sub.to_side,
        "in_reply_to": sub.in_reply_to_id,
        "text": sub.text,
        "evidence": sorted(sub.evidence_ids),
        "created_at": sub.created_at.isoformat(),
    }
    if sub.elements:
        body["elements"] = sub.elements
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def chain_hash(sub: Submission) -> str:
    return hashlib.sha256(sub.prev_hash.encode() + _canonical(sub)).hexdigest()


# The submissions that may state positions on the claims' elements.
ELEMENT_KINDS = (SubmissionKind.STATEMENT, SubmissionKind.DEFENCE)


def _element_positions(case: Case, kind: str, elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A party's element positions, checked: on this case's own claims, one position per element."""
    if not elements:
        return []
    if kind not in ELEMENT_KINDS:
        raise field_error("elements", _("Only a statement or a defence states positions on the elements."))
    claims = set(case.claims.filter(withdrawn=False).values_list("pk", flat=True))
    seen: set[tuple[int, str]] = set()
    out = []
    for index, item in enumerate(elements):
        if item["claim"] not in claims:
            raise field_error(f"elements.{index}.claim", _("No such claim in this case."))
        element = item["element"].strip()
        if (item["claim"], element) in seen:
            raise field_error(f"elements.{index}.element", _("This element is stated twice for this claim."))
        seen.add((item["claim"], element))
        out.append({"claim": item["claim"], "element": element, "position": item["position"].strip()})
    return out


@transaction.atomic
def submission_create(
    *,
    session: HearingSession,
    user: User,
    kind: str,
    text: str,
    stage: int | str | None = None,
    evidence: Iterable[int] = (),
    in_reply_to: int | None = None,
    to_side: str = "",
    elements: Iterable[dict[str, Any]] = (),
) -> Submission:
    session = lock_session(session)
    case = session.case
    now = clock.now()
    stages = tick_locked(session, now)
    if session.status != SessionStatus.OPEN:
        raise InvalidTransition(_("This session is not open."))
    text = text.strip()
    if not text:
        raise field_error("text", _("Write something."))
    limit = settings.HEARING_TEXT_LIMIT
    if len(text) > limit:
        raise field_error(
            "text",
            _(
                "This text is %(count)d characters long; at most %(limit)d fit in one submission. "
                "Split it in two."
            )
            % {"count": len(text), "limit": limit},
        )
    if isinstance(stage, str):  # by name: the one of that name open now, else the next, else the last
        named = [s for s in stages if s.kind == stage]
        current = (
            next((s for s in named if stage_open_at(s, now)), None)
            or next((s for s in named if s.opens_at > now and s.status != StageStatus.SKIPPED), None)
            or (named[-1] if named else None)
        )
        if current is None:
            raise field_error("stage", _("This session has no such stage."))
    elif stage is not None:
        current = next((s for s in stages if s.pk == stage), None)
        if current is None:
            raise field_error("stage", _("This session has no such stage."))
    else:
        current = next((s for s in stages if stage_open_at(s, now)), None)
        if current is None:
            raise StageNotOpen(_("No stage of this session is open now."))
    if not stage_open_at(current, now):
        if now >= current.closes_at or current.status == StageStatus.SKIPPED:
            raise StageClosed(_("The window of this stage has closed; nothing more can be submitted to it."))
        raise StageNotOpen(
            _("This stage opens at %(when)s.") % {"when": _local(current.opens_at).strftime("%Y-%m-%d %H:%M")}
        )

    side = party_side(case, user)
    if side is None:
        if not is_tribunal(case, user):
            raise Forbidden(_("Only the parties and the tribunal take part in the hearing."))
        side = ""
        if kind != SubmissionKind.QUESTION:
            raise field_error("kind", _("The tribunal asks questions; the parties state, prove and answer."))
        if to_side not in (*SIDES, "both"):
            raise field_error("to_side", _("Say whom the question is for: applicant, respondent or both."))
    else:
        if current_consents(session).get(side) is not True:
            raise Conflict(_("Confirm that you take part in this session first."), code="consent_required")
        allowed = PARTY_KINDS[current.kind][side] | {SubmissionKind.ANSWER}
        if kind not in allowed:
            raise field_error(
                "kind",
                _("In the %(stage)s stage you may submit: %(kinds)s.")
                % {
                    "stage": current.get_kind_display(),
                    "kinds": "、".join(str(SubmissionKind(k).label) for k in sorted(allowed)),
                },
            )
        to_side = ""
    question = None
    if kind == SubmissionKind.ANSWER:
        question = Submission.objects.filter(
            pk=in_reply_to or 0, session=session, kind=SubmissionKind.QUESTION
        ).first()
        if question is None:
            raise field_error("in_reply_to", _("An answer replies to one of the tribunal's questions."))
        if question.to_side not in (side, "both"):
            raise field_error("in_reply_to", _("This question was put to the other side."))
    elif in_reply_to is not None:
        raise field_error("in_reply_to", _("Only answers reply to a question."))

    evidence_ids = sorted(set(evidence))
    if kind == SubmissionKind.EVIDENCE and not evidence_ids:
        raise field_error("evidence", _("Attach the evidence items this submission presents."))
    items = list(EvidenceItem.objects.filter(pk__in=evidence_ids, case=case, status=EvidenceStatus.AVAILABLE))
    if len(items) != len(evidence_ids) or any(side and i.side != side for i in items):
        raise field_error("evidence", _("Attach only your own side's available evidence of this case."))

    positions = _element_positions(case, kind, list(elements))

    last = session.submissions.order_by("-number").first()
    sub = Submission(
        session=session,
        stage=current,
        number=(last.number + 1) if last else 1,
        kind=kind,
        side=side,
        author=user,
        to_side=to_side,
        in_reply_to=question,
        text=text,
        evidence_ids=evidence_ids,
        elements=positions,
        created_at=now,
        prev_hash=last.hash if last else GENESIS,
    )
    sub.hash = chain_hash(sub)
    sub.save(force_insert=True)
    if items:
        sub.evidence.set(items)
    sealed = current.sealed and side != "" and kind != SubmissionKind.ANSWER
    emit(
        session,
        "submission.created",
        {"submission": sub.pk, "number": sub.number, "kind": kind, "side": side, "stage": current.pk},
        audience=side if sealed else "",
    )
    others = [s for s in SIDES if s != side]
    if kind == SubmissionKind.QUESTION:
        targets = SIDES if to_side == "both" else (to_side,)
        for target in targets:
            tell(
                case,
                side_users(case, target),
                "hearing.question",
                Message(gettext_noop("the tribunal has asked you a question")),
            )
    elif not sealed:
        for other in others:
            tell(
                case,
                side_users(case, other),
                "hearing.submission",
                Message(gettext_noop("the other side has made a submission in the hearing")),
            )
    return sub


def verify_chain(session: HearingSession) -> list[str]:
    """Every problem with the session's record: a changed entry, a broken link, a gap."""
    problems: list[str] = []
    previous = GENESIS
    expected_number = 1
    for sub in Submission.objects.filter(session=session).order_by("number"):
        if sub.number != expected_number:
            problems.append(f"#{sub.number}: expected entry #{expected_number} here (an entry is missing)")
        if sub.prev_hash != previous:
            problems.append(f"#{sub.number}: does not follow the entry before it")
        if chain_hash(sub) != sub.hash:
            problems.append(f"#{sub.number}: its content was changed after it was submitted")
        previous = sub.hash
        expected_number = sub.number + 1
    return problems


# --- the tribunal's hand on the windows --------------------------------------------------------------------


@transaction.atomic
def stage_adjust(
    *,
    session: HearingSession,
    stage_id: int,
    user: User,
    action: str,
    reason: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Stage:
    """Extend, skip or repeat a stage, with the reason on the record."""
    session = lock_session(session)
    case = session.case
    now = clock.now()
    if not is_presiding(case, user):
        raise Forbidden(_("Only the presiding arbitrator changes the windows."))
    if session.status != SessionStatus.OPEN:
        raise InvalidTransition(_("This session is not open."))
    if not reason.strip():
        raise field_error("reason", _("Give the reason; it goes on the record."))
    tick_locked(session, now)
    stage = Stage.objects.select_for_update().filter(session=session, pk=stage_id).first()
    if stage is None:
        raise field_error("stage", _("This session has no such stage."))
    if action == "extend":
        if closes_at is None or closes_at <= max(stage.closes_at, now):
            raise field_error(
                "closes_at", _("The new closing time must be later than the current one and than now.")
            )
        if stage.status == StageStatus.CLOSED:
            raise Conflict(_("This stage has closed; repeat it instead."))
        stage.closes_at = closes_at
        stage.reminded_at = None
        stage.save(update_fields=["closes_at", "reminded_at"])
        emit(
            session,
            "stage.extended",
            {"stage": stage.pk, "closes_at": closes_at.isoformat(), "reason": reason},
        )
    elif action == "skip":
        if stage.status == StageStatus.CLOSED:
            raise Conflict(_("This stage has already closed."))
        stage.status = StageStatus.SKIPPED
        stage.closed_at = now
        stage.save(update_fields=["status", "closed_at"])
        emit(session, "stage.skipped", {"stage": stage.pk, "reason": reason})
    elif action == "repeat":
        if opens_at is None or closes_at is None or closes_at <= opens_at or closes_at <= now:
            raise field_error("closes_at", _("Give a window that closes after it opens, in the future."))
        last = session.stages.order_by("-position").first()
        stage = Stage.objects.create(
            session=session,
            kind=stage.kind,
            position=(last.position + 1) if last else 0,
            opens_at=opens_at,
            closes_at=closes_at,
            sealed=stage.sealed,
        )
        emit(session, "stage.repeated", {"stage": stage.pk, "kind": stage.kind, "reason": reason})
        tick_locked(session, now)
    else:
        raise field_error("action", _("Choose extend, skip or repeat."))
    return stage


# --- ending ----------------------------------------------------------------------------------------------


@transaction.atomic
def session_nothing_to_add(*, session: HearingSession, user: User) -> HearingSession:
    session = lock_session(session)
    side = party_side(session.case, user)
    if side is None:
        raise Forbidden(_("Only a party declares it has nothing to add."))
    if session.status != SessionStatus.OPEN:
        raise InvalidTransition(_("This session is not open."))
    _row, made = NothingToAdd.objects.get_or_create(
        session=session, side=side, defaults={"user": user, "at": clock.now()}
    )
    if not made:
        raise Conflict(_("Your side has already said so."))
    emit(session, "nothing_to_add", {"side": side})
    return session


@transaction.atomic
def session_close(*, session: HearingSession, user: User, reason: str = "") -> HearingSession:
    """The tribunal closes the session (all windows done, or both sides have nothing to add) and the case
    goes to deliberation (径行裁决)."""
    from hearings.services import case_conclude_hearing

    session = lock_session(session)
    case = session.case
    now = clock.now()
    if not is_presiding(case, user):
        raise Forbidden(_("Only the presiding arbitrator closes the session."))
    if session.status != SessionStatus.OPEN:
        raise InvalidTransition(_("This session is not open."))
    tick_locked(session, now)
    pending = [s for s in session.stages.all() if s.status in (StageStatus.SCHEDULED, StageStatus.OPEN)]
    both_done = set(session.nothing_to_add.values_list("side", flat=True)) >= set(SIDES)
    if pending and not both_done:
        raise ApplicationError(
            _(
                "Some windows are still to come or open; close early only once both sides say they have "
                "nothing to add."
            ),
            code="stages_pending",
            status_code=409,
        )
    for stage in pending:
        Stage.objects.filter(pk=stage.pk).update(status=StageStatus.CLOSED, closed_at=now)
    HearingSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.CLOSED, ended_at=now, end_reason=reason
    )
    session.status = SessionStatus.CLOSED
    emit(session, "session.closed", {"reason": reason})
    case_conclude_hearing(
        case=case,
        user=user,
        reason=reason or Message(gettext_noop("The asynchronous hearing session closed.")),
    )
    return session


@transaction.atomic
def session_convert(*, session: HearingSession, user: User, reason: str) -> HearingSession:
    session = lock_session(session)
    if not is_presiding(session.case, user):
        raise Forbidden(_("Only the presiding arbitrator converts the session."))
    if session.status not in (SessionStatus.OPEN, SessionStatus.PROPOSED):
        raise InvalidTransition(_("This session has ended."))
    if not reason.strip():
        raise field_error("reason", _("Give the reason; it goes on the record."))
    _convert(session, user, reason)
    return session


def _convert(session: HearingSession, user: User, reason: str) -> None:
    """End the session as converted and ask the tribunal to schedule an oral hearing (≥ 5 days' notice)."""
    now = clock.now()
    HearingSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.CONVERTED, ended_at=now, end_reason=reason
    )
    session.status = SessionStatus.CONVERTED
    emit(session, "session.converted", {"reason": reason})
    case = lock_case(session.case)
    record_event(case, EVENT_CONVERTED, user, reason=reason, data={"session": session.pk})
    tell(
        case,
        tribunal_users(case),
        "hearing.converted",
        Message(
            gettext_noop(
                "the asynchronous hearing was converted: please schedule an oral hearing "
                "(at least 5 days' notice)"
            )
        ),
    )
    tell(
        case,
        side_users(case, Side.APPLICANT, Side.RESPONDENT),
        "hearing.converted",
        Message(gettext_noop("the case will be heard orally; the tribunal will send the hearing notice")),
    )


def on_case_event(sender: Any, case: Case, event: Any, **kwargs: Any) -> None:
    """Withdrawing the case-level consent to an asynchronous hearing converts the live session."""
    if event.kind != "record_consent" or case.status != Status.ASYNC_HEARING:
        return
    if (event.data or {}).get("async_hearing") is not False:
        return
    session = HearingSession.objects.filter(
        case=case, status__in=[SessionStatus.OPEN, SessionStatus.PROPOSED]
    ).first()
    side = (event.data or {}).get("side")
    if session is None:
        tell(
            case,
            tribunal_users(case),
            "hearing.converted",
            Message(
                gettext_noop(
                    "a party withdrew its consent to the asynchronous hearing: "
                    "please schedule an oral hearing"
                )
            ),
        )
        return
    session = lock_session(session)
    label = Side(side).label if side in SIDES else ""
    SessionConsent.objects.create(
        session=session, side=side or "", agree=False, user=event.actor, how="online", at=clock.now()
    )
    emit(session, "consent.recorded", {"side": side, "agree": False})
    _convert(
        session,
        event.actor,
        _("%(side)s withdrew its consent to the asynchronous hearing.") % {"side": label},
    )


def tick_all() -> int:
    """The periodic job: every open session brought up to the clock."""
    count = 0
    for session in HearingSession.objects.filter(status=SessionStatus.OPEN).only("pk"):
        tick(session)
        count += 1
    return count
