"""The ``accounts`` demo story: the contract's demo users, their parties and the mediation organisations.

The data is in ``accounts/demo_data.py``. Every record is looked up by its natural key (ID number or
credit code, name, username) before it is created, and every one, made now or found, goes into the
demo context for the stories after this one: parties and organisations by their key in the data,
users by username.
"""

from __future__ import annotations

from django.db import transaction

from accounts import services
from accounts.demo_data import DEMO_PASSWORD, ORGANISATIONS, PARTIES, USERS
from accounts.demo_records import DemoParty, DemoUser
from accounts.models import MediationOrganisation, Party, PartyKind, User
from core.demo import STORIES, Counts, DemoContext

__all__ = ["DEMO_PASSWORD", "register", "seed"]

STORY = "accounts"


def _party(spec: DemoParty) -> tuple[Party, bool]:
    lookup = {"id_number": spec.number} if spec.kind == PartyKind.PERSON else {"credit_code": spec.number}
    return Party.objects.get_or_create(
        **lookup,
        defaults={
            "kind": spec.kind,
            "name": spec.name,
            "phone": spec.phone,
            "address": spec.address,
            "legal_representative": spec.legal_representative,
        },
    )


def _user(spec: DemoUser, context: DemoContext) -> tuple[User, bool]:
    """The account made through the service that makes every account (roles, admin rights)."""
    existing = User.objects.filter(username=spec.username).first()
    if existing is not None:
        return existing, False
    user = services.user_create(
        username=spec.username,
        password=DEMO_PASSWORD,
        role=spec.role,
        display_name=spec.display_name,
        phone=spec.phone,
        party=context.get(Party, spec.party) if spec.party else None,
        mediation_organisation=(
            context.get(MediationOrganisation, spec.organisation) if spec.organisation else None
        ),
    )
    return user, True


@transaction.atomic
def seed(context: DemoContext) -> Counts:
    """The demo parties, organisations and users that are missing; returns counts of what was created."""
    created = {"parties": 0, "users": 0, "organisations": 0}
    for key, party_spec in PARTIES.items():
        party, made = _party(party_spec)
        context.add(key, party)
        created["parties"] += made
    for key, org in ORGANISATIONS.items():
        organisation, made = MediationOrganisation.objects.get_or_create(
            name=org.name, defaults={"kind": org.kind, "street": org.street, "address": org.address}
        )
        context.add(key, organisation)
        created["organisations"] += made
    for user_spec in USERS:
        user, made = _user(user_spec, context)
        context.add(user_spec.username, user)
        created["users"] += made
    return created


def register() -> None:
    """Called from ``AccountsConfig.ready()``: every other demo story needs these people."""
    STORIES.register(STORY, seed)
