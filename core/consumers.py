"""WebSocket plumbing shared by every app: token authentication and the per-user notification feed."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.middleware import BaseMiddleware
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import AuthenticationFailed

from core.errors import SERVICE_UNAVAILABLE_ERRORS
from core.push import user_group
from core.tokens import DeviceTokenAuthentication

log = logging.getLogger(__name__)

# WebSocket close code 1013 "Try Again Later": the channel layer (Redis) is down.
TRY_AGAIN_LATER = 1013


@database_sync_to_async
def _user_for_token(key: str) -> AbstractBaseUser | AnonymousUser:
    """The user of an API token, checked as the API checks it (hashed, unexpired, active user)."""
    try:
        user, _token = DeviceTokenAuthentication().authenticate_credentials(key.encode())
    except (AuthenticationFailed, UnicodeError):
        return AnonymousUser()
    return user


class TokenAuthMiddleware(BaseMiddleware):
    """``?token=<api token>`` (the mini-program) or the session cookie (the web pages)."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        from channels.auth import AuthMiddlewareStack

        query = parse_qs(scope.get("query_string", b"").decode())
        token = (query.get("token") or [""])[0]
        if token:
            scope = dict(scope, user=await _user_for_token(token))
            return await self.inner(scope, receive, send)
        return await AuthMiddlewareStack(self.inner)(scope, receive, send)


class PushConsumer(AsyncJsonWebsocketConsumer):
    """Base for push-only feeds: refuses anonymous sockets; relays ``push.event`` messages.

    When the channel layer cannot be reached — at the handshake or later — the socket is closed with
    1013 "try again later" (accepted first when need be, since a refused handshake carries no code), so
    the client reconnects later instead of meeting an unhandled error.
    """

    _accepted = False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        except SERVICE_UNAVAILABLE_ERRORS as exc:
            log.warning("socket %s closed, the channel layer is down: %s", scope.get("path"), exc)
            try:
                if not self._accepted:
                    await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
            except Exception:  # the client is already gone
                log.debug("socket %s gone before its close", scope.get("path"), exc_info=True)

    async def accept(self, subprotocol: str | None = None, headers: Any = None) -> None:
        await super().accept(subprotocol, headers)
        self._accepted = True

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.groups_joined: list[str] = []
        for group in await self.groups_for(user):
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        try:
            for group in getattr(self, "groups_joined", []):
                await self.channel_layer.group_discard(group, self.channel_name)
        except SERVICE_UNAVAILABLE_ERRORS:  # the groups expire in Redis on their own
            log.info("leaving groups of a closed socket failed: the channel layer is down")

    async def groups_for(self, user: Any) -> list[str]:
        raise NotImplementedError

    async def may_receive(self, event: dict[str, Any]) -> bool:
        """Re-checked before each send: permissions may have changed since the socket opened."""
        return True

    async def push_event(self, message: dict[str, Any]) -> None:
        if await self.may_receive(message["event"]):
            await self.send_json(message["event"])


class NotificationConsumer(PushConsumer):
    async def groups_for(self, user: Any) -> list[str]:
        return [user_group(user.pk)]


class NoSuchFeedConsumer(AsyncJsonWebsocketConsumer):
    """Any other ``/ws/`` path: the handshake is refused (403), as an unknown page is a 404."""

    async def connect(self) -> None:
        await self.close(code=4404)
