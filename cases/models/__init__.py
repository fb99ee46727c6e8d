"""The base app's models. Other apps build on these; this app imports none of them."""

from cases.models.accounts import Role, User
from cases.models.idempotency import IdempotencyRecord
from cases.models.notifications import Notification, NotificationDelivery
from cases.models.parties import MediationOrganisation, Party, PartyKind

__all__ = [
    "IdempotencyRecord",
    "MediationOrganisation",
    "Notification",
    "NotificationDelivery",
    "Party",
    "PartyKind",
    "Role",
    "User",
]
