"""Pinned query counts of the case detail, the transitions and the list endpoints, which must not grow
with the data of a case: its parties, claims, deadlines and events.

Each scenario runs on two cases side by side: before every request the lean one gets one more party,
claim, (completed) deadline and timeline event, its twin three more of each, so the twin grows three
times as fast. Both must cost the same queries, and what is pinned here (so a change that adds a query
is seen, and the number is moved on purpose). On failure the test prints every SQL statement of the
request; ``QC_LEARN=1`` prints the counts instead of failing on a pin, to re-pin after an intended
change. (The deadline engine removes the made-up deadlines at the next step, in one statement
however many there are: that is why the lean case gets them too.)
``benchmarks/http_load.py`` measures the same endpoints over HTTP.
"""

from __future__ import annotations

import os
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, CaseEvent, CaseParty, Claim, Deadline, Side
from core import clock
from tests.helpers import api, credit_code, file_case, make_centre, make_organisation

pytestmark = pytest.mark.django_db

# token + user, the case if the user may see it (with whether each relation it shows has rows, and whether
# an applicant has another case closed as deemed withdrawn), then each relation that has rows: here its
# parties, claims, deadlines, consents… (the counter-applications' claims when there are any); then what
# the options of this user ask that the case's rows do not tell (the timeline for some steps), and for
# staff the earlier deemed withdrawals of the same parties when the case's row says there may be some.
DETAIL = {"applicant": 7, "respondent": 8, "clerk": 8, "arbitrator": 7, "supervisor": 8}
# The queries of each transition's request: the step (locks, checks, writes, events, deadlines, notices)
# and the detail answered after it.
TRANSITIONS = {
    "refer_to_mediation": 37,
    "record_mediation_failure": 32,
    "accept": 39,
    "start_async_hearing": 25,
    "conclude_hearing": 24,
    "issue_award": 45,
    "reject": 30,
    "withdraw": 24,
    "suspend": 30,
    "resume": 31,
    "schedule_oral_hearing": 30,
    "cancel": 27,
    "transfer": 28,
    "start_mediation": 26,
    "end_mediation": 26,
}
GROWTH = 3
_serial = count(1)


def statements(captured: CaptureQueriesContext) -> str:
    return "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(captured.captured_queries, 1))


def grow(case_id: int, by: int = GROWTH) -> None:
    """``by`` more respondents, claims, completed deadlines and timeline events on the case."""
    case = Case.objects.get(pk=case_id)
    today = clock.today()
    for _ in range(by):
        n = next(_serial)
        party = make_organisation(f"共同被申请人{n}有限公司", credit_code=credit_code())
        CaseParty.objects.create(case=case, party=party, side=Side.RESPONDENT, position=100 + n)
        Claim.objects.create(
            case=case, category="overtime", amount=100 + n, description=f"加班费{n}", position=100 + n
        )
        Deadline.objects.create(
            case=case,
            kind="serve_respondent",
            key=f"grown-{n}",
            starts_on=today - timedelta(days=10),
            days=5,
            due_on=today - timedelta(days=5),
            status="met",
            completed_on=today - timedelta(days=6),
        )
        CaseEvent.objects.create(case=case, kind="record_consent", created_at=clock.now(), data={})


def counted(user, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any, str]:
    client = api(user)  # the token is made here, outside the count
    with CaptureQueriesContext(connection) as captured:
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, body or {}, format="json")
    assert response.status_code in (200, 201), (path, response.json())
    return len(captured), response.json(), statements(captured)


def same_for_twins(
    user,
    method: str,
    paths: tuple[str, str],
    body=None,
    *,
    grown: int,
    lean_case: int | None = None,
    growing: bool = True,
) -> int:
    """The request on the lean case, then on its twin after it grew: the same number of queries."""
    if lean_case is not None and growing:
        grow(lean_case, 1)
    lean, _body, lean_sql = counted(user, method, paths[0], body)
    if growing:
        grow(grown)
    heavy, _body, heavy_sql = counted(user, method, paths[1], body)
    if lean != heavy:
        pytest.fail(
            f"{method.upper()} {paths[0]}: {lean} queries, {heavy} once the case grew:\n"
            f"lean:\n{lean_sql}\n\ngrown:\n{heavy_sql}",
            pytrace=False,
        )
    _last_sql[:] = [lean_sql]
    return lean


