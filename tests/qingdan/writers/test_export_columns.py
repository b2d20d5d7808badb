"""``--export-columns FILE``: CSV and XLSX in a downstream system's columns and labels."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qingdan.readback import NotRecords, output_kind, read_output
from qingdan.writers.export_columns import (
    BadExportColumns,
    ExportColumn,
    exporting,
    load_export_columns,
)
from qingdan.writers.record_table import RECORD_COLUMNS, SOURCE_COLUMNS, record_table
from qingdan.writers.xlsx import EXPORT_MARK, MARK_SHEET
from tests.cli_runner import invoke
from tests.conftest import SAMPLES
from tests.qingdan.documents import make_document

FLOOD = SAMPLES / "004_beitang_flood_2019_merged.docx"
KNOWN = [*SOURCE_COLUMNS, *RECORD_COLUMNS]
EXPORT = """no = "编号"
measure = "任务内容"
lead = "主办单位"
due = "办结日期"
"extra.备注" = "备注"
"""


def _export_file(tmp_path: Path, text: str = EXPORT) -> Path:
    path = tmp_path / "export.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_has_the_export_order_and_labels(tmp_path: Path) -> None:
    result = invoke(
        ["convert", str(FLOOD), "-f", "csv", "--export-columns", str(_export_file(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0] == ["编号", "任务内容", "主办单位", "办结日期", "备注"]
    assert rows[1][0] == "1"
    assert rows[1][1].startswith("全面排查河道")
    assert rows[1][2:4] == ["区水务局", "2019-04-30"]
    assert rows[1][4] == ""  # no 备注 column in this list: blank, not an error


def test_an_extra_column_is_taken_by_its_printed_label(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text(
        "2020年重点工作任务清单\n序号\t工作任务\t牵头单位\t备注\n"
        "1\t实施老旧小区改造项目，完成改造任务并组织验收\t市住建局\t重点项目\n",
        encoding="utf-8",
    )
    export = _export_file(tmp_path, '"extra.备注" = "说明"\nmeasure = "内容"\n')
    out = tmp_path / "list.csv"
    result = invoke(["convert", str(source), "-o", str(out), "--export-columns", str(export)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows == [["说明", "内容"], ["重点项目", "实施老旧小区改造项目，完成改造任务并组织验收"]]


def test_the_workbook_has_the_export_labels_and_an_export_mark(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    export = str(_export_file(tmp_path))
    result = invoke(["convert", str(FLOOD), "-o", str(out), "--export-columns", export])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["编号", "任务内容", "主办单位", "办结日期", "备注"]
    mark = workbook[MARK_SHEET]
    assert mark.sheet_state == "hidden"
    assert [c.value for c in mark[1]][:1] == [EXPORT_MARK]
    assert [c.value for c in mark[2]] == ["no", "measure", "lead", "due", "extra.备注"]
    assert output_kind(out) == "xlsx"  # ours: a batch over its folder skips it
    with pytest.raises(NotRecords, match=r"list\.xlsx: .*`--export-columns` 导出的表格"):
        read_output(out)  # but not records: it lacks seq and the canonical names
    again = invoke(["convert", str(out)])
    assert again.exit_code == 2
    assert "不能读回为记录" in again.stderr


def test_a_batch_export_may_lead_with_the_source(tmp_path: Path) -> None:
    export = _export_file(tmp_path, 'source = "来源文件"\nmeasure = "任务内容"\n')
    out = tmp_path / "all.csv"
    inputs = [str(FLOOD), str(SAMPLES / "001_xincheng_2020.txt")]
    result = invoke(["convert", *inputs, "-o", str(out), "--export-columns", str(export)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["来源文件", "任务内容"]
    assert {row[0] for row in rows[1:]} == {FLOOD.name, "001_xincheng_2020.txt"}


def test_an_unknown_key_is_one_line_naming_the_file_and_the_key(tmp_path: Path) -> None:
    export = _export_file(tmp_path, 'measure = "任务内容"\nleader = "主办单位"\n')
    result = invoke(["convert", str(FLOOD), "-f", "csv", "--export-columns", str(export)])
    assert result.exit_code == 2
    assert "export.toml" in result.stderr and "'leader'" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(BadExportColumns, match=r"unknown key 'extra\.'"):
        load_export_columns(_export_file(tmp_path, '"extra." = "x"\n'), KNOWN)
    with pytest.raises(BadExportColumns, match="not valid TOML"):
        load_export_columns(_export_file(tmp_path, "measure = \n"), KNOWN)
    with pytest.raises(BadExportColumns, match="non-empty string"):
        load_export_columns(_export_file(tmp_path, "measure = 3\n"), KNOWN)


def test_json_output_refuses_an_export(tmp_path: Path) -> None:
    result = invoke(["convert", str(FLOOD), "--export-columns", str(_export_file(tmp_path))])
    assert result.exit_code == 2
    assert "--export-columns" in result.stderr


def test_outside_an_export_the_table_is_unchanged() -> None:
    document = make_document([{"extra": {"备注": "重点"}}])
    with exporting([ExportColumn("measure", "任务内容")]):
        assert record_table([document]).header == ["任务内容"]
    assert record_table([document]).header == [*RECORD_COLUMNS, "备注"]
