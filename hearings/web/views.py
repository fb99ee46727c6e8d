"""The hearing pages: the party's hearing room (phone first) and the tribunal's console.

Visibility first (a session the user may not see is a 404, from ``hearings.selectors``), then the
service; the forms validate with the API's input shapes (``hearings.web.forms``). A refusal re-renders
the page with the message in the page's language and the service's status (409 for a closed window, 400
for a field). Both pages update live: ``static/hearings/live.js`` listens on the session's WebSocket and
re-fetches the parts that changed from ``hearing_live``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import PARTY_ROLES, has_role
from cases import selectors as case_selectors
from cases.models import Case, Side, Status
from cases.web.case_pages import case_label
from core import clock
from core.errors import ApplicationError, Conflict
from core.web.forms import attempt, describe
from evidence import selectors as evidence_selectors
from evidence.models import CrossExamination, EvidenceItem
from evidence.models import Status as EvidenceStatus
from hearings import selectors, sessions
from hearings.inputs import ConsentSerializer, SessionDecisionSerializer
from hearings.models import (
    HearingSession,
    SessionStatus,
    Stage,
    StageKind,
    StageStatus,
    Submission,
    SubmissionKind,
)
from hearings.web.forms import (
    AnswerForm,
    QuestionForm,
    ReasonForm,
    StageAdjustForm,
    SubmissionForm,
    WindowsForm,
)

T = TypeVar("T")


def _is_party(user: User) -> bool:
    return has_role(user, PARTY_ROLES)


def _home_of(session: HearingSession, user: User) -> str:
    name = "hearing-room" if _is_party(user) else "hearing-console"
    return reverse(name, args=[session.pk])


def _local(moment: datetime) -> str:
    return moment.astimezone(clock.LEGAL_TZ).strftime("%Y-%m-%d %H:%M")


# --- what the pages show -----------------------------------------------------------------------------------


@dataclass
class Entry:
    """One submission of the record as this viewer reads it."""

    sub: Submission
    mine: bool
    reply_to: int | None  # the number of the question an answer replies to
    who: str  # the side's name, or the tribunal
    to: str = ""  # a question's addressee
    answered: bool = False  # a question this viewer's side has answered
    answer_form: AnswerForm | None = None


@dataclass
class StageRow:
    stage: Stage
    current: bool
    sides: list[dict[str, str]] = field(default_factory=list)
    form: StageAdjustForm | None = None


@dataclass
class Record:
    session: HearingSession
    now: datetime
    stages: list[Stage]
    current: Stage | None
    upcoming: Stage | None
    consents: dict[str, bool | None]
    side: str | None
    entries: list[Entry]
    nothing_to_add: set[str]

    @property
    def live(self) -> bool:
        return self.session.status == SessionStatus.OPEN


def _side_name(side: str) -> str:
    if side == "both":
        return _("Both sides")
    return str(Side(side).label) if side in Side.values else _("Tribunal")


def _record(session: HearingSession, user: User) -> Record:
    """Everything both pages show, in a fixed number of queries whatever the record's length."""
    now = clock.now()
    stages = list(session.stages.prefetch_related("waivers"))
    current = next((s for s in stages if sessions.stage_open_at(s, now)), None)
    upcoming = next(
        (s for s in stages if s.status == StageStatus.SCHEDULED and s.opens_at > now),
        None,
    )
    side = selectors.viewer_side(session, user)
    subs = list(selectors.submissions_for(session, user, stages))
    numbers = {s.pk: s.number for s in subs}
    answered_by_me = {
        s.in_reply_to_id for s in subs if s.kind == SubmissionKind.ANSWER and side and s.side == side
    }
    entries = []
    for sub in subs:
        entry = Entry(
            sub=sub,
            mine=bool(side) and sub.side == side,
            reply_to=numbers.get(sub.in_reply_to_id) if sub.in_reply_to_id else None,
            who=_side_name(sub.side),
            to=_side_name(sub.to_side) if sub.to_side else "",
        )
        if sub.kind == SubmissionKind.QUESTION:
            entry.answered = sub.pk in answered_by_me
        entries.append(entry)
    return Record(
        session=session,
        now=now,
        stages=stages,
        current=current,
        upcoming=upcoming,
        consents=sessions.current_consents(session),
        side=side,
        entries=entries,
        nothing_to_add=set(session.nothing_to_add.values_list("side", flat=True)),
    )


