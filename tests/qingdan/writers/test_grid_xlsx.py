"""``qingdan extract FILE -o grid.xlsx``: every table as printed, merged cells merged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from qingdan.extract.grid import Cell, Covered

from qingdan.readback import NotRecords, output_kind, read_output
from qingdan.writers.grid_xlsx import Span, merged_spans
from qingdan.writers.xlsx import GRID_MARK, MARK_SHEET
from tests.cli_runner import invoke
from tests.conftest import SAMPLES

ABOVE, LEFT = Covered.ABOVE, Covered.LEFT
# A two-row header (责任单位 over 牵头单位 | 配合单位), a section row across the table
# and a 重点任务 merged down over two tasks.
FLOOD = SAMPLES / "004_beitang_flood_2019_merged.docx"


def test_a_sample_with_both_merges_opens_with_its_merged_ranges(tmp_path: Path) -> None:
    out = tmp_path / "grid.xlsx"
    result = invoke(["extract", str(FLOOD), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "表1"
    # The text above the table on top, a blank row, then the grid.
    assert sheet["A1"].value == "附件"
    assert str(sheet["A2"].value).startswith("北塘区")
    assert sheet["A3"].value is None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A4:A5", "D4:E4", "F4:F5", "A6:F6", "B7:B8"} <= merged
    assert [sheet.cell(row=4, column=c).value for c in range(1, 7)] == [
        "序号", "重点任务", "具体措施", "责任单位", None, "完成时限",
    ]  # fmt: skip
    assert sheet["D5"].value == "牵头单位"
    assert sheet["E5"].value == "配合单位"
    assert sheet["A6"].value == "一、汛前准备"
    assert sheet["B7"].value == "隐患排查"
    assert sheet["B8"].value is None  # covered by B7's merge, not copied


def test_a_grid_workbook_is_marked_ours_and_not_records(tmp_path: Path) -> None:
    out = tmp_path / "原表.xlsx"
    assert invoke(["extract", str(FLOOD), "-o", str(out)]).exit_code == 0
    workbook = load_workbook(out)
    assert [c.value for c in workbook[MARK_SHEET][1]][:1] == [GRID_MARK]
    assert workbook[MARK_SHEET].sheet_state == "hidden"
    assert output_kind(out) == "xlsx"
    with pytest.raises(NotRecords, match=r"原表\.xlsx: `qingdan extract` 写出的原表格"):
        read_output(out)


def test_spans_rebuild_vertical_horizontal_and_block_merges() -> None:
    grid: list[list[Cell]] = [
        ["甲", "乙", LEFT, "丙"],
        [ABOVE, ABOVE, ABOVE, ""],
        ["丁", "戊", "", ABOVE],
    ]
    assert merged_spans(grid) == [Span(0, 0, 2, 1), Span(0, 1, 2, 2), Span(1, 3, 2, 1)]


def test_a_really_blank_cell_is_not_merged() -> None:
    grid: list[list[Cell]] = [["甲", "", "乙"], ["", ABOVE, ABOVE]]
    # The "" under 甲 is a blank of its own, not part of 甲; the blank above a covered
    # mark is a merged cell that happens to be empty.
    assert merged_spans(grid) == [Span(0, 1, 2, 1), Span(0, 2, 2, 1)]


def test_an_unknown_suffix_is_one_line_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "grid.txt"
    result = invoke(["extract", str(FLOOD), "-o", str(out)])
    assert result.exit_code == 2
    assert "grid.txt" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_json_output_goes_to_the_file(tmp_path: Path) -> None:
    out = tmp_path / "grid.json"
    result = invoke(["extract", str(FLOOD), "-o", str(out)])
    assert result.exit_code == 0
    assert '"covered": "left"' in out.read_text(encoding="utf-8")
