"""Mediation's reads and its visibility rule.

Who sees what of a dispute's mediation, on top of the case's own visibility rule
(``cases.selectors.case_get``, which already hides the case from a mediator of another organisation):

- the parties (and their verified agents): the episodes and agreements; of the thread, the messages
  their side wrote and those addressed to their side or to both;
- the mediators of the organisation the dispute was referred to: everything of its pre-filing episodes;
- the tribunal: the episodes, outcomes and agreements, and the thread of its own mediation in
  arbitration — never the confidential pre-filing thread;
- clerks, supervisors and admins (the mediation staff of the commission): the episodes and agreements.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Case as Conditional,
)
from django.db.models import (
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import INTAKE_ROLES, OVERSIGHT_ROLES, Role, has_role
from cases.deadlines import PENDING
from cases.models import (
    Case,
    CaseParty,
    Deadline,
    DeadlineKind,
    MediationEpisode,
    MediationStage,
    Side,
    Status,
)
from cases.selectors import case_get, cases_visible_to, priority_expression
from core import clock
from core.errors import NotFound
from mediation.models import (
    AgreementItem,
    AgreementPayment,
    AgreementReview,
    AgreementStatus,
    ItemKind,
    MediationAgreement,
    MediationMessage,
    Recipient,
    ReviewStatus,
)

MEDIATOR = "mediator"
TRIBUNAL = "tribunal"
STAFF = "staff"


def mediation_role(user: User, case: Case) -> str | None:
    """How this user takes part in the case's mediation: a side, ``mediator``, ``tribunal``, ``staff``."""
    side = case.side_of(user)
    if side is not None:
        return side
    if user.role == Role.MEDIATOR:
        org = user.mediation_organisation_id
        if org is not None and case.mediation_organisation_id == org:
            return MEDIATOR
        return None
    if user.role == Role.ARBITRATOR:
        return TRIBUNAL if case.tribunal.filter(arbitrator=user).exists() else None
    if has_role(user, INTAKE_ROLES | OVERSIGHT_ROLES):
        return STAFF
    return None


def mediates_episode(user: User, case: Case, episode: MediationEpisode) -> bool:
    """The user runs this episode: a mediator of its organisation (pre-filing), the presiding arbitrator
    (in arbitration)."""
    if episode.stage == MediationStage.PRE_FILING:
        return (
            user.role == Role.MEDIATOR
            and user.mediation_organisation_id is not None
            and user.mediation_organisation_id == episode.organisation_id
        )
    return user.role == Role.ARBITRATOR and case.presiding_arbitrator_id == user.pk


def mediation_case_get(user: User, case_id: int | str) -> tuple[Case, str]:
    """The case and this user's part in its mediation; 404 for anyone with no part (never reveal)."""
    case = case_get(user, case_id)
    role = mediation_role(user, case)
    if role is None:
        raise NotFound(_("Not found."))
    return case, role


def episodes_of(case: Case) -> QuerySet[MediationEpisode]:
    return (
        MediationEpisode.objects.filter(case=case)
        .select_related("organisation", "mediator")
        .prefetch_related("agreements__items")
        .order_by("started_at", "id")
    )


def messages_visible_to(user: User, case: Case, role: str) -> QuerySet[MediationMessage]:
    """The thread as this user may read it (see the module's rule)."""
    rows = MediationMessage.objects.filter(case=case).select_related("author").order_by("created_at", "id")
    if role in (Side.APPLICANT, Side.RESPONDENT):
        return rows.filter(Q(author_side=role) | Q(to__in=[role, Recipient.BOTH]))
    if role == MEDIATOR:
        return rows.filter(
            episode__stage=MediationStage.PRE_FILING, episode__organisation_id=user.mediation_organisation_id
        )
    if role == TRIBUNAL:
        return rows.filter(episode__stage=MediationStage.IN_ARBITRATION)
    return rows.none()


def agreement_get(user: User, agreement_id: int | str) -> MediationAgreement:
    """The agreement if this user has a part in its case's mediation; 404 otherwise."""
    try:
        pk = int(agreement_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    agreement = MediationAgreement.objects.select_related("case", "episode").filter(pk=pk).first()
    if agreement is None:
        raise NotFound(_("Not found."))
    mediation_case_get(user, agreement.case_id)
    return agreement


def mediation_queue(user: User) -> QuerySet[Case]:
    """The disputes in pre-filing mediation this user sees (a mediator: those referred to its
    organisation, by the case's visibility rule), with their parties and the mediation period's open
    deadline (``mediation_deadline``), the fewest days left first."""
    period = Deadline.objects.filter(
        PENDING, kind=DeadlineKind.PRE_MEDIATION, completed_on__isnull=True
    ).order_by("due_on", "id")
    return (
        cases_visible_to(user)
        .filter(status=Status.PRE_MEDIATION)
        .annotate(
            mediation_due_on=Subquery(period.filter(case=OuterRef("pk")).values("due_on")[:1]),
            priority=priority_expression(),  # a migrant worker's wages first at the same day (issue 16)
        )
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related("party").order_by("side", "position", "id"),
            ),
            Prefetch("deadlines", queryset=period, to_attr="mediation_deadlines"),
        )
        .order_by(F("mediation_due_on").asc(nulls_last=True), F("priority").desc(), "received_at", "pk")
    )


