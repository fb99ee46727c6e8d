"""Linked cases (串案, 集约处理): proposing, linking, unlinking, and one step taken on every member.

A group is not a collective dispute: each member stays its own case, and every step on the group is the
member's own step, taken by its own service (``case_accept``, ``case_serve_application``…), recorded on
its own timeline. ``group_act`` runs a registered group action (``cases.registry.GROUP_ACTIONS``) member
by member, each in a savepoint of its own: a member the step does not fit (wrong status: 409; not this
user's: 403; a guard's reason: 400) is refused alone and the others proceed; a member that has ended
(withdrawn, settled, closed) has left the group's later steps and is not tried.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.models import Party, PartyKind, User
from accounts.roles import COUNTER_ROLES, has_role
from cases.models import (
    Case,
    CaseGroup,
    CaseParty,
    Claim,
    EventKind,
    GroupProposal,
    ProposalStatus,
    Side,
)
from cases.models.case import TERMINAL
from cases.registry import GROUP_ACTIONS, GroupAction
from cases.services.kernel import record_event
from cases.services.tribunal import arbitrators_by_id
from core import clock, outbox
from core.calendar import one_calendar
from core.errors import ApplicationError, Conflict, Forbidden, NotFound, as_application_error, field_error

# What a member's step may raise when it refuses that member (the rest proceed); anything else is a bug.
REFUSALS = (ApplicationError, Http404, TransitionNotAllowed, ConcurrentTransition, IntegrityError)
# A group action's claim older than this is taken as abandoned (a process killed mid-run).
GROUP_ACTION_CLAIM = timedelta(minutes=30)

# --- who is against whom -------------------------------------------------------------------------------


def respondent_codes(case_ids: list[int]) -> dict[int, set[str]]:
    """The credit codes of each case's organisation respondents (one query)."""
    found: dict[int, set[str]] = {pk: set() for pk in case_ids}
    rows = CaseParty.objects.filter(
        case_id__in=case_ids, side=Side.RESPONDENT, party__kind=PartyKind.ORGANISATION
    ).values_list("case_id", "party__credit_code")
    for case_id, code in rows:
        if code:
            found[case_id].add(code)
    return found


