"""Real-name verification (实名认证): checking that a name and a resident ID number belong together, by an
outside service. The project talks to it through ``RealNameVerifier``; ``REAL_NAME_VERIFIER`` names the
backend (a dotted path). The console backend, for development and tests, accepts every well-formed pair
and logs it; production plugs in the provider's client.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class RealNameVerifier(ABC):
    @abstractmethod
    def verify(self, *, name: str, id_number: str) -> bool:
        """Whether the provider confirms that ``id_number`` is the resident ID of a person named ``name``."""


class ConsoleVerifier(RealNameVerifier):
    """Development and tests: every pair is confirmed, and the check is logged."""

    def verify(self, *, name: str, id_number: str) -> bool:
        log.info(
            "real-name verification (console backend): %s %s**********%s", name, id_number[:4], id_number[-4:]
        )
        return True


class RefusingVerifier(RealNameVerifier):
    """A provider that confirms nothing: for tests of the refusal, and to switch verification off."""

    def verify(self, *, name: str, id_number: str) -> bool:
        return False


@cache
def _verifier(path: str) -> RealNameVerifier:
    return import_string(path)()


def get_verifier() -> RealNameVerifier:
    return _verifier(settings.REAL_NAME_VERIFIER)
