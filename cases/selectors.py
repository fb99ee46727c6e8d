"""Reads, with the visibility rule of each kind of record. Every list or detail goes through here."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from cases.models import (
    Case,
    CaseAgent,
    CaseEvent,
    CaseParty,
    Claim,
    Deadline,
    DeadlineKind,
    Notification,
    Party,
    Role,
    Status,
    TribunalMember,
    User,
)
from cases.models.case import INTAKE

PARTY_REGISTRY_ROLES = (Role.CLERK, Role.ARBITRATOR, Role.SUPERVISOR, Role.ADMIN)


def has_role(user: User, *roles: str) -> bool:
    """Anonymous users have no role; inactive users lose theirs."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", None) in roles)


def parties_visible_to(user: User) -> QuerySet[Party]:
    """The party registry: staff who register and hear cases see all; anyone else only their own party."""
    if has_role(user, *PARTY_REGISTRY_ROLES):
        return Party.objects.all()
    if user.is_authenticated and user.party_id:
        return Party.objects.filter(pk=user.party_id)
    return Party.objects.none()


def notifications_for(user: User) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --- cases ---------------------------------------------------------------------------------------------
# One rule decides which cases a user sees; every list, detail, timeline, socket and download goes
# through ``cases_visible_to``. A case outside it is a 404 everywhere.

COMMISSION_DUTIES = [
    DeadlineKind.ACCEPTANCE_DECISION,
    DeadlineKind.SUPPLEMENT_NOTICE,
    DeadlineKind.SERVE_RESPONDENT,
    DeadlineKind.SERVE_DEFENCE,
    DeadlineKind.TRIBUNAL_NOTICE,
]


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The visibility rule, one clause per kind of user.

    - supervisors and admins: every case;
    - arbitrators: cases on their tribunals, plus the intake queue (accepted, no tribunal yet);
    - clerks: the intake work (submitted, in pre-filing mediation), cases they registered or accepted,
      and any case with an open service or notice duty of the commission;
    - mediators: disputes referred to their own mediation organisation;
    - parties (applicant, respondent, agent roles): cases where their party is a party, or where they
      are an agent.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    role = getattr(user, "role", None)
    if role in (Role.SUPERVISOR, Role.ADMIN):
        return Case.objects.all()
    if role == Role.ARBITRATOR:
        on_tribunal = TribunalMember.objects.filter(case=OuterRef("pk"), arbitrator=user)
        return Case.objects.filter(
            Exists(on_tribunal) | Q(status=Status.ACCEPTED, presiding_arbitrator__isnull=True)
        )
    if role == Role.CLERK:
        duty = Deadline.objects.filter(
            case=OuterRef("pk"), kind__in=COMMISSION_DUTIES, completed_on__isnull=True
        )
        return Case.objects.filter(Q(status__in=INTAKE) | Q(clerk=user) | Exists(duty))
    if role == Role.MEDIATOR:
        if user.mediation_organisation_id is None:
            return Case.objects.none()
        return Case.objects.filter(mediation_organisation_id=user.mediation_organisation_id)
    if role in (Role.APPLICANT, Role.RESPONDENT, Role.AGENT):
        as_agent = CaseAgent.objects.filter(case=OuterRef("pk"), user=user)
        condition = Exists(as_agent)
        if user.party_id:
            condition |= Exists(CaseParty.objects.filter(case=OuterRef("pk"), party_id=user.party_id))
        return Case.objects.filter(condition)
    return Case.objects.none()


def case_get(user: User, case_id: int | str, *, queryset: QuerySet[Case] | None = None) -> Case:
    """The case if this user may see it; ``Http404`` otherwise (never reveal others' cases)."""
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    visible = cases_visible_to(user)
    if queryset is not None:
        visible = queryset.filter(pk__in=visible.values("pk"))
    case = visible.filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _open_deadlines() -> Prefetch:
    return Prefetch(
        "deadlines",
        queryset=Deadline.objects.filter(completed_on__isnull=True).order_by("due_on", "id"),
        to_attr="open_deadlines",
    )


def case_list_queryset(user: User) -> QuerySet[Case]:
    """Visible cases with what a list row shows, in a fixed number of queries whatever the page size."""
    return (
        cases_visible_to(user)
        .select_related("presiding_arbitrator")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related("party").order_by("side", "position", "id"),
            ),
            _open_deadlines(),
        )
    )


def case_filter(
    queryset: QuerySet[Case],
    *,
    status: list[str] | None = None,
    procedure: str | None = None,
    arbitrator: int | None = None,
    due_before: date | None = None,
    search: str | None = None,
    unassigned: bool | None = None,
) -> QuerySet[Case]:
    if status:
        queryset = queryset.filter(status__in=status)
    if procedure:
        queryset = queryset.filter(procedure=procedure)
    if arbitrator:
        queryset = queryset.filter(
            Exists(TribunalMember.objects.filter(case=OuterRef("pk"), arbitrator_id=arbitrator))
        )
    if due_before:
        # next_due_on is the earliest pending deadline, so "any pending deadline on or before" is this.
        queryset = queryset.filter(next_due_on__lte=due_before)
    if unassigned is not None:
        queryset = queryset.filter(presiding_arbitrator__isnull=unassigned)
    if search:
        term = search.strip()
        named = CaseParty.objects.filter(case=OuterRef("pk"), party__name__icontains=term)
        queryset = queryset.filter(Q(case_number__icontains=term) | Exists(named))
    return queryset


ORDERINGS = {
    "next_due_on": (F("next_due_on").asc(nulls_last=True), "id"),
    "-next_due_on": (F("next_due_on").desc(nulls_last=True), "-id"),
    "received_at": ("received_at", "id"),
    "-received_at": ("-received_at", "-id"),
    "accepted_at": (F("accepted_at").asc(nulls_last=True), "id"),
    "-accepted_at": (F("accepted_at").desc(nulls_last=True), "-id"),
    "case_number": ("number_year", "number_seq", "id"),
    "-case_number": ("-number_year", "-number_seq", "-id"),
}


def status_counts(queryset: QuerySet[Case]) -> dict[str, int]:
    """How many of these cases are in each status, counted in the database."""
    rows = queryset.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def case_detail_queryset() -> QuerySet[Case]:
    return Case.objects.select_related(
        "presiding_arbitrator", "mediation_organisation", "clerk"
    ).prefetch_related(
        Prefetch(
            "parties", queryset=CaseParty.objects.select_related("party").order_by("side", "position", "id")
        ),
        Prefetch("agents", queryset=CaseAgent.objects.select_related("user", "case_party")),
        Prefetch("claims", queryset=Claim.objects.filter(withdrawn=False).order_by("position", "id")),
        Prefetch(
            "tribunal", queryset=TribunalMember.objects.select_related("arbitrator").order_by("position")
        ),
        Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on", "id")),
        "consents",
    )


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("created_at", "id")
