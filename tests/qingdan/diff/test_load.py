"""Reading the two sides of a diff: attachments and qingdan JSON outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract.errors import FileMissing

import qingdan
from qingdan.diff.load import NotAQingdanOutput, load_document


def test_a_qingdan_json_output_reads_back_as_the_same_document(seed: Path, tmp_path: Path) -> None:
    converted = qingdan.convert(seed)
    path = tmp_path / "2019.json"
    path.write_text(converted.model_dump_json(), encoding="utf-8")
    assert load_document(path) == converted


def test_an_attachment_is_converted(seed: Path) -> None:
    assert load_document(seed) == qingdan.convert(seed)


def test_a_missing_json_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileMissing, match=r"none\.json: no such file"):
        load_document(tmp_path / "none.json")


def test_json_that_breaks_the_contract_says_where(tmp_path: Path) -> None:
    path = tmp_path / "edited.json"
    path.write_text('{"document": {}, "records": [], "warnings": []}', encoding="utf-8")
    with pytest.raises(
        NotAQingdanOutput, match=r"edited\.json: not a qingdan JSON output \(document\.file"
    ):
        load_document(path)
