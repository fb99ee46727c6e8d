"""The hearing session's live feed: ``/ws/hearing-sessions/<id>/`` (token or session authentication)."""

from __future__ import annotations

import time
from typing import Any

from channels.db import database_sync_to_async

from core.consumers import PushConsumer
from hearings.sessions import ACCESS_CHANGED, session_group


@database_sync_to_async
def _audience_of(user: Any, session_id: int) -> tuple[bool, str | None]:
    """Whether the user may watch the session, and the side it acts for (None: staff, sees all)."""
    from hearings.selectors import sessions_visible_to, viewer_side

    session = sessions_visible_to(user).select_related("case").filter(pk=session_id).first()
    if session is None:
        return False, None
    return True, viewer_side(session, user)


# How long a socket trusts its last access check. Steps that change who may see a case (an agent's
# mandate decided, the tribunal recomposed) tell the session's sockets at once (``access.changed``), so
# this only bounds what no step announces (an account deactivated by an administrator).
ACCESS_TTL_SECONDS = 30.0


class HearingSessionConsumer(PushConsumer):
    """Every participant's page updates as the session moves; a sealed statement reaches only its own side
    until its window closes; a user who loses access stops receiving.

    The access check is remembered per socket instead of run for every event (a submission fanned out to
    500 sockets would otherwise be 500 queries at once); it is run again when a step announces a change
    of access and at least every ``ACCESS_TTL_SECONDS``.
    """

    _access: tuple[bool, str | None, float] | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        allowed, side = await _audience_of(user, self.session_id)
        if not allowed:
            await self.close(code=4404)
            return
        self._access = (allowed, side, time.monotonic())
        await super().connect()

    async def groups_for(self, user: Any) -> list[str]:
        return [session_group(self.session_id)]

    async def push_event(self, message: dict[str, Any]) -> None:
        if message["event"].get("type") == ACCESS_CHANGED:
            self._access = None  # checked again before the next event is sent
            return
        await super().push_event(message)

    async def may_receive(self, event: dict[str, Any]) -> bool:
        access = self._access
        if access is None or time.monotonic() - access[2] > ACCESS_TTL_SECONDS:
            allowed, side = await _audience_of(self.scope["user"], self.session_id)
            self._access = access = (allowed, side, time.monotonic())
        allowed, side, _checked = access
        if not allowed:
            return False
        audience = event.get("audience") or ""
        return audience == "" or side is None or audience == side
