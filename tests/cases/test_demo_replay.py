"""The API's answers to the demo accounts are the recorded ones (tests/golden/demo_api.json).

A safety net for refactors: seed the demo at a fixed moment, ask the API what every demo account sees,
and compare with the golden file. ``REPLAY_WRITE=1`` rewrites the golden file instead (see
``tests/demo_replay.py`` for what is recorded and how ids and times are normalised).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests import demo_replay


@pytest.mark.django_db
def test_the_api_answers_the_demo_accounts_as_recorded():
    demo_replay.seed()
    current = demo_replay.snapshot()

    if os.environ.get("REPLAY_WRITE") == "1":
        demo_replay.write(current)
        return
    if not demo_replay.GOLDEN.exists():
        pytest.fail(f"No golden file {demo_replay.GOLDEN}: run with REPLAY_WRITE=1 to record one.")

    differences = demo_replay.report(demo_replay.read(), current)
    if differences:
        actual = Path(tempfile.gettempdir()) / "demo_api.actual.json"
        demo_replay.write(current, actual)
        pytest.fail(
            f"{differences}\n\nThe whole current snapshot: {actual} (diff it with {demo_replay.GOLDEN}); "
            "if the change is intended, rerun with REPLAY_WRITE=1.",
            pytrace=False,
        )
