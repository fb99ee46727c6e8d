"""The service review (好差评, issue 16 point 5): after closure each party rates the commission's service
once, with an optional comment; a bad or very bad rating asks the supervisors for a follow-up, whose note
is recorded.

The supervisors' figures (by arbitrator, mediator and month) are read in
``arbitration.supervision.care``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from accounts.roles import OVERSIGHT_ROLES, has_role
from cases.models import (
    BAD_RATINGS,
    SCORES,
    Case,
    CaseAgent,
    CaseParty,
    EventKind,
    Mandate,
    MediationEpisode,
    Rating,
    ServiceReview,
)
from cases.models.case import TERMINAL
from cases.services.kernel import lock_case, record_event, tell
from core import clock
from core.errors import Conflict, Forbidden, NotFound, field_error
from core.messages import Message


def reviewing_party(case: Case, user: User) -> CaseParty | None:
    """The party this user rates for: its own, or the one it is a verified agent of; None otherwise."""
    if user.party_id is not None:
        own = CaseParty.objects.filter(case=case, party_id=user.party_id).first()
        if own is not None:
            return own
    agency = (
        CaseAgent.objects.select_related("case_party")
        .filter(case=case, user=user, mandate=Mandate.VERIFIED)
        .first()
    )
    return agency.case_party if agency else None


def review_of(case: Case, user: User) -> ServiceReview | None:
    party = reviewing_party(case, user)
    return ServiceReview.objects.filter(case_party=party).first() if party else None


def may_review(case: Case, user: User) -> bool:
    party = reviewing_party(case, user)
    return (
        party is not None
        and case.status in TERMINAL
        and not ServiceReview.objects.filter(case_party=party).exists()
    )


def _last_mediator(case: Case) -> int | None:
    episode = (
        MediationEpisode.objects.filter(case=case, mediator__isnull=False)
        .order_by("-started_at", "-id")
        .first()
    )
    return episode.mediator_id if episode else None


@transaction.atomic
def review_submit(*, case: Case, user: User, rating: str, comment: str = "") -> ServiceReview:
    """A party (or its verified agent) rates the service of a closed case; once per party.

    403 for anyone not a party of the case; 409 before closure and for a second rating."""
    party = reviewing_party(case, user)
    if party is None:
        raise Forbidden(_("Only a party of the case rates its service."))
    if rating not in Rating.values:
        raise field_error("rating", _("Choose a rating."))
    case = lock_case(case)
    if case.status not in TERMINAL:
        raise Conflict(_("The service can be rated once the case is closed."), extra={"status": case.status})
    if ServiceReview.objects.filter(case_party=party).exists():
        raise Conflict(_("This party has already rated the service of this case."))
    bad = rating in BAD_RATINGS
    try:
        with transaction.atomic():
            review = ServiceReview.objects.create(
                case=case,
                case_party=party,
                side=party.side,
                user=user,
                rating=rating,
                score=SCORES[Rating(rating)],
                comment=comment.strip(),
                created_at=clock.now(),
                arbitrator_id=case.presiding_arbitrator_id,
                mediator_id=_last_mediator(case),
                needs_follow_up=bad,
            )
    except IntegrityError:
        raise Conflict(_("This party has already rated the service of this case.")) from None
    # The timeline says that a side rated, not how: the rated staff read the figures, not single votes.
    record_event(case, EventKind.SERVICE_REVIEWED, user, data={"side": party.side, "review": review.pk})
    if bad:
        supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True)
        tell(
            case,
            supervisors,
            "review.follow_up",
            Message(
                gettext_noop("a party rated the service “%(rating)s”: please follow up"),
                rating=Rating(rating).label,
            ),
        )
    return review


def reviews_to_follow_up() -> QuerySet[ServiceReview]:
    """Bad ratings, those awaiting a follow-up first, newest first."""
    return (
        ServiceReview.objects.filter(needs_follow_up=True)
        .select_related("case", "arbitrator", "mediator", "followed_up_by")
        .order_by(F("followed_up_at").asc(nulls_first=True), "-created_at", "-id")
    )


@transaction.atomic
def review_follow_up(*, review_id: int, user: User, note: str) -> ServiceReview:
    """A supervisor records the follow-up of a bad rating (who was called, what was found or done)."""
    if not has_role(user, OVERSIGHT_ROLES):
        raise Forbidden(_("Only supervisors follow up service ratings."))
    review = ServiceReview.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise NotFound(_("There is no such rating."))
    if not note.strip():
        raise field_error("note", _("Say how the rating was followed up."))
    if not review.needs_follow_up:
        raise Conflict(_("Only a bad or very bad rating is followed up."))
    if review.followed_up_at is not None:
        raise Conflict(_("This rating has already been followed up."))
    review.follow_up_note = note.strip()
    review.followed_up_by = user
    review.followed_up_at = clock.now()
    review.save(update_fields=["follow_up_note", "followed_up_by", "followed_up_at"])
    record_event(review.case, EventKind.REVIEW_FOLLOWED_UP, user, data={"review": review.pk})
    return review
