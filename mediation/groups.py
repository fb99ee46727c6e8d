"""Mediating a group of linked cases (串案) at once, with an agreement for each worker.

Two group actions (``cases.registry.GROUP_ACTIONS``), both the lead arbitrator's: ``start_mediation``
fires each member's own ``start_mediation`` (the tribunal's mediation, its episode, its timeline), and
``draft_agreements`` draws up each member's own agreement through ``agreement_draft`` from one set of
terms and items with each worker's amount. Each worker (and the employer) still confirms, performs and
closes by the agreement case by case: a worker who settles, or withdraws, leaves the group's later steps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import User
from cases.group_actions import lead_of_group
from cases.inputs import ReasonSerializer
from cases.models import Case, CaseGroup, EventKind
from cases.registry import GROUP_ACTIONS, STEPS, GroupAction
from cases.web.case_pages import case_label
from core.errors import ApplicationError
from core.inputs import IdField, MoneyField, StrictCharField
from mediation.inputs import AgreementItemSerializer
from mediation.models import ItemKind
from mediation.services import agreement_draft


class AgreementTemplateItemSerializer(AgreementItemSerializer):
    """An agreement item for every worker: a payment may leave its amount to each worker's own."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["kind"] == ItemKind.OTHER and not attrs.get("description"):
            raise serializers.ValidationError({"description": [_("Say what the obligation is.")]})
        return attrs


class AgreementAmountSerializer(serializers.Serializer):
    case = IdField()
    amount = MoneyField()


class GroupAgreementSerializer(serializers.Serializer):
    items = AgreementTemplateItemSerializer(
        many=True,
        allow_empty=False,
        help_text="The items of every worker's agreement; a payment item with no amount takes the worker's "
        "amount (from `amounts`, else the total the worker claimed).",
    )
    amounts = AgreementAmountSerializer(many=True, required=False, default=list)
    terms = StrictCharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        default="",
        help_text="`{amount}` becomes the worker's amount.",
    )

    def validate_amounts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > 5000:
            raise serializers.ValidationError(_("At most 5,000 amounts."))
        return value


def _start(*, case: Case, user: User, reason: str = "") -> Any:
    step = STEPS.get(EventKind.START_MEDIATION)
    if step is None:
        raise ApplicationError(_("There is no such step."), status_code=404, code="not_found")
    return step.service(case=case, user=user, reason=reason)


def _draft(
    *, case: Case, user: User, items: list[dict[str, Any]], amounts: list[dict[str, Any]], terms: str = ""
) -> Any:
    own = next((a["amount"] for a in amounts if a["case"] == case.pk), None)
    amount: Decimal = own if own is not None else case.claims_total
    worker_items = [
        {
            **item,
            "amount": amount if item["kind"] == "payment" and item.get("amount") is None else item["amount"],
        }
        for item in items
    ]
    return agreement_draft(
        case=case, user=user, items=worker_items, terms=terms.replace("{amount}", f"{amount:.2f}")
    )


def _form(group: CaseGroup, members: list[Case]) -> dict[str, Any]:
    """The group page's agreement form: every worker with the total claimed (the amount unless changed)."""
    return {
        "members": [
            {
                "case": m.pk,
                "label": case_label(m),
                "claimed": m.claims_total,
            }
            for m in members
        ]
    }


def _form_body(post: Any) -> dict[str, Any]:
    """What the page posted, as the API's body: the employer pays each worker's amount by the day given,
    and an other obligation when one is written."""
    items: list[dict[str, Any]] = [
        {"obligor": "respondent", "kind": "payment", "due_on": post.get("due_on") or None, "description": ""}
    ]
    if post.get("other", "").strip():
        items.append({"obligor": "respondent", "kind": "other", "description": post.get("other", "").strip()})
    amounts = [
        {"case": key.removeprefix("amount_"), "amount": value.strip()}
        for key, value in post.items()
        if key.startswith("amount_") and value.strip()
    ]
    return {"items": items, "amounts": amounts, "terms": post.get("terms", "")}


def _present(agreement: Any) -> dict[str, Any]:
    return {"agreement": agreement.pk}


def register() -> None:
    GROUP_ACTIONS.register(
        GroupAction(
            name="start_mediation",
            label=gettext_lazy("Start mediation in every member"),
            input=ReasonSerializer,
            run=_start,
            permission=lead_of_group,
            owner="mediation",
        )
    )
    GROUP_ACTIONS.register(
        GroupAction(
            name="draft_agreements",
            label=gettext_lazy("Draw up each worker's mediation agreement"),
            input=GroupAgreementSerializer,
            run=_draft,
            permission=lead_of_group,
            present=_present,
            owner="mediation",
            page_template="mediation/group_agreement_form.html",
            page_context=_form,
            page_body=_form_body,
        )
    )
