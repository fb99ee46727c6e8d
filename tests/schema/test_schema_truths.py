"""The OpenAPI schema tells the mini-program's developers the truth: what is paginated, what may be null,
which values a field or parameter takes, and what each operation does, who may call it and how it fails.
And the API refuses the query values the schema does not allow, instead of ignoring them."""

from __future__ import annotations

from typing import Any

import pytest

from cases.models import Status
from cases.registry import STEPS
from cases.selectors import ORDERINGS
from tests.helpers import api

pytestmark = pytest.mark.django_db

ERROR_STATUSES = ("401", "403", "503")


@pytest.fixture
def schema(client) -> dict[str, Any]:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with ``$ref`` and single-entry ``allOf`` followed."""
    while True:
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        elif len(node.get("allOf", [])) == 1:
            rest = {k: v for k, v in node.items() if k != "allOf"}
            node = {**resolve(schema, node["allOf"][0]), **rest}
        else:
            return node


def operation(schema: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return schema["paths"][path][method]


def parameter(op: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in op.get("parameters", []) if p["name"] == name)


def response_schema(schema: dict[str, Any], op: dict[str, Any], status: str = "200") -> dict[str, Any]:
    return resolve(schema, op["responses"][status]["content"]["application/json"]["schema"])


def enum_of(schema: dict[str, Any], node: dict[str, Any]) -> set[str]:
    node = resolve(schema, node)
    if "enum" in node:
        return {v for v in node["enum"] if v not in ("", None)}
    values: set[str] = set()
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        values |= enum_of(schema, branch)
    return values


def test_the_case_timeline_is_documented_as_the_paginated_envelope_it_returns(schema):
    op = operation(schema, "/api/v1/cases/{id}/events/", "get")
    body = response_schema(schema, op)
    assert body["type"] == "object"
    assert {"count", "next", "previous", "results"} <= set(body["properties"])
    assert body["properties"]["results"]["type"] == "array"
    names = {p["name"] for p in op["parameters"]}
    assert {"page", "page_size"} <= names


def test_status_is_an_enum_of_the_case_statuses_in_answers_and_in_the_filter(schema):
    detail = response_schema(schema, operation(schema, "/api/v1/cases/{id}/", "get"))
    assert enum_of(schema, detail["properties"]["status"]) == set(Status.values)
    status_filter = parameter(operation(schema, "/api/v1/cases/", "get"), "status")
    assert status_filter["schema"]["type"] == "array"  # several, comma-separated
    assert status_filter.get("explode") is False
    assert enum_of(schema, status_filter["schema"]["items"]) == set(Status.values)


def test_ordering_is_an_enum_of_the_orderings_the_list_accepts(schema):
    ordering = parameter(operation(schema, "/api/v1/cases/", "get"), "ordering")
    assert enum_of(schema, ordering["schema"]) == set(ORDERINGS)


def test_transition_and_action_names_are_enums_built_from_the_step_registry(schema):
    transitions = {s.name for s in STEPS.transitions()}
    actions = {s.name for s in STEPS.actions()}
    assert {"accept", "reject", "withdraw", "issue_award"} <= transitions
    assert {"serve_application", "file_defence"} <= actions
    fire = operation(schema, "/api/v1/cases/{id}/transitions/{name}/", "post")
    assert enum_of(schema, parameter(fire, "name")["schema"]) == transitions
    take = operation(schema, "/api/v1/cases/{id}/actions/{name}/", "post")
    assert enum_of(schema, parameter(take, "name")["schema"]) == actions
    detail = response_schema(schema, operation(schema, "/api/v1/cases/{id}/", "get"))
    allowed = detail["properties"]["allowed_transitions"]
    assert enum_of(schema, allowed["items"]) == transitions
    option = resolve(schema, detail["properties"]["options"]["items"])
    assert enum_of(schema, option["properties"]["name"]) == transitions | actions


def test_a_step_registered_later_shows_in_the_schema_without_a_restart(client):
    from cases.inputs import ReasonSerializer
    from cases.registry import Step

    def service(**kwargs: Any) -> None:
        return None

    with STEPS.scoped():
        STEPS.register(
            Step(
                name="plugged_in_step",
                label="plugged in",
                service=service,
                input=ReasonSerializer,
                statuses=("accepted",),
                permission=lambda case, user: True,
            )
        )
        schema = client.get("/api/schema/?format=json").json()
    take = operation(schema, "/api/v1/cases/{id}/actions/{name}/", "post")
    assert "plugged_in_step" in enum_of(schema, parameter(take, "name")["schema"])


@pytest.mark.parametrize(
    ("path", "component_field"),
    [
        ("/api/v1/cases/{id}/", "case_number"),
        ("/api/v1/cases/{id}/", "accepted_at"),
        ("/api/v1/cases/{id}/", "hearing_at"),
        ("/api/v1/cases/{id}/", "respondent"),
        ("/api/v1/cases/{id}/", "applicant"),
        ("/api/v1/cases/{id}/", "mediation_organisation"),
        ("/api/v1/cases/", "presiding_arbitrator"),
        ("/api/v1/cases/", "next_deadline"),
        ("/api/v1/cases/{id}/events/", "actor"),
        ("/api/v1/me/", "party"),
        ("/api/v1/me/", "mediation_organisation"),
    ],
)
def test_fields_that_can_be_null_are_marked_nullable(schema, path, component_field):
    body = response_schema(schema, operation(schema, path, "get"))
    if "results" in body.get("properties", {}):
        body = resolve(schema, body["properties"]["results"]["items"])
    field = body["properties"][component_field]
    nullable = field.get("nullable") or any(
        resolve(schema, b).get("nullable") or b.get("$ref", "").endswith("/NullEnum")
        for b in field.get("oneOf", [])
    )
    assert nullable, f"{path} {component_field}: {field}"


def test_the_case_detail_documents_the_shape_of_its_nested_objects(schema):
    detail = response_schema(schema, operation(schema, "/api/v1/cases/{id}/", "get"))
    for name in ("applicant", "agents", "arbitrators", "options"):
        node = detail["properties"][name]
        node = resolve(schema, node.get("items", node))
        assert node.get("properties"), f"{name} is documented as a bare object: {node}"


def test_every_operation_is_described_for_the_mini_program_developers(schema):
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            where = f"{method.upper()} {path}"
            assert op.get("summary"), f"{where} has no summary"
            description = op.get("description", "")
            assert "Who may call" in description, f"{where}: says not who may call it"
            assert "Errors" in description, f"{where}: says not which errors to expect"
            # Internal docstrings of our views speak of services, selectors and layers.
            for internal in ("selectors", "services.", "serializer", "Thin ", "queryset", "docstring"):
                assert internal not in description, f"{where} leaks an internal note: {internal!r}"


def test_every_error_answer_is_documented_with_the_error_envelope(schema):
    envelope = schema["components"]["schemas"]["Error"]
    assert {"code", "detail"} <= set(envelope["required"])
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            for status in ERROR_STATUSES:
                if status == "401" and not op.get("security", schema.get("security")):
                    continue
                documented = op["responses"].get(status)
                assert documented, f"{method.upper()} {path} does not document {status}"
                ref = documented["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/Error"), f"{method.upper()} {path} {status}"


@pytest.mark.parametrize(
    "query",
    [
        "page_size=true",
        "page_size=0",
        "page_size=-1",
        "page_size=100000",
        "page=abc",
        "page=0",
        "page=-3",
        "page=99999999999999999999999",
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/notifications/", "/api/v1/parties/"])
def test_invalid_page_values_are_refused_with_the_envelope(personas, path, query):
    response = api(personas.clerk).get(f"{path}?{query}")
    assert response.status_code == 400, (query, response.content)
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {query.split("=")[0]}, body


def test_invalid_page_values_on_the_timeline_are_refused(personas):
    from tests.helpers import file_case

    case_id = file_case(personas.applicant)
    client = api(personas.applicant)
    assert client.get(f"/api/v1/cases/{case_id}/events/?page_size=2").status_code == 200
    response = client.get(f"/api/v1/cases/{case_id}/events/?page_size=true")
    assert response.status_code == 400
    assert response.json()["fields"]["page_size"]


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/cases/", "ordering=nonsense", "ordering"),
        ("/api/v1/cases/", "status=accepted,nonsense", "status"),
        ("/api/v1/cases/", "unassigned=perhaps", "unassigned"),
        ("/api/v1/cases/", "procedure=nonsense", "procedure"),
        ("/api/v1/notifications/", "read_at__isnull=perhaps", "read_at__isnull"),
        ("/api/v1/parties/", "kind=nonsense", "kind"),
    ],
)
def test_unknown_filter_and_ordering_values_are_refused(personas, path, query, field):
    response = api(personas.clerk).get(f"{path}?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body


@pytest.mark.parametrize("body", [{"electronic_service": 0}, {"electronic_service": "yes"}])
def test_a_json_boolean_is_true_or_false_only(personas, body):
    from tests.helpers import file_case

    case_id = file_case(personas.applicant)
    response = api(personas.applicant).post(f"/api/v1/cases/{case_id}/consents/", body, format="json")
    assert response.status_code == 400, response.content
    assert "electronic_service" in response.json()["fields"]


def test_a_json_string_field_takes_no_number(personas):
    response = api(personas.supervisor).put(
        "/api/v1/calendar/days/2026-10-01/", {"kind": "holiday", "name": 0}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "name" in response.json()["fields"]


def test_the_tribunal_answer_is_documented_apart_from_its_input(schema):
    answer = response_schema(schema, operation(schema, "/api/v1/cases/{id}/tribunal/", "get"))
    assert "minItems" not in answer["properties"]["arbitrators"]  # empty before it is composed
    assert answer["properties"]["presiding"]["nullable"] is True
