"""The respondent's counter-application (反申请, R Art. 36) and the commission's decision on it.

Filed within the defence period, with its own claims; decided within 5 days of receipt (a deadline of its
own). Accepted, it is joined to the case — its claims are shown apart from the applicant's — and the
ruling period starts afresh from the acceptance, with a fresh right to one extension (R Art. 46). After the
defence period the respondent must apply separately: the filing is refused naming the rule.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from cases.deadlines import DeadlineProvider, Spec, Timeline, event_day
from cases.models import (
    Case,
    CounterApplication,
    CounterClaim,
    CounterStatus,
    Deadline,
    DeadlineKind,
    EventKind,
    Responsible,
    Side,
)
from cases.services.filing import ClaimInput
from cases.services.kernel import (
    check_action,
    finish,
    lock_case,
    record_event,
    side_users,
    tell,
    tribunal_users,
)
from core import clock
from core.errors import ApplicationError, field_error
from core.messages import Message

COUNTER_DECISION_DAYS = 5  # R Art. 36


def defence_period_ends(case: Case) -> date | None:
    """The last day of the respondent's current defence period (None before service or when waived)."""
    return (
        Deadline.objects.filter(case=case, kind=DeadlineKind.DEFENCE).values_list("due_on", flat=True).first()
    )


@transaction.atomic
def case_file_counter_application(*, case: Case, user: User, claims: list[ClaimInput], facts: str) -> Case:
    if not claims:
        raise field_error("claims", _("State at least one counter-claim."))
    if not facts.strip():
        raise field_error("facts", _("Give the facts and reasons of the counter-application."))
    case = lock_case(case)
    check_action(case, EventKind.FILE_COUNTER_APPLICATION, user)
    ends = defence_period_ends(case)
    if ends is None or clock.today() > ends:
        message = (
            _(
                "The defence period ended on %(date)s: a counter-application after it must be filed as a "
                "separate application for arbitration (R Art. 36)."
            )
            % {"date": ends.isoformat()}
            if ends
            else _(
                "There is no defence period to file in: a counter-application is filed within the defence "
                "period, otherwise as a separate application for arbitration (R Art. 36)."
            )
        )
        raise ApplicationError(
            message, code="counter_application_too_late", fields={"defence_period": [message]}
        )
    application = CounterApplication.objects.create(
        case=case, filed_by=user, filed_at=clock.now(), facts=facts
    )
    CounterClaim.objects.bulk_create(
        CounterClaim(
            application=application,
            category=c.category,
            amount=c.amount,
            description=c.description,
            position=i,
        )
        for i, c in enumerate(claims)
    )
    record_event(
        case,
        EventKind.FILE_COUNTER_APPLICATION,
        user,
        reason=facts,
        data={
            "counter": application.pk,
            "claims": [
                {
                    "category": c.category,
                    "amount": str(c.amount) if c.amount is not None else None,
                    "description": c.description,
                }
                for c in claims
            ],
        },
    )
    tell(
        case,
        side_users(case, Side.APPLICANT) + tribunal_users(case),
        "case.counter_application",
        Message(
            gettext_noop("the respondent filed a counter-application; the commission decides within 5 days")
        ),
    )
    return finish(case)


@transaction.atomic
def case_decide_counter_application(*, case: Case, user: User, accept: bool, reason: str = "") -> Case:
    """Accept (join to the case; the ruling period restarts) or refuse, with reasons, the pending one."""
    if not accept and not reason.strip():
        raise field_error("reason", _("A refusal must give its reasons (e.g. to be filed separately)."))
    case = lock_case(case)
    check_action(case, EventKind.DECIDE_COUNTER_APPLICATION, user)
    application = CounterApplication.objects.select_for_update().get(case=case, status=CounterStatus.PENDING)
    application.status = CounterStatus.ACCEPTED if accept else CounterStatus.REFUSED
    application.decided_by = user
    application.decided_at = clock.now()
    application.decision_reason = reason
    application.save()
    if accept:
        case.extension_days = 0  # the restart (R 46) gives a fresh right to one extension
        case.save()
    record_event(
        case,
        EventKind.DECIDE_COUNTER_APPLICATION,
        user,
        reason=reason,
        data={"counter": application.pk, "accepted": accept},
    )
    everyone = side_users(case, Side.APPLICANT, Side.RESPONDENT) + tribunal_users(case)
    if accept:
        title = Message(
            gettext_noop("the counter-application was joined to the case; the time limit restarts from today")
        )
        tell(case, everyone, "case.counter_application", title, reason)
    else:
        title = Message(gettext_noop("the counter-application was not accepted"))
        tell(case, side_users(case, Side.RESPONDENT), "case.counter_application", title, reason)
    return finish(case)


def _counter_specs(case: Case, t: Timeline) -> list[Spec]:
    """R 36: the commission decides on each counter-application within 5 days of receiving it."""
    specs = []
    for filed in t.of(EventKind.FILE_COUNTER_APPLICATION):
        number = filed.data.get("counter")
        decided = next(
            (
                e
                for e in t.of(EventKind.DECIDE_COUNTER_APPLICATION, after=filed)
                if e.data.get("counter") == number
            ),
            None,
        )
        if decided is None and case.status == "closed":
            continue  # moot once the case closed
        specs.append(
            Spec(
                DeadlineKind.COUNTER_APPLICATION_DECISION,
                event_day(filed),
                COUNTER_DECISION_DAYS,
                Responsible.COMMISSION,
                "R 36",
                key=str(number),
                completed_on=event_day(decided) if decided else None,
            )
        )
    return specs


PROVIDER = DeadlineProvider(
    "counter_applications", frozenset({DeadlineKind.COUNTER_APPLICATION_DECISION}), _counter_specs
)
