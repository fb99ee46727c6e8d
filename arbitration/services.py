"""Arbitration's writes: the award draft, partial awards (L Art. 43) and the award's step on a case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from arbitration import selectors
from arbitration.finality import classify
from arbitration.inputs import TRIED
from arbitration.models import Award, AwardDissent, AwardItem, AwardKind, AwardStatus, DecidedBy
from cases.conditions import hearing_notice_proof
from cases.models import Case, EventKind, MediationEpisode, MediationStage, Side, Status
from cases.services.kernel import check_transition, finish, fire, lock_case, record_event, side_users, tell
from core import clock
from core.errors import ApplicationError, Forbidden, InvalidTransition, field_error
from core.messages import Message

AWARD_DRAFTED = "award_drafted"
# What an item's amount column holds (14 digits, 2 after the point).
MAX_AMOUNT = Decimal("1000000000000")
PARTIAL_AWARD = "partial_award"


def _check_tribunal(case: Case, user: User) -> None:
    if not case.tribunal.filter(arbitrator=user).exists():
        raise Forbidden(_("Only the tribunal drafts and issues the award."))
    if case.status != Status.DELIBERATION:
        raise InvalidTransition(
            _("The award is drafted while the case awaits it (deliberation), not while it is “%(status)s”.")
            % {"status": case.get_status_display()},
            extra={"status": case.status},
        )


def _decided_by(case: Case, dissents: list[dict[str, Any]]) -> str:
    """Unanimous, the majority, or without a majority the presiding arbitrator's view (L Art. 45)."""
    members = {m.arbitrator_id: m.presiding for m in case.tribunal.all()}
    for index, dissent in enumerate(dissents):
        if dissent["arbitrator"] not in members:
            raise field_error(f"dissents.{index}.arbitrator", _("Only a member of the tribunal dissents."))
    ids = [d["arbitrator"] for d in dissents]
    if len(set(ids)) != len(ids):
        raise field_error("dissents", _("Each member dissents once."))
    if not dissents:
        return DecidedBy.UNANIMOUS
    if len(members) < 3:
        raise field_error("dissents", _("Only a three-member tribunal records a dissent."))
    if len(dissents) == 1:
        return DecidedBy.MAJORITY
    if any(members[i] for i in ids):
        raise field_error(
            "dissents",
            _("Two members dissent with the presiding arbitrator: the award must state the majority's view."),
        )
    return DecidedBy.PRESIDING


