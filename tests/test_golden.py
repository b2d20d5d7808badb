"""Every sample in samples/ against its expected output, field by field.

A sample ``NAME.EXT`` is checked against ``NAME.EXT.expected.json`` when that file
exists; several renderings of one list may share an expected file by naming it in
``samples/golden.toml``. Regenerate on purpose with ``make golden`` and review the diff.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

import qingdan
from tests.conftest import SAMPLES

REGENERATE = os.environ.get("QINGDAN_REGENERATE_GOLDEN") == "1"


def _golden_pairs() -> list[tuple[Path, Path]]:
    """(sample, expected file) for every sample that has a golden file."""
    shared_file = SAMPLES / "golden.toml"
    shared: dict[str, str] = {}
    if shared_file.exists():
        shared = tomllib.loads(shared_file.read_text(encoding="utf-8")).get("expected", {})
    pairs = []
    for sample in sorted(SAMPLES.iterdir()):
        if sample.name.endswith(".expected.json") or sample.suffix.lower() not in _readable():
            continue
        expected = SAMPLES / shared.get(sample.name, f"{sample.name}.expected.json")
        if expected.exists() or (REGENERATE and sample.name not in shared):
            pairs.append((sample, expected))
    return pairs


def _readable() -> set[str]:
    from extract import READERS

    return set(READERS)


def _comparable(document: qingdan.Document) -> dict[str, Any]:
    """The parts of a document that do not depend on the file's bytes or name."""
    data: dict[str, Any] = json.loads(document.model_dump_json())
    for key in ("file", "format", "sha256"):
        data["document"].pop(key)
    data["warnings"] = [w for w in data["warnings"] if w["code"] != "encoding"]
    return data


@pytest.mark.parametrize(("sample", "expected"), _golden_pairs(), ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, expected: Path) -> None:
    actual = _comparable(qingdan.convert(sample))
    if REGENERATE:
        expected.write_text(
            json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return
    golden = json.loads(expected.read_text(encoding="utf-8"))
    assert actual["document"] == golden["document"]
    assert len(actual["records"]) == len(golden["records"])
    for got, want in zip(actual["records"], golden["records"], strict=True):
        for field, value in want.items():
            assert got[field] == value, f"record {want['seq']} field {field!r}"
        assert got.keys() == want.keys()
    assert actual["warnings"] == golden["warnings"]
