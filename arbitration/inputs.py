"""The award step's input: its reasons and whether it is a default award (缺席裁决, L Art. 36)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.inputs import ReasonSerializer
from core.inputs import StrictBooleanField


class AwardSerializer(ReasonSerializer):
    default_award = StrictBooleanField(
        required=False,
        default=False,
        help_text=_(
            "A default award: the respondent, notified in writing, did not attend the hearing (L Art. 36)."
        ),
    )
