"""Where the finality rate learns which closed cases were taken to court after the award.

A lawsuit (L Art. 48, 50) or an application to set a final award aside (L Art. 49) ends the case's
finality. Those records are not kept by this app: the service-records work (branch ``svc``) adds them to
``cases``. Until it lands, no case has one on record, so the finality rate counts every closed case whose
window has passed as final.

TODO(svc): return the ids of cases with a lawsuit or set-aside application filed, e.g.
``AfterAwardProceeding.objects.values("case_id")`` from the svc branch's model, and count the window from
the day the award was served (its service record) rather than from closure.
"""

from __future__ import annotations

from django.db.models import QuerySet

from cases.models import Case


def cases_taken_to_court() -> QuerySet:
    """Ids (``values("pk")``-shaped) of the cases a lawsuit or set-aside application followed."""
    return Case.objects.none().values("pk")
