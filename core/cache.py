"""Django's Redis cache, with one Redis client kept per connection pool instead of one made for each call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` around the pool on every cache call,
and redis-py fills some 170 response callbacks into each new client: ~0.2 ms of every request that reads
the cache (a list's kept total, ``core.counts``; cProfile of ``benchmarks/http_load.py``'s lists). A
client holds no connection of its own (it takes one from the pool for each command and gives it back) and
redis-py's clients are safe to share between threads, so one per pool serves every call.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own steps (its private helpers, which the stubs do not know), keeping the client.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose client is kept (above)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _KeptClient