def _kinds_for(record: Record) -> list[tuple[str, str]]:
    """What this party may submit now (answers go under their questions)."""
    if record.current is None or record.side is None or not record.live:
        return []
    allowed = sessions.PARTY_KINDS[record.current.kind][record.side]
    return [(k, str(SubmissionKind(k).label)) for k in SubmissionKind.values if k in allowed]


def _claims(session: HearingSession) -> list[tuple[int, str]]:
    """The case's claims a statement or defence may state element positions on."""
    return [
        (c.pk, c.description) for c in session.case.claims.filter(withdrawn=False).order_by("position", "id")
    ]


def _my_evidence(record: Record, user: User) -> list[tuple[int, str]]:
    items: list[EvidenceItem] = list(
        evidence_selectors.catalogue(user, record.session.case_id).filter(
            side=record.side, status=EvidenceStatus.AVAILABLE
        )
    )
    return [(i.pk, _("No. %(number)s · %(title)s") % {"number": i.number, "title": i.title}) for i in items]


def _time_attrs(record: Record) -> dict[str, Any]:
    """The deadline the page counts down to, and what it is."""
    if record.current is not None:
        return {"deadline": record.current.closes_at, "deadline_label": _("This window closes in")}
    if record.upcoming is not None:
        return {"deadline": record.upcoming.opens_at, "deadline_label": _("The next window opens in")}
    return {"deadline": None, "deadline_label": ""}


def _script(session: HearingSession, view: str) -> dict[str, Any]:
    """What ``live.js`` needs, its messages in the page's language (no JavaScript catalogue needed)."""
    return {
        "socket": f"/ws/hearing-sessions/{session.pk}/",
        "events": reverse("api-hearing-events", args=[session.pk]),
        "live": f"{reverse('hearing-live', args=[session.pk])}?view={view}",
        "lastSeq": session.last_seq,
        "messages": {
            "days": _("%(days)s d"),
            "closed": _("Time is up."),
            "offline": _("Live updates paused; reconnecting…"),
            "online": _("Live"),
            "updated": _("New in the record."),
        },
    }


# --- the party's hearing room ------------------------------------------------------------------------------


def _room(
    request: AuthenticatedHttpRequest,
    session: HearingSession,
    *,
    form: SubmissionForm | None = None,
    answer: AnswerForm | None = None,
    error: ApplicationError | None = None,
    part_only: bool = False,
) -> HttpResponse:
    user = request.user
    record = _record(session, user)
    kinds = _kinds_for(record)
    consented = record.side is not None and record.consents.get(record.side) is True
    open_questions = [
        e
        for e in record.entries
        if e.sub.kind == SubmissionKind.QUESTION and e.sub.to_side in (record.side, "both") and not e.answered
    ]
    if consented and record.current is not None and record.live:
        for entry in open_questions:
            if answer is not None and answer.initial.get("in_reply_to") == entry.sub.pk:
                entry.answer_form = answer
            else:
                entry.answer_form = AnswerForm(question=entry.sub.pk)
    if form is None and consented and kinds:
        form = SubmissionForm(
            kinds=kinds,
            evidence=_my_evidence(record, user),
            claims=_claims(session),
            initial={"stage": record.current.pk if record.current else None, "kind": kinds[0][0]},
        )
    case = session.case
    context = {
        "case": case,
        "label": case_label(case),
        "session": session,
        "record": record,
        "kinds": kinds,
        "consented": consented,
        "side_label": Side(record.side).label if record.side else "",
        "open_questions": open_questions,
        "form": form if consented and kinds else None,
        "can_upload": record.live and case.status not in (Status.CLOSED,),
        "may_withdraw": consented and record.live and record.current is None,
        "said_nothing_to_add": record.side in record.nothing_to_add,
        "error": error,
        "error_message": describe(error) if error else "",
        "script": _script(session, "room"),
        "view": "room",
        **_time_attrs(record),
    }
    status = error.status_code if error else (400 if form is not None and form.is_bound else 200)
    if part_only:
        return render(request, "hearings/_live.html", context)
    return render(request, "hearings/room.html", context, status=status)


def _visible(request: AuthenticatedHttpRequest, pk: int) -> HearingSession:
    """The session, visible to this user (404 otherwise), its windows brought up to the clock."""
    return sessions.tick(selectors.session_get(request.user, pk))


@login_required
@require_GET
def hearing_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The case's hearing: its latest session (the room or the console), or how one starts."""
    case = case_selectors.case_get(request.user, pk)
    session = selectors.sessions_visible_to(request.user).filter(case=case).first()
    if session is not None and session.status != SessionStatus.DECLINED:
        return redirect(_home_of(session, request.user))
    return _start_page(request, case, declined=session)


