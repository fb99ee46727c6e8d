"""Arbitration recommendation letters (仲裁建议书, issue 11 point 8): the employers with several issued
awards against them within a period, and the letters recorded to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Party, PartyKind, User
from accounts.roles import RECOMMENDATION_ROLES, has_role
from arbitration.models import Award, AwardStatus, Decision, RecommendationLetter
from cases.models import CaseParty, Side
from core import clock
from core.errors import Forbidden, field_error

# An award is "against" the employer when it upholds a claim, in whole or in part.
AGAINST = (Decision.UPHELD, Decision.PARTLY_UPHELD)
DEFAULT_MINIMUM = 2


@dataclass(frozen=True)
class RecurringEmployer:
    credit_code: str
    name: str
    cases: int
    letters: int


def check_recommender(user: User) -> None:
    if not has_role(user, RECOMMENDATION_ROLES):
        raise Forbidden(_("Only supervisors and arbitrators see recurring employers and their letters."))


def recurring_employers(
    *, user: User, start: date, end: date, minimum: int = DEFAULT_MINIMUM
) -> list[RecurringEmployer]:
    """Employers (by credit code) respondent in at least ``minimum`` cases whose award, issued between
    ``start`` and ``end``, upheld a claim; most cases first. One query for the employers, one for their
    letters."""
    check_recommender(user)
    if end < start:
        raise field_error("to", _("The end of the period is before its start."))
    awarded = Award.objects.filter(
        status=AwardStatus.ISSUED,
        award_date__gte=start,
        award_date__lte=end,
        items__decision__in=AGAINST,
    ).values("case_id")
    rows = (
        CaseParty.objects.filter(
            case_id__in=awarded, side=Side.RESPONDENT, party__kind=PartyKind.ORGANISATION
        )
        .values("party__credit_code", "party__name")
        .annotate(cases=Count("case", distinct=True))
        .filter(cases__gte=minimum)
        .order_by("-cases", "party__credit_code")
    )
    codes = [str(r["party__credit_code"]) for r in rows]
    letters = dict(
        RecommendationLetter.objects.filter(credit_code__in=codes)
        .values("credit_code")
        .annotate(n=Count("id"))
        .values_list("credit_code", "n")
    )
    return [
        RecurringEmployer(code, r["party__name"], r["cases"], letters.get(code, 0))
        for code, r in zip(codes, rows, strict=True)
    ]


def letters_list(*, user: User, credit_code: str = "") -> QuerySet[RecommendationLetter]:
    check_recommender(user)
    letters = RecommendationLetter.objects.select_related("recorded_by")
    return letters.filter(credit_code=credit_code) if credit_code else letters


@transaction.atomic
def letter_record(
    *, user: User, credit_code: str, addressee: str, text: str, letter_date: date
) -> RecommendationLetter:
    """Record a recommendation letter sent to the employer with ``credit_code`` (a party the commission
    knows)."""
    check_recommender(user)
    employer = Party.objects.filter(kind=PartyKind.ORGANISATION, credit_code=credit_code).first()
    if employer is None:
        raise field_error("credit_code", _("No employer with this credit code is known."))
    if letter_date > clock.today():
        raise field_error("letter_date", _("The letter's date cannot be in the future."))
    return RecommendationLetter.objects.create(
        credit_code=credit_code,
        employer_name=employer.name,
        addressee=addressee,
        text=text,
        letter_date=letter_date,
        recorded_by=user,
        recorded_at=clock.now(),
    )
