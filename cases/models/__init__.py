"""The case domain's models. Accounts and parties live in ``accounts``, the platform's records in ``core``."""

from cases.models.case import (
    Case,
    CaseAgent,
    CaseConsent,
    CaseNumberSequence,
    CaseParty,
    Claim,
    ClaimCategory,
    ClosureType,
    Mandate,
    MandateCheck,
    Procedure,
    RejectionGround,
    Side,
    Status,
    SuspensionGround,
    TribunalMember,
)
from cases.models.deadlines import Deadline, DeadlineKind, DeadlineStatus, Responsible
from cases.models.events import CaseEvent, EventKind
from cases.models.limitation import LimitationFacts
from cases.models.mediation import MediationEpisode, MediationOutcome, MediationStage
from cases.models.recusal import RecusalApplication, RecusalGround, RecusalStatus

__all__ = [
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
    "EventKind",
    "LimitationFacts",
    "Mandate",
    "MandateCheck",
    "MediationEpisode",
    "MediationOutcome",
    "MediationStage",
    "Procedure",
    "RecusalApplication",
    "RecusalGround",
    "RecusalStatus",
    "RejectionGround",
    "Responsible",
    "Side",
    "Status",
    "SuspensionGround",
    "TribunalMember",
]
