"""Mediation listens to the case's timeline: every mediation event opens or concludes an episode."""

from __future__ import annotations

from typing import Any

from cases.models import Case, CaseEvent


def follow_case_event(sender: Any, *, case: Case, event: CaseEvent, **kwargs: Any) -> None:
    from mediation.services import episode_follow_event

    episode_follow_event(case=case, event=event)
