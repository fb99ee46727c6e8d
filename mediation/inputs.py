"""Input shapes of mediation's steps and endpoints, shared by the API and the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import MediationOrganisation
from cases.inputs import ReasonSerializer
from cases.models import Side
from core import clock
from core.inputs import BoundedPrimaryKeyRelatedField, MoneyField, StrictCharField
from mediation.models import ItemKind, Recipient


class ReferSerializer(ReasonSerializer):
    # Without it the organisation of the dispute's street takes the referral.
    mediation_organisation = BoundedPrimaryKeyRelatedField(
        queryset=MediationOrganisation.objects.all(), required=False, allow_null=True, default=None
    )


class MessageSerializer(serializers.Serializer):
    text = StrictCharField(max_length=5000)
    to = serializers.ChoiceField(choices=Recipient.choices, default=Recipient.BOTH)


class AgreementItemSerializer(serializers.Serializer):
    obligor = serializers.ChoiceField(choices=Side.choices)
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    amount = MoneyField(required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    description = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate_amount(self, value: Decimal | None) -> Decimal | None:
        if value is not None and value < 0:
            raise serializers.ValidationError(_("The amount cannot be negative."))
        return value

    def validate_due_on(self, value: date | None) -> date | None:
        if value is not None and value < clock.today():
            raise serializers.ValidationError(_("The due date cannot be in the past."))
        return value

    def validate(self, attrs: dict) -> dict:
        if attrs["kind"] == ItemKind.PAYMENT and attrs.get("amount") is None:
            raise serializers.ValidationError({"amount": [_("A payment needs an amount.")]})
        if attrs["kind"] == ItemKind.OTHER and not attrs.get("description"):
            raise serializers.ValidationError({"description": [_("Say what the obligation is.")]})
        return attrs


class AgreementSerializer(serializers.Serializer):
    items = AgreementItemSerializer(many=True, allow_empty=False)
    terms = StrictCharField(max_length=10000, required=False, allow_blank=True, default="")


class ConfirmSerializer(serializers.Serializer):
    # A clerk records a confirmation the party signed at the counter: which party it was.
    side = serializers.ChoiceField(choices=Side.choices, required=False, allow_null=True, default=None)


class PaymentSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    amount = MoneyField(min_value=Decimal("0.01"))
    paid_on = serializers.DateField()
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        default=list,
        max_length=50,
    )


class ReviewDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("issued", _("Issue")), ("refused", _("Refuse"))])
    reasons = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")
