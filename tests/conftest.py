"""Shared test helpers: where the samples are."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "000_eaf823a1ce4555f0.txt"


@pytest.fixture
def seed() -> Path:
    """The real attachment: 新城区净土保卫战2019年工作任务清单."""
    return SEED
