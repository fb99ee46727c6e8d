"""Failed-login limits, per username and per client address, shared by the API and the web login.

Counts live in the cache (Redis in production, so every web process sees the same counts). A
username or an address that has failed too often within the window is refused before the password
is even checked, so guessing cannot continue; a successful login clears that username's count.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


class LoginGuard:
    def __init__(self, username: str, address: str | None) -> None:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
        self._keys = [(f"login-fail:user:{digest}", settings.LOGIN_FAILURES_PER_USERNAME)]
        if address:
            self._keys.append((f"login-fail:ip:{address}", settings.LOGIN_FAILURES_PER_IP))
        self._window = settings.LOGIN_FAILURE_WINDOW_SECONDS

    def retry_after(self) -> int | None:
        """Seconds until another attempt is allowed, or None when attempts are allowed now."""
        counts = cache.get_many([key for key, _ in self._keys] + [f"{key}:since" for key, _ in self._keys])
        waits = []
        for key, limit in self._keys:
            if counts.get(key, 0) >= limit:
                since = counts.get(f"{key}:since", time.time())
                waits.append(max(1, int(since + self._window - time.time())))
        return max(waits) if waits else None

    def record_failure(self) -> None:
        now = time.time()
        for key, _ in self._keys:
            # add() only sets a missing key, so the window runs from the first failure.
            cache.add(f"{key}:since", now, self._window)
            cache.add(key, 0, self._window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, self._window)

    def record_success(self) -> None:
        key = self._keys[0][0]
        cache.delete_many([key, f"{key}:since"])
