"""Arbitration's records: the local figures the calculator and the final-award rule read, and awards."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import ClaimCategory


class FigureKind(models.TextChoices):
    MINIMUM_WAGE = "minimum_wage", _("Monthly minimum wage")
    AVERAGE_WAGE = "average_monthly_wage", _("Local average monthly wage")


class LocalFigure(models.Model):
    """A local figure from the day it takes effect until the next one of its kind.

    The monthly minimum wage decides the final-award line (12×, L Art. 47); the local average monthly wage
    caps the compensation base (3×, Labour Contract Law Art. 47). Supervisors keep the table (the admin
    site); every calculation names the row it used.
    """

    kind = models.CharField(_("figure"), max_length=30, choices=FigureKind.choices)
    region = models.CharField(_("region"), max_length=50, default="广州市")
    amount = models.DecimalField(
        _("amount (yuan a month)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("local figure")
        verbose_name_plural = _("local figures")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "region", "effective_from"], name="one_figure_a_day"),
            models.CheckConstraint(name="figure_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region} {self.amount} ({self.effective_from})"


# --- awards ---------------------------------------------------------------------------------------------


class AwardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class AwardKind(models.TextChoices):
    FINAL = "final", _("Award")
    PARTIAL = "partial", _("Partial award (L Art. 43)")


class Decision(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    DISMISSED = "dismissed", _("Dismissed")


class DecidedBy(models.TextChoices):
    UNANIMOUS = "unanimous", _("Unanimous")
    MAJORITY = "majority", _("By majority (L Art. 45)")
    PRESIDING = "presiding", _("No majority: the presiding arbitrator's view (L Art. 45)")


class Issued(Exception):
    """An issued award, or an item of one, was about to change."""


class AwardQuerySet(models.QuerySet["Award"]):
    def update(self, **kwargs: object) -> int:
        if self.filter(status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award never changes")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award is never deleted")
        return super().delete()


class Award(models.Model):
    """The tribunal's award on a case: a draft until issued, then never changed (the model, its querysets
    and a database trigger refuse). A case may have partial awards (先行裁决, L Art. 43) before its final
    one; at most one draft at a time."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="awards")
    kind = models.CharField(max_length=10, choices=AwardKind.choices, default=AwardKind.FINAL)
    status = models.CharField(max_length=10, choices=AwardStatus.choices, default=AwardStatus.DRAFT)
    costs = models.TextField(_("costs"), blank=True)
    decided_by = models.CharField(max_length=10, choices=DecidedBy.choices, blank=True)
    award_date = models.DateField(null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField()
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="draft"), name="one_draft_award"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="issued", kind="final"), name="one_final_award"
            ),
            models.CheckConstraint(
                name="issued_award_is_dated", condition=Q(status="draft") | Q(issued_at__isnull=False)
            ),
        ]
        # The supervision figures count the awards issued in a period.
        indexes = [models.Index(fields=["issued_at"], name="award_issued")]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk and Award.objects.filter(pk=self.pk, status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award never changes")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        if self.status == AwardStatus.ISSUED:
            raise Issued("an issued award is never deleted")
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_final(self) -> bool:
        """Final only when every item is (an award with no items is not)."""
        items = list(self.items.all())
        return bool(items) and all(item.final for item in items)


class AwardItemQuerySet(models.QuerySet["AwardItem"]):
    def update(self, **kwargs: object) -> int:
        if self.filter(award__status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award never changes")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(award__status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award is never deleted")
        return super().delete()


class AwardItem(models.Model):
    """One decided claim (or a free-form item for another claim): its element findings, the computed
    amount, the amount granted, the decision, finding and reasoning; and, once issued, whether it is final
    and why."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="items")
    claim = models.ForeignKey(
        "cases.Claim", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=40, choices=ClaimCategory.choices)
    title = models.CharField(max_length=300, blank=True)
    elements = models.JSONField(default=list, blank=True)
    calculation = models.JSONField(null=True, blank=True)
    computed_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    breakdown = models.JSONField(default=list, blank=True)
    granted = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    finding = models.TextField(blank=True)
    reasoning = models.TextField(blank=True)
    # Fixed when the award is issued, on the award date.
    final = models.BooleanField(null=True)
    final_reason = models.TextField(blank=True)
    threshold = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    objects = AwardItemQuerySet.as_manager()

    class Meta:
        ordering = ["award", "position", "id"]
        constraints = [
            models.CheckConstraint(name="granted_not_negative", condition=Q(granted__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.award_id}/{self.position} {self.category}"

    def save(self, *args: object, **kwargs: object) -> None:
        if Award.objects.filter(pk=self.award_id, status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award never changes")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        if Award.objects.filter(pk=self.award_id, status=AwardStatus.ISSUED).exists():
            raise Issued("an issued award is never deleted")
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]


class AwardDissent(models.Model):
    """A member of a three-member tribunal who does not join the award, with the opinion for the record."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="dissents")
    arbitrator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opinion = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["award", "arbitrator"], name="one_dissent_each")]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.arbitrator_id}"


# --- publication (L Art. 47's awards made public, anonymised) and recommendation letters ------------------


class PublishedAward(models.Model):
    """An issued award as the public reads it: anonymised (``arbitration.anonymise``), found by the public
    search (``arbitration.search``). The award itself stays as issued; this is a separate text."""

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="publication")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("anonymised text"))
    # Space-separated claim categories ("wage_arrears overtime"): filterable by LIKE on every database.
    claim_categories = models.CharField(max_length=400)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    typical = models.BooleanField(_("typical case"), default=False, db_index=True)
    typical_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    # The text's search terms (``arbitration.search.terms``): on PostgreSQL a GIN index over them as a
    # tsvector (migration 0006) answers the public search; see ``arbitration.search`` for why.
    search_terms = models.TextField(editable=False)

    class Meta:
        verbose_name = _("published award")
        verbose_name_plural = _("published awards")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def categories(self) -> list[str]:
        return self.claim_categories.split()


