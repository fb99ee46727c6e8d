"""Asynchronous online hearing sessions (互联网异步审理): stages with windows, consents, submissions.

A session belongs to a case in ``async_hearing``. Its stages open and close by the clock (``tick``);
parties submit inside a stage's window; every submission is server-timestamped, attributed, immutable and
chained to the one before it by SHA-256 (``hash`` covers the content and ``prev_hash``), so the hearing
record can be verified end to end (``manage.py verify_hearing_record``). Everything that happens is a
numbered ``SessionEvent``: the live feed and a reconnecting client's catch-up read the same numbers.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Applied for by a party")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CONVERTED = "converted", _("Converted to an oral hearing")
    DECLINED = "declined", _("Application declined")


class StageKind(models.TextChoices):
    STATEMENTS = "statements", _("Statements and defence")
    EVIDENCE = "evidence", _("Evidence")
    CROSS_EXAMINATION = "cross_examination", _("Cross-examination")
    INQUIRY = "inquiry", _("Questions and answers")
    FINAL_STATEMENTS = "final_statements", _("Final statements")


class StageStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    SKIPPED = "skipped", _("Skipped")


class SubmissionKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    DEFENCE = "defence", _("Defence")
    EVIDENCE = "evidence", _("Evidence submission")
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer")
    FINAL_STATEMENT = "final_statement", _("Final statement")


class JointHearing(models.Model):
    """One asynchronous hearing of a group of linked cases (串案): the same stages for every member.

    Each member keeps its own ``HearingSession`` (its worker submits there and reads only that case's
    record); the employer's common submissions, made once here, are entered in every member's session
    (``hearings.groups.joint_submission_create``)."""

    group = models.ForeignKey("cases.CaseGroup", on_delete=models.PROTECT, related_name="joint_hearings")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    stages = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"joint hearing {self.pk} of group {self.group_id}"


class HearingSession(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hearing_sessions")
    joint = models.ForeignKey(
        JointHearing, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    last_seq = models.PositiveIntegerField(default=0)  # the number of the session's latest event

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["proposed", "open"]),
                name="one_live_session_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} session {self.pk}"

    @property
    def live(self) -> bool:
        return self.status == SessionStatus.OPEN


class SessionConsent(models.Model):
    """One party's consent (or its withdrawal) to this session, as given: who, when, how."""

    session = models.ForeignKey(HearingSession, on_delete=models.CASCADE, related_name="consents")
    side = models.CharField(max_length=20)
    agree = models.BooleanField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=20)  # "online" (API or page) or "counter" (recorded by a clerk)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.side} {'agrees' if self.agree else 'withdraws'}"


class Stage(models.Model):
    session = models.ForeignKey(HearingSession, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=30, choices=StageKind.choices)
    position = models.PositiveSmallIntegerField()
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(max_length=20, choices=StageStatus.choices, default=StageStatus.SCHEDULED)
    sealed = models.BooleanField(
        _("sealed statements"),
        default=False,
        help_text=_("Each side's statements stay hidden until it closes."),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="stage_position_once"),
            models.CheckConstraint(
                name="stage_window_forward", condition=models.Q(closes_at__gt=models.F("opens_at"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.opens_at:%Y-%m-%d %H:%M}–{self.closes_at:%Y-%m-%d %H:%M})"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionDenied("The hearing record cannot be edited.")

    def delete(self) -> NoReturn:
        raise PermissionDenied("The hearing record cannot be deleted.")


class Submission(models.Model):
    """One entry of the hearing record: append-only, chained to the entry before it."""

    session = models.ForeignKey(HearingSession, on_delete=models.PROTECT, related_name="submissions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField()  # position in the session's chain, from 1
    kind = models.CharField(_("kind"), max_length=20, choices=SubmissionKind.choices)
    side = models.CharField(max_length=20, blank=True)  # "" for the tribunal
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_side = models.CharField(max_length=20, blank=True)  # a question's addressee: a side or "both"
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    text = models.TextField(_("text"))
    evidence = models.ManyToManyField("evidence.EvidenceItem", blank=True, related_name="+")
    evidence_ids = models.JSONField(default=list)  # as chained (the M2M is for queries)
    # A statement's or defence's positions on its claims' elements: [{"claim", "element", "position"}]
    # (chained only when present, so the entries made before it still verify).
    elements = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="submission_number_once")]

    def __str__(self) -> str:
        return f"#{self.number} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionDenied("A submission cannot be changed once submitted.")
        super().save(*args, **kwargs)


class Waiver(models.Model):
    """A party that did not act in a stage's window is recorded as having waived that step (not a
    deemed withdrawal: in an asynchronous hearing the case goes on)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="waivers")
    side = models.CharField(max_length=20)
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "side"], name="one_waiver_per_side_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.side} waived {self.stage}"


class NothingToAdd(models.Model):
    """A side declares it has nothing more to add: with both, the tribunal may close early."""

    session = models.ForeignKey(HearingSession, on_delete=models.CASCADE, related_name="nothing_to_add")
    side = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "side"], name="nothing_to_add_once")]

    def __str__(self) -> str:
        return f"{self.side}: nothing to add"


class SessionEvent(models.Model):
    """What happened in the session, numbered: the live feed and the catch-up after a reconnect."""

    session = models.ForeignKey(HearingSession, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    # Who may see it: "" everyone on the case; a side name only that side and staff (sealed statements).
    audience = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="session_event_seq_once")]

    def __str__(self) -> str:
        return f"{self.seq} {self.type}"


class RecordConfirmation(models.Model):
    """A party confirms the hearing record (笔录) as rendered: the PDF's fingerprint it confirmed."""

    session = models.ForeignKey(HearingSession, on_delete=models.CASCADE, related_name="confirmations")
    side = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf_sha256 = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "side"], name="record_confirmed_once")]

    def __str__(self) -> str:
        return f"{self.side} confirmed {self.pdf_sha256[:12]}"
