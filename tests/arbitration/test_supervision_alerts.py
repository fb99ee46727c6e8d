"""The supervisors' alerts (arbitration.tasks.supervision_alerts): a rate of the running quarter below its
target, and a case past its ruling due date, each told to every supervisor once."""

from __future__ import annotations

import pytest

from accounts.models import Role
from arbitration.tasks import supervision_alerts
from cases.models import Case
from cases.tasks import deadline_sweep
from core.models import Notification
from tests.arbitration import supervision_data as d
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisors(personas):
    return [personas.supervisor, make_user("p-supervisor2", Role.SUPERVISOR, display_name="副院长")]


def told(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind).order_by("id"))


def test_a_rate_below_target_is_told_once_per_drop(personas, travel, supervisors):
    # 01-05: X accepted, nothing closed: closure 0 of 1 (below 0.90); no mediation concluded yet (no rate).
    x = d.accepted(personas, travel, "2026-01-05")
    supervision_alerts.apply()
    for user in supervisors:
        (alert,) = told(user, "supervision.below_target")
        assert "仲裁结案率" in alert.title and "0.00%" in alert.title and "90.00%" in alert.title
        assert alert.url == "/supervision/?from=2026-01-01&to=2026-03-31"
    assert not told(personas.clerk, "supervision.below_target")

    supervision_alerts.apply()  # still below: nothing new
    assert [len(told(u, "supervision.below_target")) for u in supervisors] == [1, 1]

    # 01-10: X withdrawn: closure 1 of 1 (met); the mediation rate now has 0 of 1 (below 0.60): one drop.
    d.withdraw(personas, travel, x, "2026-01-10")
    supervision_alerts.apply()
    for user in supervisors:
        titles = [n.title for n in told(user, "supervision.below_target")]
        assert len(titles) == 2 and "调解成功率" in titles[1]

    # 01-12: Y accepted: closure 1 of 2 — it had recovered, so this is a new drop and a new notification.
    d.accepted(personas, travel, "2026-01-12")
    supervision_alerts.apply()
    supervision_alerts.apply()
    for user in supervisors:
        titles = [n.title for n in told(user, "supervision.below_target")]
        assert len(titles) == 3 and "仲裁结案率" in titles[2] and "50.00%" in titles[2]


def test_a_case_past_its_ruling_due_date_is_told_once(personas, travel, supervisors):
    case_id = d.accepted(personas, travel, "2026-01-05")
    due = Case.objects.get(pk=case_id).deadlines.get(kind="ruling").due_on
    d.at(travel, due.isoformat())
    supervision_alerts.apply()
    assert [told(u, "deadline.overdue") for u in supervisors] == [[], []]  # due today: not yet overdue

    d.at(travel, "2026-03-10")
    assert due.isoformat() < "2026-03-10"
    supervision_alerts.apply()
    for user in supervisors:
        (alert,) = told(user, "deadline.overdue")
        assert Case.objects.get(pk=case_id).case_number in alert.title and due.isoformat() in alert.title
    supervision_alerts.apply()
    # The deadline sweep's own escalation of overdue deadlines does not tell them a second time.
    deadline_sweep.apply()
    assert [len(told(u, "deadline.overdue")) for u in supervisors] == [1, 1]
