"""A group action's SQL grows by the same constant per member, whatever the group's size (串案, issue 16).

Each member's step is its own service, so some queries per member are inherent; what must not happen is a
member costing more as the group grows (a query over all members per member, a list re-read each time).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from arbitration.models import CaseDocument
from cases import services as case_services
from cases.services import groups
from core.models import OutboxMessage
from tests.helpers import credit_code, make_person, make_user

pytestmark = pytest.mark.django_db

# Each member's accept or service is its own step, pinned: accept — the savepoint and its release, the lock
# with the consents and agents, the claims (procedure), the case number, the case, its event, the
# acceptance notice's text (parties, claims, tribunal) and its job, both sides' users, the tribunal
# (cleared, seated, presiding), the three notifications and their jobs at once, the timeline and the
# deadlines read and written, the next due date; serve — the same frame with the respondents' accounts
# and access codes and their notices. The run's calendar, arbitrators and relay are not per member.
PER_MEMBER = {"accept": 27, "serve_application": 23}


def group_of(size: int, prefix: str, clerk):
    code = credit_code()
    ids = []
    for i in range(size):
        worker = make_user(f"{prefix}-{i}", Role.APPLICANT, party=make_person(f"工人{prefix}{i}"))
        case = case_services.case_file(
            user=worker,
            respondent={"kind": "organisation", "name": "示例建筑公司", "credit_code": code},
            claims=[case_services.ClaimInput(category="wage_arrears", amount=9000, description="欠薪")],
            facts="拖欠工资",
        )
        ids.append(case.pk)
    return groups.group_create(user=clerk, cases=ids)


def queries(group, user, name, data) -> int:
    with CaptureQueriesContext(connection) as captured:
        result = groups.group_act(group=group, user=user, name=name, data=data)
    assert all(m.outcome == "done" for m in result.members)
    return len(captured)


@pytest.mark.parametrize(
    ("name", "data"), [("accept", {"arbitrators": "tribunal"}), ("serve_application", {})]
)
def test_queries_per_member_are_constant(personas, name, data):
    counts = {}
    for size in (5, 10, 20):
        group = group_of(size, f"{name}{size}", personas.clerk)
        if data.get("arbitrators") == "tribunal":
            body = {"arbitrators": [personas.arbitrator.pk]}
        else:
            body = dict(data)
            queries(group, personas.clerk, "accept", {})
        counts[size] = queries(group, personas.clerk, name, body)
    per_member = (counts[10] - counts[5]) / 5
    assert counts[20] - counts[10] == 10 * per_member, counts
    assert per_member == PER_MEMBER[name], counts


@pytest.mark.django_db(transaction=True)
def test_the_jobs_of_a_group_action_go_to_the_workers_once_when_it_ends(personas):
    """Each member commits on its own, but what the members hand to the workers (the notifications'
    delivery, the documents' PDFs) is relayed in one claim when the run ends, not after each commit."""
    group = group_of(4, "relay", personas.clerk)
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    result = groups.group_act(
        group=group, user=personas.clerk, name="accept", data={"arbitrators": [personas.arbitrator.pk]}
    )
    assert [m.outcome for m in result.members] == ["done"] * 4
    run = OutboxMessage.objects.exclude(pk__in=before)
    tasks = {task for task in run.values_list("task", flat=True)}
    assert tasks == {"core.tasks.deliver_notification", "arbitration.tasks.documents_render"}
    # Claimed together (one relay, one timestamp) and, the tasks running eagerly here, all done.
    assert run.filter(relayed_at__isnull=True).count() == 0
    assert len(set(run.values_list("relayed_at", flat=True))) == 1
    assert not run.filter(completed_at__isnull=True).exists()
    # The four acceptance notices got their PDFs from the job.
    notices = CaseDocument.objects.filter(case__case_group=group, kind="acceptance_notice")
    assert notices.count() == 4 and not notices.filter(sha256="").exists()
