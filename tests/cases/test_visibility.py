"""Who sees a case, and who may act on it, on every case endpoint and over the case's life.

The rule is ``cases.selectors.cases_visible_to``: a case outside it is a 404 on every endpoint (never a
403 that would reveal it exists); a case inside it that the user may not act on is a 403 (or a 409 when
the step is not possible in the case's status at all, which the user could see on the page anyway).
"""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.db import transaction

from accounts.models import Role
from cases import services
from cases.models import Case
from tests.helpers import api as new_client
from tests.helpers import make_centre, make_personas, make_user

pytestmark = pytest.mark.django_db

_clients: dict[int, Any] = {}


@pytest.fixture(autouse=True)
def _fresh_clients():
    """One token client per user per test: building a client loads the middleware, which is slow."""
    _clients.clear()
    yield
    _clients.clear()


def api(user=None):
    if user is None:
        return new_client()
    if user.pk not in _clients:
        _clients[user.pk] = new_client(user)
    return _clients[user.pk]


ROLES = (
    "applicant",  # its own party applies
    "respondent",  # its organisation is the respondent
    "agent",  # the applicant's agent: it filed the application for the applicant
    "clerk",  # the clerk who handles the case (refers, accepts, serves)
    "clerk2",  # another clerk of the commission
    "mediator",  # of the organisation the dispute is (or may be) referred to
    "mediator2",  # of another mediation organisation
    "arbitrator",  # the one put on the tribunal
    "arbitrator2",  # never on this tribunal
    "supervisor",
    "admin",
    "outsider",  # a party user with no part in the case
)
ENDPOINTS = (
    "detail",  # GET    /api/v1/cases/{id}/
    "events",  # GET    /api/v1/cases/{id}/events/
    "transition",  # POST   /api/v1/cases/{id}/transitions/{stage's transition}/
    "action",  # POST   /api/v1/cases/{id}/actions/{stage's action}/
    "consents",  # POST   /api/v1/cases/{id}/consents/ {"async_hearing": true}
    "tribunal_get",  # GET    /api/v1/cases/{id}/tribunal/
    "tribunal_put",  # PUT    /api/v1/cases/{id}/tribunal/
    "list",  # GET    /api/v1/cases/            200 = listed (count 1), 404 = absent (count 0)
    "status_counts",  # GET    /api/v1/cases/status-counts/  200 = counted, 404 = not counted
    "web",  # GET    /cases/{id}/ with a session
)