def _start_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    declined: HearingSession | None = None,
    windows: WindowsForm | None = None,
    error: ApplicationError | None = None,
) -> HttpResponse:
    user = request.user
    presiding = sessions.is_presiding(case, user)
    context = {
        "case": case,
        "label": case_label(case),
        "in_async": case.status == Status.ASYNC_HEARING,
        "party": _is_party(user) and case.side_of(user) is not None,
        "presiding": presiding,
        "declined": declined,
        "windows": windows or (WindowsForm(initial=_default_windows()) if presiding else None),
        "error_message": describe(error) if error else "",
    }
    return render(request, "hearings/start.html", context, status=error.status_code if error else 200)


def _default_windows() -> list[dict[str, Any]]:
    """A suggestion the arbitrator adjusts: three days for each stage, from tomorrow 09:00 Beijing time."""
    start = clock.now().astimezone(clock.LEGAL_TZ).replace(hour=9, minute=0, second=0, microsecond=0)
    start += timedelta(days=1)
    rows = []
    for i, kind in enumerate(
        [StageKind.STATEMENTS, StageKind.EVIDENCE, StageKind.CROSS_EXAMINATION, StageKind.FINAL_STATEMENTS]
    ):
        opens = start + timedelta(days=3 * i)
        rows.append({"stage": kind, "opens_at": opens, "closes_at": opens + timedelta(days=3)})
    return rows


@login_required
@require_POST
def hearing_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get(request.user, pk)
    windows = WindowsForm(request.POST)
    if not windows.is_valid():
        return _start_page(request, case, windows=windows, error=ApplicationError(_("Invalid input.")))
    session, error = attempt(
        lambda: sessions.session_open(case=case, user=request.user, stages=windows.validated)
    )
    if error is not None:
        windows.add_errors(error.fields)
        return _start_page(request, case, windows=windows, error=error)
    assert session is not None
    messages.success(request, _("The hearing session is open; the parties have been asked to take part."))
    return redirect("hearing-console", session.pk)


@login_required
@require_POST
def hearing_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get(request.user, pk)
    session, error = attempt(
        lambda: sessions.session_apply(case=case, user=request.user, reason=request.POST.get("reason", ""))
    )
    if error is not None:
        return _start_page(request, case, error=error)
    assert session is not None
    messages.success(request, _("Your application was sent to the tribunal."))
    return redirect("hearing-room", session.pk)


