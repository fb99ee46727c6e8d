from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.messages import render


class EventKind(models.TextChoices):
    """Every kind of event the case domain records: its own steps and the records that are not steps.

    Other apps record kinds of their own (their steps' names, or kinds named with
    ``STEPS.register_event``); ``CaseEvent.kind`` is therefore not limited to these.
    """

    FILED = "filed", _("Application filed online")
    REGISTERED = "registered", _("Application registered at the counter")
    SET_TRIBUNAL = "set_tribunal", _("Tribunal composed")
    RECORD_CONSENT = "record_consent", _("Consent recorded")
    BIND_PARTY = "bind_party", _("Respondent bound its account")
    DECIDE_MANDATE = "decide_mandate", _("Agent's mandate decided")
    # Transitions.
    REFER_TO_MEDIATION = "refer_to_mediation", _("Refer to pre-filing mediation")
    RECORD_MEDIATION_AGREEMENT = "record_mediation_agreement", _("Record mediation agreement")
    RECORD_MEDIATION_FAILURE = "record_mediation_failure", _("Record mediation failure")
    ACCEPT = "accept", _("Accept the case")
    REJECT = "reject", _("Reject the application")
    WITHDRAW = "withdraw", _("Withdraw")
    START_ASYNC_HEARING = "start_async_hearing", _("Start asynchronous hearing")
    SCHEDULE_ORAL_HEARING = "schedule_oral_hearing", _("Schedule oral hearing")
    START_MEDIATION = "start_mediation", _("Start mediation")
    END_MEDIATION = "end_mediation", _("End mediation")
    CLOSE_BY_MEDIATION = "close_by_mediation", _("Close by mediation document")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    CONCLUDE_HEARING = "conclude_hearing", _("Conclude hearing")
    ISSUE_AWARD = "issue_award", _("Issue award")
    DEEM_WITHDRAWN = "deem_withdrawn", _("Deem withdrawn")
    CANCEL = "cancel", _("Cancel the case")
    # Procedural actions.
    REQUEST_SUPPLEMENT = "request_supplement", _("Ask the applicant to supplement")
    COMPLETE_SUPPLEMENT = "complete_supplement", _("Record the supplement as complete")
    SERVE_APPLICATION = "serve_application", _("Serve the application on the respondent")
    FILE_DEFENCE = "file_defence", _("File the defence")
    SERVE_DEFENCE = "serve_defence", _("Serve the defence on the applicant")
    EXTEND_RULING = "extend_ruling", _("Extend the ruling period")
    AMEND_CLAIMS = "amend_claims", _("Add or change claims")
    ADD_PARTY = "add_party", _("Add a party")
    # Issue 13: simplified procedure, rejection's consequences, limitation and jurisdiction.
    AGREE_SHORT_DEFENCE = "agree_short_defence", _("Record the respondent's agreement to a shorter defence")
    CONVERT_TO_ORDINARY = "convert_to_ordinary", _("Convert to the ordinary procedure")
    RIGHT_TO_SUE_NOTIFIED = "right_to_sue_notified", _("Applicant told of the right to sue")
    RECORD_LIMITATION = "record_limitation", _("Record the limitation dates")
    RAISE_LIMITATION = "raise_limitation", _("Raise the limitation defence")
    RECORD_JURISDICTION = "record_jurisdiction", _("Record the places deciding jurisdiction")
    OBJECT_TO_JURISDICTION = "object_to_jurisdiction", _("Object to jurisdiction")
    DECIDE_JURISDICTION_OBJECTION = "decide_jurisdiction_objection", _("Decide the objection to jurisdiction")
    TRANSFER = "transfer", _("Transfer to the competent commission")
    # Hearing notice, postponement and recusal (L Arts. 33-35; issue 13, points 8 and 14).
    SERVE_HEARING_NOTICE = "serve_hearing_notice", _("Serve the hearing notice")
    REQUEST_POSTPONEMENT = "request_postponement", _("Ask to postpone the hearing")
    DECIDE_POSTPONEMENT = "decide_postponement", _("Decide on postponing the hearing")
    APPLY_RECUSAL = "apply_recusal", _("Apply for an arbitrator's recusal")
    DECIDE_RECUSAL = "decide_recusal", _("Decide on a recusal application")
    # Collective disputes, counter-applications, advance execution (issue 13: R 36, R 63-65, L 44).
    ELECT_REPRESENTATIVES = "elect_representatives", _("Record the representatives' election")
    RECORD_COLLECTIVE_CONSENT = "record_collective_consent", _("Record the represented workers' consent")
    FILE_COUNTER_APPLICATION = "file_counter_application", _("File a counter-application")
    DECIDE_COUNTER_APPLICATION = "decide_counter_application", _("Decide on the counter-application")
    APPLY_ADVANCE_EXECUTION = "apply_advance_execution", _("Apply for advance execution")
    DECIDE_ADVANCE_EXECUTION = "decide_advance_execution", _("Decide on advance execution")
    TRANSFER_ADVANCE_EXECUTION = "transfer_advance_execution", _("Transfer advance execution to the court")
    CORRECT_DOCUMENT = "correct_document", _("Correct a clerical error (补正)")
    # Service of documents (送达, issue 11 point 5): cases/services/delivery.py.
    RECORD_SERVICE = "record_service", _("Record the service of a document")
    RECORD_SERVICE_RECEIPT = "record_service_receipt", _("Record a receipt of a served document")
    SERVICE_EFFECTIVE = "service_effective", _("Service took effect")
    # Care for the worker (issue 16): priority, legal aid, the service review.
    SET_PRIORITY = "set_priority", _("Mark as a migrant worker's wage claim (priority)")
    REQUEST_LEGAL_AID = "request_legal_aid", _("Ask for a legal-aid referral")
    RECORD_LEGAL_AID_OUTCOME = "record_legal_aid_outcome", _("Record the legal-aid outcome")
    BIND_LEGAL_AID_LAWYER = "bind_legal_aid_lawyer", _("Bind the legal-aid lawyer as the worker's agent")
    SERVICE_REVIEWED = "service_reviewed", _("Service rated")
    REVIEW_FOLLOWED_UP = "review_followed_up", _("Follow-up of a bad rating recorded")
    # Linked cases (串案, issue 16): cases/services/groups.py.
    GROUP_LINK = "group_link", _("Linked with related cases for joint handling")
    GROUP_UNLINK = "group_unlink", _("Unlinked from the related cases")
    # Historical records loaded by ``manage.py import_cases`` (cases/services/history.py).
    IMPORTED = "imported", _("Imported from the historical records")
    CLOSED_OTHERWISE = "closed_otherwise", _("Closed (other closure)")


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionDenied("The case timeline cannot be edited.")

    def delete(self) -> NoReturn:
        raise PermissionDenied("The case timeline cannot be deleted.")


