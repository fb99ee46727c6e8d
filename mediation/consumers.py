"""``/ws/cases/<id>/mediation/``: the mediation pages of one dispute update as it moves.

Only those with a part in the dispute's mediation may open the socket (the mediator, the parties, the
tribunal, the commission's staff), and every event is checked again for its user before it is sent: a
message event reaches only those who may read that message under ``selectors.messages_visible_to`` (a
party: its own side's and those to it or both; the tribunal: never a pre-filing message).
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.http import Http404

from core.consumers import PushConsumer
from core.errors import NotFound
from mediation.live import MESSAGE, mediation_group


@database_sync_to_async
def _may_watch(user: Any, case_id: int) -> bool:
    from mediation.selectors import mediation_case_get

    try:
        mediation_case_get(user, case_id)
    except (NotFound, Http404):
        return False
    return True


@database_sync_to_async
def _may_read(user: Any, case_id: int, event: dict[str, Any]) -> bool:
    from mediation.selectors import mediation_case_get, messages_visible_to

    try:
        case, role = mediation_case_get(user, case_id)
    except (NotFound, Http404):
        return False
    if event.get("kind") == MESSAGE:
        message_id = event.get("id")
        if not isinstance(message_id, int):
            return False
        return messages_visible_to(user, case, role).filter(pk=message_id).exists()
    return True


class MediationConsumer(PushConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        self.case_id = int(self.scope["url_route"]["kwargs"]["case_id"])
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        if not await _may_watch(user, self.case_id):
            await self.close(code=4404)  # no part in this mediation: it does not exist for them
            return
        await super().connect()

    async def groups_for(self, user: Any) -> list[str]:
        return [mediation_group(self.case_id)]

    async def may_receive(self, event: dict[str, Any]) -> bool:
        return await _may_read(self.scope["user"], self.case_id, event)
