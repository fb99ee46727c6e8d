"""The award's step on a case."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.models import EventKind
from cases.services.kernel import (
    simple_transition,
)

case_issue_award = simple_transition(EventKind.ISSUE_AWARD, "case.closed", _("the award has been issued"))