# Each stage: how the case got there, which transition and action the matrix fires, and per role the
# expected status on each endpoint in ENDPOINTS order.
NONE = (404,) * len(ENDPOINTS)
STAGES: dict[str, dict[str, Any]] = {
    # Filed online by the agent for the applicant; nobody has handled it yet.
    "submitted": {
        "transition": ("reject", {"reason": "不属于劳动争议受理范围", "grounds": ["out_of_scope"]}),
        "action": ("request_supplement", {"items": ["劳动合同复印件"]}),
        "status": "submitted",
        "expect": {
            #                det  evt  trans act  cons tget tput list cnt  web
            "applicant": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "respondent": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "agent": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "clerk": (200, 200, 200, 200, 403, 200, 409, 200, 200, 200),
            "clerk2": (200, 200, 200, 200, 403, 200, 409, 200, 200, 200),
            "mediator": NONE,
            "mediator2": NONE,
            "arbitrator": NONE,
            "arbitrator2": NONE,
            "supervisor": (200, 200, 200, 200, 403, 200, 409, 200, 200, 200),
            "admin": (200, 200, 403, 403, 403, 200, 403, 200, 200, 200),
            "outsider": NONE,
        },
    },
    # The clerk referred it to the mediator's organisation (the mediator's own step is the transition).
    "pre_mediation": {
        "transition": ("record_mediation_failure", {"reason": "用人单位不同意调解方案"}),
        "action": ("request_supplement", {"items": ["劳动合同复印件"]}),  # not while in mediation: 409
        "status": "pre_mediation",
        "expect": {
            #                det  evt  trans act  cons tget tput list cnt  web
            "applicant": (200, 200, 403, 409, 200, 200, 403, 200, 200, 200),
            "respondent": (200, 200, 403, 409, 200, 200, 403, 200, 200, 200),
            "agent": (200, 200, 403, 409, 200, 200, 403, 200, 200, 200),
            "clerk": (200, 200, 200, 409, 403, 200, 409, 200, 200, 200),
            "clerk2": (200, 200, 200, 409, 403, 200, 409, 200, 200, 200),
            "mediator": (200, 200, 200, 409, 403, 200, 403, 200, 200, 200),
            "mediator2": NONE,
            "arbitrator": NONE,
            "arbitrator2": NONE,
            "supervisor": (200, 200, 200, 409, 403, 200, 409, 200, 200, 200),
            "admin": (200, 200, 403, 409, 403, 200, 403, 200, 200, 200),
            "outsider": NONE,
        },
    },
    # Accepted by the clerk without a tribunal: it waits in every arbitrator's intake queue, and every
    # clerk sees it while the commission still owes service and the tribunal notice.
    "intake_queue": {
        "transition": ("withdraw", {"reason": "双方已和解"}),
        "action": ("serve_application", {}),
        "status": "accepted",
        "expect": {
            #                det  evt  trans act  cons tget tput list cnt  web
            "applicant": (200, 200, 200, 403, 200, 200, 403, 200, 200, 200),
            "respondent": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "agent": (200, 200, 200, 403, 200, 200, 403, 200, 200, 200),
            "clerk": (200, 200, 200, 200, 403, 200, 200, 200, 200, 200),
            "clerk2": (200, 200, 200, 200, 403, 200, 200, 200, 200, 200),
            "mediator": NONE,
            "mediator2": NONE,
            "arbitrator": (200, 200, 403, 403, 403, 200, 403, 200, 200, 200),
            "arbitrator2": (200, 200, 403, 403, 403, 200, 403, 200, 200, 200),
            "supervisor": (200, 200, 200, 200, 403, 200, 200, 200, 200, 200),
            "admin": (200, 200, 403, 403, 403, 200, 403, 200, 200, 200),
            "outsider": NONE,
        },
    },
    # Accepted by the clerk with the arbitrator as sole arbitrator, and served: the commission owes
    # nothing now, so only the clerk who handled it still sees it; arbitrator2 is off the case.
    "on_tribunal": {
        "transition": ("start_mediation", {}),
        "action": ("file_defence", {"text": "被申请人已足额支付工资，不同意申请人的请求。"}),
        "status": "accepted",
        "expect": {
            #                det  evt  trans act  cons tget tput list cnt  web
            "applicant": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "respondent": (200, 200, 403, 200, 200, 200, 403, 200, 200, 200),
            "agent": (200, 200, 403, 403, 200, 200, 403, 200, 200, 200),
            "clerk": (200, 200, 403, 200, 403, 200, 200, 200, 200, 200),
            "clerk2": NONE,
            "mediator": NONE,
            "mediator2": NONE,
            "arbitrator": (200, 200, 200, 403, 403, 200, 403, 200, 200, 200),
            "arbitrator2": NONE,
            "supervisor": (200, 200, 403, 200, 403, 200, 200, 200, 200, 200),
            "admin": (200, 200, 403, 403, 403, 200, 403, 200, 200, 200),
            "outsider": NONE,
        },
    },
    # Withdrawn after acceptance (closed): those who saw it keep seeing it; nothing more can be done.
    "closed": {
        "transition": ("withdraw", {"reason": "再次撤回"}),
        "action": ("serve_application", {}),
        "status": "closed",
        "expect": {
            #                det  evt  trans act  cons tget tput list cnt  web
            "applicant": (200, 200, 409, 409, 409, 200, 403, 200, 200, 200),
            "respondent": (200, 200, 409, 409, 409, 200, 403, 200, 200, 200),
            "agent": (200, 200, 409, 409, 409, 200, 403, 200, 200, 200),
            "clerk": (200, 200, 409, 409, 403, 200, 409, 200, 200, 200),
            "clerk2": NONE,
            "mediator": NONE,
            "mediator2": NONE,
            "arbitrator": (200, 200, 409, 409, 403, 200, 403, 200, 200, 200),
            "arbitrator2": NONE,
            "supervisor": (200, 200, 409, 409, 403, 200, 409, 200, 200, 200),
            "admin": (200, 200, 409, 409, 403, 200, 403, 200, 200, 200),
            "outsider": NONE,
        },
    },
}
ERROR_CODES = {403: "permission_denied", 404: "not_found", 409: "invalid_transition"}


