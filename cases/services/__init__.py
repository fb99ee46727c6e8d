"""The case domain's writes, one module per stage of the procedure.

Each service is atomic, keyword-only, and built on the step kernel (``kernel``): lock the case row,
check the step, change, record the event, recompute the deadlines, notify after commit. This package
re-exports the public services so callers write ``services.case_accept(...)``.
"""

from cases.services.consents import CONSENT_KINDS, case_bind, case_record_consents
from cases.services.filing import COLLECTIVE_MINIMUM, EARLIEST_RECEIPT, ClaimInput, case_file
from cases.services.hearing import (
    case_add_party,
    case_amend_claims,
    case_cancel,
    case_deem_withdrawn,
    case_extend_ruling,
    case_resume,
    case_schedule_oral_hearing,
    case_suspend,
)
from cases.services.history import HistoricalCase, HistoricalMediation, HistoryImport, cases_import_history
from cases.services.intake import (
    ProcedureInput,
    case_accept,
    case_complete_supplement,
    case_reject,
    case_request_supplement,
    case_withdraw,
    choose_procedure,
)
from cases.services.kernel import (
    case_url,
    check_step,
    side_users,
    take_step,
    tribunal_users,
)
from cases.services.mandates import case_decide_mandate
from cases.services.right_to_sue import cases_notify_right_to_sue
from cases.services.service import case_file_defence, case_serve_application, case_serve_defence
from cases.services.sweep import (
    deadlines_escalate_overdue,
    deadlines_mark_overdue,
    deadlines_recompute_for_year,
    deadlines_send_reminders,
    responsible_users,
)
from cases.services.tribunal import arbitrators_by_id, case_set_tribunal

__all__ = [
    "COLLECTIVE_MINIMUM",
    "CONSENT_KINDS",
    "EARLIEST_RECEIPT",
    "ClaimInput",
    "HistoricalCase",
    "HistoricalMediation",
    "HistoryImport",
    "ProcedureInput",
    "arbitrators_by_id",
    "case_accept",
    "case_add_party",
    "case_amend_claims",
    "case_bind",
    "case_cancel",
    "case_complete_supplement",
    "case_decide_mandate",
    "case_deem_withdrawn",
    "case_extend_ruling",
    "case_file",
    "case_file_defence",
    "case_record_consents",
    "case_reject",
    "case_request_supplement",
    "case_resume",
    "case_schedule_oral_hearing",
    "case_serve_application",
    "case_serve_defence",
    "case_set_tribunal",
    "case_suspend",
    "case_url",
    "case_withdraw",
    "cases_import_history",
    "cases_notify_right_to_sue",
    "check_step",
    "choose_procedure",
    "deadlines_escalate_overdue",
    "deadlines_mark_overdue",
    "deadlines_recompute_for_year",
    "deadlines_send_reminders",
    "responsible_users",
    "side_users",
    "take_step",
    "tribunal_users",
]
