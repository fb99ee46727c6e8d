"""The hearing session's live feed: ``/ws/hearing-sessions/<id>/`` (token or session authentication)."""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async

from core.consumers import PushConsumer
from hearings.sessions import session_group

# How long the check made for one event stays shared with the same user's other sockets that receive
# that same event (they all get it within milliseconds; a socket later than this checks again).
SHARED_CHECK_SECONDS = 5.0


@database_sync_to_async
def _audience_of(user: Any, session_id: int) -> tuple[bool, str | None]:
    """Whether the user may watch the session, and the side it acts for (None: staff, sees all)."""
    from hearings.selectors import sessions_visible_to, viewer_side

    session = sessions_visible_to(user).select_related("case").filter(pk=session_id).first()
    if session is None:
        return False, None
    return True, viewer_side(session, user)


# (user id, session id, event seq) → the access check made when that event arrived. Keyed by the event,
# so nothing is reused across events: every event is checked after it was sent, once per user (not once
# per socket: a user with the page open on many devices, or 500 sockets on one session, is one query).
_checks: dict[tuple[int, int, int], asyncio.Future[tuple[bool, str | None]]] = {}


async def _audience_for_event(user: Any, session_id: int, seq: int | None) -> tuple[bool, str | None]:
    if seq is None:
        return await _audience_of(user, session_id)
    key = (user.pk, session_id, seq)
    check = _checks.get(key)
    if check is None:
        check = asyncio.ensure_future(_audience_of(user, session_id))
        _checks[key] = check
        loop = asyncio.get_running_loop()
        check.add_done_callback(lambda _f: loop.call_later(SHARED_CHECK_SECONDS, _checks.pop, key, None))
    # Shielded: one socket closing while it waits must not cancel the check its siblings wait for.
    return await asyncio.shield(check)


class HearingSessionConsumer(PushConsumer):
    """Every participant's page updates as the session moves; a sealed statement reaches only its own side
    until its window closes; a user who loses access stops receiving (checked for each event)."""

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
        seq = event.get("seq")
        allowed, side = await _audience_for_event(
            self.scope["user"], self.session_id, seq if isinstance(seq, int) else None
        )
        if not allowed:
            return False
        audience = event.get("audience") or ""
        return audience == "" or side is None or audience == side