class CaseEvent(models.Model):
    """One entry of a case's timeline: a transition or an action, by whom, when, why.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses them too
    (migration ``cases.0002``), so nobody can rewrite the record through the app or the admin.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    # What the system composed rather than a person typed, kept as message ids and parameters
    # (core.messages) so that each reader reads it in their own language: ``{"reason": spec}`` for the
    # reason, ``{key: spec}`` for a text in ``data``. ``reason`` and ``data`` hold the text as first written.
    messages = models.JSONField(default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["case", "created_at"], name="event_timeline"),
            # Clerks see the cases they have worked on (cases.selectors.cases_visible_to).
            models.Index(fields=["actor", "case"], name="event_by_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionDenied("The case timeline cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionDenied("The case timeline cannot be deleted.")

    @property
    def shown_reason(self) -> str:
        """The reason in the active language (as typed, when a person typed it)."""
        spec = (self.messages or {}).get("reason")
        return render(spec) if spec else self.reason

    @property
    def shown_data(self) -> dict[str, Any]:
        """``data`` with the texts the system composed in the active language."""
        messages = {key: spec for key, spec in (self.messages or {}).items() if key != "reason"}
        if not messages:
            return self.data or {}
        return {**(self.data or {}), **{key: render(spec) for key, spec in messages.items()}}