def mediation_deadline(case: Case) -> Deadline | None:
    """The open deadline of the case's pre-filing mediation (15 days from the organisation's receipt)."""
    return (
        Deadline.objects.filter(
            PENDING, case=case, kind=DeadlineKind.PRE_MEDIATION, completed_on__isnull=True
        )
        .order_by("due_on", "id")
        .first()
    )


def payments_of(agreement: MediationAgreement) -> QuerySet[AgreementPayment]:
    """The payments recorded under an agreement's items, with their proofs, oldest first."""
    return (
        AgreementPayment.objects.filter(item__agreement=agreement)
        .select_related("item")
        .prefetch_related("evidence")
        .order_by("paid_on", "id")
    )


def review_of(agreement: MediationAgreement) -> AgreementReview | None:
    """The joint application for review of the agreement, if a party has made one."""
    return AgreementReview.objects.filter(agreement=agreement).select_related("decided_by").first()


def reviews_pending(user: User) -> QuerySet[AgreementReview]:
    """The joint applications awaiting the commission's decision, oldest first, of the cases this user
    sees (the commission's clerks and supervisors)."""
    return (
        AgreementReview.objects.filter(
            status=ReviewStatus.PENDING, agreement__case__in=cases_visible_to(user)
        )
        .select_related("agreement__case")
        .order_by("pk")
    )


# --- performance of agreements (the supervisors' view) ---------------------------------------------------

PERFORMED = "performed"
PARTLY_PERFORMED = "partly_performed"
NOT_PERFORMED = "not_performed"
PERFORMANCE = (PERFORMED, PARTLY_PERFORMED, NOT_PERFORMED)
PERFORMANCE_ROLES = OVERSIGHT_ROLES
MONEY = DecimalField(max_digits=14, decimal_places=2)


def agreements_performance(performance: str | None = None) -> QuerySet[MediationAgreement]:
    """Every confirmed agreement that promises money, with what it promised (``due``), what was recorded
    as paid under it (``paid``), ``performance`` (performed: paid in full; partly performed: something
    paid; not performed: nothing) and ``overdue`` (an unpaid payment item is past its due date), all
    computed by the database: two grouped subqueries, so neither sum repeats the other's rows. With
    ``performance``, only the agreements in that state."""
    zero = Value(Decimal("0"), output_field=MONEY)
    promised = (
        AgreementItem.objects.filter(agreement=OuterRef("pk"), kind=ItemKind.PAYMENT)
        .values("agreement")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    recorded = (
        AgreementPayment.objects.filter(item__agreement=OuterRef("pk"))
        .values("item__agreement")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    item_paid = (
        AgreementPayment.objects.filter(item=OuterRef("pk"))
        .values("item")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    late_items = (
        AgreementItem.objects.filter(
            agreement=OuterRef("pk"), kind=ItemKind.PAYMENT, due_on__lt=clock.today()
        )
        .annotate(item_paid=Coalesce(Subquery(item_paid, output_field=MONEY), zero))
        .filter(item_paid__lt=F("amount"))
    )
    rows = (
        MediationAgreement.objects.filter(status=AgreementStatus.CONFIRMED)
        .annotate(
            due=Coalesce(Subquery(promised, output_field=MONEY), zero),
            paid=Coalesce(Subquery(recorded, output_field=MONEY), zero),
        )
        .filter(due__gt=0)
        .annotate(
            performance=Conditional(
                When(paid__gte=F("due"), then=Value(PERFORMED)),
                When(paid__gt=0, then=Value(PARTLY_PERFORMED)),
                default=Value(NOT_PERFORMED),
                output_field=CharField(),
            ),
            overdue=Exists(late_items),
        )
        .select_related("case", "episode", "episode__organisation")
        .order_by("-confirmed_at", "-pk")
    )
    return rows.filter(performance=performance) if performance else rows


def performance_counts() -> dict[str, int]:
    """How many agreements are performed, partly performed and not performed, and how many overdue: one
    grouped query (at most six groups come back, whatever the number of agreements)."""
    counts = dict.fromkeys((*PERFORMANCE, "overdue"), 0)
    rows = agreements_performance().order_by()
    # The annotations are the selector's (the type checker cannot follow them through its return type).
    groups = rows.values("performance", "overdue").annotate(n=Count("pk"))  # type: ignore[misc]
    for group in groups:
        counts[group["performance"]] += group["n"]
        if group["overdue"]:
            counts["overdue"] += group["n"]
    return counts
