from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cases.models import MediationOrganisation, Party, User
from tests.helpers import api

pytestmark = pytest.mark.django_db

CONTRACT_USERS = {
    "applicant",
    "respondent",
    "agent",
    "clerk",
    "mediator",
    "arbitrator",
    "arbitrator2",
    "supervisor",
    "applicant2",
    "respondent2",
}


def test_seed_creates_the_contract_accounts_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Party.objects.count(), MediationOrganisation.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Party.objects.count(), MediationOrganisation.objects.count()) == counts
    assert set(User.objects.values_list("username", flat=True)) >= CONTRACT_USERS
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {
        "applicant",
        "respondent",
        "agent",
        "clerk",
        "mediator",
        "arbitrator",
        "supervisor",
        "admin",
    }
    respondent = User.objects.get(username="respondent")
    assert respondent.party.kind == "organisation" and respondent.party.credit_code
    assert User.objects.get(username="mediator").mediation_organisation.kind == "street_centre"
    assert User.objects.get(username="respondent2").party != respondent.party
    token = api().post("/api/v1/auth/token/", {"username": "clerk", "password": "demo12345"}, format="json")
    assert token.status_code == 200


def test_seed_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not User.objects.exists()
