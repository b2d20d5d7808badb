"""The benchmark's inputs: golden samples found as the golden test finds them, and the
generated scale-series TXT read back by qingdan into the records it was made from."""

from __future__ import annotations

import json
from pathlib import Path

import qingdan
from benchmarks.corpus import golden_samples
from benchmarks.scale import cell_per_line_text, repeated, seed_records

COMPARED = ("category", "measure", "lead", "support", "deadline")


def test_samples_with_own_or_shared_golden_files_are_found(tmp_path: Path) -> None:
    records = [{"seq": 1, "measure": "x"}]
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "a.txt.expected.json").write_text(json.dumps({"records": records}), "utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK")
    (tmp_path / "golden.toml").write_text('[expected]\n"b.docx" = "a.txt.expected.json"\n')
    (tmp_path / "no-golden.txt").write_text("c", encoding="utf-8")
    (tmp_path / "c.xyz").write_text("d", encoding="utf-8")

    found = golden_samples(tmp_path, frozenset({".txt", ".docx"}))

    assert [item.name for item in found] == ["a.txt", "b.docx"]
    assert found[1].records == records
    assert found[0].format == "txt"


def test_records_repeat_end_to_end_to_the_count_asked() -> None:
    assert repeated([{"n": 1}, {"n": 2}], 5) == [{"n": 1}, {"n": 2}] * 2 + [{"n": 1}]


def test_the_generated_txt_gives_back_the_records_it_was_made_from(tmp_path: Path) -> None:
    records = repeated(seed_records(), 20)
    path = tmp_path / "long.txt"
    path.write_text(cell_per_line_text(records), encoding="utf-8")

    converted = qingdan.convert(path).model_dump(mode="json")["records"]

    assert [{k: r[k] for k in COMPARED} for r in converted] == [
        {k: r[k] for k in COMPARED} for r in records
    ]
