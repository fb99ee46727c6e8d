"""Awards for a group of linked cases (串案) drafted from one template with each worker's amounts.

The group action ``draft_awards`` (registered in ``cases.registry.GROUP_ACTIONS``) writes each member's
own draft through ``award_save``: one item per claim of the member whose category the template decides,
with the template's decision, finding and reasoning, and the amount granted to that worker (given per
case, or else the amount the worker claimed). ``{granted}`` and ``{claimed}`` in the texts become the
worker's own figures. Each draft is still the member's tribunal's, checked and issued case by case.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import User
from arbitration.inputs import AwardDraftSerializer
from arbitration.models import Decision
from arbitration.services import award_save
from cases.group_actions import lead_of_group
from cases.models import Case, CaseGroup, Claim, ClaimCategory
from cases.registry import GROUP_ACTIONS, GroupAction
from cases.web.case_pages import case_label
from core.errors import ApplicationError, flatten_fields
from core.inputs import IdField, MoneyField, StrictCharField


class AwardTemplateItemSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ClaimCategory.choices)
    decision = serializers.ChoiceField(choices=Decision.choices)
    finding = StrictCharField(max_length=10000, required=False, allow_blank=True, default="")
    reasoning = StrictCharField(max_length=10000, required=False, allow_blank=True, default="")


class AwardAmountSerializer(serializers.Serializer):
    case = IdField()
    category = serializers.ChoiceField(choices=ClaimCategory.choices)
    granted = MoneyField()


class AwardTemplateSerializer(serializers.Serializer):
    template = AwardTemplateItemSerializer(many=True)
    amounts = AwardAmountSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Each worker's amount granted per claim category; a claim not named gets what was claimed "
        "(nothing for a dismissed claim).",
    )
    costs = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")

    def validate_template(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        categories = [item["category"] for item in value]
        if not categories:
            raise serializers.ValidationError(_("Decide at least one claim category."))
        if len(set(categories)) != len(categories):
            raise serializers.ValidationError(_("Each claim category once."))
        return value

    def validate_amounts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > 5000:
            raise serializers.ValidationError(_("At most 5,000 amounts."))
        return value


def _fill(text: str, granted: Decimal | None, claimed: Decimal | None) -> str:
    return text.replace("{granted}", f"{granted or 0:.2f}").replace("{claimed}", f"{claimed or 0:.2f}")


def member_items(
    case: Case, template: list[dict[str, Any]], amounts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The member's draft items, as the award API's body would give them."""
    by_category = {item["category"]: item for item in template}
    own = {a["category"]: a["granted"] for a in amounts if a["case"] == case.pk}
    items = []
    for claim in case.claims.filter(withdrawn=False).order_by("position", "pk"):
        rule = by_category.get(claim.category)
        if rule is None:
            continue
        if claim.category in own:
            granted = own[claim.category]
        elif rule["decision"] == Decision.DISMISSED:
            granted = Decimal("0.00")
        else:
            granted = claim.amount
        items.append(
            {
                "claim": claim.pk,
                "granted": None if granted is None else f"{granted:.2f}",
                "decision": rule["decision"],
                "finding": _fill(rule["finding"], granted, claim.amount),
                "reasoning": _fill(rule["reasoning"], granted, claim.amount),
            }
        )
    return items


def _draft(
    *, case: Case, user: User, template: list[dict[str, Any]], amounts: list[dict[str, Any]], costs: str = ""
) -> Any:
    items = member_items(case, template, amounts)
    if not items:
        raise ApplicationError(
            _("No claim of this case is of a category the template decides."),
            fields={"template": [_("No claim of this case is of a category the template decides.")]},
        )
    draft = AwardDraftSerializer(data={"items": items, "costs": costs})
    if not draft.is_valid():
        raise ApplicationError(_("Invalid input."), fields=flatten_fields(draft.errors))
    return award_save(case=case, user=user, **draft.validated_data)


def _form(group: CaseGroup, members: list[Case]) -> dict[str, Any]:
    """The group page's template form: each claim category the members claim, and every worker's claimed
    amount in it (the amount granted unless changed)."""
    claimed: dict[tuple[int, str], Decimal] = {}
    for case_id, category, amount in Claim.objects.filter(case__in=members, withdrawn=False).values_list(
        "case_id", "category", "amount"
    ):
        claimed[(case_id, category)] = claimed.get((case_id, category), Decimal(0)) + (amount or 0)
    categories = [c for c in ClaimCategory.values if any(k[1] == c for k in claimed)]
    labels = dict(ClaimCategory.choices)
    return {
        "categories": [{"value": c, "label": labels[c]} for c in categories],
        "decisions": Decision.choices,
        "members": [
            {
                "case": m.pk,
                "label": case_label(m),
                "amounts": [
                    {"category": c, "claimed": claimed.get((m.pk, c)), "label": labels[c]} for c in categories
                ],
            }
            for m in members
        ],
    }


def _form_body(post: Any) -> dict[str, Any]:
    """What the page posted, as the API's body: the categories given a decision, and each amount typed."""
    template = [
        {
            "category": category,
            "decision": post.get(f"decision_{category}", ""),
            "finding": post.get(f"finding_{category}", ""),
            "reasoning": post.get(f"reasoning_{category}", ""),
        }
        for category in post.getlist("category")
        if post.get(f"decision_{category}")
    ]
    # A dismissed category grants nothing, whatever its column still shows.
    granting = {item["category"] for item in template if item["decision"] != Decision.DISMISSED}
    amounts = []
    for key, value in post.items():
        if key.startswith("granted_") and value.strip():
            case, _sep, category = key.removeprefix("granted_").partition("_")
            if category in granting:
                amounts.append({"case": case, "category": category, "granted": value.strip()})
    return {"template": template, "amounts": amounts, "costs": post.get("costs", "")}


def _present(award: Any) -> dict[str, Any]:
    return {
        "award": award.pk,
        "granted_total": f"{sum((i.granted or 0 for i in award.items.all()), Decimal(0)):.2f}",
    }


def register() -> None:
    GROUP_ACTIONS.register(
        GroupAction(
            name="draft_awards",
            label=gettext_lazy("Draft every member's award from one template"),
            input=AwardTemplateSerializer,
            run=_draft,
            permission=lead_of_group,
            present=_present,
            owner="arbitration",
            page_template="arbitration/group_award_form.html",
            page_context=_form,
            page_body=_form_body,
        )
    )
