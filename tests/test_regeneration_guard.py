"""The golden-file regeneration switch must never be on in a normal test run."""

import os


def test_golden_regeneration_is_off() -> None:
    assert os.environ.get("QINGDAN_REGENERATE_GOLDEN") != "1", (
        "QINGDAN_REGENERATE_GOLDEN=1 rewrites the golden files instead of testing them"
    )
