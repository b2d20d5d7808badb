"""The seed against its 2020 version, from every pair of formats, against one golden report.

``samples/diffs/000_vs_001.expected.json`` is the report of
``qingdan diff 000_eaf823a1ce4555f0.txt 001_xincheng_2020.txt --aliases
samples/diffs/xincheng_aliases.yaml`` without the file names. Every rendering of each
list that a reader exists for (TXT; DOCX and PDF once their readers are in ``READERS``)
must give exactly this report. ``make golden`` regenerates it from TXT x TXT.
"""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract import READERS
from qingdan.normalize.knowledge import Knowledge

from qingdan.diff import compare, load_document
from tests.conftest import SAMPLES
from tests.test_golden import REGENERATE

GOLDEN = SAMPLES / "diffs" / "000_vs_001.expected.json"
ALIASES = SAMPLES / "diffs" / "xincheng_aliases.yaml"
RENDERINGS = {
    "old": ["000_eaf823a1ce4555f0.txt", "000_eaf823a1ce4555f0_merged.docx",
            "000_eaf823a1ce4555f0_merged.pdf"],
    "new": ["001_xincheng_2020.txt", "001_xincheng_2020_merged.docx",
            "001_xincheng_2020_merged.pdf"],
}  # fmt: skip


def _readable(names: list[str]) -> list[Path]:
    return [SAMPLES / name for name in names if Path(name).suffix in READERS]


PAIRS = list(product(_readable(RENDERINGS["old"]), _readable(RENDERINGS["new"])))


def _comparable(old: Path, new: Path) -> dict[str, Any]:
    report = compare(
        load_document(old), load_document(new), aliases=Knowledge.load(aliases=ALIASES).aliases
    )
    data: dict[str, Any] = json.loads(report.model_dump_json())
    for side in ("old", "new"):
        data[side].pop("file")
    return data


def test_every_rendering_exists() -> None:
    for name in RENDERINGS["old"] + RENDERINGS["new"]:
        assert (SAMPLES / name).is_file(), f"{name}: run `make samples`"


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p.suffix.lstrip("."))
def test_diff_matches_golden(old: Path, new: Path) -> None:
    actual = _comparable(old, new)
    if REGENERATE and old.suffix == new.suffix == ".txt":
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))
