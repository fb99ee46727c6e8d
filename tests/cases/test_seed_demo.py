from __future__ import annotations

import io
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from accounts.identifiers import validate_credit_code, validate_id_number, validate_mobile
from accounts.models import MediationOrganisation, Party, PartyKind, User
from cases import care_demo, deadlines, demo, demo_groups
from cases.models import (
    Case,
    CaseAgent,
    CaseEvent,
    CaseNumberSequence,
    ClosureType,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Procedure,
    Status,
    TribunalMember,
)
from core import calendar as working_days
from core import clock
from core.models import Notification
from hearings import demo as hearings_demo
from tests.helpers import api

pytestmark = pytest.mark.django_db

CONTRACT_USERS = {
    "applicant",
    "respondent",
    "agent",
    "clerk",
    "mediator",
    "arbitrator",
    "arbitrator2",
    "supervisor",
    "applicant2",
    "respondent2",
}
CARE_EVENTS = {
    "set_priority",
    "request_legal_aid",
    "record_legal_aid_outcome",
    "service_reviewed",
    "review_followed_up",
}
# The read-only tests below see the demo as seeded on a Thursday morning (a working day).
SEEDED_AT = "2026-11-26 10:00 +0800"
SEED_DAY = date(2026, 11, 26)


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    models = (User, Party, MediationOrganisation, Case, CaseEvent, Deadline, Notification, CaseNumberSequence)
    return {model.__name__: model.objects.count() for model in models}


# --- tests that seed for themselves (they run first: the shared seed below stays until the module ends) ----


def test_seed_is_refused_unless_demo_data_is_allowed(settings):
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="ALLOW_DEMO_DATA"):
        call_command("seed_demo")
    assert not User.objects.exists()
    assert not Case.objects.exists()


def test_seed_creates_the_contract_accounts_and_cases_once(settings):
    """Seeded on the real date, as ``make run`` does; the second run creates nothing at all."""
    settings.ALLOW_DEMO_DATA = True
    seed()
    first = counts()
    assert first["Case"] == len(demo.CASES) + demo_groups.GROUP_SIZE
    assert len(demo.CASES) >= 55
    seed()
    assert counts() == first

    assert set(User.objects.values_list("username", flat=True)) >= CONTRACT_USERS
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {
        "applicant",
        "respondent",
        "agent",
        "clerk",
        "mediator",
        "arbitrator",
        "supervisor",
        "admin",
    }
    respondent = User.objects.get(username="respondent")
    assert respondent.party.kind == "organisation" and respondent.party.credit_code
    assert User.objects.get(username="mediator").mediation_organisation.kind == "street_centre"
    assert User.objects.get(username="respondent2").party != respondent.party
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    token = api().post("/api/v1/auth/token/", {"username": "clerk", "password": "demo12345"}, format="json")
    assert token.status_code == 200


def test_the_demo_data_is_well_formed():
    """Valid identifiers, facts that tell the cases apart, and stories told in order."""
    assert len({spec.facts for spec in demo.CASES}) == len(demo.CASES)
    for party in demo.ALL_PARTIES.values():
        if party.kind == PartyKind.PERSON:
            assert validate_id_number(party.number) == party.number
        else:
            assert validate_credit_code(party.number) == party.number
        assert validate_mobile(party.phone) == party.phone
        assert party.address.startswith("广州市")
    assert len({p.number for p in demo.ALL_PARTIES.values()}) == len(demo.ALL_PARTIES)
    for spec in demo.CASES:
        assert set(spec.applicants) <= demo.ALL_PARTIES.keys() and spec.respondent in demo.ALL_PARTIES
        days = [d for d in (spec.received, *(s.day for s in spec.steps)) if isinstance(d, int)]
        assert days == sorted(days, reverse=True), spec.facts[:20]


