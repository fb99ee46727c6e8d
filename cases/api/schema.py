"""The schema's enumerations of step names, read from the step registry each time the schema is built:
the stage apps register their steps in their ready(), and a step registered or withdrawn later shows
(or disappears) without anything here naming it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension

from cases.registry import STEPS

TRANSITION_NAME = "TransitionNameEnum"
ACTION_NAME = "ActionNameEnum"
STEP_NAME = "StepNameEnum"


def ref(component: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{component}"}


def step_name_enums(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: define the components the case views refer to by name."""
    transitions = sorted(step.name for step in STEPS.transitions())
    actions = sorted(step.name for step in STEPS.actions())
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[TRANSITION_NAME] = {
        "type": "string",
        "enum": transitions,
        "description": "A transition: a step that moves the case to another status.",
    }
    schemas[ACTION_NAME] = {
        "type": "string",
        "enum": actions,
        "description": "A procedural action: a step that leaves the case's status as it is.",
    }
    schemas[STEP_NAME] = {
        "type": "string",
        "enum": sorted(transitions + actions),
        "description": "Any step: a transition or a procedural action.",
    }
    return result


def step_inputs_any_of(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the body of a transition or an action (of one case, or of a
    group of linked cases) is the input shape of the step named in the path. The shapes overlap
    (``{"reason": "…"}`` fits most), so "one of them" would be false of almost every body: the body is *any*
    of them, and which one the step decides."""
    schemas = result.get("components", {}).get("schemas", {})
    for name in ("TransitionInputRequest", "ActionInputRequest", "GroupActionInputRequest"):
        component = schemas.get(name)
        if component and "oneOf" in component:
            component["anyOf"] = component.pop("oneOf")
    return result


class ConsentRequestExtension(OpenApiSerializerExtension):
    """The consents body needs one consent given (true) or withdrawn (false): the schema says so."""

    target_class = "cases.inputs.ConsentRequestSerializer"

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["anyOf"] = [
                {"required": [name], "properties": {name: {"type": "boolean"}}}
                for name in ("pre_mediation", "async_hearing", "electronic_service")
            ]
        return schema