class RecommendationLetter(models.Model):
    """An arbitration recommendation letter (仲裁建议书) to an employer whose violations recur."""

    credit_code = models.CharField(_("unified social credit code"), max_length=18, db_index=True)
    employer_name = models.CharField(_("employer"), max_length=200)
    addressee = models.CharField(_("addressed to"), max_length=200)
    text = models.TextField(_("text"))
    letter_date = models.DateField(_("date of the letter"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("recommendation letter")
        verbose_name_plural = _("recommendation letters")
        ordering = ["-letter_date", "-id"]

    def __str__(self) -> str:
        return f"{self.employer_name} {self.letter_date}"


# --- the case's formal documents ----------------------------------------------------------------------------


class DocumentKind(models.TextChoices):
    APPLICATION_RECEIPT = "application_receipt", _("Receipt of the application")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Acceptance notice")
    REJECTION_NOTICE = "rejection_notice", _("Rejection notice")
    RESPONDENT_NOTICE = "respondent_notice", _("Notice to the respondent")
    HEARING_NOTICE = "hearing_notice", _("Hearing notice")
    HEARING_RECORD = "hearing_record", _("Hearing record")
    MEDIATION_DOCUMENT = "mediation_document", _("Mediation document")
    AWARD = "award", _("Award")


class CaseDocument(models.Model):
    """A formal document of a case as it was made: the PDF's bytes, their SHA-256 and, for the documents
    arbitration lays out itself, the text its template gave (``markup``), from which the same bytes are
    made again. A document addressed to one party (the respondent's notice with its access code) names
    it; ``side`` says whose documents the others are ("" for both sides). Documents are written once; the
    ones laid out from ``markup`` get their bytes from a job right after the step's commit
    (``arbitration.documents``).

    The bytes are kept in the database: a document is tens of kilobytes, and it must exist exactly when
    the step that made it committed (accepting a case must not fail, nor leave a stray object, because
    object storage is down)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    # What the document was made from, unique within its case and kind (``event:12``, ``session:3``).
    source = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    side = models.CharField(max_length=20, blank=True)
    case_party = models.ForeignKey(
        "cases.CaseParty", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    markup = models.TextField(blank=True)
    # None (and sha256 "") until the PDF is laid out from ``markup`` after the step's commit.
    content = models.BinaryField(null=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True)
    generated_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "generated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "source"], name="one_document_per_source"),
        ]
        indexes = [models.Index(fields=["case", "generated_at"], name="documents_of_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.source}"


# --- after the award: lawsuits and set-aside applications (issue 11, point 6; arbitration/after_award.py) --


class ChallengeKind(models.TextChoices):
    LAWSUIT = "lawsuit", _("Lawsuit in the people's court (L Arts. 48, 50)")
    SET_ASIDE = "set_aside", _("Application to set the final award aside (L Art. 49)")


class ChallengeResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISMISSED = "dismissed", _("Dismissed")
    SET_ASIDE = "set_aside", _("Award set aside")
    JUDGMENT = "judgment", _("Judgment given")
    SETTLED = "settled", _("Settled in court")


class CourtChallenge(models.Model):
    """A party's lawsuit over an award, or the employer's application to set a final award aside, and what
    the court made of it: the facts the arbitration finality rate (仲裁终结率) counts. Recorded by staff."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="court_challenges")
    side = models.CharField(_("side"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=ChallengeKind.choices)
    filed_on = models.DateField(_("filed on"))
    court = models.CharField(_("court"), max_length=200)
    # Filed within the statutory window counted from that side's receipt of the award (None: receipt
    # unknown); fixed when recorded, so the figure never moves.
    within_window = models.BooleanField(null=True)
    result = models.CharField(
        _("result"), max_length=20, choices=ChallengeResult.choices, default=ChallengeResult.PENDING
    )
    result_on = models.DateField(_("result on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="challenge_result_dated",
                condition=Q(result="pending", result_on__isnull=True)
                | (~Q(result="pending") & Q(result_on__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.side} {self.kind} {self.result}"


# --- supervision: stored reports and rate alerts (issue 12, points 7 and 8; arbitration/supervision/) ------


class ReportKind(models.TextChoices):
    QUARTERLY_BULLETIN = "quarterly_bulletin", _("Quarterly indicator bulletin")
    MAJOR_CASES = "major_cases", _("Monthly major-case report")
    SPECIAL_CASES = "special_cases", _("Special-case report")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SupervisionReport(models.Model):
    """A report a supervisor asked for, made in the background (``arbitration.supervision.reports``).

    Once done it is a snapshot: ``figures`` keeps what the report says, the Excel and PDF files (in object
    storage, each with its SHA-256 in ``files``) were made from it, and nothing recomputes either later.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    period_from = models.DateField(_("period start"), null=True, blank=True)
    period_to = models.DateField(_("period end"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    figures = models.JSONField(_("figures snapshot"), null=True, blank=True)
    # {"xlsx": {"key", "sha256", "size"}, "pdf": {...}}
    files = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("supervision report")
        verbose_name_plural = _("supervision reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_from or ''}"


class RateAlert(models.Model):
    """Whether a rate of a quarter is below its target now, and how many times it dropped below: each drop
    is told to the supervisors once (``arbitration.supervision.alerts``)."""

    figure = models.CharField(max_length=40)
    period_from = models.DateField()
    below = models.BooleanField(default=False)
    drops = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["figure", "period_from"], name="one_rate_alert_per_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.period_from}"
