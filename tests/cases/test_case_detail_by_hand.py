"""The case detail's fast paths against the reference ones, on a case with every relation filled:

- ``CaseDetailSerializer.to_representation``, built by hand, against DRF's field-by-field
  ``ModelSerializer.to_representation`` of the same declared fields (byte for byte, in order);
- the rows ``selectors.case_detail_get`` reads (SQL compiled once, empty relations skipped) against what
  ``prefetch_related`` and ``select_related`` give.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db.models import Model, prefetch_related_objects
from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

from cases import selectors
from cases.api.case_serializers import CaseDetailSerializer
from cases.models import (
    AdvanceExecution,
    Case,
    CaseAgent,
    CaseParty,
    CounterApplication,
    CounterClaim,
    DocumentCorrection,
    LegalAidReferral,
    RecusalApplication,
    Side,
)
from core import clock
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db

RELATIONS = [
    "parties__party",
    "agents__user",
    "agents__case_party",
    "claims",
    "tribunal__arbitrator",
    "deadlines",
    "consents",
    "counter_applications__claims",
    "advance_executions",
    "corrections",
    "recusals__arbitrator",
    "recusals__replacement",
    "legal_aid_referrals",
]


@pytest.fixture
def full_case(personas, travel) -> int:
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    accepted = api(personas.clerk).post(
        f"/api/v1/cases/{case_id}/transitions/accept/",
        {"arbitrators": [personas.arbitrator.pk]},
        format="json",
    )
    assert accepted.status_code == 200, accepted.json()
    case = Case.objects.get(pk=case_id)
    applicant = CaseParty.objects.get(case=case, side=Side.APPLICANT)
    now = clock.now()
    CaseAgent.objects.create(
        case=case,
        case_party=applicant,
        user=personas.agent,
        mandate="verified",
        mandate_checked_by="clerk",
        mandate_decided_by=personas.clerk,
        mandate_decided_at=now,
    )
    counter = CounterApplication.objects.create(
        case=case, filed_by=personas.respondent, filed_at=now, facts="反请求事实"
    )
    for n in (2, 1):
        CounterClaim.objects.create(
            application=counter, category="overtime", amount=f"{n}00.50", description=f"反请求{n}", position=n
        )
    AdvanceExecution.objects.create(
        case=case,
        kind="wages",
        amount="1234.50",
        grounds="生活困难",
        applied_by=personas.applicant,
        applied_at=now,
    )
    DocumentCorrection.objects.create(
        case=case,
        document="award",
        version=2,
        corrected_text="更正后",
        reason="笔误",
        recorded_by=personas.clerk,
        recorded_at=now,
    )
    RecusalApplication.objects.create(
        case=case,
        side=Side.RESPONDENT,
        applied_by=personas.respondent,
        applied_at=now,
        arbitrator=personas.arbitrator,
        ground="interest",
        reason="利害关系",
        replacement=personas.arbitrator2,
    )
    LegalAidReferral.objects.create(
        case=case,
        case_party=applicant,
        requested_by=personas.applicant,
        requested_at=now,
        centre_name="法律援助中心",
        centre_contact="020-12345678",
        message="申请法律援助",
    )
    return case_id


def fields(obj: Model | None) -> dict[str, Any] | None:
    return None if obj is None else {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("role", ["applicant", "respondent", "agent", "clerk", "arbitrator", "supervisor"])
def test_the_detail_built_by_hand_is_what_the_serializer_fields_give(personas, full_case, rf, role):
    user = getattr(personas, role)
    request = rf.get("/")
    request.user = user
    case = selectors.case_detail_get(user, full_case)
    serializer = CaseDetailSerializer(case, context={"request": request})
    by_hand = serializer.to_representation(case)
    reference = serializers.ModelSerializer.to_representation(serializer, case)
    assert list(by_hand) == CaseDetailSerializer.Meta.fields
    assert json.dumps(by_hand, cls=JSONEncoder) == json.dumps(reference, cls=JSONEncoder)
    assert by_hand["counter_applications"] and by_hand["advance_executions"] and by_hand["corrections"]
    assert by_hand["recusal_applications"] and by_hand["agents"]


def test_the_detail_reads_what_prefetch_related_gives(personas, full_case, django_assert_num_queries):
    case = selectors.case_detail_get(personas.supervisor, full_case)
    with django_assert_num_queries(0):  # every relation (and the counter-claims) read with the case
        for lookup in RELATIONS:
            name, _, joined = lookup.partition("__")
            for row in getattr(case, name).all():
                if name == "counter_applications":
                    list(row.claims.all())
                elif joined:
                    getattr(row, joined)
    reference = Case.objects.select_related(
        "presiding_arbitrator", "mediation_organisation", "clerk", "limitation", "case_group"
    ).get(pk=full_case)
    prefetch_related_objects([reference], *RELATIONS)
    assert fields(case) == fields(reference)
    for name in ("presiding_arbitrator", "mediation_organisation", "clerk", "case_group"):
        assert fields(getattr(case, name)) == fields(getattr(reference, name)), name
    assert Case.limitation.is_cached(case)
    for lookup in RELATIONS:
        name, _, joined = lookup.partition("__")
        mine, theirs = list(getattr(case, name).all()), list(getattr(reference, name).all())
        assert [fields(row) for row in mine] == [fields(row) for row in theirs], name
        assert all(row.case is case for row in mine), name  # pointing back, as a prefetch leaves them
        for row, other in zip(mine, theirs, strict=True):
            if name == "counter_applications":
                assert [fields(c) for c in row.claims.all()] == [fields(c) for c in other.claims.all()]
            elif joined:
                assert fields(getattr(row, joined)) == fields(getattr(other, joined)), lookup
