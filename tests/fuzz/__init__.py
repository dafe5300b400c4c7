"""Schemathesis on /api/v1 and a seeded random fuzz of every HTML form and
filter (issue 16, point 8). They run once: on the embedded database; with
TEST_DATABASE_URL set (the second CI pass) they are skipped unless FUZZ=1."""
from __future__ import annotations

import os

import pytest

ONCE = [pytest.mark.fuzz,
        pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")) and os.environ.get("FUZZ") != "1",
                           reason="the fuzz runs once, on SQLite (FUZZ=1 runs it here too)")]
SEED = int(os.environ.get("FUZZ_SEED", "16"))