# --- read-only tests on one shared seed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded once for the tests below, on a fixed working day, and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ALLOW_DEMO_DATA=True), time_machine.travel(SEEDED_AT, tick=False):
            seed()
        yield
        transaction.set_rollback(True)


def by_username(username: str) -> User:
    return User.objects.get(username=username)


def test_cases_in_every_status_and_every_closure_type(seeded):
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    assert sum(statuses.values()) == len(demo.CASES) + demo_groups.GROUP_SIZE
    closures = set(Case.objects.filter(status=Status.CLOSED).values_list("closure_type", flat=True))
    assert closures >= {
        ClosureType.AWARD,
        ClosureType.MEDIATION,
        ClosureType.WITHDRAWAL,
        ClosureType.DEEMED_WITHDRAWAL,
        ClosureType.CANCELLED,
    }
    # Streets of Tianhe, and the street centre's mediator has referrals.
    assert {"石牌街", "天河南街", "员村街", "车陂街", "猎德街", "棠下街", "五山街", "林和街"} <= set(
        Case.objects.values_list("street", flat=True)
    )
    centre = by_username("mediator").mediation_organisation
    referred = Counter(Case.objects.filter(mediation_organisation=centre).values_list("status", flat=True))
    assert referred[Status.PRE_MEDIATION] >= 2 and referred[Status.MEDIATED] >= 1


def test_a_collective_dispute_and_a_simplified_case(seeded):
    collective = Case.objects.get(is_collective=True)
    applicants = collective.parties.filter(side="applicant")
    assert applicants.count() >= 10
    assert applicants.filter(is_representative=True).count() == 3
    assert collective.created_by == by_username("clerk")
    assert collective.tribunal.count() == 3

    simplified = Case.objects.filter(procedure=Procedure.SIMPLIFIED)
    assert simplified.exists()
    for case in simplified:
        assert case.tribunal.count() == 1
    assert simplified.filter(parties__party=by_username("applicant2").party).exists()


def test_every_step_went_through_the_services(seeded):
    """One timeline event for the filing and one per step, in order, in the past, by real users."""
    cases = {case.facts: case for case in Case.objects.all()}
    calendar = working_days.WorkingCalendar()
    for spec in demo.CASES:
        case = cases[spec.facts]
        # The evidence story adds its own events (evidence_submitted) after the cases' steps; an award's
        # draft (arbitration's demo) is saved in the step that issues it.
        events = list(
            case.events.exclude(kind__startswith="evidence_")
            .exclude(kind="award_drafted")
            .order_by("created_at", "id")
        )
        # Scheduling a demo hearing hands both sides its written notice at once (the oral() step).
        notices = [e for e in events if e.kind == "serve_hearing_notice"]
        hearings = [s for s in spec.steps if s.name == "schedule_oral_hearing"]
        assert (
            sorted(e.data["side"] for e in notices) == ["applicant", "respondent"] * len(hearings)
            or len(hearings) > 1
        ), spec.facts[:20]
        events = [e for e in events if e.kind != "serve_hearing_notice"]
        # The care story (issue 16) marks priority, refers to legal aid and rates after the cases' steps.
        events = [e for e in events if e.kind not in CARE_EVENTS]
        if spec.key == hearings_demo.CONCLUDED:  # the hearings story closed its session after the steps
            assert events.pop().kind == "conclude_hearing"
        if spec.filed_by == demo.AGENT:
            # The clerk checked the agent's power of attorney when the application came in.
            mandate = events.pop(1)
            assert (mandate.kind, mandate.data["to"], mandate.actor.username) == (
                "decide_mandate",
                "verified",
                "clerk",
            )
            assert case.agents.get().mandate == "verified"
        assert len(events) == 1 + len(spec.steps), spec.facts[:20]
        assert events[0].kind in ("registered", "filed") and events[0].created_at == case.received_at
        if events[0].kind == "registered":  # at the counter: on a working day
            assert calendar.is_working_day(clock.local_date(case.received_at))
        assert all(e.actor_id for e in events)
        assert all(a.created_at < b.created_at for a, b in pairwise(events))
        assert clock.local_date(events[-1].created_at) <= SEED_DAY
        if case.accepted_at:
            assert case.case_number and case.received_at <= case.accepted_at
            assert case.events.filter(kind="accept", data__case_number=case.case_number).exists()
        if case.status == Status.CLOSED:
            assert case.closed_at and case.closed_at >= case.accepted_at
    # Some cases have a history of months.
    assert Case.objects.filter(received_at__date__lte=SEED_DAY - timedelta(days=90)).exists()
    numbers = list(
        # A group's members accepted in one action share the moment: numbered in the group's order.
        Case.objects.exclude(number_seq=None)
        .order_by("accepted_at", "pk")
        .values_list("number_seq", flat=True)
    )
    assert numbers == sorted(numbers)  # numbered in the order they were accepted


