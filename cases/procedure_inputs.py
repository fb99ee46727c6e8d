"""Input shapes of the steps for collective disputes, counter-applications and advance execution
(issue 13: R Arts. 36, 63-65; L Art. 44), shared by the API and the case page like ``cases.inputs``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.inputs import MAX_AMOUNT, ClaimInputSerializer, ReasonSerializer, RequiredReasonSerializer
from cases.models import AdvanceKind, ClosingDocument, CollectiveScope
from core.inputs import IdField, MoneyField, StrictBooleanField, StrictCharField


class IdListField(serializers.ListField):
    """Party ids: a JSON list of numbers, or (from the case page) one text of ids separated by commas."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", IdField())
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[Any]:
        if isinstance(data, str):
            data = [part for part in re.split(r"[\s,，、]+", data.strip()) if part]
        return super().to_internal_value(data)


class ElectRepresentativesSerializer(RequiredReasonSerializer):
    representatives = IdListField(
        allow_empty=False,
        max_length=5,
        label=_("Representatives (party ids)"),
        help_text="The applicant workers elected, by party id: 3 to 5 (R Art. 63).",
    )
    elected_on = serializers.DateField(required=False, allow_null=True, default=None, label=_("Elected on"))


class CollectiveConsentSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=CollectiveScope.choices, label=_("Consent to"))
    text = StrictCharField(max_length=5000, label=_("What the workers consented to"))
    workers = IdListField(
        required=False,
        allow_null=True,
        default=None,
        max_length=1000,
        label=_("Consenting workers (party ids; empty: every represented worker signed)"),
        help_text="Party ids of the consenting workers; left out, every represented worker signed.",
    )


class CounterApplicationSerializer(serializers.Serializer):
    # many=True passes max_length on to the ListSerializer; the stubs' __init__ does not list it.
    claims = ClaimInputSerializer(many=True, allow_empty=False, min_length=1, max_length=50)  # type: ignore[call-arg]
    facts = StrictCharField(max_length=20000, label=_("Facts and reasons of the counter-application"))


class DecideCounterSerializer(ReasonSerializer):
    accept = StrictBooleanField(
        label=_("Accept and join it to the case"),
        help_text="true: joined, the ruling period restarts (R Art. 46); false: refused (give reasons).",
    )


class AdvanceApplySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AdvanceKind.choices, label=_("To be paid first"))
    amount = MoneyField(
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        label=_("Amount (yuan)"),
    )
    grounds = StrictCharField(
        max_length=5000, label=_("Why the applicant's life would be seriously affected")
    )


class AdvanceDecideSerializer(RequiredReasonSerializer):
    grant = StrictBooleanField(label=_("Grant advance execution"))
    rights_clear = StrictBooleanField(
        required=False, default=False, label=_("The rights and obligations are clear")
    )
    serious_effect = StrictBooleanField(
        required=False,
        default=False,
        label=_("Not paying first would seriously affect the applicant's life"),
    )


class AdvanceTransferSerializer(ReasonSerializer):
    court = StrictCharField(max_length=200, label=_("Court"))
    transferred_on = serializers.DateField(
        required=False, allow_null=True, default=None, label=_("Transferred on")
    )


class CorrectionSerializer(RequiredReasonSerializer):
    document = serializers.ChoiceField(choices=ClosingDocument.choices, label=_("Document"))
    corrected_text = StrictCharField(max_length=20000, label=_("Corrected text"))