@transaction.atomic
def award_save(
    *,
    case: Case,
    user: User,
    items: list[dict[str, Any]],
    partial_award: bool = False,
    costs: str = "",
    dissents: list[dict[str, Any]] | None = None,
) -> Award:
    """Write the tribunal's draft (replacing the one before): per claim the element findings, the computed
    amount, the amount granted, the decision, finding and reasoning; free-form items; the dissents."""
    case = lock_case(case)
    _check_tribunal(case, user)
    dissents = dissents or []
    decided_by = _decided_by(case, dissents)
    claims = {c.pk: c for c in case.claims.filter(withdrawn=False)}
    already = selectors.claims_decided_earlier(case)
    seen: set[int] = set()
    rows: list[AwardItem] = []
    for index, item in enumerate(items):
        claim = None
        if item["claim"] is not None:
            claim = claims.get(item["claim"])
            if claim is None:
                raise field_error(f"items.{index}.claim", _("No such claim in this case."))
            if claim.pk in seen:
                raise field_error(f"items.{index}.claim", _("This claim is already decided in another item."))
            if claim.pk in already:
                raise field_error(f"items.{index}.claim", _("This claim was decided by a partial award."))
            seen.add(claim.pk)
        computed: Decimal | None = None
        breakdown: list[dict[str, str]] = []
        body = None
        if item["calculation"] is not None:
            body = item["calculation"]["body"]
            try:
                result, _finality = selectors.calculate(item["calculation"]["validated"])
            except ApplicationError as error:
                raise ApplicationError(
                    error.detail,
                    fields={f"items.{index}.calculation.{k}": v for k, v in error.fields.items()},
                ) from None
            assert result is not None
            computed = result.amount
            if computed >= MAX_AMOUNT:
                raise field_error(
                    f"items.{index}.calculation", _("The computed amount is implausibly large.")
                )
            breakdown = selectors.breakdown_data(result)
        rows.append(
            AwardItem(
                claim=claim,
                position=index,
                category=claim.category if claim else item["category"],
                title=item["title"] or (claim.description if claim else ""),
                elements=item["elements"],
                calculation=body,
                computed_amount=computed,
                breakdown=breakdown,
                granted=item["granted"],
                decision=item["decision"],
                finding=item["finding"],
                reasoning=item["reasoning"],
            )
        )
    award = Award.objects.filter(case=case, status=AwardStatus.DRAFT).first()
    now = clock.now()
    if award is None:
        award = Award(case=case)
    award.kind = AwardKind.PARTIAL if partial_award else AwardKind.FINAL
    award.costs = costs
    award.decided_by = decided_by
    award.drafted_by = user
    award.updated_at = now
    award.save()
    award.items.all().delete()
    award.dissents.all().delete()
    for row in rows:
        row.award = award
    AwardItem.objects.bulk_create(rows)
    AwardDissent.objects.bulk_create(
        [AwardDissent(award=award, arbitrator_id=d["arbitrator"], opinion=d["opinion"]) for d in dissents]
    )
    record_event(case, AWARD_DRAFTED, user, data={"award": award.pk, "items": len(rows)})
    return award


def _undecided(case: Case, award: Award | None, *, whole_case: bool) -> dict[str, list[str]]:
    """What still lacks a decision, by field: the draft's items, and (``whole_case``) the claims."""
    missing: dict[str, list[str]] = {}
    items = list(award.items.all()) if award else []
    for item in items:
        if not item.decision:
            missing[f"items.{item.position}.decision"] = [
                _("“%(title)s” has no decision.") % {"title": item.title or item.get_category_display()}
            ]
    if whole_case:
        decided = selectors.claims_decided_earlier(case) | {i.claim_id for i in items if i.claim_id}
        for claim in case.claims.filter(withdrawn=False):
            if claim.pk not in decided:
                missing[f"claims.{claim.pk}"] = [
                    _("The claim “%(claim)s” has no decision.") % {"claim": claim.description}
                ]
    return missing


def _issue(award: Award, user: User) -> None:
    """Fix each item's final-award classification on the award date, then the award itself."""
    today = clock.today()
    # The minimum wage of the award date once, and the items in one UPDATE, however many claims: the
    # award is not issued yet (award.save() below refuses one that is, and the transaction undoes this).
    items = list(award.items.all())
    if items:
        wage = selectors.minimum_wage_on(today, field="award_date")
        for item in items:
            found = classify(item.category, item.granted, wage)
            item.final, item.final_reason, item.threshold = found.final, found.reason, found.threshold
        AwardItem.objects.bulk_update(items, ["final", "final_reason", "threshold"])
    award.status = AwardStatus.ISSUED
    award.award_date = today
    award.issued_at = clock.now()
    award.issued_by = user
    award.save()


@transaction.atomic
def award_issue_partial(*, case: Case, user: User, reason: str = "") -> Award:
    """Issue the draft as a partial award (先行裁决, L Art. 43 ¶2): the claims in it are decided; the case
    stays in deliberation for the rest."""
    case = lock_case(case)
    _check_tribunal(case, user)
    if not case.presiding_arbitrator_id == user.pk:
        raise Forbidden(_("The presiding arbitrator issues the award."))
    award = Award.objects.filter(case=case, status=AwardStatus.DRAFT).first()
    if award is None or award.kind != AwardKind.PARTIAL:
        raise field_error("partial_award", _("There is no draft partial award to issue."))
    if not award.items.exists():
        raise field_error("items", _("A partial award decides at least one claim."))
    missing = _undecided(case, award, whole_case=False)
    if missing:
        raise ApplicationError(_("Every item needs a decision."), fields=missing)
    _issue(award, user)
    record_event(case, PARTIAL_AWARD, user, reason=reason, data={"award": award.pk})
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    tell(
        case, everyone, "case.partial_award", Message(gettext_noop("a partial award has been issued")), reason
    )
    return award