def test_deadlines_due_today_soon_and_overdue(seeded):
    pending = Deadline.objects.filter(completed_on__isnull=True)
    due_today = pending.filter(status=DeadlineStatus.OPEN, due_on=SEED_DAY)
    assert {d.kind for d in due_today} >= {
        DeadlineKind.ACCEPTANCE_DECISION,
        DeadlineKind.PRE_MEDIATION,
        DeadlineKind.RULING,
    }
    soon = pending.filter(
        status=DeadlineStatus.OPEN, due_on__gt=SEED_DAY, due_on__lte=SEED_DAY + timedelta(days=3)
    )
    assert {d.kind for d in soon} >= {DeadlineKind.ACCEPTANCE_DECISION, DeadlineKind.DEFENCE}
    overdue = pending.filter(status=DeadlineStatus.OVERDUE)
    assert overdue.filter(due_on__lt=SEED_DAY).count() == overdue.count() >= 5
    assert {d.kind for d in overdue} >= {
        DeadlineKind.RULING,
        DeadlineKind.DEFENCE,
        DeadlineKind.SERVE_RESPONDENT,
    }
    # 2027's holiday schedule is not published yet: rulings due then are provisional.
    in_2027 = Deadline.objects.filter(kind=DeadlineKind.RULING, due_on__year=2027)
    assert in_2027.exists() and all(d.provisional for d in in_2027)
    # The docket's next date agrees with the stored deadlines.
    for case in Case.objects.exclude(next_due_on=None):
        assert case.next_due_on == min(d.due_on for d in case.deadlines.filter(deadlines.PENDING))


def visible_ids(username: str) -> set[int]:
    response = api(by_username(username)).get("/api/v1/cases/", {"page_size": 100})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == len(body["results"])
    return {row["id"] for row in body["results"]}


def party_case_ids(username: str) -> set[int]:
    return set(Case.objects.filter(parties__party=by_username(username).party).values_list("id", flat=True))


def statuses_of(ids: set[int]) -> set[str]:
    return set(Case.objects.filter(pk__in=ids).values_list("status", flat=True))


@pytest.mark.parametrize(
    ("username", "least", "least_statuses"),
    [("applicant", 4, 4), ("respondent", 5, 5), ("applicant2", 2, 2), ("respondent2", 3, 3)],
)
def test_the_demo_parties_see_their_own_cases_through_the_api(seeded, username, least, least_statuses):
    ids = visible_ids(username)
    assert ids == party_case_ids(username)
    assert len(ids) >= least and len(statuses_of(ids)) >= least_statuses


def test_the_agent_mediator_and_arbitrators_see_their_work(seeded):
    agent = visible_ids("agent")
    assert agent == set(CaseAgent.objects.filter(user__username="agent").values_list("case_id", flat=True))
    assert len(agent) >= 3 and agent & party_case_ids("applicant")

    centre = by_username("mediator").mediation_organisation
    assert visible_ids("mediator") == set(
        Case.objects.filter(mediation_organisation=centre).values_list("id", flat=True)
    )

    for username in ("arbitrator", "arbitrator2"):
        seats = set(
            TribunalMember.objects.filter(arbitrator__username=username).values_list("case_id", flat=True)
        )
        assert len(statuses_of(seats)) >= 5
        assert seats <= visible_ids(username)


