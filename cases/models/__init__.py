"""The base app's models. Other apps build on these; this app imports none of them."""

from cases.models.accounts import Role, User
from cases.models.case import (
    Case,
    CaseAgent,
    CaseConsent,
    CaseNumberSequence,
    CaseParty,
    Claim,
    ClaimCategory,
    ClosureType,
    Procedure,
    Side,
    Status,
    SuspensionGround,
    TribunalMember,
)
from cases.models.deadlines import (
    CalendarDay,
    CalendarYear,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Responsible,
)
from cases.models.events import CaseEvent
from cases.models.idempotency import IdempotencyRecord
from cases.models.notifications import Notification, NotificationDelivery
from cases.models.parties import MediationOrganisation, Party, PartyKind

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseAgent",
    "CaseConsent",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseParty",
    "Claim",
    "ClaimCategory",
    "ClosureType",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "IdempotencyRecord",
    "MediationOrganisation",
    "Notification",
    "NotificationDelivery",
    "Party",
    "PartyKind",
    "Procedure",
    "Responsible",
    "Role",
    "Side",
    "Status",
    "SuspensionGround",
    "TribunalMember",
    "User",
]
