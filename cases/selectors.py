"""Reads, with the visibility rule of each kind of record. Every list or detail goes through here."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    JSONField,
    Lookup,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.http import Http404
from django.utils.functional import cached_property

from accounts import selectors as accounts_selectors
from accounts.models import Role, User
from accounts.roles import OVERSIGHT_ROLES, PARTY_ROLES
from cases.deadlines import PENDING
from cases.models import (
    AdvanceExecution,
    Case,
    CaseAgent,
    CaseConsent,
    CaseEvent,
    CaseGroup,
    CaseParty,
    Claim,
    ClosureType,
    CounterApplication,
    CounterClaim,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    DocumentCorrection,
    EventKind,
    GroupProposal,
    LegalAidReferral,
    Mandate,
    RecusalApplication,
    Responsible,
    Service,
    Side,
    Status,
    SuspensionGround,
    TribunalMember,
)
from cases.models.case import INTAKE, TERMINAL
from core import clock, counts
from core import selectors as core_selectors
from core.prepared import AnyOf, PreparedQuery, bind, once, rows_together, run_prepared, with_slots

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

# Every status of an application that was never accepted.
APPLICATIONS = [*INTAKE, Status.REJECTED, Status.WITHDRAWN, Status.MEDIATED]

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


# How the rule is written matters as much as what it says. Over 100,000 cases (benchmarks/docket.py), the
# first form, an OR of correlated EXISTS, made PostgreSQL read every case and probe the subqueries row by
# row; it also misjudged the cost so badly that it switched on JIT compilation, and a clerk's docket
# took 0.2-1 s a request. Each clause below says the same thing in a form with a good plan:
# - few cases out of many (an arbitrator's tribunals, a party's own cases): the UNION of the indexed
#   lookups of their ids, so the database reads those few ids first and nothing else;
# - many cases (a clerk: the whole intake plus his own and every open commission duty): plain column
#   conditions OR an uncorrelated ``IN`` that is hashed once, so an ordered page stops after 20 rows.
# Both still push ``id = …`` into every branch when one case is looked up (``case_get``). Filters that
# pick a few cases (search, arbitrator) go through ``_narrowed_to`` for the same reason.


def _ids_in_any(*id_querysets: QuerySet) -> Q:
    """``pk`` in the UNION of single-column querysets of case ids (``Exists(a) | Exists(b)`` as a plan)."""
    first, *rest = (qs.order_by() for qs in id_querysets)
    return Q(pk__in=first.union(*rest) if rest else first)


class _AnyOfArray(Lookup):
    """``lhs = ANY(rhs)``, for an ``ArraySubquery`` on the right (PostgreSQL)."""

    lookup_name = "any_of_array"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _narrowed_to(queryset: QuerySet[Case], *id_querysets: QuerySet) -> QuerySet[Case]:
    """The cases of ``queryset`` whose id is among the ids these querysets give: for filters that pick a
    few cases out of many (a search, one arbitrator's tribunals).

    On PostgreSQL as ``id = ANY(ARRAY(…))``: the database finds the few ids once, then reads only those
    cases by primary key and checks the visibility rule on them. As a semi-join (``id IN (…)``) it first
    read every case a clerk may see: the planner charges the clerk's hashed duty subquery in full for
    every case it would look up by id, so it never chose that plan (EXPLAIN ANALYZE over 100,000 cases,
    a clerk's search: 38 ms → 7 ms a query). Elsewhere, and for the few ids, the plain ``IN``.
    """
    first, *rest = (qs.order_by() for qs in id_querysets)
    ids = first.union(*rest) if rest else first
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    from django.contrib.postgres.expressions import ArraySubquery

    return queryset.filter(_AnyOfArray(F("pk"), ArraySubquery(ids)))


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The visibility rule, one clause per kind of user.

    - supervisors and admins: every case;
    - arbitrators: cases on their tribunals, plus the intake queue (accepted, no tribunal yet);
    - clerks: every application not (yet) accepted — in review, in pre-filing mediation, or ended as
      rejected, withdrawn or mediated (the filing window's register) — any case with an open service
      or notice duty of the commission, and any case they registered or have worked on;
    - mediators: disputes referred to their own mediation organisation;
    - parties (applicant, respondent, agent roles): cases where their party is a party, or where they
      are an agent.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    role = getattr(user, "role", None)
    if role in OVERSIGHT_ROLES:
        return Case.objects.all()
    if role == Role.ARBITRATOR or role in PARTY_ROLES:
        return Case.objects.filter(_ids_in_any(*_visible_id_sets(user)))
    if role == Role.CLERK:
        return Case.objects.filter(_clerk_rule(user, probed=False))
    if role == Role.MEDIATOR:
        if user.mediation_organisation_id is None:
            return Case.objects.none()
        return Case.objects.filter(mediation_organisation_id=user.mediation_organisation_id)
    return Case.objects.none()


class _ProbedExists(Exists):
    """``EXISTS`` that PostgreSQL evaluates row by row, each time one indexed probe, and never turns into a
    hash of the whole subquery: ``OFFSET 0`` keeps it from rewriting the subquery (``simplify_EXISTS_query``
    gives up on an OFFSET), which it would then hash before reading the first row."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def _clerk_rule(user: User, *, probed: bool) -> Q:
    """A clerk's cases: the applications, his own, those with an open commission duty, those he worked on.

    ``probed=False``: the duties and his events as ``IN`` subqueries that PostgreSQL hashes once (19,000
    and 26,000 rows over 100,000 cases): right for reading most of the clerk's cases (a count, a deep page).
    ``probed=True``: as correlated ``EXISTS``, one indexed probe per case read: right for a page near either
    end of an ordering, where the walk stops after a few dozen cases (first page 16 ms → 0.7 ms in
    EXPLAIN ANALYZE: building the two hashes was the whole cost), wrong deep down (offset 2,000: 35 ms).
    """
    duty = Deadline.objects.filter(kind__in=COMMISSION_DUTIES, completed_on__isnull=True).order_by()
    worked_on = CaseEvent.objects.filter(actor=user).order_by()
    rule = Q(status__in=APPLICATIONS) | Q(clerk=user)
    if probed:
        return (
            rule
            | _ProbedExists(duty.filter(case_id=OuterRef("pk")))
            | _ProbedExists(worked_on.filter(case_id=OuterRef("pk")))
        )
    return rule | Q(pk__in=duty.values("case_id")) | Q(pk__in=worked_on.values("case_id"))


# Accepted cases with no tribunal yet: every arbitrator sees them (they wait to be assigned).
INTAKE_QUEUE = Q(status=Status.ACCEPTED, presiding_arbitrator__isnull=True)


def _visible_links(user: User) -> list[QuerySet[Any]]:
    """For arbitrators, parties and agents: the rows that link the user to a case (each with a ``case_id``),
    one queryset per kind. With the intake queue for arbitrators, they are the whole of what
    ``cases_visible_to`` gives such a user, in whichever form it is asked (``_visible_id_sets``,
    ``visible_shapes``, ``_visible_probes``)."""
    if user.role == Role.ARBITRATOR:
        return [TribunalMember.objects.filter(arbitrator=user)]
    # An agent sees the cases it acts in, and one it filed while its mandate awaits checking (with only
    # what it typed about the parties: cases.disclosure); a rejected or revoked mandate sees nothing.
    links: list[QuerySet[Any]] = [CaseAgent.objects.filter(user=user).exclude(mandate=Mandate.REJECTED)]
    if user.party_id:
        links.append(CaseParty.objects.filter(party_id=user.party_id))
    return links


def _visible_id_sets(user: User) -> list[QuerySet[Any, Any]]:
    """For the users who see few cases out of many (arbitrators, parties and agents): single-column
    querysets of case ids whose union is exactly what ``cases_visible_to`` gives them."""
    ids: list[QuerySet[Any, Any]] = [link.values("case_id") for link in _visible_links(user)]
    if user.role == Role.ARBITRATOR:
        ids.append(Case.objects.filter(INTAKE_QUEUE).values("pk"))
    return ids


def _visible_probes(user: User) -> Q:
    """The same cases as ``_visible_id_sets``, as a condition on the case at hand: one indexed probe per
    link, and the intake queue as a condition on the case itself. For reading one case: as the union of
    ids, a busiest arbitrator's detail hashed his 3,800 tribunal seats and every waiting case first (4.3 ms
    of its 11 ms over 100,000 cases, benchmarks/http_load.py), the probes ~0.1 ms."""
    rule = Q()
    for link in _visible_links(user):
        rule |= Q(_ProbedExists(link.filter(case_id=OuterRef("pk"))))
    if user.role == Role.ARBITRATOR:
        rule |= INTAKE_QUEUE
    return rule


@dataclass(frozen=True)
class VisibleShapes:
    """More forms of exactly the cases ``cases_visible_to`` gives a user, for an unfiltered list.

    - ``ids``: their ids, one row each, in the narrowest query: to count them without the cases table.
      For arbitrators and parties the UNION of the id lookups alone (every id there is a case's: they are
      foreign keys); counting ``cases_visible_to`` joined those ids back to the cases (the busiest
      arbitrator's 4,725 of 100,000 cases: 11 ms → 2.5 ms in EXPLAIN ANALYZE). ``None``: count the rule.
    - ``walk``: a form that PostgreSQL checks case by case while it walks an ordering's index, stopping
      after the page. An arbitrator's: its tribunals' ids, hashed, or the intake queue's condition on the
      case itself; as a UNION, the page's ids came from a hash join over the whole table and a sort
      (46 ms → 2.8 ms for the first page, 7 ms at offset 2,000; then ~1.3 ms with the queue as a
      condition). For a party's few cases the walk would read the whole index for nothing: the paginator
      takes it from ``walk_from`` cases. A clerk's: see ``_clerk_rule``, only while the page skips at most
      ``walk_skips`` cases (counted from the nearer end, as ``CasePaginator`` reads it).
    - ``near``: a walk for the pages that skip at most ``near_skips`` cases, also from ``walk_from`` cases:
      an arbitrator's as probes of each case walked past (``_visible_probes``). Hashing the 3,800
      tribunal seats of the busiest arbitrator cost the first page more than probing the ~350 cases
      walked past (0.78 → 0.59 ms a page, prepared, over 100,000 cases; 1.13 → 0.71 ms for the second);
      beyond ~100 skipped the probes cost more. A party's probes never paid (1.07 → 1.08 ms).
    """

    ids: QuerySet[Any, Any] | None
    walk: QuerySet[Case]
    walk_from: int = 0
    walk_skips: int | None = None
    near: QuerySet[Case] | None = None
    near_skips: int = 0


def visible_shapes(user: User) -> VisibleShapes | None:
    """The ``VisibleShapes`` of arbitrators, parties and clerks; ``None`` for the others, whose rule is
    already one filter on the cases table alone."""
    if not user.is_authenticated or not user.is_active:
        return None
    role = getattr(user, "role", None)
    if role == Role.CLERK:
        walk = Case.objects.filter(_clerk_rule(user, probed=True))
        return VisibleShapes(ids=None, walk=walk, walk_skips=200)
    if role != Role.ARBITRATOR and role not in PARTY_ROLES:
        return None
    first, *rest = (qs.order_by() for qs in _visible_id_sets(user))
    any_of = Q()
    for link in _visible_links(user):
        any_of |= Q(pk__in=link.order_by().values("case_id"))
    if role == Role.ARBITRATOR:
        # The intake queue as a condition on the case walked past, not a set of ids hashed first (that
        # read every accepted case: ~1.5 ms of the page's 2.8 ms, EXPLAIN ANALYZE over 100,000 cases).
        any_of |= INTAKE_QUEUE
    return VisibleShapes(
        ids=first.union(*rest) if rest else first.distinct(),
        walk=Case.objects.filter(any_of),
        walk_from=1000,
        near=Case.objects.filter(_visible_probes(user)) if role == Role.ARBITRATOR else None,
        near_skips=60,
    )


def acts_in_case(user: User, field: str = "case") -> Q:
    """A filter on ``field`` (a foreign key to the case): the cases this user acts in, as the party itself
    or as its agent with a verified mandate (not merely sees, as an agent awaiting its check does)."""
    agencies = CaseAgent.objects.filter(user=user, mandate=Mandate.VERIFIED).values("case_id")
    acting = Q(**{f"{field}__in": agencies})
    if user.party_id:
        acting |= Q(**{f"{field}__in": CaseParty.objects.filter(party_id=user.party_id).values("case_id")})
    return acting


def arbitrators_with_open_cases() -> QuerySet[User]:
    """The active arbitrators to seat on a tribunal, each with ``open_cases``: the seats it holds on cases
    not yet ended (suspended ones count: they come back)."""
    return accounts_selectors.active_arbitrators().annotate(
        open_cases=Count(
            "tribunal_seats",
            filter=Q(tribunal_seats__case__status__in=[s for s in Status.values if s not in TERMINAL]),
        )
    )


def _case_pk(case_id: int | str) -> int:
    try:
        return int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None


def _visible_one(user: User) -> QuerySet[Case]:
    """``cases_visible_to``, in the form for looking up one case: the clerks', arbitrators' and parties'
    rules as probes of that case (``_clerk_rule``, ``_visible_probes``), never as sets hashed first."""
    if user.is_authenticated and user.is_active:
        role = getattr(user, "role", None)
        if role == Role.CLERK:
            # Hashing every duty and event of the clerk first cost a detail 3.4 ms of its query over
            # 100,000 cases (EXPLAIN ANALYZE), the probes ~0.1 ms.
            return Case.objects.filter(_clerk_rule(user, probed=True))
        if role == Role.ARBITRATOR or role in PARTY_ROLES:
            return Case.objects.filter(_visible_probes(user))
    return cases_visible_to(user)


def _visible_rows(user: User, *columns: str) -> PreparedQuery:
    """``columns`` of the user's visible cases among some ids, in SQL compiled once per ``user_key`` (and
    connection): building and compiling the rule was 0.3-1 ms of every request that opens a case (each
    role's detail over 100,000 cases), running it ~0.1 ms. The query depends only on the key's fields."""

    def build() -> PreparedQuery:
        return PreparedQuery(
            lambda ids: _visible_one(user).filter(AnyOf(F("pk"), ids)).order_by().values_list(*columns)
        )

    return once(("cases-visible", *user_key(user), *columns), build)


def case_get(user: User, case_id: int | str, *, queryset: QuerySet[Case] | None = None) -> Case:
    """The case if this user may see it; ``Http404`` otherwise (never reveal others' cases)."""
    pk = _case_pk(case_id)
    if queryset is None:  # the case's own row: in one prepared query with the rule
        fields = [field.attname for field in Case._meta.concrete_fields]
        rows = _visible_rows(user, *fields).rows([pk])
        if not rows:
            raise Http404
        return Case.from_db("default", fields, rows[0])
    visible = queryset.filter(pk__in=_visible_one(user).values("pk"))
    case = visible.filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _open_deadlines() -> Prefetch:
    """The pending (open or overdue, not paused) deadlines of each case, soonest first."""
    return Prefetch(
        "deadlines",
        queryset=Deadline.objects.filter(PENDING).exclude(case__status__in=TERMINAL).order_by("due_on", "id"),
        to_attr="open_deadlines",
    )


# --- priority (issue 16, point 3) ----------------------------------------------------------------------


def priority_expression() -> ExpressionWrapper:
    """THE rule of which cases go first: true for a priority case, false otherwise, as one SQL boolean.

    A case is a priority case when an applicant is flagged as a migrant worker claiming wage arrears
    (``CaseParty.migrant_wage_arrears``, set at filing or by a clerk's ``set_priority``), or when it is a
    member of a group of linked cases (``Case.case_group``, cases/services/groups.py). Every docket
    sorts on it after the due date (``ORDERINGS``), every list row and detail carries it as ``priority``
    (``case_list_rows``, ``case_detail_queryset``) and the supervisors' waiting figures split by it
    (``arbitration.supervision.care``) — so another ground of priority is added here and nowhere else, by
    OR-ing its condition into the ``Q`` below. It must stay a condition on the outer case's own row (used in
    ORDER BY, annotations and filters alike)."""
    migrant = Exists(
        CaseParty.objects.filter(case=OuterRef("pk"), side=Side.APPLICANT, migrant_wage_arrears=True)
    )
    return ExpressionWrapper(Q(migrant) | Q(case_group__isnull=False), output_field=BooleanField())


def case_list_rows(queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """What a list row shows (presiding arbitrator, parties, open deadlines, priority), in a fixed number of
    queries whatever the page size. Give it visible cases only: it does not filter."""
    return (
        (Case.objects.all() if queryset is None else queryset)
        .annotate(priority=priority_expression())
        .select_related("presiding_arbitrator", "case_group")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related("party").order_by("side", "position", "id"),
            ),
            _open_deadlines(),
        )
    )


@dataclass(frozen=True)
class CaseListItem:
    """What a list row shows of one case, as plain values: ``case_list_items`` reads a page of them in one
    prepared query; ``case_list_item`` makes one from a case read with ``case_list_rows``."""

    id: int
    case_number: str | None
    status: str
    procedure: str
    is_collective: bool
    claims_total: Decimal
    received_at: datetime
    accepted_at: datetime | None
    closed_at: datetime | None
    closure_type: str
    next_due_on: date | None
    priority: bool
    group_id: int | None
    group_label: str
    presiding: tuple[Any, ...] | None  # the fields ``_PRESIDING`` names
    first_applicant: str | None  # the name the application gives (``_first_party``)
    applicant_count: int
    first_respondent: str | None
    next_deadline: tuple[str, date, str, bool] | None  # kind, due_on, stored status, provisional


# What a list row shows of the presiding arbitrator: the fields of accounts.api.serializers.brief.
_PRESIDING = ("id", "username", "role", "display_name", "first_name", "last_name")


def _first_party(side: str) -> Subquery:
    """The name the application gives its first party on ``side`` (what it typed, else the register's)."""
    parties = CaseParty.objects.filter(case=OuterRef("pk"), side=side).order_by("position", "id")
    name = Coalesce(NullIf(F("stated_name"), Value("")), F("party__name"))
    return Subquery(parties.annotate(shown=name).values("shown")[:1])


def _next_deadline() -> Subquery:
    """The case's soonest pending deadline (none once the case has ended) as one JSON object: kind, due_on,
    status, provisional (one subquery, not one per field: 0.3 ms of a page's 1 ms in the database)."""
    pending = (
        Deadline.objects.filter(PENDING, case=OuterRef("pk"))
        .exclude(case__status__in=TERMINAL)
        .order_by("due_on", "id")
    )
    shown = JSONObject(kind="kind", due_on="due_on", status="status", provisional="provisional")
    return Subquery(pending.values(shown=shown)[:1], output_field=JSONField())


# A page's rows in one query, compiled once (core.prepared): compiling it is ~3 ms, running it ~0.2 ms
# (benchmarks/http_load.py); read as three queries (cases, parties, deadlines) it was three round trips.
_LIST_ITEMS = PreparedQuery(
    lambda ids: (
        Case.objects.filter(AnyOf(F("pk"), ids))
        .annotate(
            priority=priority_expression(),
            first_applicant=_first_party(Side.APPLICANT),
            applicant_count=Subquery(
                CaseParty.objects.filter(case=OuterRef("pk"), side=Side.APPLICANT)
                .order_by()
                .values("case")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            first_respondent=_first_party(Side.RESPONDENT),
            next_deadline=_next_deadline(),
        )
        .order_by()
        .values_list(
            "id",
            "case_number",
            "status",
            "procedure",
            "is_collective",
            "claims_total",
            "received_at",
            "accepted_at",
            "closed_at",
            "closure_type",
            "next_due_on",
            "priority",
            "case_group_id",
            "case_group__label",
            "first_applicant",
            "applicant_count",
            "first_respondent",
            "next_deadline",
            *(f"presiding_arbitrator__{field}" for field in _PRESIDING),
        )
    )
)


def _deadline_of(shown: dict[str, Any] | None) -> tuple[str, date, str, bool] | None:
    """``CaseListItem.next_deadline`` of what ``_next_deadline`` read (dates and booleans come as JSON)."""
    if shown is None:
        return None
    return (shown["kind"], date.fromisoformat(shown["due_on"]), shown["status"], bool(shown["provisional"]))


def case_list_items(ids: Sequence[int]) -> list[CaseListItem]:
    """The list rows of these cases, in the order of ``ids``, in one query whatever their number. Give it
    visible cases only: it does not filter."""
    if not ids:
        return []
    # Kept between writes (core.counts): the rows depend on nothing but the data and the ids.
    rows = counts.kept_page(("list-items", _LIST_ITEMS.sql(ids), tuple(ids)), lambda: _LIST_ITEMS.rows(ids))
    items = {}
    for row in rows:
        (
            pk,
            number,
            status,
            procedure,
            collective,
            total,
            received,
            accepted,
            closed,
            closure,
            due,
            priority,
        ) = row[:12]
        group_id, group_label, applicant, applicants, respondent, deadline = row[12:18]
        presiding = row[18:]
        items[pk] = CaseListItem(
            id=pk,
            case_number=number,
            status=status,
            procedure=procedure,
            is_collective=collective,
            claims_total=total,
            received_at=received,
            accepted_at=accepted,
            closed_at=closed,
            closure_type=closure,
            next_due_on=due,
            priority=priority,
            group_id=group_id,
            group_label=group_label or "",
            presiding=tuple(presiding) if presiding[0] is not None else None,
            first_applicant=applicant,
            applicant_count=applicants or 0,
            first_respondent=respondent,
            next_deadline=_deadline_of(deadline),
        )
    return [items[pk] for pk in ids if pk in items]


def case_list_item(case: Case) -> CaseListItem:
    """The list row of a case read with ``case_list_rows`` (its prefetched parties and open deadlines)."""
    parties = case.parties.all()
    applicants = [cp.stated_name or cp.party.name for cp in parties if cp.side == Side.APPLICANT]
    respondents = [cp.stated_name or cp.party.name for cp in parties if cp.side == Side.RESPONDENT]
    first = next(iter(getattr(case, "open_deadlines", [])), None)
    group = case.case_group if case.case_group_id else None
    return CaseListItem(
        id=case.pk,
        case_number=case.case_number,
        status=case.status,
        procedure=case.procedure,
        is_collective=case.is_collective,
        claims_total=case.claims_total,
        received_at=case.received_at,
        accepted_at=case.accepted_at,
        closed_at=case.closed_at,
        closure_type=case.closure_type,
        next_due_on=case.next_due_on,
        priority=bool(getattr(case, "priority", False)),
        group_id=case.case_group_id,
        group_label=group.label if group else "",
        presiding=(
            tuple(getattr(case.presiding_arbitrator, field) for field in _PRESIDING)
            if case.presiding_arbitrator
            else None
        ),
        first_applicant=applicants[0] if applicants else None,
        applicant_count=len(applicants),
        first_respondent=respondents[0] if respondents else None,
        next_deadline=(first.kind, first.due_on, first.status, first.provisional) if first else None,
    )


def case_list_queryset(user: User) -> QuerySet[Case]:
    """Visible cases with what a list row shows, in a fixed number of queries whatever the page size."""
    return case_list_rows(cases_visible_to(user))


class CasePaginator(Paginator):
    """Pages of an ordered case queryset that find the page's ids first, then read only those rows.

    The ids come from a narrow ``SELECT id … ORDER BY … LIMIT … OFFSET …`` that PostgreSQL answers from
    an index; the rows, their arbitrator, parties and deadlines are then read for those ids alone (still
    one query: the ids are a subquery). With the whole row in the paged query, ``OFFSET`` made the
    database read and join every skipped row: page 5,000 of 100,000 cases took ~80 ms instead of ~10.
    A page in the second half is counted from the end, in the reverse order (every ordering ends with
    ``id``, so the reverse is exact), so no page skips more than half of the list.
    """

    object_list: QuerySet[Case]

    def __init__(
        self, object_list: QuerySet[Case], per_page: int, *, shapes: VisibleShapes | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self.shapes = shapes

    @cached_property
    def count(self) -> int:
        """The rows of ``object_list``: counted from ``shapes.ids`` when given (the same cases), and kept
        until the next write (``core.counts``)."""
        if self.shapes is not None and self.shapes.ids is not None:
            return counts.count(self.shapes.ids)
        return counts.count(self.object_list)

    def _walks(self, skips: int) -> str | None:
        """Through which of the ``shapes`` a page that skips this many cases is read: ``"near"``, ``"walk"``
        or none of them (``None``: the list's own queryset)."""
        shapes = self.shapes
        if shapes is None:
            return None
        return _walk_for(
            skips, self.count, shapes.walk_from, shapes.walk_skips, shapes.near is not None, shapes.near_skips
        )

    def _slice(self, number: int) -> tuple[int, int, bool, str | None]:
        """Which ids page ``number`` (validated) takes: ``[low:high]`` of the list, read backwards (a page in
        the second half is read from the end) or not, through which of the ``shapes`` (``_walks``)."""
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        walk = self._walks(min(bottom, self.count - top))
        if bottom > self.count - top:
            return self.count - top, self.count - bottom, True, walk
        return bottom, top, False, walk

    def _ids(self, low: int, high: int, backwards: bool, walk: str | None) -> QuerySet[Any, Any]:
        ordered = self.object_list
        if walk is not None:
            assert self.shapes is not None
            ordered = getattr(self.shapes, walk).order_by(*self.object_list.query.order_by)
        if backwards:
            ordered = ordered.reverse()
        return ordered.values_list("pk", flat=True)[low:high]

    def page(self, number: int | str) -> Page[Case]:
        number = self.validate_number(number)
        ids = self._ids(*self._slice(number))
        rows = Case.objects.filter(pk__in=ids).order_by(*self.object_list.query.order_by)
        # Paginator._get_page, Django's hook for making the Page, is missing from django-stubs.
        return self._get_page(case_list_rows(rows), number, self)  # type: ignore[attr-defined]

    def page_items(self, number: int | str) -> Page[CaseListItem]:
        """Page ``number`` as ``CaseListItem`` rows (the API's list): the ids, then ``case_list_items``."""
        number = self.validate_number(number)
        low, high, backwards, walk = self._slice(number)
        found = self._page_id_list(low, high, backwards, walk)
        if backwards:
            found.reverse()
        return self._get_page(case_list_items(found), number, self)  # type: ignore[attr-defined]

    def _page_id_list(self, low: int, high: int, backwards: bool, walk: str | None) -> list[int]:
        return list(self._ids(low, high, backwards, walk))


def _walk_for(
    skips: int, count: int, walk_from: int, walk_skips: int | None, has_near: bool, near_skips: int
) -> str | None:
    if count < walk_from:
        return None
    if has_near and skips <= near_skips:
        return "near"
    return "walk" if walk_skips is None or skips <= walk_skips else None


def user_key(user: User) -> tuple[Any, ...]:
    """The user's fields that the visibility rule (``cases_visible_to``, ``visible_shapes``) reads: what a
    statement compiled once for this user is made of. A rule that comes to read another field of the user
    must add it here."""
    if not user.is_authenticated:
        return ("anonymous",)
    return (user.pk, user.is_active, user.role, user.party_id, user.mediation_organisation_id)


# A user's values in SQL compiled for every user of one shape (``user_shape``, ``ListPaginator``), each as
# the stand-in it is compiled with. No key of ours is negative, so no constant of a rule can look like them.
_STAND_INS = {-7_340_100_001: "pk", -7_340_100_002: "party_id", -7_340_100_003: "mediation_organisation_id"}


def user_shape(user: User) -> tuple[Any, ...]:
    """What the visibility rule's SQL is made of, apart from the user's values that ``_stand_in`` stands in
    for: a user's role and whether it is active, has a party, has a mediation centre. A rule that comes to
    read another field of the user must add it here (or to the stand-ins)."""
    if not user.is_authenticated:
        return ("anonymous",)
    return (user.is_active, user.role, user.party_id is None, user.mediation_organisation_id is None)


def _stand_in(user: User) -> User:
    """A copy of ``user`` whose values are the stand-ins: the rule compiled for it is every such user's."""
    if not user.is_authenticated:
        return user
    twin = copy.copy(user)
    for stand_in, name in _STAND_INS.items():
        if getattr(user, name) is not None:
            setattr(twin, name, stand_in)
    return twin


class ListPaginator(CasePaginator):
    """The API's unfiltered list of a user's cases: a ``CasePaginator`` whose queries are compiled once per
    ``user_shape``, ordering and page shape, in each process, for a stand-in of the user (``_stand_in``),
    then run with the user's own values (``core.prepared.with_slots``). Compiling them was most of a list
    page's time: the visibility rule, the count and the ordered page of ids cost 1-3 ms of Python a request
    before the database saw them (benchmarks/http_load.py); the querysets are now built only the first
    time. On PostgreSQL the statements' only parameters are the user's values (the rule's constants are in
    the text): every user of a role runs the same statement, which the server prepares with a generic
    plan. The values the database returns are read afresh on every request."""

    def __init__(self, user: User, ordering: str, per_page: int) -> None:
        self.user = user
        self.ordering = ordering
        self.key = ("cases-list", connections["default"].vendor, *user_shape(user), ordering)
        self.values = {name: getattr(user, name, None) for name in _STAND_INS.values()}
        # The queryset and its shapes, built (for the stand-in) only when a statement is compiled.
        self._built: tuple[QuerySet[Case], VisibleShapes | None] | None = None
        Paginator.__init__(self, [], per_page)

    def _build(self) -> tuple[QuerySet[Case], VisibleShapes | None]:
        if self._built is None:
            twin = _stand_in(self.user)
            queryset = cases_visible_to(twin).order_by(*ORDERINGS[self.ordering])
            self._built = (queryset, visible_shapes(twin))
        return self._built

    @property  # type: ignore[override]
    def object_list(self) -> QuerySet[Case]:
        return self._build()[0]

    @object_list.setter
    def object_list(self, value: Any) -> None:  # Paginator.__init__ sets it; the queryset is built
        pass

    @property
    def shapes(self) -> VisibleShapes | None:
        return self._build()[1]

    @shapes.setter
    def shapes(self, value: Any) -> None:
        pass

    def _check_object_list_is_ordered(self) -> None:
        pass  # every ORDERINGS entry ends with the id

    @cached_property
    def count(self) -> int:
        def counted() -> tuple[str, Any]:
            shapes = self.shapes
            statement = counts.statement(
                shapes.ids if shapes is not None and shapes.ids is not None else self.object_list
            )
            return with_slots(*statement, _STAND_INS)

        sql, params = once((*self.key, "count"), counted)
        return counts.count_statement(sql, bind(params, self.values))

    def _walks(self, skips: int) -> str | None:
        def limits() -> tuple[Any, ...]:
            shapes = self.shapes
            if shapes is None:
                return ()
            return shapes.walk_from, shapes.walk_skips, shapes.near is not None, shapes.near_skips

        kept = once((*self.key, "walk"), limits)
        return _walk_for(skips, self.count, *kept) if kept else None

    def _page_id_list(self, low: int, high: int, backwards: bool, walk: str | None) -> list[int]:
        def compiled() -> tuple[str, Any]:
            try:
                return with_slots(*self._ids(low, high, backwards, walk).query.sql_with_params(), _STAND_INS)
            except EmptyResultSet:  # no case to see, or an empty page of them
                return "", ()

        sql, params = once((*self.key, "ids", low, high, backwards, walk), compiled)
        if not sql:
            return []
        # Prepared on the server (core.prepared): planned once a connection, not for every page (planning
        # was 0.15-0.3 ms of a 0.4-1 ms page); and the page kept between writes (core.counts).
        values = bind(params, self.values)
        return counts.kept_page(
            ("page-ids", sql, values), lambda: [row[0] for row in run_prepared(sql, values)]
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
        queryset = _narrowed_to(
            queryset, TribunalMember.objects.filter(arbitrator_id=arbitrator).values("case_id")
        )
    if due_before:
        # next_due_on is the earliest pending deadline, so "any pending deadline on or before" is this.
        queryset = queryset.filter(next_due_on__lte=due_before)
    if unassigned is not None:
        queryset = queryset.filter(presiding_arbitrator__isnull=unassigned)
    if search:
        term = search.strip()
        by_number = Case.objects.filter(case_number__icontains=term).values("pk")
        by_party = CaseParty.objects.filter(party__name__icontains=term).values("case_id")
        queryset = _narrowed_to(queryset, by_number, by_party)
    return queryset


class _Orderings(dict[str, Any]):
    """The orderings by name; an entry holding a subquery (the priority) is built afresh on each read, since
    a query resolving a subquery relabels its aliases in place and a shared one would carry them over."""

    def __getitem__(self, name: str) -> tuple[str | OrderBy, ...]:
        value = super().__getitem__(name)
        return value() if callable(value) else value


ORDERINGS: dict[str, Any] = _Orderings(
    {
        # At the same due date, priority cases first (issue 16); the reverse keeps the pair exact.
        "next_due_on": lambda: (F("next_due_on").asc(nulls_last=True), priority_expression().desc(), "id"),
        "-next_due_on": lambda: (F("next_due_on").desc(nulls_last=True), priority_expression().asc(), "-id"),
        "received_at": ("received_at", "id"),
        "-received_at": ("-received_at", "-id"),
        "accepted_at": (F("accepted_at").asc(nulls_last=True), "id"),
        "-accepted_at": (F("accepted_at").desc(nulls_last=True), "-id"),
        "case_number": ("number_year", "number_seq", "id"),
        "-case_number": ("-number_year", "-number_seq", "-id"),
    }
)


def status_counts(queryset: QuerySet[Case]) -> dict[str, int]:
    """How many of these cases are in each status, counted in the database."""
    rows = queryset.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def _recusals_shown() -> QuerySet[RecusalApplication]:
    return RecusalApplication.objects.select_related("arbitrator", "replacement").order_by("applied_at", "id")


def case_detail_queryset() -> QuerySet[Case]:
    """A case as its detail reads it (``case_detail_get``): with its priority, and whether each relation the
    detail shows has any rows, so that the empty ones (most of them, on most cases) are not asked again;
    likewise whether any other case of one of its applicants closed as deemed withdrawn (most have none:
    ``earlier_deemed_withdrawals`` then asks nothing)."""
    applicants = CaseParty.objects.filter(case_id=OuterRef(OuterRef("pk")), side=Side.APPLICANT)
    deemed_withdrawn = CaseParty.objects.filter(
        side=Side.APPLICANT,
        case__closure_type=ClosureType.DEEMED_WITHDRAWAL,
        party_id__in=applicants.values("party_id"),
    ).exclude(case_id=OuterRef("pk"))
    return Case.objects.annotate(
        priority=priority_expression(),
        **{
            f"detail_has_{name}": Exists(relation.rows().filter(case_id=OuterRef("pk")))
            for name, relation in _DETAIL_RELATIONS.items()
        },
        detail_has_deemed_withdrawn_siblings=Exists(deemed_withdrawn),
    )


class _Rows:
    """Rows of one case's detail, read with SQL compiled once (``core.prepared``) into the model instances
    ``select_related``/``prefetch_related`` would give: each with the queryset's annotations, the related
    objects ``joined`` read in the same row, and (``owner``) a pointer back to the one it belongs to.

    ``rows`` builds the queryset (afresh for each compiling); ``by``: the lookup that is the case's id."""

    def __init__(
        self,
        rows: Callable[[], QuerySet[Any]],
        by: str = "case_id",
        owner: str | None = "case",
        joined: tuple[str, ...] = (),
    ) -> None:
        sample = rows()
        meta = sample.model._meta
        self.rows = rows
        self.model = sample.model
        self.owner = meta.get_field(owner) if owner else None
        self.fields = [f.attname for f in meta.concrete_fields]
        self.annotations = list(sample.query.annotations)
        self.joined: list[tuple[Any, list[str]]] = []
        for name in joined:
            field = meta.get_field(name)
            self.joined.append((field, [f.attname for f in field.related_model._meta.concrete_fields]))
        columns = [
            *self.fields,
            *self.annotations,
            *(f"{field.name}__{name}" for field, names in self.joined for name in names),
        ]
        self.query = PreparedQuery(lambda ids: rows().filter(**{f"{by}__in": ids}).values_list(*columns))

    def read(self, case_id: int, using: str) -> list[Any]:
        return self.objects(self.query.rows([case_id], using), using)

    def objects(self, rows: list[tuple[Any, ...]], using: str) -> list[Any]:
        """The model instances of rows that ``query`` gave."""
        found = []
        for row in rows:
            obj = self.model.from_db(using, self.fields, row[: len(self.fields)])
            start = len(self.fields)
            for name in self.annotations:
                setattr(obj, name, row[start])
                start += 1
            for field, names in self.joined:
                values = row[start : start + len(names)]
                start += len(names)
                # None for a null foreign key or a missing reverse one-to-one (a LEFT JOIN's nulls).
                related = None if values[0] is None else field.related_model.from_db(using, names, values)
                field.set_cached_value(obj, related)
                if related is not None and not field.concrete:  # a reverse one-to-one: and back
                    field.remote_field.set_cached_value(related, obj)
            found.append(obj)
        return found

    def read_for(self, case_id: int, owners: dict[int, Any], using: str) -> dict[int, list[Any]]:
        """The rows of each owner (all of them the case ``case_id``'s), by the owner's id."""
        return self.owned(self.read(case_id, using), owners)

    def owned(self, objects: list[Any], owners: dict[int, Any]) -> dict[int, list[Any]]:
        """``objects`` by their owner's id, each pointing back to it."""
        assert self.owner is not None
        found: dict[int, list[Any]] = {pk: [] for pk in owners}
        for obj in objects:
            owner = owners[getattr(obj, self.owner.attname)]
            self.owner.set_cached_value(obj, owner)
            found[owner.pk].append(obj)
        return found


def _keep(owner: Any, name: str, rows: list[Any]) -> None:
    """What ``prefetch_related`` leaves on ``owner``: ``owner.<name>.all()`` answers ``rows`` unasked."""
    queryset = getattr(owner, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    owner.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


# The case's detail: its row, then every relation it shows, each read once: the serializer, the step
# conditions (``cases.conditions``), the flags, the disclosure and the earlier deemed withdrawals read these
# instead of asking again. Through the ORM (one query with select_related, eleven prefetch_related) it
# cost ~16 ms of Python a request, building and compiling the queries and the prefetch machinery, against
# ~1 ms in the database; compiled once, ~3 ms (a clerk's detail over 100,000 cases, benchmarks/docket.py).
_DETAIL_RELATIONS = {
    "parties": _Rows(lambda: CaseParty.objects.order_by("side", "position", "id"), joined=("party",)),
    "agents": _Rows(lambda: CaseAgent.objects.all(), joined=("user", "case_party")),
    "claims": _Rows(lambda: Claim.objects.filter(withdrawn=False).order_by("position", "id")),
    "tribunal": _Rows(lambda: TribunalMember.objects.order_by("position"), joined=("arbitrator",)),
    "deadlines": _Rows(lambda: Deadline.objects.order_by("due_on", "id")),
    "consents": _Rows(lambda: CaseConsent.objects.all()),
    "counter_applications": _Rows(lambda: CounterApplication.objects.all()),  # apart from the claims (R 36)
    "advance_executions": _Rows(lambda: AdvanceExecution.objects.all()),
    "corrections": _Rows(lambda: DocumentCorrection.objects.all()),
    "recusals": _Rows(
        lambda: RecusalApplication.objects.order_by("applied_at", "id"), joined=("arbitrator", "replacement")
    ),
    "legal_aid_referrals": _Rows(lambda: LegalAidReferral.objects.all()),  # the legal-aid steps' conditions
}
# The claims of the counter-applications, all of the case's in one query.
_COUNTER_CLAIMS = _Rows(lambda: CounterClaim.objects.all(), by="application__case_id", owner="application")


def _detail_case(user: User) -> _Rows:
    """The case's row as the detail reads it (``case_detail_queryset``) if this user may see it, in one
    query compiled once per ``user_key``: asking the rule first, on its own, cost every detail a round trip
    (~0.3 ms over 100,000 cases)."""

    def build() -> _Rows:
        return _Rows(
            lambda: case_detail_queryset() & _visible_one(user),
            by="pk",
            owner=None,
            joined=("presiding_arbitrator", "mediation_organisation", "clerk", "limitation", "case_group"),
        )

    return once(("cases-detail", *user_key(user)), build)


def read_detail_relations(case: Case) -> None:
    """Read every relation the detail shows onto ``case``, as ``prefetch_related`` would."""
    using = case._state.db or "default"
    # Only the relations the case's row says have rows (case_detail_queryset), read together.
    asked = [name for name in _DETAIL_RELATIONS if getattr(case, f"detail_has_{name}", True)]
    found = rows_together([(_DETAIL_RELATIONS[name].query, [case.pk]) for name in asked], using)
    read = dict(zip(asked, found, strict=True))
    for name, relation in _DETAIL_RELATIONS.items():
        rows = relation.objects(read[name], using) if name in read else []
        _keep(case, name, relation.owned(rows, {case.pk: case})[case.pk])
    applications = {a.pk: a for a in case.counter_applications.all()}
    if applications:
        for pk, claims in _COUNTER_CLAIMS.read_for(case.pk, applications, using).items():
            _keep(applications[pk], "claims", claims)


def case_detail_get(user: User, case_id: int | str, using: str = "default") -> Case:
    """``case_get`` with everything the case's detail shows: the case if the user may see it (``Http404``
    otherwise), then its relations."""
    found = _detail_case(user).read(_case_pk(case_id), using)
    if not found:
        raise Http404
    read_detail_relations(found[0])
    return found[0]


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("created_at", "id")


def deadline_status_today(deadline: Deadline) -> str:
    """As of today: a stored "open" whose last day has passed reads "overdue" before the sweep runs."""
    return deadline_status_on(deadline.status, deadline.due_on)


def deadline_status_on(stored: str, due_on: date) -> str:
    """``deadline_status_today`` of a deadline's stored status and last day."""
    if stored == DeadlineStatus.OPEN and due_on < clock.today():
        return DeadlineStatus.OVERDUE
    return stored


def suspension_ground(case: Case) -> str:
    """The ground of the current suspension, as the suspending event recorded it."""
    if case.status != Status.SUSPENDED:
        return ""
    event = case.events.filter(kind=EventKind.SUSPEND).order_by("-created_at", "-id").first()
    ground = (event.data or {}).get("ground") if event else None
    return str(dict(SuspensionGround.choices).get(ground, "")) if ground else ""


# The deadlines a party must meet, by who must act; the commission's and the tribunal's are not theirs.
PARTY_DUTIES: dict[str, frozenset[str]] = {
    Responsible.RESPONDENT: frozenset({Side.RESPONDENT}),
    Responsible.PARTIES: frozenset({Side.APPLICANT, Side.RESPONDENT}),
}


def deadline_is_for_side(deadline: Deadline, side: str | None) -> bool:
    """Whether the party on ``side`` is the one who must act by this deadline."""
    return side is not None and side in PARTY_DUTIES.get(deadline.responsible, frozenset())


def deadlines_with_unpublished_years(deadlines: list[Deadline]) -> list[dict[str, Any]]:
    """Deadlines with, for provisional ones, the years whose holiday schedule is not yet published."""
    touched = {
        d.pk: set(range((d.starts_on + timedelta(days=1)).year, d.due_on.year + 1))
        for d in deadlines
        if d.provisional
    }
    missing = core_selectors.unpublished_years(set().union(*touched.values()) if touched else set())
    return [
        {
            "deadline": d,
            "unpublished_years": "、".join(str(y) for y in sorted(touched.get(d.pk, set()) & missing)),
        }
        for d in deadlines
    ]


def docket_split(
    visible: QuerySet[Case], *, procedure: str | None = None
) -> tuple[QuerySet[Case], QuerySet[Case]]:
    """The docket's two lists: accepted cases with no tribunal yet (they wait for an arbitrator to be
    assigned), and the rest of the user's cases."""
    queue = case_filter(visible, status=[Status.ACCEPTED], unassigned=True, procedure=procedure)
    own = case_filter(
        visible.exclude(status=Status.ACCEPTED, presiding_arbitrator__isnull=True), procedure=procedure
    )
    return queue, own


# --- a re-application after a deemed withdrawal (issue 13, point 4) -------------------------------------


# The cases that closed as deemed withdrawn with one of these applicants, compiled once (core.prepared):
# building and compiling it was ~1 ms of a staff member's case detail (cProfile, /tmp/prof).
_DEEMED_WITHDRAWN_OF = PreparedQuery(
    lambda party_ids: (
        CaseParty.objects.filter(
            party_id__in=party_ids, side=Side.APPLICANT, case__closure_type=ClosureType.DEEMED_WITHDRAWAL
        )
        .order_by()
        .values_list("case_id")
        .distinct()
    )
)


def earlier_deemed_withdrawals(cases: Iterable[Case]) -> dict[int, list[Case]]:
    """For each case, the earlier cases between the same applicant and respondent, on overlapping claims
    (a claim of the same kind), that closed as deemed withdrawn (L Art. 36): the clerk is shown them, since
    a re-application on the same claims after a deemed withdrawal calls for a look. Five queries for any
    number of cases."""
    wanted = {case.pk: case for case in cases}
    if not wanted:
        return {}

    def sides_and_claims(ids: Iterable[int]) -> dict[int, tuple[set[int], set[int], set[str]]]:
        found: dict[int, tuple[set[int], set[int], set[str]]] = {}
        for case_id, side, party_id in CaseParty.objects.filter(case_id__in=ids).values_list(
            "case_id", "side", "party_id"
        ):
            applicants, respondents, _categories = found.setdefault(case_id, (set(), set(), set()))
            (applicants if side == Side.APPLICANT else respondents).add(party_id)
        for case_id, category in Claim.objects.filter(case_id__in=ids, withdrawn=False).values_list(
            "case_id", "category"
        ):
            found.setdefault(case_id, (set(), set(), set()))[2].add(category)
        return found

    if all(getattr(case, "detail_has_deemed_withdrawn_siblings", True) is False for case in wanted.values()):
        return {}  # as the cases' rows say (case_detail_queryset): no query at all
    mine = _prefetched_sides_and_claims(wanted.values()) or sides_and_claims(wanted)
    parties = sorted({p for applicants, _respondents, _claims in mine.values() for p in applicants})
    earlier_ids = sorted({pk for (pk,) in _DEEMED_WITHDRAWN_OF.rows(parties) if pk not in wanted})
    if not earlier_ids:
        return {}  # most cases: one query, and no reading of the others' parties and claims
    theirs = sides_and_claims(earlier_ids)
    rows = Case.objects.in_bulk(list(theirs))
    result: dict[int, list[Case]] = {}
    for pk, (applicants, respondents, claims) in mine.items():
        matches = [
            rows[other]
            for other, (their_applicants, their_respondents, their_claims) in sorted(theirs.items())
            if applicants & their_applicants
            and respondents & their_respondents
            and claims & their_claims
            and _closed_before(rows[other], wanted[pk])
        ]
        if matches:
            result[pk] = matches
    return result


def _prefetched_sides_and_claims(cases: Iterable[Case]) -> dict[int, tuple[set[int], set[int], set[str]]]:
    """``sides_and_claims`` from the parties and claims the cases were read with (the detail prefetches
    both, the claims without the withdrawn ones); empty when any case was read without them."""
    found: dict[int, tuple[set[int], set[int], set[str]]] = {}
    for case in cases:
        cache = getattr(case, "_prefetched_objects_cache", {})
        if "parties" not in cache or "claims" not in cache:
            return {}
        applicants = {cp.party_id for cp in cache["parties"] if cp.side == Side.APPLICANT}
        respondents = {cp.party_id for cp in cache["parties"] if cp.side != Side.APPLICANT}
        found[case.pk] = (applicants, respondents, {claim.category for claim in cache["claims"]})
    return found


def _closed_before(earlier: Case, case: Case) -> bool:
    return earlier.closed_at is not None and earlier.closed_at <= case.created_at


def recusal_applications(case: Case) -> list[RecusalApplication]:
    """The case's recusal applications with the arbitrators named, oldest first (as prefetched by
    ``case_detail_queryset``, or read now)."""
    if "recusals" in getattr(case, "_prefetched_objects_cache", {}):
        return list(case.recusals.all())
    return list(_recusals_shown().filter(case=case))


def case_services(case: Case) -> list[Service]:
    """The documents served in a case (the caller has checked the case is visible)."""
    return list(case.services.order_by("sent_at", "pk"))


# --- linked cases (串案) ---------------------------------------------------------------------------------
# One rule decides who sees groups and proposals: the commission's staff only. Intake staff (clerks,
# supervisors, admins) see every group and proposal; an arbitrator the groups it leads or where it sits on
# a member's tribunal; parties, agents, mediators and outsiders none (a party learns only that its own case
# is handled jointly: ``case_group_brief``).


def case_groups_visible_to(user: User) -> QuerySet[CaseGroup]:
    if not user.is_authenticated or not user.is_active:
        return CaseGroup.objects.none()
    role = getattr(user, "role", None)
    if role in OVERSIGHT_ROLES or role == Role.CLERK:
        return CaseGroup.objects.all()
    if role == Role.ARBITRATOR:
        seats = TribunalMember.objects.filter(arbitrator=user).values("case__case_group_id")
        return CaseGroup.objects.filter(Q(lead_arbitrator=user) | Q(pk__in=seats))
    return CaseGroup.objects.none()


def sees_groups(user: User) -> bool:
    """Whether this user is shown groups at all (staff), rather than the bare "handled jointly"."""
    return bool(user.is_authenticated) and getattr(user, "role", None) in (
        *OVERSIGHT_ROLES,
        Role.CLERK,
        Role.ARBITRATOR,
    )


def proposals_visible_to(user: User) -> QuerySet[GroupProposal]:
    role = getattr(user, "role", None)
    if not user.is_authenticated or not user.is_active or not (role in OVERSIGHT_ROLES or role == Role.CLERK):
        return GroupProposal.objects.none()
    return GroupProposal.objects.all()


def case_group_list(user: User) -> QuerySet[CaseGroup]:
    return (
        case_groups_visible_to(user)
        .select_related("lead_arbitrator")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-created_at", "-id")
    )


def case_group_get(user: User, group_id: int | str) -> CaseGroup:
    try:
        pk = int(group_id)
    except (TypeError, ValueError):
        raise Http404 from None
    group = case_groups_visible_to(user).select_related("lead_arbitrator").filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def case_group_members(group: CaseGroup) -> list[Case]:
    """The members as list rows (parties, arbitrator, next deadline), in a fixed number of queries."""
    return list(case_list_rows(group.members.all()).order_by("pk"))


def proposal_list(user: User, *, status: str | None = "pending") -> QuerySet[GroupProposal]:
    proposals = proposals_visible_to(user)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.prefetch_related(
        Prefetch("cases", queryset=case_list_rows(Case.objects.all()).order_by("pk"))
    ).order_by("-updated_at", "-id")


def proposal_get(user: User, proposal_id: int | str) -> GroupProposal:
    try:
        pk = int(proposal_id)
    except (TypeError, ValueError):
        raise Http404 from None
    proposal = proposal_list(user, status=None).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def case_group_brief(case: Case, user: User) -> dict[str, Any] | None:
    """The case's group as this user may see it: staff the group's id and label; a party only that its
    case is handled jointly (never the group, nor the other workers)."""
    if case.case_group_id is None:
        return None
    group = case.case_group
    return group_brief(case.case_group_id, group.label if group else "", user)


def group_brief(group_id: int, label: str, user: User) -> dict[str, Any]:
    """``case_group_brief`` of a group's id and label."""
    if sees_groups(user):
        return {"id": group_id, "label": label}
    from django.utils.translation import gettext as _

    return {"id": None, "label": _("Handled jointly with related cases")}
