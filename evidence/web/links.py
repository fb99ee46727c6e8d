"""The evidence pages linked from the case page, registered with ``cases.registry.CASE_LINKS`` from
``EvidenceConfig.ready()`` (the case app never imports evidence)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.registry import CASE_LINKS, CaseLink
from evidence.web.views import is_staff, may_submit

SECTION = _("Evidence")


def register() -> None:
    CASE_LINKS.register(
        CaseLink(
            name="evidence-catalogue",
            section=SECTION,
            label=_("Evidence catalogue"),
            url_name="evidence-catalogue",
            description=_("Both sides' evidence, downloads and cross-examination."),
            position=10,
            owner="evidence",
        )
    )
    CASE_LINKS.register(
        CaseLink(
            name="evidence-upload",
            section=SECTION,
            label=_("Add evidence"),
            url_name="evidence-upload",
            permission=may_submit,
            description=_("Photograph or choose files on your phone."),
            after_filing=True,
            position=20,
            owner="evidence",
        )
    )
    CASE_LINKS.register(
        CaseLink(
            name="evidence-tribunal",
            section=SECTION,
            label=_("Tribunal's evidence view"),
            url_name="evidence-tribunal",
            permission=is_staff,
            description=_("The opinions matrix and who opened each item."),
            position=30,
            owner="evidence",
        )
    )
