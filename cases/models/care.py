"""Care for the worker (issue 16): the legal-aid referral and the service review (好差评).

The priority of a migrant worker's wage arrears is a flag on the applicant (``CaseParty``), read by one
expression, ``cases.selectors.priority_expression``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalAidStatus(models.TextChoices):
    REQUESTED = "requested", _("Referred, awaiting the centre's answer")
    ASSIGNED = "assigned", _("Lawyer assigned")
    DECLINED = "declined", _("Declined")


class LegalAidReferral(models.Model):
    """A worker's request for legal aid, referred to the configured legal-aid centre, and its outcome."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_aid_referrals")
    case_party = models.ForeignKey("cases.CaseParty", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    note = models.CharField(_("note"), max_length=1000, blank=True)
    # The centre as configured when the referral was made, and what it was sent.
    centre_name = models.CharField(_("legal-aid centre"), max_length=200)
    centre_contact = models.CharField(_("centre's contact"), max_length=200)
    message = models.TextField(_("referral sent"))
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LegalAidStatus.choices, default=LegalAidStatus.REQUESTED
    )
    lawyer_name = models.CharField(_("lawyer"), max_length=100, blank=True)
    lawyer_phone = models.CharField(_("lawyer's phone"), max_length=20, blank=True)
    decline_reason = models.CharField(_("reason declined"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The assigned lawyer's agency, once bound (through the mandate path: pending until verified).
    agency = models.ForeignKey(
        "cases.CaseAgent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="requested"), name="one_pending_legal_aid_per_case"
            ),
            models.CheckConstraint(
                name="legal_aid_outcome_complete",
                condition=Q(status="requested")
                | Q(status="assigned", decided_at__isnull=False) & ~Q(lawyer_name="")
                | Q(status="declined", decided_at__isnull=False) & ~Q(decline_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} legal aid {self.status}"


class Rating(models.TextChoices):
    """The five grades of the 好差评 system, best first."""

    VERY_GOOD = "very_good", _("Very good")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    BAD = "bad", _("Bad")
    VERY_BAD = "very_bad", _("Very bad")


SCORES = {Rating.VERY_GOOD: 5, Rating.GOOD: 4, Rating.FAIR: 3, Rating.BAD: 2, Rating.VERY_BAD: 1}
BAD_RATINGS = (Rating.BAD, Rating.VERY_BAD)


class ServiceReview(models.Model):
    """One party's rating of the commission's service in a closed case; once per party.

    The presiding arbitrator and the last mediator are kept as they were when the rating was given, so the
    supervisors' figures per arbitrator and mediator are a plain GROUP BY.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="service_reviews")
    case_party = models.ForeignKey("cases.CaseParty", on_delete=models.CASCADE, related_name="+")
    side = models.CharField(_("side"), max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    score = models.PositiveSmallIntegerField()
    comment = models.CharField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("rated at"))
    arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A bad rating asks the supervisors for a follow-up; its note is recorded here.
    needs_follow_up = models.BooleanField(default=False)
    follow_up_note = models.CharField(_("follow-up"), max_length=2000, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case_party"], name="one_review_per_party"),
            models.CheckConstraint(name="review_score_1_to_5", condition=Q(score__gte=1, score__lte=5)),
        ]
        indexes = [models.Index(fields=["created_at"], name="review_by_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.side} {self.rating}"
