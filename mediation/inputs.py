"""Input shapes of mediation's steps, shared by the API and the pages."""

from __future__ import annotations

from accounts.models import MediationOrganisation
from cases.inputs import ReasonSerializer
from core.inputs import BoundedPrimaryKeyRelatedField, StrictCharField


class ReferSerializer(ReasonSerializer):
    mediation_organisation = BoundedPrimaryKeyRelatedField(queryset=MediationOrganisation.objects.all())


class AgreementSerializer(ReasonSerializer):
    summary = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")