def _mediation_answer(case: Case, mediation_tried: str | None, not_tried_reason: str) -> dict[str, object]:
    """The award's answer to "was mediation tried?" as the event records it; "yes" without a mediation by
    the tribunal on record is refused, naming the field."""
    if mediation_tried is None:
        return {}
    tried = mediation_tried == TRIED
    if tried and not MediationEpisode.objects.filter(case=case, stage=MediationStage.IN_ARBITRATION).exists():
        raise field_error(
            "mediation_tried",
            _(
                "No mediation by the tribunal is on record for this case: start mediation first, "
                "or say why it was not tried."
            ),
        )
    if tried:
        return {"mediation_tried": True}
    return {"mediation_tried": False, "mediation_not_tried_reason": not_tried_reason}


@transaction.atomic
def case_issue_award(
    *,
    case: Case,
    user: User,
    reason: str = "",
    mediation_tried: str | None = None,
    mediation_not_tried_reason: str = "",
    default_award: bool = False,
) -> Case:
    """Fire ``issue_award`` with the draft as it stands: refused (400, naming each) while an item or a
    claim has no decision; the award is then fixed for good and the case closes. The answer to "was
    mediation tried?" (L Art. 42) is recorded with it; "yes" needs a mediation by the tribunal on record."""
    case = lock_case(case)
    award = Award.objects.filter(case=case, status=AwardStatus.DRAFT).first()
    if award is not None and award.kind == AwardKind.PARTIAL:
        raise field_error(
            "partial_award", _("The draft is a partial award: issue it as such, or make it the award.")
        )
    # Status and permission first (409, 403), then the award's completeness (400).
    check_transition(case, EventKind.ISSUE_AWARD, user)
    data: dict[str, object] = _mediation_answer(case, mediation_tried, mediation_not_tried_reason)
    if default_award:
        _check_default_award(case)
        data["default_award"] = True
    missing = _undecided(case, award, whole_case=True)
    if award is None and not missing:
        raise field_error("items", _("Draft the award before issuing it."))
    if missing:
        raise ApplicationError(_("Every claim needs a decision before the award is issued."), fields=missing)
    assert award is not None
    _issue(award, user)
    data.update(award=award.pk, final=award.is_final)
    fire(case, EventKind.ISSUE_AWARD, user, reason=reason, data=data)
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT)
    message = Message(
        gettext_noop("a default award has been issued")
        if default_award
        else gettext_noop("the award has been issued")
    )
    tell(case, everyone, "case.closed", message, reason)
    return finish(case)


def _check_default_award(case: Case) -> None:
    """A default award (缺席裁决) needs an oral hearing whose date has passed and proof that its written
    notice reached the respondent in time (L Arts. 35-36)."""
    if case.hearing_at is None or case.hearing_at > clock.now():
        raise field_error(
            "default_award",
            _("A default award follows an oral hearing the respondent missed: none has been held."),
        )
    if hearing_notice_proof(case, Side.RESPONDENT) is None:
        raise field_error(
            "default_award",
            _(
                "There is no proof that the written hearing notice reached the respondent at least "
                "5 days before the hearing (a notice by phone or SMS counts only once confirmed, "
                "R Art. 59)."
            ),
        )


def describe_award(event: object) -> list[str]:
    data = getattr(event, "data", None) or {}
    if data.get("default_award"):
        return [_("Default award: the respondent, notified in writing, did not attend the hearing")]
    return []
