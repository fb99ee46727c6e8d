"""Failed-login limits for every way in — API token, web login, admin login — through ``user_login``.

Three counters in the cache (Redis in production, so every web process shares them), each a window of
``LOGIN_FAILURE_WINDOW_SECONDS`` from its first failure:

- **username and address**: ``LOGIN_FAILURES_PER_USERNAME`` failures lock that username *from that address*
  for the rest of the window — a guesser is stopped, and the real person on another phone is not;
- **address**: ``LOGIN_FAILURES_PER_IP`` failures across usernames lock the address;
- **username alone** (from any address): past ``LOGIN_FAILURES_PER_USERNAME`` failures each further attempt
  waits a delay that doubles, capped at ``LOGIN_DELAY_MAX_SECONDS`` — guessing from many addresses slows to
  a crawl, but nobody can lock a worker out of their account for a quarter of an hour.

An attempt is *counted before* the password is checked, with an atomic INCR, so parallel attempts cannot
all slip in under the limit: once a counter passes its limit the attempt is refused unchecked. A
successful login forgets that username's failures.

Why not django-axes: it locks by failure *records* in the database (a write per attempt on the login path,
and parallel attempts are counted after the check), and it has no progressive delay; the rules above need
an atomic count before the check and two different answers (lock and delay), which is this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import cache


class LoginGuard:
    def __init__(self, username: str, address: str | None) -> None:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
        self._window = settings.LOGIN_FAILURE_WINDOW_SECONDS
        self._user = f"login:user:{digest}"
        self._locks = [(f"login:user-ip:{digest}:{address or '-'}", settings.LOGIN_FAILURES_PER_USERNAME)]
        if address:
            self._locks.append((f"login:ip:{address}", settings.LOGIN_FAILURES_PER_IP))

    def _count(self, key: str) -> int:
        """Add one attempt to ``key`` atomically and return the new count; the window runs from the first."""
        if cache.add(key, 1, self._window):
            cache.set(f"{key}:since", time.time(), self._window)
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add() and incr(): a new window
            cache.set(key, 1, self._window)
            cache.set(f"{key}:since", time.time(), self._window)
            return 1

    def _left(self, key: str) -> int:
        since = cache.get(f"{key}:since") or time.time()
        return max(1, int(since + self._window - time.time()))

    def admit(self) -> int | None:
        """Count this attempt; the seconds to wait when it may not go on to the password check, else None."""
        for key, limit in self._locks:
            if self._count(key) > limit:
                return self._left(key)
        failures = cache.get(self._user) or 0
        excess = failures - settings.LOGIN_FAILURES_PER_USERNAME
        if excess >= 0:
            delay = min(2**excess, settings.LOGIN_DELAY_MAX_SECONDS)
            last = cache.get(f"{self._user}:last") or 0.0
            wait = last + delay - time.time()
            if wait > 0:
                return max(1, int(wait + 0.999))
        return None

    def record_failure(self) -> None:
        self._count(self._user)
        cache.set(f"{self._user}:last", time.time(), self._window)

    def record_success(self) -> None:
        key = self._locks[0][0]
        cache.delete_many([key, f"{key}:since", self._user, f"{self._user}:since", f"{self._user}:last"])
        for other, _limit in self._locks[1:]:
            # The address counts failures: a good login, counted on the way in, is taken back out (an office
            # behind one address signs in all day).
            with contextlib.suppress(ValueError):  # the counter's window ended meanwhile
                cache.decr(other)
