"""Every sample in samples/ against its expected output, field by field.

A sample ``NAME.EXT`` is checked against ``NAME.EXT.expected.json`` when that file
exists. Several renderings of one list (TXT, DOCX, PDF) share one expected file by
naming it in ``samples/golden.toml`` (``[expected]`` sample name -> expected file);
a shared expectation leaves ``page`` out, since only some formats have pages, and the
columns' content evidence and the records' source ``cells``, which measure one rendering
(``tests/samples/test_source_cells.py`` checks every rendering's cells).
Regenerate on purpose with ``make golden`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import qingdan
from benchmarks.corpus import checked_elsewhere, golden_file, shared_expectations
from tests.conftest import SAMPLES
from tests.records import all_as_read

REGENERATE = os.environ.get("QINGDAN_REGENERATE_GOLDEN") == "1"


def _golden_pairs() -> list[tuple[Path, Path]]:
    """(sample, expected file) for every sample that has a golden file."""
    shared = shared_expectations(SAMPLES)
    pairs = []
    for sample in _samples():
        expected = golden_file(sample, shared)
        if expected.exists() or (
            REGENERATE and sample.name not in shared and not _elsewhere(sample)
        ):
            pairs.append((sample, expected))
    return pairs


def _samples() -> list[Path]:
    """Every readable sample file (expected outputs and sources aside)."""
    return [
        sample
        for sample in sorted(SAMPLES.iterdir())
        if not sample.name.endswith(".expected.json") and sample.suffix.lower() in _readable()
    ]


def _elsewhere(sample: Path) -> str | None:
    """The test that checks ``sample`` against its table's expectation, if another does."""
    for pattern, test in checked_elsewhere(SAMPLES).items():
        if sample.match(pattern):
            return test
    return None


def _readable() -> set[str]:
    from qingdan.extract import READERS

    return set(READERS)


def _comparable(document: qingdan.Document, with_pages: bool) -> dict[str, Any]:
    """The parts of a document that do not depend on the file's bytes, name or format."""
    data: dict[str, Any] = json.loads(document.model_dump_json())
    for key in ("file", "source", "format", "sha256"):
        data["document"].pop(key)
    data["warnings"] = [w for w in data["warnings"] if w["code"] != "encoding"]
    return _without_pages(data, with_pages)


def _without_pages(data: dict[str, Any], keep: bool) -> dict[str, Any]:
    """A shared expectation (not ``keep``): the records as read, not where they were
    printed (``tests.records``), the warnings without pages, and no column evidence
    (it measures one rendering: a merge reads otherwise than a blank)."""
    if not keep:
        data["records"] = all_as_read(data["records"])
        for warning in data["warnings"]:
            warning.pop("page", None)
        for column in data["document"]["columns"]:
            column.pop("evidence", None)
    return data


@pytest.mark.parametrize(("sample", "expected"), _golden_pairs(), ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, expected: Path) -> None:
    own = expected.name == f"{sample.name}.expected.json"
    actual = _comparable(qingdan.convert(sample), with_pages=own)
    if REGENERATE:
        # A shared file is written by the sample it is named after (with pages), not
        # overwritten by every other rendering that shares it.
        owner = SAMPLES / expected.name.removesuffix(".expected.json")
        if own or not owner.exists():
            expected.write_text(
                json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        return
    golden = _without_pages(json.loads(expected.read_text(encoding="utf-8")), own)
    assert actual["document"] == golden["document"]
    assert len(actual["records"]) == len(golden["records"])
    for got, want in zip(actual["records"], golden["records"], strict=True):
        for field, value in want.items():
            assert got[field] == value, f"record {want['seq']} field {field!r}"
        assert got.keys() == want.keys()
    assert actual["warnings"] == golden["warnings"]


def test_every_sample_is_checked() -> None:
    """A sample has its expected file, or golden.toml names the test that checks it."""
    shared = shared_expectations(SAMPLES)
    unchecked = [
        sample.name
        for sample in _samples()
        if not golden_file(sample, shared).exists() and _elsewhere(sample) is None
    ]
    assert unchecked == []
    for test in checked_elsewhere(SAMPLES).values():
        assert (SAMPLES.parent / test).is_file(), test
