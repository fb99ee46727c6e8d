"""The hearing session's live feed: ``/ws/hearing-sessions/<id>/`` (token or session authentication)."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async

from core.consumers import PushConsumer
from hearings.sessions import session_group


@database_sync_to_async
def _audience_of(user: Any, session_id: int) -> tuple[bool, str | None]:
    """Whether the user may watch the session, and the side it acts for (None: staff, sees all)."""
    from hearings.selectors import sessions_visible_to, viewer_side

    session = sessions_visible_to(user).select_related("case").filter(pk=session_id).first()
    if session is None:
        return False, None
    return True, viewer_side(session, user)


class HearingSessionConsumer(PushConsumer):
    """Every participant's page updates as the session moves; a sealed statement reaches only its own side
    until its window closes; a user who loses access stops receiving (checked before each send)."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        allowed, _side = await _audience_of(user, self.session_id)
        if not allowed:
            await self.close(code=4404)
            return
        await super().connect()

    async def groups_for(self, user: Any) -> list[str]:
        return [session_group(self.session_id)]

    async def may_receive(self, event: dict[str, Any]) -> bool:
        allowed, side = await _audience_of(self.scope["user"], self.session_id)
        if not allowed:
            return False
        audience = event.get("audience") or ""
        return audience == "" or side is None or audience == side