def test_the_matrix_names_every_role_on_every_stage():
    for stage in STAGES.values():
        assert set(stage["expect"]) == set(ROLES)
        assert all(len(row) == len(ENDPOINTS) for row in stage["expect"].values())


# --- the world: personas, a second clerk and mediator, and one case -------------------------------------

NOW = "2026-03-02 09:00 +0800"


def make_people() -> SimpleNamespace:
    people = make_personas()
    people.clerk2 = make_user("p-clerk2", Role.CLERK, display_name="书记员乙")
    people.mediator2 = make_user(
        "p-mediator2",
        Role.MEDIATOR,
        display_name="另一调解员",
        mediation_organisation=make_centre("另一街道调解中心"),
    )
    people.centre = people.mediator.mediation_organisation
    return people


@pytest.fixture
def people(db, travel):
    travel.move_to(NOW)
    return make_people()


def application(people: SimpleNamespace) -> dict[str, Any]:
    """The agent files for the applicant (张三) against the respondent persona's employer."""
    worker, employer = people.applicant.party, people.respondent.party
    return {
        "applicant": {"kind": "person", "name": worker.name, "id_number": worker.id_number},
        "respondent": {"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        "claims": [{"category": "wage_arrears", "amount": "12000.00", "description": "三个月工资"}],
        "facts": "申请人于2024年3月入职，被申请人拖欠三个月工资。",
        "consents": {"pre_mediation": True, "async_hearing": True, "electronic_service": True},
    }


def fire(user, case_id: int, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api(user).post(f"/api/v1/cases/{case_id}/transitions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def act(user, case_id: int, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api(user).post(f"/api/v1/cases/{case_id}/actions/{name}/", body or {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def file_case(people: SimpleNamespace) -> int:
    response = api(people.agent).post("/api/v1/cases/", application(people), format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    confirm_agent(people, case_id)
    return case_id


def confirm_agent(people: SimpleNamespace, case_id: int) -> None:
    """The worker confirms from its own account that the agent acts for it (the agent may act from now)."""
    agent = Case.objects.get(pk=case_id).agents.get()
    response = api(people.applicant).post(
        f"/api/v1/cases/{case_id}/agents/{agent.pk}/mandate/", {"decision": "verified"}, format="json"
    )
    assert response.status_code == 200, response.json()


def build(stage: str, people: SimpleNamespace) -> int:
    """The case at ``stage``, made through the services."""
    body = application(people)
    case = services.case_file(
        user=people.agent,
        applicant=body["applicant"],
        respondent=dict(body["respondent"]),
        claims=[services.ClaimInput(category="wage_arrears", amount=Decimal("12000.00"), description="工资")],
        facts=body["facts"],
        consents=body["consents"],
    )
    confirm_agent(people, case.pk)

    def step(user, name: str, **data: Any) -> None:
        services.take_step(case=Case.objects.get(pk=case.pk), user=user, name=name, data=data)

    if stage == "pre_mediation":
        step(people.clerk, "refer_to_mediation", mediation_organisation=people.centre)
    elif stage == "intake_queue":
        step(people.clerk, "accept", procedure="ordinary")
    elif stage in ("on_tribunal", "closed"):
        step(people.clerk, "accept", procedure="ordinary", arbitrators=[people.arbitrator.pk])
        step(people.clerk, "serve_application")
        if stage == "closed":
            step(people.applicant, "withdraw", reason="双方已和解")
    case.refresh_from_db()
    assert case.status == STAGES[stage]["status"]
    return case.pk


def snapshot(people: SimpleNamespace, case_id: int) -> tuple[Any, Any]:
    """What an all-seeing user reads of the case: the detail and the timeline."""
    client = api(people.supervisor)
    detail = client.get(f"/api/v1/cases/{case_id}/").json()
    events = client.get(f"/api/v1/cases/{case_id}/events/").json()
    return detail, events


def send(endpoint: str, user, case_id: int, spec: dict[str, Any], people: SimpleNamespace):
    client = api(user)
    base = f"/api/v1/cases/{case_id}"
    if endpoint == "detail":
        return client.get(f"{base}/")
    if endpoint == "events":
        return client.get(f"{base}/events/")
    if endpoint == "transition":
        name, body = spec["transition"]
        return client.post(f"{base}/transitions/{name}/", body, format="json")
    if endpoint == "action":
        name, body = spec["action"]
        return client.post(f"{base}/actions/{name}/", body, format="json")
    if endpoint == "consents":
        return client.post(f"{base}/consents/", {"async_hearing": True}, format="json")
    if endpoint == "tribunal_get":
        return client.get(f"{base}/tribunal/")
    if endpoint == "tribunal_put":
        return client.put(f"{base}/tribunal/", {"arbitrators": [people.arbitrator.pk]}, format="json")
    raise AssertionError(endpoint)


def page(response, case_id: int) -> str:
    """A rendered page without its per-request CSRF token and its own address."""
    html = re.sub(r'value="[^"]{32,}"', "", response.content.decode())
    return html.replace(f"/cases/{case_id}/", "/cases/<id>/")


@pytest.fixture(scope="class", params=list(STAGES))
def stage(request, django_db_setup, django_db_blocker):
    """The people and one case at a stage, built once for all of that stage's cells.

    The stage is built inside a transaction that is rolled back once its cells are done, so nothing of
    it reaches other tests (deleting it instead is not an option: PostgreSQL refuses to delete timeline
    events). Each cell runs in its own savepoint inside that transaction (pytest-django's ``db``), so a
    step a cell takes is undone before the next cell: every cell, a writing one too, starts from the
    stage exactly as built. Only one stage exists at a time, so the list and the counters can expect
    this case alone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            people = make_people()
            case_id = build(request.param, people)
        yield SimpleNamespace(name=request.param, spec=STAGES[request.param], people=people, case_id=case_id)
        transaction.set_rollback(True)


CELLS = [pytest.param(role, endpoint, id=f"{role}-{endpoint}") for role in ROLES for endpoint in ENDPOINTS]


class TestMatrix:
    """Every cell of ``STAGES``: each role on each endpoint, against the stage's one case."""

    @pytest.mark.parametrize(("role", "endpoint"), CELLS)
    def test_visibility_matrix(self, stage, travel, client, role, endpoint):
        travel.move_to(NOW)
        people, case_id, spec = stage.people, stage.case_id, stage.spec
        expected = spec["expect"][role][ENDPOINTS.index(endpoint)]
        user = getattr(people, role)

        if endpoint == "list":
            body = api(user).get("/api/v1/cases/").json()
            ids = [row["id"] for row in body["results"]]
            assert body["count"] == len(ids)
            assert ids in ([case_id], []), ids
            assert (200 if ids else 404) == expected, f"{role} listed={bool(ids)}"
            return
        if endpoint == "status_counts":
            counts = api(user).get("/api/v1/cases/status-counts/").json()
            assert counts in ({spec["status"]: 1}, {}), counts
            assert (200 if counts else 404) == expected, f"{role} counted={counts}"
            return
        if endpoint == "web":
            client.force_login(user)
            response = client.get(f"/cases/{case_id}/")
            assert response.status_code == expected
            if expected == 404:  # the same page as for a case that does not exist
                missing = client.get(f"/cases/{case_id + 1000}/")
                assert page(response, case_id) == page(missing, case_id + 1000)
            return

        writes = endpoint in ("transition", "action", "consents", "tribunal_put")
        before = snapshot(people, case_id) if writes else None
        response = send(endpoint, user, case_id, spec, people)
        assert response.status_code == expected, response.json()
        body = response.json()
        if expected >= 400:
            assert body["code"] == ERROR_CODES[expected], body
            assert set(body) >= {"code", "detail"}
            if expected == 404:
                # Nothing about the case leaks into a 404.
                assert set(body) <= {"code", "detail", "fields"}
            if expected == 409:
                assert body["status"] == spec["status"]
            if writes:
                assert snapshot(people, case_id) == before, "a refused request changed the case"
        elif endpoint == "events":
            assert body["count"] == len(body["results"]) >= 1
        elif endpoint == "tribunal_get":
            assert set(body) == {"arbitrators", "presiding"}
        else:
            assert body["id"] == case_id
        if writes and expected < 400:  # the step is on the timeline, taken by this user
            kind = {
                "transition": spec["transition"][0],
                "action": spec["action"][0],
                "consents": "record_consent",
                "tribunal_put": "set_tribunal",
            }[endpoint]
            last = snapshot(people, case_id)[1]["results"][-1]
            assert (last["kind"], last["actor"]["username"]) == (kind, user.username)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/cases/{id}/"),
        ("get", "/api/v1/cases/{id}/events/"),
        ("post", "/api/v1/cases/{id}/transitions/reject/"),
        ("post", "/api/v1/cases/{id}/actions/request_supplement/"),
        ("post", "/api/v1/cases/{id}/consents/"),
        ("get", "/api/v1/cases/{id}/tribunal/"),
        ("put", "/api/v1/cases/{id}/tribunal/"),
        ("get", "/api/v1/cases/"),
        ("get", "/api/v1/cases/status-counts/"),
    ],
)
def test_without_credentials_every_case_endpoint_is_401(people, method, path):
    case_id = file_case(people)
    before = snapshot(people, case_id)
    response = getattr(api(), method)(path.format(id=case_id), {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert snapshot(people, case_id) == before


def test_without_a_session_the_case_page_sends_to_login(people, client):
    case_id = file_case(people)
    response = client.get(f"/cases/{case_id}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_case_that_does_not_exist_is_the_same_404_as_one_not_visible(people):
    case_id = file_case(people)
    hidden = api(people.outsider).get(f"/api/v1/cases/{case_id}/")
    missing = api(people.outsider).get(f"/api/v1/cases/{case_id + 1000}/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


# --- visibility over the life of a case ------------------------------------------------------------------


def sees(user, case_id: int) -> bool:
    """Whether the case shows for this user, checked on the detail, the list and the counters alike."""
    detail = api(user).get(f"/api/v1/cases/{case_id}/").status_code
    listed = case_id in [row["id"] for row in api(user).get("/api/v1/cases/?page_size=100").json()["results"]]
    counted = sum(api(user).get("/api/v1/cases/status-counts/").json().values()) > 0
    assert detail in (200, 404)
    assert (detail == 200) == listed == counted, (detail, listed, counted)
    return detail == 200


def test_a_clerk_sees_another_clerks_case_only_while_the_commission_owes_it_something(people):
    clerk, other = people.clerk, people.clerk2
    case_id = file_case(people)
    assert sees(clerk, case_id) and sees(other, case_id)  # the intake queue is every clerk's

    fire(other, case_id, "accept", {"procedure": "ordinary"})
    # Service and the tribunal notice are open duties of the commission: any clerk may do them.
    assert sees(clerk, case_id) and sees(other, case_id)

    act(other, case_id, "serve_application")
    assert sees(clerk, case_id)  # the tribunal notice is still owed
    api_put = api(other).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": [people.arbitrator.pk]}, format="json"
    )
    assert api_put.status_code == 200
    assert not sees(clerk, case_id)
    assert sees(other, case_id)  # it accepted the case: it keeps it

    # The respondent's defence makes serving it on the applicant a commission duty again.
    act(people.respondent, case_id, "file_defence", {"text": "不同意申请人的请求。"})
    assert sees(clerk, case_id)
    assert sees(other, case_id)


def _accepted_by_clerk2(people, *, tribunal: bool, served: bool, defence: bool = False) -> int:
    case_id = file_case(people)
    seat = {"arbitrators": [people.arbitrator.pk]} if tribunal else {}
    fire(people.clerk2, case_id, "accept", {"procedure": "ordinary", **seat})
    if served:
        act(people.clerk2, case_id, "serve_application")
    if defence:
        act(people.respondent, case_id, "file_defence", {"text": "不同意申请人的请求。"})
    return case_id


# Steps a clerk takes on a case it sees only through an open commission duty, where the step itself
# ends that duty (or the case). The step is done; the clerk must be told so, not "not found".
DUTY_STEPS = {
    "serve_defence": (
        dict(tribunal=True, served=True, defence=True),
        ("post", "actions/serve_defence/", {}),
        "serve_defence",
    ),
    "serve_application": (
        dict(tribunal=True, served=False),
        ("post", "actions/serve_application/", {}),
        "serve_application",
    ),
    "set_tribunal": (
        dict(tribunal=False, served=True),
        ("put", "tribunal/", "arbitrator"),
        "set_tribunal",
    ),
    "counter_withdrawal": (
        dict(tribunal=False, served=False),
        ("post", "transitions/withdraw/", {"reason": "申请人到窗口撤回"}),
        "withdraw",
    ),
    # The same from a client that sends an Idempotency-Key: the step must not be silently undone.
    "serve_defence_with_idempotency_key": (
        dict(tribunal=True, served=True, defence=True),
        ("post", "actions/serve_defence/", {}),
        "serve_defence",
    ),
}


@pytest.mark.parametrize("name", DUTY_STEPS)
def test_a_clerk_doing_a_commission_duty_on_another_clerks_case_is_told_it_was_done(people, name):
    setup, (method, path, body), event = DUTY_STEPS[name]
    case_id = _accepted_by_clerk2(people, **setup)
    assert sees(people.clerk, case_id)
    if body == "arbitrator":
        body = {"arbitrators": [people.arbitrator.pk]}

    headers = {"HTTP_IDEMPOTENCY_KEY": "duty-step-1"} if "idempotency" in name else {}
    response = getattr(api(people.clerk), method)(
        f"/api/v1/cases/{case_id}/{path}", body, format="json", **headers
    )
    events = api(people.supervisor).get(f"/api/v1/cases/{case_id}/events/").json()["results"]
    assert (events[-1]["kind"], events[-1]["actor"]["username"]) == (event, "p-clerk")
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == case_id


def test_every_clerk_keeps_seeing_an_application_another_clerk_rejected(people):
    # The filing window's register: the applicant may come back to the counter asking why.
    case_id = file_case(people)
    fire(people.clerk2, case_id, "reject", {"reason": "不属于劳动争议受理范围", "grounds": ["out_of_scope"]})
    assert sees(people.clerk, case_id)
    assert sees(people.clerk2, case_id)
    assert not sees(people.mediator, case_id) and not sees(people.arbitrator, case_id)
    assert (
        sees(people.applicant, case_id) and sees(people.agent, case_id) and sees(people.respondent, case_id)
    )


def test_a_mediator_keeps_seeing_a_dispute_referred_to_its_organisation_after_it_returns(people):
    case_id = file_case(people)
    assert not sees(people.mediator, case_id)
    fire(people.clerk, case_id, "refer_to_mediation", {"mediation_organisation": people.centre.pk})
    assert sees(people.mediator, case_id)
    assert not sees(people.mediator2, case_id)
    # Another organisation's mediator can neither see nor act on it.
    refused = api(people.mediator2).post(
        f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/", {"reason": "x"}, format="json"
    )
    assert refused.status_code == 404

    fire(people.mediator, case_id, "record_mediation_failure", {"reason": "用人单位不同意调解方案"})
    assert sees(people.mediator, case_id)
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [people.arbitrator.pk]})
    assert sees(people.mediator, case_id)
    assert not sees(people.mediator2, case_id)
    # Seeing it is not running it: the mediator has no step on an accepted case.
    detail = api(people.mediator).get(f"/api/v1/cases/{case_id}/").json()
    assert detail["allowed_transitions"] == []
    assert (
        api(people.mediator)
        .post(f"/api/v1/cases/{case_id}/transitions/withdraw/", {}, format="json")
        .status_code
        == 403
    )


def test_arbitrators_see_the_intake_queue_until_a_tribunal_is_set_then_only_its_members(people):
    a1, a2 = people.arbitrator, people.arbitrator2
    a3 = make_user("p-arbitrator3", Role.ARBITRATOR, display_name="仲裁员丙")
    case_id = file_case(people)
    assert not sees(a1, case_id) and not sees(a2, case_id)  # not accepted yet

    fire(people.clerk, case_id, "accept", {"procedure": "ordinary"})
    assert sees(a1, case_id) and sees(a2, case_id) and sees(a3, case_id)
    # The queue is visible, not actionable: no arbitrator presides yet.
    assert api(a2).get(f"/api/v1/cases/{case_id}/").json()["allowed_transitions"] == []

    a4 = make_user("p-arbitrator4", Role.ARBITRATOR, display_name="仲裁员丁")
    put = api(people.clerk).put(
        f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": [a1.pk, a3.pk, a4.pk]}, format="json"
    )
    assert put.status_code == 200, put.json()
    assert sees(a1, case_id) and sees(a3, case_id)
    assert not sees(a2, case_id)
    # A member who does not preside sees the case but may not run the procedure.
    member = api(a3).post(f"/api/v1/cases/{case_id}/transitions/start_mediation/", {}, format="json")
    assert member.status_code == 403
    assert member.json()["code"] == "permission_denied"

    # Recomposed without a1: a1 is off the case.
    put = api(people.clerk).put(f"/api/v1/cases/{case_id}/tribunal/", {"arbitrators": [a2.pk]}, format="json")
    assert put.status_code == 200, put.json()
    assert not sees(a1, case_id) and not sees(a3, case_id)
    assert sees(a2, case_id)
    assert api(a2).get(f"/api/v1/cases/{case_id}/tribunal/").json() == {
        "arbitrators": [a2.pk],
        "presiding": a2.pk,
    }


def test_supervisors_and_admins_see_every_case_at_every_stage(people):
    case_id = file_case(people)
    for step in (
        lambda: fire(people.clerk, case_id, "accept", {"procedure": "ordinary"}),
        lambda: act(people.clerk, case_id, "serve_application"),
        lambda: fire(people.applicant, case_id, "withdraw", {"reason": "和解"}),
    ):
        assert sees(people.supervisor, case_id) and sees(people.admin, case_id)
        step()
    assert sees(people.supervisor, case_id) and sees(people.admin, case_id)


def test_an_outsider_never_sees_the_case_at_any_stage(people):
    case_id = file_case(people)
    assert not sees(people.outsider, case_id)
    fire(people.clerk, case_id, "refer_to_mediation", {"mediation_organisation": people.centre.pk})
    assert not sees(people.outsider, case_id)
    fire(people.mediator, case_id, "record_mediation_failure", {"reason": "调解不成"})
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [people.arbitrator.pk]})
    assert not sees(people.outsider, case_id)
    fire(people.arbitrator, case_id, "start_mediation")
    # The 调解书 takes effect once both parties have signed for receipt: then the case closes.
    drafted = api(people.arbitrator).post(
        f"/api/v1/cases/{case_id}/mediation/agreement/",
        {"items": [{"obligor": "respondent", "kind": "other", "description": "出具离职证明"}]},
        format="json",
    )
    assert drafted.status_code == 201, drafted.json()
    for party in (people.applicant, people.respondent):
        signed = api(party).post(f"/api/v1/mediation-agreements/{drafted.json()['id']}/confirm/", {})
        assert signed.status_code == 200, signed.json()
    assert Case.objects.get(pk=case_id).status == "closed"
    assert not sees(people.outsider, case_id)


def test_list_filters_never_widen_what_a_user_sees(people):
    case_id = file_case(people)
    fire(people.clerk, case_id, "accept", {"procedure": "ordinary", "arbitrators": [people.arbitrator.pk]})
    act(people.clerk, case_id, "serve_application")
    number = api(people.supervisor).get(f"/api/v1/cases/{case_id}/").json()["case_number"]
    queries = [
        f"search={number}",
        f"search={people.respondent.party.name}",
        f"arbitrator={people.arbitrator.pk}",
        "status=accepted",
        "due_before=2030-01-01",
        "unassigned=false",
        "ordering=-received_at",
    ]
    for user in (people.outsider, people.arbitrator2, people.clerk2, people.mediator):
        for query in queries:
            body = api(user).get(f"/api/v1/cases/?{query}").json()
            assert body["count"] == 0 and body["results"] == [], (user.username, query)
            assert api(user).get(f"/api/v1/cases/status-counts/?{query}").json() == {}, (user.username, query)
    for query in queries:
        assert [r["id"] for r in api(people.applicant).get(f"/api/v1/cases/?{query}").json()["results"]] == [
            case_id
        ], query
