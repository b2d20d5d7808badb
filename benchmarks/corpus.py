"""The benchmark's inputs: every sample with a golden file, and its golden records.

Samples map to golden files here, for the benchmark and ``tests/test_golden.py``
alike: ``NAME.EXT`` has ``NAME.EXT.expected.json``, or the file ``samples/golden.toml`` names under
``[expected]`` (several renderings of one list share one expectation).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@dataclass(frozen=True)
class Input:
    """One file to benchmark and the records a perfect tool would return from it."""

    name: str
    path: Path
    records: list[dict[str, Any]]
    pages: int | None = None
    """Page count for PDFs (per-page times divide by it); None for other formats."""

    @property
    def format(self) -> str:
        """The file's format, from its suffix: ``pdf``, ``docx``, ``txt``..."""
        return self.path.suffix.lower().lstrip(".")


def shared_expectations(samples: Path) -> dict[str, str]:
    """Sample name -> the expected file it shares (``samples/golden.toml`` ``[expected]``)."""
    return _golden_table(samples, "expected")


def checked_elsewhere(samples: Path) -> dict[str, str]:
    """Sample glob -> the test that checks those samples (golden.toml ``[elsewhere]``)."""
    return _golden_table(samples, "elsewhere")


def _golden_table(samples: Path, name: str) -> dict[str, str]:
    """One table of ``samples/golden.toml`` (empty when the file or table is absent)."""
    golden = samples / "golden.toml"
    if not golden.exists():
        return {}
    table: dict[str, str] = tomllib.loads(golden.read_text(encoding="utf-8")).get(name, {})
    return table


def golden_file(sample: Path, shared: dict[str, str]) -> Path:
    """The expected-output file for a sample (shared through golden.toml, or its own)."""
    return sample.parent / shared.get(sample.name, f"{sample.name}.expected.json")


def golden_samples(samples: Path, suffixes: frozenset[str]) -> list[Input]:
    """Every sample in ``samples`` with one of ``suffixes`` and a golden file, by name."""
    shared = shared_expectations(samples)
    inputs = []
    for sample in sorted(samples.iterdir()):
        if sample.name.endswith(".expected.json") or sample.suffix.lower() not in suffixes:
            continue
        expected = golden_file(sample, shared)
        if expected.exists():
            records = json.loads(expected.read_text(encoding="utf-8"))["records"]
            inputs.append(Input(sample.name, sample, records, page_count(sample)))
    return inputs


def page_count(path: Path) -> int | None:
    """The number of pages of a PDF (None for other files)."""
    if path.suffix.lower() != ".pdf":
        return None
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)