_last_sql: list[str] = [""]


def pinned(expected: int, actual: int, label: str) -> None:
    if actual != expected:
        if os.environ.get("QC_LEARN"):
            print(f"LEARN {label}: {actual}")
            return
        pytest.fail(f"{label}: {actual} queries, pinned at {expected}:\n{_last_sql[0]}", pytrace=False)


@pytest.fixture
def twins(personas, travel):
    """Two cases filed by the applicant against the respondent's employer, with the mediator's centre
    to refer them to."""
    travel.move_to("2026-03-02 09:00 +0800")
    centre = personas.mediator.mediation_organisation
    assert centre == make_centre()
    code = personas.respondent.party.credit_code
    consents = {"pre_mediation": True, "async_hearing": True, "electronic_service": True}
    return [file_case(personas.applicant, code, consents=consents) for _ in range(2)]


class Twins:
    """Fires the same step on both cases, the second grown before each step."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        grow(ids[0], 1)
        grow(ids[1])

    def fire(
        self, user, name: str, body: dict[str, Any] | None = None, *, kind: str = "transitions", growing=True
    ) -> int:
        paths = tuple(f"/api/v1/cases/{pk}/{kind}/{name}/" for pk in self.ids)
        queries = same_for_twins(
            user,
            "post",
            paths,  # type: ignore[arg-type]
            body,
            grown=self.ids[1],
            lean_case=self.ids[0],
            growing=growing,
        )
        if kind == "transitions":
            pinned(TRANSITIONS[name], queries, f"transition {name}")
        return queries

    def both(self, user, method: str, suffix: str, body: dict[str, Any] | None = None) -> None:
        """A step that is not measured (it only brings both cases to where the next one is)."""
        for pk in self.ids:
            response = getattr(api(user), method)(f"/api/v1/cases/{pk}/{suffix}", body or {}, format="json")
            assert response.status_code in (200, 201), response.json()


def accepted(personas, twins) -> Twins:
    pair = Twins(twins)
    pair.both(
        personas.clerk,
        "post",
        "transitions/accept/",
        {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
    )
    return pair


# --- the detail -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["applicant", "respondent", "clerk", "arbitrator", "supervisor"])
def test_the_detail_costs_the_same_queries_however_big_the_case(personas, twins, role):
    pair = accepted(personas, twins)
    user = getattr(personas, role)
    paths = tuple(f"/api/v1/cases/{pk}/" for pk in pair.ids)
    lean, heavy = pair.ids
    first = same_for_twins(user, "get", paths, grown=heavy, lean_case=lean)  # type: ignore[arg-type]
    again = same_for_twins(user, "get", paths, grown=heavy, lean_case=lean)  # type: ignore[arg-type]
    assert first == again
    pinned(DETAIL[role], first, f"detail as {role}")
    shown = api(user).get(paths[1]).json()
    assert len(shown["claims"]) == 1 + 3 * GROWTH and len(shown["respondents"]) == 1 + 3 * GROWTH


# --- every transition -----------------------------------------------------------------------------------


def test_mediation_acceptance_hearing_and_award(personas, twins, travel):
    pair = Twins(twins)
    centre = personas.mediator.mediation_organisation
    pair.fire(personas.clerk, "refer_to_mediation", {"mediation_organisation": centre.pk})
    travel.move_to("2026-03-05 15:00 +0800")
    pair.fire(personas.mediator, "record_mediation_failure", {"reason": "用人单位不同意调解方案"})
    travel.move_to("2026-03-06 10:00 +0800")
    pair.fire(personas.clerk, "accept", {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]})
    pair.both(personas.respondent, "post", "consents/", {"async_hearing": True})
    travel.move_to("2026-03-10 09:00 +0800")
    pair.fire(personas.arbitrator, "start_async_hearing")
    pair.fire(personas.arbitrator, "conclude_hearing")
    # The award decides every claim: the cases grow first, then the drafts decide all their claims.
    grow(pair.ids[0], 1)
    grow(pair.ids[1])
    for pk in pair.ids:
        items = [
            {"claim": claim.pk, "granted": str(claim.amount), "decision": "upheld", "finding": "属实"}
            for claim in Case.objects.get(pk=pk).claims.all()
        ]
        drafted = api(personas.arbitrator).put(f"/api/v1/cases/{pk}/award/", {"items": items}, format="json")
        assert drafted.status_code == 200, drafted.json()
    pair.fire(
        personas.arbitrator,
        "issue_award",
        {"reason": "支持", "mediation_tried": "no", "mediation_not_tried_reason": "被申请人拒绝调解"},
        growing=False,
    )
    assert {Case.objects.get(pk=pk).status for pk in pair.ids} == {"closed"}


def test_reject(personas, twins):
    Twins(twins).fire(personas.clerk, "reject", {"reason": "不属于受理范围", "grounds": ["out_of_scope"]})


def test_withdraw(personas, twins):
    Twins(twins).fire(personas.applicant, "withdraw", {"reason": "已与单位和解"})


def test_suspend_and_resume(personas, twins, travel):
    pair = accepted(personas, twins)
    pair.fire(
        personas.supervisor, "suspend", {"reason": "等待工伤认定结论", "ground": "awaiting_determination"}
    )
    travel.move_to("2026-03-20 09:00 +0800")
    pair.fire(personas.supervisor, "resume", {"reason": "工伤认定结论已作出"})


def test_schedule_an_oral_hearing(personas, twins):
    pair = accepted(personas, twins)
    pair.both(personas.clerk, "post", "actions/serve_application/")
    pair.fire(personas.arbitrator, "schedule_oral_hearing", {"hearing_at": "2026-03-20T09:30:00+08:00"})


def test_cancel(personas, twins):
    accepted(personas, twins).fire(personas.supervisor, "cancel", {"reason": "重复受理，撤销案件"})


def test_transfer(personas, twins):
    accepted(personas, twins).fire(
        personas.clerk,
        "transfer",
        {"reason": "无管辖权", "competent_commission": "广州市番禺区劳动人事争议仲裁委员会"},
    )


def test_mediation_by_the_tribunal_starts_and_ends(personas, twins):
    pair = accepted(personas, twins)
    pair.fire(personas.arbitrator, "start_mediation")
    pair.fire(personas.arbitrator, "end_mediation", {"reason": "调解不成"})


# --- the lists ------------------------------------------------------------------------------------------


# The lists, as (user, path) -> queries; {case} is the case's id. The docket is also pinned per page size in
# test_docket_queries.py. The case list: the token, the count, the page's ids, its rows (one query).
LISTS = {
    ("applicant", "/api/v1/cases/"): 4,
    ("respondent", "/api/v1/cases/"): 4,
    ("clerk", "/api/v1/cases/"): 4,
    ("arbitrator", "/api/v1/cases/"): 4,
    ("supervisor", "/api/v1/cases/"): 4,
    ("clerk", "/api/v1/cases/status-counts/"): 2,
    ("applicant", "/api/v1/cases/status-counts/"): 2,
    ("clerk", "/api/v1/cases/{case}/events/"): 4,
    ("applicant", "/api/v1/cases/{case}/events/"): 4,
    ("clerk", "/api/v1/cases/{case}/services/"): 3,
    ("applicant", "/api/v1/cases/{case}/services/"): 3,
    ("clerk", "/api/v1/cases/{case}/evidence/"): 3,
    ("applicant", "/api/v1/cases/{case}/evidence/"): 3,
    ("clerk", "/api/v1/cases/{case}/mediation/"): 4,
    ("applicant", "/api/v1/cases/{case}/mediation/"): 4,
    ("arbitrator", "/api/v1/cases/{case}/hearing-sessions/"): 3,
    ("applicant", "/api/v1/cases/{case}/hearing-sessions/"): 3,
    ("clerk", "/api/v1/arbitrators/"): 3,
    ("applicant", "/api/v1/notifications/"): 3,
}


@pytest.mark.parametrize(("role", "path"), list(LISTS))
def test_the_lists_cost_the_same_queries_however_big_the_cases(personas, twins, role, path):
    pair = accepted(personas, twins)
    lean, heavy = pair.ids
    paths = (path.format(case=lean), path.format(case=heavy))
    user = getattr(personas, role)
    first = same_for_twins(user, "get", paths, grown=heavy, lean_case=lean)
    again = same_for_twins(user, "get", paths, grown=heavy, lean_case=lean)
    assert first == again
    pinned(LISTS[role, path], first, f"{role}: GET {path}")
