"""Input shapes of arbitration's steps, shared by the API and the case page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.inputs import ReasonSerializer
from core.inputs import StrictCharField

TRIED = "yes"
NOT_TRIED = "no"


class IssueAwardSerializer(ReasonSerializer):
    """The award screen asks whether mediation was tried before ruling (L Art. 42), and if not, why."""

    mediation_tried = serializers.ChoiceField(
        choices=[(TRIED, _("Yes, mediation was tried")), (NOT_TRIED, _("No, it was not tried"))],
        label=_("Was mediation tried before the award? (L Art. 42)"),
    )
    mediation_not_tried_reason = StrictCharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        label=_("If not, why not"),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["mediation_tried"] == NOT_TRIED and not attrs.get("mediation_not_tried_reason", "").strip():
            raise serializers.ValidationError(
                {"mediation_not_tried_reason": [_("Say why mediation was not tried.")]}
            )
        return attrs
