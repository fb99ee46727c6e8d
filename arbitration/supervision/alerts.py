"""The supervisors' alerts (the periodic job ``arbitration.tasks.supervision_alerts``).

- **A rate below its target.** The closure and mediation success rates of the running quarter, computed by
  ``figures.summary`` as everywhere else: when one is below its target (``met`` false; a rate with no
  denominator yet is not), every supervisor is told once. ``RateAlert`` remembers whether the rate was
  below at the last run and how many times it has dropped: while it stays below nothing more is sent; when
  it recovers and drops again, that is a new drop and a new notification (the drop's number is in the
  notification's ``dedupe_key``, so overlapping runs still send it once).
- **A case past its ruling due date.** Each case the ``open_overdue`` figure counts today (accepted, not
  closed, the deadline engine's ruling due date passed) is told to the supervisors once per due date. The
  claim is the ruling deadline's ``escalated_at``, the column the deadline sweep's escalation of overdue
  deadlines claims (``cases.services.sweep.deadlines_escalate_overdue``), and the notification has the same
  kind and ``dedupe_key``: whichever job sees the case first tells the supervisors, and the other does not
  tell them again. The deadline engine clears ``escalated_at`` when the due date moves (an extension), so a
  case overdue again after an extension is told again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from arbitration.models import RateAlert
from arbitration.supervision.figures import FIGURES_BY_NAME, SOURCES, Period, summary
from arbitration.supervision.gap import current_period
from cases.models import DeadlineKind
from cases.services.sweep import deadline_escalate
from core import clock
from core.messages import Message
from core.notify import notify

RATES = ("closure_rate", "mediation_success_rate")


def _supervisors() -> list[User]:
    return list(User.objects.filter(role=Role.SUPERVISOR, is_active=True))


def _percent(value: str) -> str:
    return f"{float(value) * 100:.2f}%"


def rate_alerts_send(*, today: date | None = None) -> int:
    """Tell the supervisors of each rate of the running quarter that has just dropped below its target."""
    period = current_period("quarter", today)
    body = summary(period)
    link = (
        reverse("supervision")
        + "?"
        + urlencode({"from": period.first.isoformat(), "to": period.last.isoformat()})
    )
    sent = 0
    for name in RATES:
        result = body[name]
        below = result["met"] is False
        with transaction.atomic():
            state, _created = RateAlert.objects.select_for_update().get_or_create(
                figure=name, period_from=period.first, defaults={"checked_at": clock.now()}
            )
            if below and not state.below:
                state.drops += 1
                notify(
                    _supervisors(),
                    kind="supervision.below_target",
                    title=Message(
                        gettext_noop("%(figure)s is %(value)s this quarter, below its target of %(target)s"),
                        figure=FIGURES_BY_NAME[name].label,
                        value=_percent(result["value"]),
                        target=_percent(result["target"]),
                    ),
                    body=Message(
                        gettext_noop("%(numerator)s of %(denominator)s, %(first)s to %(last)s."),
                        numerator=result["numerator"],
                        denominator=result["denominator"],
                        first=period.first.isoformat(),
                        last=period.last.isoformat(),
                    ),
                    url=link,
                    dedupe_key=f"below-target:{name}:{period.first.isoformat()}:{state.drops}",
                )
                sent += 1
            state.below = below
            state.checked_at = clock.now()
            state.save(update_fields=["below", "drops", "checked_at"])
    return sent


def overdue_alerts_send(*, today: date | None = None) -> int:
    """Tell the supervisors once about each case the ``open_overdue`` figure counts today."""
    today = today or clock.today()
    cases = SOURCES["cases"]
    overdue = (
        cases.queryset()
        .filter(cases.parts(Period(today, today))["overdue_at_end"])
        .filter(ruling__escalated_at__isnull=True)
        .annotate(ruling_id=F("ruling__pk"))
    )
    supervisors = _supervisors()
    return sum(
        deadline_escalate(
            case=case,
            deadline_id=case.ruling_id,
            kind=DeadlineKind.RULING,
            due_on=case.ruling_due,
            supervisors=supervisors,
        )
        for case in overdue.iterator(chunk_size=500)
    )


def alerts_send(*, today: date | None = None) -> dict[str, Any]:
    return {
        "below_target": rate_alerts_send(today=today),
        "overdue": overdue_alerts_send(today=today),
    }