def test_applicant2_does_not_see_the_applicants_cases(seeded):
    theirs = party_case_ids("applicant")
    assert theirs and not theirs & visible_ids("applicant2")
    client = api(by_username("applicant2"))
    for case_id in theirs:
        assert client.get(f"/api/v1/cases/{case_id}/").status_code == 404


def test_the_demo_hearing_states_element_positions_for_the_tribunal(seeded):
    from arbitration.selectors import positions_of
    from hearings.models import Submission

    stated = Submission.objects.exclude(elements=[])
    assert stated.count() == 3  # the worker's statement and the defence in progress; the concluded statement
    case = stated.filter(kind="defence").get().session.case
    wages = case.claims.get(category="wage_arrears").pk
    claims = {c["claim"]: c["elements"] for c in positions_of(case)["claims"]}
    assert {"element": "月工资", "applicant": "8200元", "respondent": "8200元", "agreed": True} in claims[
        wages
    ]


def test_the_care_story_marks_refers_and_rates(seeded):
    """Issue 16: a few priority cases, one legal-aid referral with its outcome, reviews incl. a bad one
    followed up; what the demo accounts see of them."""
    from cases.models import LegalAidReferral, ServiceReview
    from cases.selectors import priority_expression

    marked = Case.objects.annotate(p=priority_expression()).filter(p=True)
    migrant = Case.objects.filter(parties__migrant_wage_arrears=True).distinct()
    assert migrant.count() == len(care_demo.PRIORITY) == 3
    # The twelve linked cases go first too (a group counts as priority).
    assert marked.count() == 3 + demo_groups.GROUP_SIZE
    referral = LegalAidReferral.objects.get()
    assert (referral.status, referral.lawyer_name) == ("assigned", "李明律师")
    assert "赵磊" in referral.message and "¥" in referral.message
    assert ServiceReview.objects.count() == len(care_demo.REVIEWS)
    bad = ServiceReview.objects.get(rating="very_bad")
    assert bad.needs_follow_up and bad.follow_up_note and bad.followed_up_by.username == "supervisor"
    for review in ServiceReview.objects.all():
        assert review.case.closed_at is None or review.created_at > review.case.closed_at
    # applicant2 sees his priority case marked and its referral; the supervisor the figures.
    client = api()
    token = client.post(
        "/api/v1/auth/token/", {"username": "applicant2", "password": "demo12345"}, format="json"
    )
    worker = api()
    worker.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    rows = worker.get("/api/v1/cases/").json()["results"]
    assert any(r["priority"] for r in rows)
    assert worker.get(f"/api/v1/cases/{referral.case_id}/legal-aid/").json()["count"] == 1


def test_twelve_workers_of_one_employer_are_linked_accepted_and_served(seeded):
    from cases.models import CaseGroup

    group = CaseGroup.objects.get(respondent_code=demo_groups.EMPLOYER_CODE)
    members = list(group.members.all())
    assert len(members) == demo_groups.GROUP_SIZE == 12
    assert group.lead_arbitrator == by_username("arbitrator")
    assert {c.status for c in members} == {Status.ACCEPTED}
    assert all(c.served_at and c.case_number and not c.is_collective for c in members)
    for case in members:
        kinds = list(case.events.values_list("kind", flat=True))
        assert (
            kinds[:2] == ["registered", "group_link"] and "accept" in kinds and "serve_application" in kinds
        )
    rows = api(by_username("arbitrator")).get("/api/v1/case-groups/").json()["results"]
    assert [r["member_count"] for r in rows] == [12]
