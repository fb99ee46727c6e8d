"""The case's document list, linked from the case page through ``cases.registry.CASE_LINKS``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.registry import CASE_LINKS, CaseLink


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
