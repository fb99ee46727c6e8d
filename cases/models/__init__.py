"""The case domain's models. Accounts and parties live in ``accounts``, the platform's records in ``core``."""

from cases.models.advance import AdvanceExecution, AdvanceKind, AdvanceStatus
from cases.models.care import (
    BAD_RATINGS,
    SCORES,
    LegalAidReferral,
    LegalAidStatus,
    Rating,
    ServiceReview,
)
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
from cases.models.collective import CollectiveConsent, CollectiveScope, RepresentativeElection
from cases.models.correction import ClosingDocument, DocumentCorrection
from cases.models.counterclaim import CounterApplication, CounterClaim, CounterStatus
from cases.models.deadlines import Deadline, DeadlineKind, DeadlineStatus, Responsible
from cases.models.events import CaseEvent, EventKind
from cases.models.group import CaseGroup, GroupProposal, ProposalStatus
from cases.models.limitation import LimitationFacts
from cases.models.mediation import MediationEpisode, MediationOutcome, MediationStage
from cases.models.recusal import RecusalApplication, RecusalGround, RecusalStatus
from cases.models.service import ServedDocument, Service, ServiceMethod

__all__ = [
    "BAD_RATINGS",
    "SCORES",
    "AdvanceExecution",
    "AdvanceKind",
    "AdvanceStatus",
    "Case",
    "CaseAgent",
    "CaseConsent",
    "CaseEvent",
    "CaseGroup",
    "CaseNumberSequence",
    "CaseParty",
    "Claim",
    "ClaimCategory",
    "ClosingDocument",
    "ClosureType",
    "CollectiveConsent",
    "CollectiveScope",
    "CounterApplication",
    "CounterClaim",
    "CounterStatus",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "DocumentCorrection",
    "EventKind",
    "GroupProposal",
    "LegalAidReferral",
    "LegalAidStatus",
    "LimitationFacts",
    "Mandate",
    "MandateCheck",
    "MediationEpisode",
    "MediationOutcome",
    "MediationStage",
    "Procedure",
    "ProposalStatus",
    "Rating",
    "RecusalApplication",
    "RecusalGround",
    "RecusalStatus",
    "RejectionGround",
    "RepresentativeElection",
    "Responsible",
    "ServedDocument",
    "Service",
    "ServiceMethod",
    "ServiceReview",
    "Side",
    "Status",
    "SuspensionGround",
    "TribunalMember",
]