@login_required
@require_GET
def hearing_room(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    if not _is_party(request.user):
        return redirect("hearing-console", session.pk)
    return _room(request, session)


@login_required
@require_GET
def hearing_live(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The parts of a page that change as the session moves, for ``live.js`` (no full reload)."""
    session = _visible(request, pk)
    if request.GET.get("view") == "console" and not _is_party(request.user):
        return _console(request, session, part_only=True)
    return _room(request, session, part_only=True)


def _after(
    request: AuthenticatedHttpRequest, session: HearingSession, anchor: str = "record"
) -> HttpResponse:
    return redirect(f"{_home_of(session, request.user)}#{anchor}")


@login_required
@require_POST
def hearing_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A party's submission, or its answer to a question (in place, under the question)."""
    session = _visible(request, pk)
    if not _is_party(request.user):
        raise PermissionDenied
    record = _record(session, request.user)
    answer: AnswerForm | None = None
    form: SubmissionForm | None = None
    current: Any
    if "in_reply_to" in request.POST and "kind" not in request.POST:
        question = _int(request.POST.get("in_reply_to"))
        answer = AnswerForm(request.POST, question=question, initial={"in_reply_to": question})
        current = answer
    else:
        form = SubmissionForm(
            request.POST,
            kinds=_kinds_for(record) or _all_kinds(),
            evidence=_my_evidence(record, request.user),
            claims=_claims(session),
        )
        current = form
    if not current.is_valid():
        return _room(request, session, form=form, answer=answer, error=ApplicationError(_("Invalid input.")))
    sub, error = attempt(
        lambda: sessions.submission_create(session=session, user=request.user, **current.validated)
    )
    if error is not None:
        current.add_field_errors(error.fields)
        return _room(request, session, form=form, answer=answer, error=error)
    assert sub is not None
    messages.success(request, _("Submitted at %(when)s as No. %(number)s of the record.") % _when_number(sub))
    return redirect(f"{reverse('hearing-room', args=[session.pk])}#entry-{sub.number}")


def _when_number(sub: Submission) -> dict[str, Any]:
    return {"when": _local(sub.created_at), "number": sub.number}


def _all_kinds() -> list[tuple[str, str]]:
    return [(str(k), str(label)) for k, label in SubmissionKind.choices]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _simple(
    request: AuthenticatedHttpRequest,
    session: HearingSession,
    call: Callable[[], T],
    done: str,
) -> HttpResponse:
    """Run a service without a form of its own; a refusal re-renders the user's page with the message."""
    _result, error = attempt(call)
    if error is not None:
        if _is_party(request.user):
            return _room(request, session, error=error)
        return _console(request, session, error=error)
    messages.success(request, done)
    return _after(request, session, "top")


@login_required
@require_POST
def hearing_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    serializer = ConsentSerializer(data={"agree": request.POST.get("agree", "")})
    if not serializer.is_valid():
        return _room(request, session, error=Conflict(_("Choose whether you take part.")))
    agree = serializer.validated_data["agree"]
    done = (
        _("You take part in the asynchronous hearing.")
        if agree
        else _("You withdrew your consent: the case will be heard orally.")
    )
    return _simple(
        request,
        session,
        lambda: sessions.session_consent(session=session, user=request.user, agree=agree),
        done,
    )


@login_required
@require_POST
def hearing_nothing_to_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    return _simple(
        request,
        session,
        lambda: sessions.session_nothing_to_add(session=session, user=request.user),
        _("Recorded: your side has nothing more to add."),
    )


# --- the tribunal's console ---------------------------------------------------------------------------------


def _acted(record: Record, case_id: int) -> dict[int, set[str]]:
    """Which sides acted in each stage: a submission in it, or (cross-examination) an opinion in its
    window — the same rule as the waivers (``sessions._acted``), in two queries for all stages."""
    acted: dict[int, set[str]] = {s.pk: set() for s in record.stages}
    for entry in record.entries:
        if entry.sub.side:
            acted.setdefault(entry.sub.stage_id, set()).add(entry.sub.side)
    cross = [s for s in record.stages if s.kind == StageKind.CROSS_EXAMINATION]
    if cross:
        opinions = list(
            CrossExamination.objects.filter(item__case_id=case_id).values_list("side", "created_at")
        )
        for stage in cross:
            for side, at in opinions:
                if stage.opens_at <= at < stage.closes_at:
                    acted[stage.pk].add(side)
    return acted


def _stage_rows(
    record: Record, *, presiding: bool, failed: dict[int, StageAdjustForm] | None = None
) -> list[StageRow]:
    acted = _acted(record, record.session.case_id)
    asked: dict[int, set[str]] = defaultdict(set)
    for e in record.entries:
        if e.sub.kind == SubmissionKind.QUESTION:
            asked[e.sub.stage_id] |= set(sessions.SIDES) if e.sub.to_side == "both" else {e.sub.to_side}
    rows = []
    for stage in record.stages:
        waived = {w.side for w in stage.waivers.all()}
        sides = []
        for side in sessions.SIDES:
            if side in acted.get(stage.pk, set()):
                state, text = "acted", _("acted")
            elif side in waived:
                state, text = "waived", _("waived")
            elif stage.kind == StageKind.INQUIRY and side not in asked.get(stage.pk, set()):
                state, text = "none", _("nothing asked")
            elif stage.status == StageStatus.SKIPPED:
                state, text = "none", _("skipped")
            elif stage.status == StageStatus.SCHEDULED:
                state, text = "none", _("not yet open")
            else:
                state, text = "pending", _("not yet")
            sides.append({"side": side, "label": str(Side(side).label), "state": state, "text": text})
        row = StageRow(stage=stage, current=stage == record.current, sides=sides)
        if presiding and record.live and stage.status != StageStatus.SKIPPED:
            row.form = (failed or {}).get(stage.pk) or StageAdjustForm(stage=stage.pk)
        rows.append(row)
    return rows


def _console(
    request: AuthenticatedHttpRequest,
    session: HearingSession,
    *,
    question: QuestionForm | None = None,
    adjust: dict[int, StageAdjustForm] | None = None,
    close: ReasonForm | None = None,
    convert: ReasonForm | None = None,
    windows: WindowsForm | None = None,
    error: ApplicationError | None = None,
    part_only: bool = False,
) -> HttpResponse:
    user = request.user
    if _is_party(user):
        raise PermissionDenied
    case = session.case
    record = _record(session, user)
    presiding = sessions.is_presiding(case, user)
    acting = presiding and record.live
    consents = [
        {"side": side, "label": str(Side(side).label), "agree": record.consents.get(side)}
        for side in sessions.SIDES
    ]
    context = {
        "case": case,
        "label": case_label(case),
        "session": session,
        "record": record,
        "presiding": presiding,
        "acting": acting,
        "consents": consents,
        "nothing_to_add": [str(Side(s).label) for s in sessions.SIDES if s in record.nothing_to_add],
        "stage_rows": _stage_rows(record, presiding=presiding, failed=adjust),
        "question": (question or QuestionForm()) if acting and record.current else None,
        "close": (close or ReasonForm(name="close")) if acting else None,
        "convert": (convert or ReasonForm(name="convert"))
        if presiding and session.status in (SessionStatus.OPEN, SessionStatus.PROPOSED)
        else None,
        "deciding": presiding and session.status == SessionStatus.PROPOSED,
        "windows": windows or WindowsForm(initial=_default_windows()),
        "error": error,
        "error_message": describe(error) if error else "",
        "script": _script(session, "console"),
        "view": "console",
        **_time_attrs(record),
    }
    if part_only:
        return render(request, "hearings/_live.html", context)
    return render(request, "hearings/console.html", context, status=error.status_code if error else 200)


@login_required
@require_GET
def hearing_console(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    if _is_party(request.user):
        raise PermissionDenied
    return _console(request, session)


@login_required
@require_POST
def hearing_question(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _console(request, session, question=form, error=ApplicationError(_("Invalid input.")))
    sub, error = attempt(
        lambda: sessions.submission_create(session=session, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _console(request, session, question=form, error=error)
    assert sub is not None
    messages.success(
        request, _("Question asked at %(when)s as No. %(number)s of the record.") % _when_number(sub)
    )
    return _after(request, session)


@login_required
@require_POST
def hearing_stage(request: AuthenticatedHttpRequest, pk: int, stage_id: int) -> HttpResponse:
    session = _visible(request, pk)
    form = StageAdjustForm(request.POST, stage=stage_id)
    if not form.is_valid():
        return _console(
            request, session, adjust={stage_id: form}, error=ApplicationError(_("Invalid input."))
        )
    _stage, error = attempt(
        lambda: sessions.stage_adjust(session=session, stage_id=stage_id, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _console(request, session, adjust={stage_id: form}, error=error)
    messages.success(request, _("The change to the stage is on the record."))
    return _after(request, session, "stages")


@login_required
@require_POST
def hearing_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    form = ReasonForm(request.POST, name="close")
    if not form.is_valid():
        return _console(request, session, close=form, error=ApplicationError(_("Invalid input.")))
    _done, error = attempt(
        lambda: sessions.session_close(session=session, user=request.user, **form.validated)
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _console(request, session, close=form, error=error)
    messages.success(request, _("The session is closed; the case goes to deliberation."))
    return _after(request, session, "top")


@login_required
@require_POST
def hearing_convert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = _visible(request, pk)
    form = ReasonForm(request.POST, name="convert")
    if not form.is_valid():
        return _console(request, session, convert=form, error=ApplicationError(_("Invalid input.")))
    _done, error = attempt(
        lambda: sessions.session_convert(session=session, user=request.user, reason=form.validated["reason"])
    )
    if error is not None:
        form.add_field_errors(error.fields)
        return _console(request, session, convert=form, error=error)
    messages.success(request, _("The session was converted; schedule the oral hearing."))
    return _after(request, session, "top")


@login_required
@require_POST
def hearing_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Approve a party's application (with the windows) or decline it (with the reason)."""
    session = _visible(request, pk)
    approve = request.POST.get("approve") == "true"
    windows = WindowsForm(request.POST)
    stages: list[dict[str, Any]] = []
    if approve:
        if not windows.is_valid():
            return _console(request, session, windows=windows, error=ApplicationError(_("Invalid input.")))
        stages = windows.validated
    decision = SessionDecisionSerializer(data={"approve": approve, "reason": request.POST.get("reason", "")})
    reason = decision.validated_data["reason"] if decision.is_valid() else ""
    _done, error = attempt(
        lambda: sessions.session_decide_application(
            session=session, user=request.user, approve=approve, stages=stages, reason=reason
        )
    )
    if error is not None:
        windows.add_errors(error.fields)
        return _console(request, session, windows=windows, error=error)
    messages.success(
        request,
        _("The application is approved; the session is open.")
        if approve
        else _("The application is declined."),
    )
    return _after(request, session, "top")