def _categories(case_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for case_id, category in Claim.objects.filter(case_id__in=case_ids, withdrawn=False).values_list(
        "case_id", "category"
    ):
        found[case_id].add(category)
    return found


def _respondent_name(code: str) -> str:
    return Party.objects.filter(credit_code=code).values_list("name", flat=True).first() or ""


# --- proposals -----------------------------------------------------------------------------------------


def _linkable() -> Any:
    """Open cases not in a group and not collective disputes: what a proposal may name."""
    return Case.objects.exclude(status__in=TERMINAL).filter(case_group__isnull=True, is_collective=False)


def _components(
    cases: list[tuple[int, datetime]], categories: dict[int, set[str]], window: timedelta
) -> list[list[int]]:
    """Groups of cases joined by pairs received within ``window`` of each other on a shared category."""
    parent = {pk: pk for pk, _at in cases}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    ordered = sorted(cases, key=lambda row: row[1])
    for i, (a, at_a) in enumerate(ordered):
        for b, at_b in ordered[i + 1 :]:
            if at_b - at_a > window:
                break
            if categories.get(a, set()) & categories.get(b, set()):
                parent[find(a)] = find(b)
    components: dict[int, list[int]] = defaultdict(list)
    for pk, _at in ordered:
        components[find(pk)].append(pk)
    return [sorted(c) for c in components.values() if len(c) >= 2]


@transaction.atomic
def group_proposals_refresh(*, codes: list[str] | None = None) -> list[GroupProposal]:
    """Propose (or bring up to date) the links among open cases against the same employers.

    Cases against one credit code, received within ``CASE_GROUP_WINDOW_DAYS`` of one another and sharing
    a claim category, form one proposal. A pending proposal follows its cases as more are filed or some
    end; a dismissed one is not proposed again unless a new case joins its cases. Runs on every filing
    for the employer filed against (``on_case_event``), and for every employer from ``manage.py``/tests.
    """
    window = timedelta(days=settings.CASE_GROUP_WINDOW_DAYS)
    if codes is not None:
        # Two applications against one employer filed at the same moment: their refreshes queue on the
        # employer's row, so that they do not both propose the same cases.
        list(Party.objects.select_for_update().filter(credit_code__in=codes).order_by("pk").values_list("pk"))
    parties = CaseParty.objects.filter(
        side=Side.RESPONDENT,
        party__kind=PartyKind.ORGANISATION,
        party__credit_code__isnull=False,
        case__in=_linkable(),
    )
    if codes is not None:
        parties = parties.filter(party__credit_code__in=codes)
    by_code: dict[str, list[tuple[int, datetime]]] = defaultdict(list)
    names: dict[str, str] = {}
    for case_id, code, name, received_at in parties.values_list(
        "case_id", "party__credit_code", "party__name", "case__received_at"
    ):
        if not code:
            continue
        by_code[code].append((case_id, received_at))
        names[code] = name
    categories = _categories([pk for rows in by_code.values() for pk, _at in rows])
    now = clock.now()
    scope = GroupProposal.objects.filter(status__in=[ProposalStatus.PENDING, ProposalStatus.DISMISSED])
    if codes is not None:
        scope = scope.filter(respondent_code__in=codes)
    existing: dict[str, list[tuple[GroupProposal, set[int]]]] = defaultdict(list)
    for proposal in scope.prefetch_related("cases"):
        existing[proposal.respondent_code].append((proposal, {c.pk for c in proposal.cases.all()}))
    touched: list[GroupProposal] = []
    kept: set[int] = set()
    for code in sorted(set(by_code) | set(existing)):
        for component in _components(by_code.get(code, []), categories, window):
            members = set(component)
            shared = set.intersection(*(categories[pk] for pk in component)) or set.union(
                *(categories[pk] for pk in component)
            )
            if any(p.status == ProposalStatus.DISMISSED and members <= ids for p, ids in existing[code]):
                continue
            pending = next(
                (
                    p
                    for p, ids in existing[code]
                    if p.status == ProposalStatus.PENDING and ids & members and p.pk not in kept
                ),
                None,
            )
            if pending is None:
                pending = GroupProposal.objects.create(
                    respondent_code=code,
                    respondent_name=names.get(code, ""),
                    categories=sorted(shared),
                    created_at=now,
                    updated_at=now,
                )
                pending.cases.set(component)
                touched.append(pending)
            else:
                ids = next(ids for p, ids in existing[code] if p.pk == pending.pk)
                if ids != members or pending.categories != sorted(shared):
                    pending.cases.set(component)
                    pending.categories = sorted(shared)
                    pending.updated_at = now
                    pending.save(update_fields=["categories", "updated_at"])
                    touched.append(pending)
            kept.add(pending.pk)
        # A pending proposal whose cases are no longer alike (linked, ended) is withdrawn.
        stale = [
            p.pk for p, _ids in existing[code] if p.status == ProposalStatus.PENDING and p.pk not in kept
        ]
        if stale:
            GroupProposal.objects.filter(pk__in=stale).delete()
    return touched


def on_case_event(sender: Any, case: Case, event: Any, **kwargs: Any) -> None:
    """A new application against an employer: propose the links it makes."""
    if event.kind not in (EventKind.FILED, EventKind.REGISTERED):
        return
    codes = sorted(respondent_codes([case.pk])[case.pk])
    if codes:
        group_proposals_refresh(codes=codes)


@transaction.atomic
def group_proposal_dismiss(*, proposal: GroupProposal, user: User, reason: str = "") -> GroupProposal:
    _check_linker(user)
    proposal = GroupProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(_("This proposal has already been decided."), extra={"status": proposal.status})
    proposal.status = ProposalStatus.DISMISSED
    proposal.decided_by = user
    proposal.decided_at = clock.now()
    proposal.reason = reason
    proposal.save()
    return proposal


@transaction.atomic
def group_proposal_confirm(
    *,
    proposal: GroupProposal,
    user: User,
    cases: list[int] | None = None,
    label: str = "",
    lead_arbitrator: int | None = None,
) -> CaseGroup:
    """Link the proposal's cases (or the ones the clerk kept of them) into a group."""
    _check_linker(user)
    proposal = GroupProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(_("This proposal has already been decided."), extra={"status": proposal.status})
    proposed = list(proposal.cases.values_list("pk", flat=True))
    chosen = list(dict.fromkeys(cases)) if cases else proposed
    outside = [pk for pk in chosen if pk not in proposed]
    if outside:
        raise field_error(
            "cases",
            _("Not in this proposal: %(ids)s") % {"ids": ", ".join(map(str, outside))},
        )
    group = group_create(user=user, cases=chosen, label=label, lead_arbitrator=lead_arbitrator)
    proposal.status = ProposalStatus.CONFIRMED
    proposal.decided_by = user
    proposal.decided_at = clock.now()
    proposal.group = group
    proposal.save()
    return group


# --- linking and unlinking -------------------------------------------------------------------------------


def _check_linker(user: User) -> None:
    if not has_role(user, COUNTER_ROLES):
        raise Forbidden(_("Only a clerk or a supervisor links cases."))


def _linkable_cases(user: User, ids: list[int], respondent_code: str | None) -> tuple[list[Case], str]:
    """The cases to link, locked, checked: visible, open, not collective, not in another group, and all
    against the same employer (``respondent_code`` when adding to a group)."""
    from cases.selectors import cases_visible_to

    ids = list(dict.fromkeys(ids))
    found = {
        c.pk: c
        for c in cases_visible_to(user).filter(pk__in=ids).select_for_update(of=("self",)).order_by("pk")
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise field_error("cases", _("No such case: %(ids)s") % {"ids": ", ".join(map(str, missing))})
    ended = [c for c in found.values() if c.status in TERMINAL]
    if ended:
        raise field_error(
            "cases",
            _("Only open cases are linked; ended: %(cases)s") % {"cases": ", ".join(map(str, ended))},
        )
    collective = [c for c in found.values() if c.is_collective]
    if collective:
        raise field_error(
            "cases",
            _("A collective dispute is one case already and is not linked: %(cases)s")
            % {"cases": ", ".join(map(str, collective))},
        )
    codes = respondent_codes(ids)
    unknown = [found[pk] for pk in ids if not codes[pk]]
    if unknown:
        raise field_error(
            "cases",
            _("Only cases against an employer with a credit code are linked: %(cases)s")
            % {"cases": ", ".join(map(str, unknown))},
        )
    common = set.intersection(*(codes[pk] for pk in ids))
    if respondent_code is not None:
        common &= {respondent_code}
    if not common:
        raise field_error(
            "cases",
            _("The cases are against different respondents: only cases against one employer are linked."),
        )
    grouped = [c for c in found.values() if c.case_group_id is not None]
    if grouped:
        raise Conflict(
            _("Already linked in a group: %(cases)s") % {"cases": ", ".join(map(str, grouped))},
            fields={"cases": [_("A case belongs to one group at most.")]},
        )
    return [found[pk] for pk in sorted(ids)], sorted(common)[0]


def _link(group: CaseGroup, members: list[Case], user: User, reason: str = "") -> None:
    Case.objects.filter(pk__in=[c.pk for c in members]).update(case_group=group)
    for case in members:
        case.case_group = group
        # The timeline is read by the worker: it says the case is handled jointly, never with whom.
        record_event(case, EventKind.GROUP_LINK, user, reason=reason, data={"group": group.pk})


@transaction.atomic
def group_create(
    *, user: User, cases: list[int], label: str = "", lead_arbitrator: int | None = None, reason: str = ""
) -> CaseGroup:
    """Link two or more open cases against one employer into a group (400 for different respondents)."""
    _check_linker(user)
    if len(set(cases)) < 2:
        raise field_error("cases", _("Link at least two cases."))
    members, code = _linkable_cases(user, cases, None)
    lead = arbitrators_by_id([lead_arbitrator], "lead_arbitrator")[0] if lead_arbitrator else None
    name = _respondent_name(code)
    group = CaseGroup.objects.create(
        label=label.strip()
        or _("%(respondent)s: %(count)d linked cases") % {"respondent": name, "count": len(members)},
        respondent_code=code,
        respondent_name=name,
        lead_arbitrator=lead,
        created_by=user,
        created_at=clock.now(),
    )
    _link(group, members, user, reason)
    return group


@transaction.atomic
def group_add_members(*, group: CaseGroup, user: User, cases: list[int], reason: str = "") -> CaseGroup:
    _check_linker(user)
    group = CaseGroup.objects.select_for_update().get(pk=group.pk)
    if not cases:
        raise field_error("cases", _("Name the cases to link."))
    members, _code = _linkable_cases(user, cases, group.respondent_code)
    _link(group, members, user, reason)
    return group


@transaction.atomic
def group_unlink(*, group: CaseGroup, user: User, case: int, reason: str = "") -> Case:
    """Take one case out of the group; its timeline records it (the group's steps no longer reach it)."""
    _check_linker(user)
    group = CaseGroup.objects.select_for_update().get(pk=group.pk)
    member = Case.objects.select_for_update(of=("self",)).filter(pk=case, case_group=group).first()
    if member is None:
        raise field_error("case", _("This case is not a member of the group."))
    member.case_group = None
    Case.objects.filter(pk=member.pk).update(case_group=None)
    record_event(member, EventKind.GROUP_UNLINK, user, reason=reason, data={"group": group.pk})
    group_proposals_refresh(codes=[group.respondent_code])
    return member


@transaction.atomic
def group_set_lead(*, group: CaseGroup, user: User, lead_arbitrator: int) -> CaseGroup:
    _check_linker(user)
    group = CaseGroup.objects.select_for_update().get(pk=group.pk)
    group.lead_arbitrator = arbitrators_by_id([lead_arbitrator], "lead_arbitrator")[0]
    group.save(update_fields=["lead_arbitrator"])
    return group


# --- one step on every member --------------------------------------------------------------------------


@dataclass
class MemberResult:
    case: Case
    outcome: str  # "done" | "refused" | "left"
    status: int | None = None
    code: str = ""
    detail: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)
    value: Any = None


@dataclass
class GroupActionResult:
    group: CaseGroup
    action: GroupAction
    members: list[MemberResult]
    extra: dict[str, Any] = field(default_factory=dict)


def _claim(group: CaseGroup) -> bool:
    """Claim the group for one run (a conditional UPDATE): a second run while one is going is refused
    rather than queued for minutes; a claim older than ``GROUP_ACTION_CLAIM`` is taken as abandoned."""
    now = clock.now()
    claimed = (
        CaseGroup.objects.filter(pk=group.pk)
        .filter(Q(acting_since__isnull=True) | Q(acting_since__lt=now - GROUP_ACTION_CLAIM))
        .update(acting_since=now)
    )
    return claimed == 1


def _act_on_member(action: GroupAction, case: Case, user: User, data: dict[str, Any]) -> MemberResult:
    """One member's step in a transaction of its own: done, refused as the API would refuse it, or left."""
    if case.status in TERMINAL:
        return MemberResult(case=case, outcome="left")
    try:
        with transaction.atomic():
            value = action.run(case=case, user=user, **data)
    except REFUSALS as exc:
        # Refused as the API would refuse this member's own step (a lost race included: 409).
        error = NotFound(_("Not found.")) if isinstance(exc, Http404) else as_application_error(exc)
        assert error is not None  # each of these is a refusal
        return MemberResult(
            case=case,
            outcome="refused",
            status=error.status_code,
            code=error.code,
            detail=str(error.detail),
            fields=error.fields,
        )
    return MemberResult(case=case, outcome="done", status=200, value=value)


def group_act(*, group: CaseGroup, user: User, name: str, data: dict[str, Any]) -> GroupActionResult:
    """Take group action ``name`` on every member still in the group's steps, each on its own.

    The run claims the group (a second run meanwhile: 409); each member's step is the member's own service
    in a transaction of its own, committed before the next member's, so a refused member leaves nothing
    half-written and does not stop the others, and no member's row stays locked while the rest run. (One
    transaction around 200 members also made PostgreSQL slow down: more than 64 savepoints in a transaction
    overflow its subtransaction cache.) Members that ended (withdrawn, settled, closed) are ``left``.
    """
    action = GROUP_ACTIONS.get(name)
    if action is None:
        raise NotFound(_("There is no such group action."))
    if not action.permission(group, user):
        raise Forbidden(_("You may not take this step on this group."))
    if not _claim(group):
        raise Conflict(_("Another action on this group is running; try again when it has finished."))
    try:
        group = CaseGroup.objects.get(pk=group.pk)
        members = list(group.members.order_by("pk"))
        active = [c for c in members if c.status not in TERMINAL]
        extra: dict[str, Any] = {}
        if action.prepare is not None:
            with transaction.atomic():
                extra = action.prepare(group=group, user=user, members=active, **data)
        results: list[MemberResult] = []
        with one_calendar(), outbox.relay_at_end():
            for case in members:
                results.append(_act_on_member(action, case, user, {**data, **extra}))
        if action.after is not None:
            with transaction.atomic():
                extra = {
                    **extra,
                    **(action.after(group=group, user=user, results=results, **data, **extra) or {}),
                }
        # The members' statuses as they are now, for the answer.
        now = {c.pk: c for c in Case.objects.filter(pk__in=[r.case.pk for r in results])}
        for result in results:
            result.case = now.get(result.case.pk, result.case)
    finally:
        CaseGroup.objects.filter(pk=group.pk).update(acting_since=None)
    return GroupActionResult(group=group, action=action, members=results, extra=extra)
