"""The case: its parties, claims, consents and tribunal, and its state machine (django-fsm-2).

Transition methods have trivial bodies; every transition is fired by a service in ``cases/services.py``
inside a transaction, after the service has checked input and permission.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, FSMFieldMixin, State, Transition
from django_fsm import transition as fsm_transition

from cases import conditions as cond
from cases import permissions as perm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PRE_MEDIATION = "pre_mediation", _("Pre-filing mediation")
    MEDIATED = "mediated", _("Mediated before filing")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACCEPTED = "accepted", _("Accepted")
    ASYNC_HEARING = "async_hearing", _("Asynchronous hearing")
    ORAL_HEARING = "oral_hearing", _("Oral hearing")
    MEDIATION = "mediation", _("Mediation by the tribunal")
    SUSPENDED = "suspended", _("Suspended")
    DELIBERATION = "deliberation", _("Awaiting award")
    CLOSED = "closed", _("Closed")


# Statuses of an accepted case that is still open: suspend/cancel/withdraw apply to these.
OPEN_ARBITRATION = [
    Status.ACCEPTED,
    Status.ASYNC_HEARING,
    Status.ORAL_HEARING,
    Status.MEDIATION,
    Status.DELIBERATION,
]
TERMINAL = [Status.MEDIATED, Status.REJECTED, Status.WITHDRAWN, Status.CLOSED]
INTAKE = [Status.SUBMITTED, Status.PRE_MEDIATION]
# An accepted, open case (suspended included): the tribunal may be composed or recomposed.
TRIBUNAL_STATUSES = (*OPEN_ARBITRATION, Status.SUSPENDED)


class ClosureType(models.TextChoices):
    AWARD = "award", _("Award")
    MEDIATION = "mediation", _("Mediation document")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    DEEMED_WITHDRAWAL = "deemed_withdrawal", _("Deemed withdrawal")
    CANCELLED = "cancelled", _("Cancelled")
    TRANSFERRED = "transferred", _("Transferred to the competent commission")
    OTHER = "other", _("Other")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")


class Side(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")


class ClaimCategory(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("Wage arrears")
    OVERTIME = "overtime", _("Overtime pay")
    TERMINATION_COMPENSATION = "termination_compensation", _("Compensation for unlawful termination")
    ECONOMIC_COMPENSATION = "economic_compensation", _("Economic compensation")
    WORK_INJURY = "work_injury", _("Work injury benefits")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")
    WORKING_HOURS = "working_hours", _("Working hours")
    REST_LEAVE = "rest_leave", _("Rest and leave")
    LABOUR_RELATION = "labour_relation", _("Confirmation of labour relation")
    OTHER = "other", _("Other")


class SuspensionGround(models.TextChoices):
    """R Art. 47."""

    PARTY_DIED = "party_died", _("A worker party died; awaiting the heirs")
    LOST_CAPACITY = "lost_capacity", _("A party lost capacity; no legal representative yet")
    EMPLOYER_ENDED = "employer_ended", _("The employer ended; no successor yet")
    FORCE_MAJEURE = "force_majeure", _("Force majeure")
    DEPENDS_ON_OTHER_CASE = "depends_on_other_case", _("The case depends on another unresolved case")
    AWAITING_DETERMINATION = (
        "awaiting_determination",
        _("Awaiting a work-injury determination, disability grading or appraisal"),
    )
    OTHER = "other", _("Other statutory ground")


class RejectionGround(models.TextChoices):
    """R Art. 30: what an application must meet to be accepted; a rejection names the ones it fails."""

    OUT_OF_SCOPE = "out_of_scope", _("Not a labour or personnel dispute (R Art. 30(1), L Art. 2)")
    NO_CLEAR_RESPONDENT = "no_clear_respondent", _("No clear respondent (R Art. 30(2))")
    NO_SPECIFIC_CLAIMS = "no_specific_claims", _("No specific claims, facts and reasons (R Art. 30(3))")
    NO_JURISDICTION = "no_jurisdiction", _("Not within this commission's jurisdiction (R Art. 30(4))")


_Method = TypeVar("_Method", bound=Callable[..., Any])


def transition(
    *,
    field: FSMFieldMixin | str,
    source: str | Sequence[str],
    target: str | State,
    permission: Callable[[Case, User], bool],
    conditions: list[cond.Condition] | None = None,
) -> Callable[[_Method], _Method]:
    """django-fsm's ``transition``, typed for the case.

    django-fsm calls a guard with the instance and the user it was given, so ours take a ``Case`` and a
    ``User``; its stubs, written for every model, type guards as taking any model and any kind of user.
    The casts say which, here once. The decorated method keeps its signature.
    """
    return cast(
        "Callable[[_Method], _Method]",
        fsm_transition(
            field=field,
            source=source,
            target=target,
            permission=cast("Callable[[models.Model, Any], bool]", permission),
            conditions=cast("list[Callable[[models.Model], bool]] | None", conditions),
        ),
    )


class Case(ConcurrentTransitionMixin, models.Model):
    case_number = models.CharField(_("case number"), max_length=60, null=True, blank=True, unique=True)
    # The case's reference in the records it was imported from (``manage.py import_cases``): re-importing
    # the same reference updates the case. Null for cases filed in the system.
    external_ref = models.CharField(
        _("reference in the imported records"), max_length=100, null=True, blank=True, unique=True
    )
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    status = FSMField(
        _("status"), default=Status.SUBMITTED, choices=Status.choices, protected=True, db_index=True
    )
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    is_collective = models.BooleanField(_("collective dispute"), default=False)
    closure_type = models.CharField(_("closure type"), max_length=20, choices=ClosureType.choices, blank=True)

    facts = models.TextField(_("facts and reasons"))
    street = models.CharField(_("street of the dispute"), max_length=100, blank=True)
    claims_total = models.DecimalField(
        _("total claimed"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )

    received_at = models.DateTimeField(_("received at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    mediation_organisation = models.ForeignKey(
        "accounts.MediationOrganisation",
        verbose_name=_("mediation organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    presiding_arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presided_cases",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clerked_cases",
        help_text=_("The clerk who registered or accepted the case and serves its documents."),
    )
    hearing_at = models.DateTimeField(_("oral hearing at"), null=True, blank=True)
    # Where end_mediation and resume return to.
    status_before_mediation = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_before_suspension = models.CharField(max_length=20, choices=Status.choices, blank=True)

    # Facts the guards read; the timeline (CaseEvent) keeps the history they come from.
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    defence_days = models.PositiveSmallIntegerField(default=10)
    defence_filed_at = models.DateTimeField(null=True, blank=True)
    defence_served_at = models.DateTimeField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    # The respondent's recorded agreement to a shorter defence period (R 58); the places that decide
    # jurisdiction (L 21) and an objection to it, decided before the hearing (R 10).
    defence_agreed_days = models.PositiveSmallIntegerField(null=True, blank=True)
    place_of_performance = models.CharField(_("place of performance"), max_length=200, blank=True)
    employer_registered_place = models.CharField(_("employer's registered place"), max_length=200, blank=True)
    jurisdiction_objected_at = models.DateTimeField(null=True, blank=True)
    jurisdiction_decided_at = models.DateTimeField(null=True, blank=True)
    # A case another commission transferred to this one (R Arts. 9, 46): that commission, its case number,
    # and the day this commission received the file, from which the ruling period runs afresh.
    transferred_from_commission = models.CharField(_("transferred from"), max_length=200, blank=True)
    transferred_from_number = models.CharField(
        _("transferring commission's case number"), max_length=100, blank=True
    )
    transferred_received_on = models.DateField(_("transferred file received on"), null=True, blank=True)

    # Linked cases handled together (串案): not a collective dispute, each member stays its own case.
    case_group = models.ForeignKey(
        "cases.CaseGroup",
        verbose_name=_("case group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    # The earliest open deadline, kept by the deadline engine: the docket sorts and filters on it.
    next_due_on = models.DateField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="filed_cases"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_seq"], name="case_number_sequence"),
            models.CheckConstraint(name="extension_at_most_15_days", condition=Q(extension_days__lte=15)),
            models.CheckConstraint(
                name="closed_has_closure_type", condition=~Q(status="closed") | ~Q(closure_type="")
            ),
        ]
        indexes = [
            # The docket, ordered by the next deadline. Status and clerk ride along at the end, so a
            # clerk's docket is filtered inside the index as it is walked, without visiting the rows.
            models.Index(fields=["next_due_on", "id", "status", "clerk"], name="case_docket"),
            models.Index(fields=["status", "next_due_on"], name="case_status_next_due"),
            models.Index(fields=["presiding_arbitrator", "next_due_on"], name="case_arbitrator_next_due"),
            # A mediation centre's docket: its cases in due order, not the whole docket walked past
            # (2,100 cases read for a page of 20 over 100,000: 2.2 ms in EXPLAIN ANALYZE).
            models.Index(
                fields=["mediation_organisation", "next_due_on", "id"], name="case_mediation_next_due"
            ),
            # "Newest first" (the model's default ordering too): a page without sorting every case.
            models.Index(fields=["received_at", "id"], name="case_received"),
            # The supervision figures: the cases closed in a period, or not closed before it.
            models.Index(fields=["closed_at"], name="case_closed"),
        ]
        # On PostgreSQL, migration cases.0002 also adds a trigram index for the search by case number.

    def __str__(self) -> str:
        return self.case_number or f"#{self.pk}"

    # --- cheap facts for guards and permissions ------------------------------------------------------
    @property
    def has_tribunal(self) -> bool:
        return self.presiding_arbitrator_id is not None

    @property
    def awaiting_supplement(self) -> bool:
        return self.supplement_requested_at is not None

    @property
    def jurisdiction_objection_pending(self) -> bool:
        return self.jurisdiction_objected_at is not None and self.jurisdiction_decided_at is None

    def consent_for(self, side: str) -> CaseConsent | None:
        cache = getattr(self, "_prefetched_objects_cache", {})
        consents = cache.get("consents")
        if consents is None:
            consents = self.consents.all()
        return next((c for c in consents if c.side == side), None)

    def side_of(self, user: User | AnonymousUser | None) -> str | None:
        """``applicant`` or ``respondent`` when the user is, represents or is agent for a party here."""
        if user is None or not user.is_authenticated:
            return None
        memo: dict[int, str | None] = self.__dict__.setdefault("_sides", {})
        if user.pk not in memo:
            # The parties and agents the case was read with (the detail prefetches both), else a query.
            cache = getattr(self, "_prefetched_objects_cache", {})
            side = None
            if user.party_id:
                if "parties" in cache:
                    side = next((cp.side for cp in cache["parties"] if cp.party_id == user.party_id), None)
                else:
                    side = self.parties.filter(party_id=user.party_id).values_list("side", flat=True).first()
            if side is None:
                # Only an agent whose mandate is verified acts for a side (see CaseAgent).
                if "agents" in cache:
                    side = next(
                        (
                            a.case_party.side
                            for a in cache["agents"]
                            if a.user_id == user.pk and a.mandate == Mandate.VERIFIED
                        ),
                        None,
                    )
                else:
                    side = (
                        self.agents.filter(user=user, mandate=Mandate.VERIFIED)
                        .values_list("case_party__side", flat=True)
                        .first()
                    )
            memo[user.pk] = side
        return memo[user.pk]

    # --- the state machine ---------------------------------------------------------------------------
    if TYPE_CHECKING:
        # Under Python 3.11 the type checker reads django-fsm's ``@override`` (a try/except import) as
        # untyped, which leaves ConcurrentTransitionMixin's constructor, and with it the Case class and
        # ``Case.objects``, typed Any. This is Model's constructor, restated.
        def __init__(self, *args: Any, **kwargs: Any) -> None: ...

        # Added by the FSMField (django-fsm): every transition of the model, whatever the status.
        def get_all_status_transitions(self) -> Iterator[Transition]: ...

    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=Status.PRE_MEDIATION,
        permission=perm.intake_staff,
        conditions=[cond.applicant_consents_to_mediation, cond.not_awaiting_supplement],
    )
    def refer_to_mediation(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.PRE_MEDIATION,
        target=Status.MEDIATED,
        permission=perm.referred_mediator_or_intake,
        conditions=[cond.mediation_agreement_confirmed, cond.collective_consent_to_settle],
    )
    def record_mediation_agreement(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.PRE_MEDIATION,
        target=Status.SUBMITTED,
        permission=perm.referred_mediator_or_intake,
    )
    def record_mediation_failure(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=Status.ACCEPTED,
        permission=perm.intake_staff,
        conditions=[cond.application_complete, cond.filed_with_authority],
    )
    def accept(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED, permission=perm.intake_staff)
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=INTAKE,
        target=Status.WITHDRAWN,
        permission=perm.applicant_side_or_intake,
        conditions=[cond.collective_consent_to_withdraw],
    )
    @transition(
        field=status,
        source=[*OPEN_ARBITRATION, Status.SUSPENDED],
        target=Status.CLOSED,
        permission=perm.applicant_side_or_intake,
        conditions=[cond.collective_consent_to_withdraw],
    )
    def withdraw(self) -> None:
        if self.status not in INTAKE:  # withdrawn after acceptance: the case closes by withdrawal
            self.closure_type = ClosureType.WITHDRAWAL

    @transition(
        field=status,
        source=Status.ACCEPTED,
        target=Status.ASYNC_HEARING,
        permission=perm.presiding_arbitrator,
        conditions=[
            cond.tribunal_assigned,
            cond.applicant_consents_to_async,
            cond.respondent_consents_to_async,
            cond.no_jurisdiction_objection_pending,
        ],
    )
    def start_async_hearing(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.ACCEPTED, Status.ASYNC_HEARING],
        target=Status.ORAL_HEARING,
        permission=perm.presiding_arbitrator,
        conditions=[cond.tribunal_assigned, cond.application_served, cond.no_jurisdiction_objection_pending],
    )
    def schedule_oral_hearing(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING, Status.DELIBERATION],
        target=Status.MEDIATION,
        permission=perm.presiding_arbitrator,
        conditions=[cond.tribunal_assigned],
    )
    def start_mediation(self) -> None:
        self.status_before_mediation = self.status

    @transition(
        field=status,
        source=Status.MEDIATION,
        target=RETURN_VALUE(Status.ACCEPTED, Status.ASYNC_HEARING, Status.ORAL_HEARING, Status.DELIBERATION),
        permission=perm.presiding_arbitrator,
    )
    def end_mediation(self) -> str:
        previous = self.status_before_mediation or Status.ACCEPTED
        self.status_before_mediation = ""
        return previous

    @transition(
        field=status,
        source=Status.MEDIATION,
        target=Status.CLOSED,
        permission=perm.presiding_arbitrator,
        conditions=[cond.mediation_document_signed, cond.collective_consent_to_settle],
    )
    def close_by_mediation(self) -> None:
        self.closure_type = ClosureType.MEDIATION

    @transition(field=status, source=OPEN_ARBITRATION, target=Status.SUSPENDED, permission=perm.supervisor)
    def suspend(self) -> None:
        self.status_before_suspension = self.status

    @transition(
        field=status,
        source=Status.SUSPENDED,
        target=RETURN_VALUE(*OPEN_ARBITRATION),
        permission=perm.supervisor,
    )
    def resume(self) -> str:
        previous = self.status_before_suspension or Status.ACCEPTED
        self.status_before_suspension = ""
        return previous

    @transition(
        field=status,
        source=[Status.ASYNC_HEARING, Status.ORAL_HEARING],
        target=Status.DELIBERATION,
        permission=perm.presiding_arbitrator,
    )
    def conclude_hearing(self) -> None:
        pass

    @transition(
        field=status, source=Status.DELIBERATION, target=Status.CLOSED, permission=perm.presiding_arbitrator
    )
    def issue_award(self) -> None:
        self.closure_type = ClosureType.AWARD

    # Only after an oral hearing the applicant was notified of in writing (L Art. 36, R Art. 39); never in an
    # asynchronous hearing, where a missed step is waived instead.
    @transition(
        field=status,
        source=Status.ORAL_HEARING,
        target=Status.CLOSED,
        permission=perm.presiding_arbitrator,
        conditions=[cond.hearing_date_passed, cond.hearing_notice_reached_applicant],
    )
    def deem_withdrawn(self) -> None:
        self.closure_type = ClosureType.DEEMED_WITHDRAWAL

    @transition(
        field=status,
        source=OPEN_ARBITRATION,
        target=Status.CLOSED,
        permission=perm.presiding_arbitrator_or_supervisor,
    )
    def cancel(self) -> None:
        self.closure_type = ClosureType.CANCELLED

    @transition(
        field=status,
        source=[*OPEN_ARBITRATION, Status.SUSPENDED],
        target=Status.CLOSED,
        permission=perm.intake_staff,
    )
    def transfer(self) -> None:
        """R Arts. 9-10: the case goes to the competent commission, whose period runs from receipt (R 46)."""
        self.closure_type = ClosureType.TRANSFERRED


class CaseParty(models.Model):
    """A party's place in a case: applicant or respondent, in filing order."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey("accounts.Party", on_delete=models.PROTECT, related_name="case_roles")
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    position = models.PositiveSmallIntegerField(default=0)
    is_representative = models.BooleanField(_("elected representative"), default=False)
    # HMAC of the access code printed on the notice; the respondent binds its account with it once.
    access_code_digest = models.CharField(max_length=64, blank=True)
    access_code_used_at = models.DateTimeField(null=True, blank=True)
    # The particulars as whoever named this party in this case typed them. A party already registered
    # keeps its stored record; the side that named it sees what it typed, never the stored contact
    # details (see cases.disclosure). ``stated_side`` is the side that typed them ("" for a clerk).
    stated_name = models.CharField(_("name as stated"), max_length=200, blank=True)
    stated_phone = models.CharField(_("phone as stated"), max_length=11, blank=True)
    stated_address = models.CharField(_("address as stated"), max_length=300, blank=True)
    stated_side = models.CharField(max_length=20, choices=Side.choices, blank=True)
    # A migrant worker's wage arrears (农民工欠薪): set on the applicant at filing or later by a clerk
    # (action ``set_priority``); the case is then a priority case (``cases.selectors.priority_expression``).
    migrant_wage_arrears = models.BooleanField(_("migrant worker's wage arrears"), default=False)

    class Meta:
        ordering = ["side", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="party_once_per_case")]
        indexes = [
            models.Index(fields=["party", "case"], name="caseparty_by_party"),
            # The priority cases' applicants, few among many: the docket's ordering asks "which cases have
            # one" (``priority_expression``) on every page. Without it PostgreSQL read every party row to
            # hash the answer (15 ms a page over 100,000 cases, EXPLAIN ANALYZE); with it, a few rows.
            models.Index(
                fields=["case"],
                condition=models.Q(migrant_wage_arrears=True, side=Side.APPLICANT),
                name="caseparty_priority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class Mandate(models.TextChoices):
    """Where an agent's authority (授权委托书) stands. Only a verified agent acts for the party."""

    PENDING = "pending", _("Mandate not yet verified")
    VERIFIED = "verified", _("Mandate verified")
    REJECTED = "rejected", _("Mandate rejected")


class MandateCheck(models.TextChoices):
    """How a mandate was decided: a clerk checked the signed power of attorney, or the party itself."""

    CLERK = "clerk", _("Power of attorney checked by a clerk")
    PARTY = "party", _("Confirmed by the party")


class CaseAgent(models.Model):
    """An agent (lawyer or representative) acts for one party in one case, once its mandate is verified."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agents")
    case_party = models.ForeignKey(CaseParty, on_delete=models.CASCADE, related_name="agents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agencies")
    mandate = models.CharField(_("mandate"), max_length=20, choices=Mandate.choices, default=Mandate.PENDING)
    mandate_checked_by = models.CharField(max_length=20, choices=MandateCheck.choices, blank=True)
    mandate_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mandate_decided_at = models.DateTimeField(null=True, blank=True)
    mandate_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="agent_for_one_party_per_case"),
            models.CheckConstraint(
                name="decided_mandate_says_how",
                condition=Q(mandate="pending") | ~Q(mandate_checked_by=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case_party}"


class Claim(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="claims")
    category = models.CharField(_("category"), max_length=40, choices=ClaimCategory.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(default=0)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(name="claim_amount_not_negative", condition=Q(amount__gte=0))]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount or ''}"


class CaseConsent(models.Model):
    """A side's current consents; every change is also a timeline event. None means not yet asked."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    side = models.CharField(max_length=20, choices=Side.choices)
    pre_mediation = models.BooleanField(null=True)
    async_hearing = models.BooleanField(null=True)
    electronic_service = models.BooleanField(null=True)
    updated_at = models.DateTimeField(null=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "side"], name="one_consent_row_per_side")]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.side}"


class TribunalMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tribunal")
    arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tribunal_seats"
    )
    presiding = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "arbitrator"], name="arbitrator_once_per_tribunal"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(presiding=True), name="one_presiding_arbitrator"
            ),
        ]
        indexes = [models.Index(fields=["arbitrator", "case"], name="tribunal_by_arbitrator")]

    def __str__(self) -> str:
        return f"{self.arbitrator} ({'presiding' if self.presiding else 'member'})"


class CaseNumberSequence(models.Model):
    """The last case number issued in a year; locked row by row so numbers are unique and gapless."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
