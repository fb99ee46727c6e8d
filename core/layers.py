"""The Redis channel layer, with one repair: a receive that was cancelled stops.

A socket's consumer reads its channel through channels-redis's ``receive``, which waits in Redis
(``BZPOPMIN``, up to ``brpop_timeout``) and asks again while nothing came. On Python 3.11 with redis-py 8 a
cancellation that arrives while that wait is in flight can be absorbed below it: the wait then ends as an
ordinary "nothing came" and the loop asks Redis again, for ever, with the task still marked as being
cancelled. The consumer's own exit (``await_many_dispatch`` cancels and awaits its reads) and an event
loop's shutdown then wait for a task that never ends: seen as a test run that stalled while closing its
loop, and in a server it would keep a Redis connection and a task per closed socket. Here, an empty wait
in a task that is being cancelled ends in ``CancelledError``, as the cancellation asked; a message already
taken stays safe in the layer's backup queue, which the next read puts back first.
"""

from __future__ import annotations

import asyncio
from typing import Any

from channels_redis.core import RedisChannelLayer as _RedisChannelLayer


class RedisChannelLayer(_RedisChannelLayer):
    async def _brpop_with_clean(self, index: int, channel: Any, timeout: int) -> Any:
        member = await super()._brpop_with_clean(index, channel, timeout)
        task = asyncio.current_task()
        if member is None and task is not None and task.cancelling():
            raise asyncio.CancelledError
        return member
