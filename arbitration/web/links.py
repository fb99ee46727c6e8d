"""The case's document list, linked from the case page through ``cases.registry.CASE_LINKS``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Case
from cases.registry import CASE_LINKS, CaseLink


def _tribunal(case: Case, user: User) -> bool:
    return case.tribunal.filter(arbitrator=user).exists()


def register() -> None:
    CASE_LINKS.register(
        CaseLink(
            name="case-documents",
            section=_("Documents"),
            label=_("Notices, records and the award"),
            url_name="case-documents",
            description=_("Every formal document of the case as a PDF, with its fingerprint."),
            position=60,
            owner="arbitration",
        )
    )
    CASE_LINKS.register(
        CaseLink(
            name="award-workbench",
            section=_("Award"),
            label=_("Award workbench"),
            url_name="award-workbench",
            permission=_tribunal,
            description=_("Findings per element, computed amounts, the draft's PDF preview and issuing."),
            position=55,
            owner="arbitration",
        )
    )
