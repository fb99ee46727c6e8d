"""Test data made through the real services, and clients that talk to the app over its public API."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts import services as accounts_services
from accounts.identifiers import credit_code_check_character, ric_check_character
from accounts.models import MediationOrganisation, Party, PartyKind, Role, User

PASSWORD = "correct-horse-battery"
_serial = itertools.count(1)


def id_number(birth: str = "19900307", district: str = "440106", serial: int | None = None) -> str:
    """A valid resident ID number; different serials give different people."""
    first17 = f"{district}{birth}{(serial or next(_serial)) % 1000:03d}"
    return first17 + ric_check_character(first17)


def credit_code(serial: int | None = None) -> str:
    """A valid unified social credit code."""
    first17 = f"91440106MA{(serial or next(_serial)) % 10_000_000:07d}"
    return first17 + credit_code_check_character(first17)


def make_person(name: str = "测试工人", **fields: Any) -> Party:
    return accounts_services.party_create(
        kind=PartyKind.PERSON, name=name, id_number=fields.pop("id_number", id_number()), **fields
    )


def make_organisation(name: str = "广州测试科技有限公司", **fields: Any) -> Party:
    return accounts_services.party_create(
        kind=PartyKind.ORGANISATION, name=name, credit_code=fields.pop("credit_code", credit_code()), **fields
    )


def make_centre(name: str = "天河区测试街道调解中心") -> MediationOrganisation:
    centre, _ = MediationOrganisation.objects.get_or_create(name=name, defaults={"street": "测试街"})
    return centre


def make_user(username: str, role: str = Role.APPLICANT, **fields: Any) -> User:
    if role == Role.MEDIATOR and "mediation_organisation" not in fields:
        fields["mediation_organisation"] = make_centre()
    return accounts_services.user_create(username=username, password=PASSWORD, role=role, **fields)


def make_personas() -> SimpleNamespace:
    """One user per role, plus an outsider with no part in anything (the ``personas`` fixture)."""
    worker = make_person("张三")
    employer = make_organisation("广州示例科技有限公司")
    return SimpleNamespace(
        applicant=make_user("p-applicant", Role.APPLICANT, display_name="张三", party=worker),
        respondent=make_user("p-respondent", Role.RESPONDENT, display_name="示例人事", party=employer),
        agent=make_user("p-agent", Role.AGENT, display_name="代理律师"),
        clerk=make_user("p-clerk", Role.CLERK, display_name="书记员"),
        mediator=make_user("p-mediator", Role.MEDIATOR, display_name="调解员"),
        arbitrator=make_user("p-arbitrator", Role.ARBITRATOR, display_name="仲裁员甲"),
        arbitrator2=make_user("p-arbitrator2", Role.ARBITRATOR, display_name="仲裁员乙"),
        supervisor=make_user("p-supervisor", Role.SUPERVISOR, display_name="院长"),
        admin=make_user("p-admin", Role.ADMIN, display_name="管理员"),
        outsider=make_user("p-outsider", Role.APPLICANT, display_name="路人", party=make_person("路人")),
    )


def token_for(user: User) -> str:
    """A new API token of ``user``, as a sign-in on a new device would make."""
    _instance, key = AuthToken.objects.create(user=user)
    return str(key)


def api(user: User | None = None, language: str | None = None) -> APIClient:
    """A client authenticated the way the mini-program is: with an API token."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def application(respondent_code: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A small valid application against a fresh employer (or the one with ``respondent_code``)."""
    body: dict[str, Any] = {
        "respondent": {
            "kind": "organisation",
            "name": "广州测试用人单位有限公司",
            "credit_code": respondent_code or credit_code(),
        },
        "claims": [{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资"}],
        "facts": "拖欠三个月工资。",
    }
    body.update(overrides)
    return body


def file_case(user: User, respondent_code: str | None = None, **overrides: Any) -> int:
    """File an application through the API as ``user``; returns the new case's id."""
    response = api(user).post("/api/v1/cases/", application(respondent_code, **overrides), format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


# The award step's answer to "was mediation tried?" (L Art. 42), for tests whose subject is elsewhere.
NOT_MEDIATED = {"mediation_tried": "no", "mediation_not_tried_reason": "被申请人拒绝调解"}


def draft_award(arbitrator: User, case_id: int) -> None:
    """The tribunal's draft upholding every claim as claimed: what ``issue_award`` needs first."""
    from cases.models import Claim

    items = [
        {"claim": claim.pk, "granted": str(claim.amount or 0), "decision": "upheld", "finding": "属实"}
        for claim in Claim.objects.filter(case_id=case_id, withdrawn=False)
    ]
    response = api(arbitrator).put(f"/api/v1/cases/{case_id}/award/", {"items": items}, format="json")
    assert response.status_code == 200, response.json()
