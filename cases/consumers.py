"""The case feed: a case's watchers see its events appear live."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async

from cases.push import case_group
from core.consumers import PushConsumer


@database_sync_to_async
def _may_see_case(user: Any, case_id: int) -> bool:
    from cases.selectors import cases_visible_to

    return cases_visible_to(user).filter(pk=case_id).exists()


class CaseConsumer(PushConsumer):
    """``/ws/cases/<id>/``: the case's timeline as it happens, for those who may see the case."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.case_id = int(self.scope["url_route"]["kwargs"]["case_id"])
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        if not await _may_see_case(user, self.case_id):
            await self.close(code=4404)  # a case the user may not see does not exist for them
            return
        await super().connect()

    async def groups_for(self, user: Any) -> list[str]:
        return [case_group(self.case_id)]

    async def may_receive(self, event: dict[str, Any]) -> bool:
        return await _may_see_case(self.scope["user"], self.case_id)
