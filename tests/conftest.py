"""Shared paths for every test tier."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jixiao" / "demo" / "seed_287001_2021.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed document as the project received it (see tests/fixtures/seed/README.md); SEED is its packaged copy.
SEED_FIXTURE = FIXTURES / "seed" / "000_e3efb4da37b80f11.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
