"""The award's step on a case."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.services.kernel import (
    simple_transition,
)

case_issue_award = simple_transition("issue_award", "case.closed", _("the award has been issued"))
