"""The Redis cache keeps one client per connection pool, and is still Django's cache in every other way."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from core.cache import RedisCache


def test_the_redis_cache_keeps_its_client_and_reads_what_it_wrote():
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.skip("the embedded profile has no Redis")
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client  # one client, not one a call
    cache.set("kept-client-check", {"n": 1}, timeout=30)
    assert cache.get("kept-client-check") == {"n": 1}
    assert cache.get_many(["kept-client-check", "missing"]) == {"kept-client-check": {"n": 1}}
    cache.delete("kept-client-count")
    assert cache.add("kept-client-count", 1)
    assert cache.incr("kept-client-count") == 2
    cache.delete_many(["kept-client-check", "kept-client-count"])
    assert cache.get("kept-client-check") is None
