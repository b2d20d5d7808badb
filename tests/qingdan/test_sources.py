"""Sources told apart (issue 32): every record, warning and summary names its attachment
by its path relative to the input root, so two 附件1 in different folders are two sources."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook

from qingdan.inputs import collect_inputs, source_names
from tests.cli_runner import invoke
from tests.conftest import SAMPLES, SEED

NEW_2020 = SAMPLES / "001_xincheng_2020.txt"


def _two_attachments_named_alike(root: Path) -> Path:
    """``root/附件/甲县/附件1.txt`` and ``root/附件/乙县/附件1.txt`` (GBK: a warning each)."""
    folder = root / "附件"
    for county, sample in (("甲县", SEED), ("乙县", NEW_2020)):
        (folder / county).mkdir(parents=True)
        text = sample.read_text(encoding="utf-8")
        (folder / county / "附件1.txt").write_bytes(text.encode("gbk"))
    return folder


def test_source_is_the_path_below_the_input_root(tmp_path: Path) -> None:
    folder = _two_attachments_named_alike(tmp_path)
    found = collect_inputs([folder])
    assert [found.source_of(path) for path in found.files] == ["乙县/附件1.txt", "甲县/附件1.txt"]
    named = collect_inputs([folder / "甲县" / "附件1.txt", folder / "乙县" / "附件1.txt"])
    assert sorted(source_names(named.roots).values()) == ["乙县/附件1.txt", "甲县/附件1.txt"]
    one = collect_inputs([folder / "甲县" / "附件1.txt"])
    assert one.source_of(one.files[0]) == "附件1.txt"


def test_combined_outputs_and_warnings_name_each_source(tmp_path: Path) -> None:
    folder = _two_attachments_named_alike(tmp_path)
    for suffix in ("csv", "jsonl", "xlsx"):
        target = tmp_path / f"all.{suffix}"
        result = invoke(["convert", str(folder), "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert "警告: 甲县/附件1.txt:" in result.stderr
        assert "警告: 乙县/附件1.txt:" in result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text("utf-8-sig"))))
    assert {row["source"] for row in rows} == {"甲县/附件1.txt", "乙县/附件1.txt"}
    assert {row["file"] for row in rows} == {"附件1.txt"}
    warnings = (tmp_path / "all.warnings.csv").read_text("utf-8-sig")
    assert "甲县/附件1.txt" in warnings and "乙县/附件1.txt" in warnings
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert list(json.loads(lines[0]))[:3] == ["source", "file", "title"]
    assert {json.loads(line)["source"] for line in lines} == {"甲县/附件1.txt", "乙县/附件1.txt"}
    sheet = load_workbook(tmp_path / "all.xlsx")["任务清单"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "来源"
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        "甲县/附件1.txt",
        "乙县/附件1.txt",
    }


def test_a_folder_output_names_each_json_by_its_source(tmp_path: Path) -> None:
    folder = _two_attachments_named_alike(tmp_path)
    result = invoke(["convert", str(folder), "-o", f"{tmp_path}/out/"])
    assert result.exit_code == 0, result.output
    sources = {
        json.loads(path.read_text(encoding="utf-8"))["document"]["source"]
        for path in (tmp_path / "out").glob("附件1.txt*.json")
    }
    assert sources == {"甲县/附件1.txt", "乙县/附件1.txt"}
