"""Control characters in cells and file names (issue 33): removed from cells with a
warning, never written into a workbook, never printed raw to a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from qingdan.extract import read_document
from qingdan.extract.controls import clean_cells
from qingdan.extract.grid import Extracted, RawRow, RawTable

from tests.cli_runner import invoke

PAGE = (
    "<html><body><table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>完成时限</td></tr>"
    "<tr><td>1</td><td>整&#27;]0;title&#7;改落实</td><td>区环保局</td><td>2020年底前</td></tr>"
    "</table></body></html>"
)


def test_control_characters_leave_cells_with_one_warning_per_kind() -> None:
    table = RawTable([RawRow(["序号", "任务"]), RawRow(["1", "整\x1b改\x0b落实\x07"])])
    content = clean_cells(Extracted(tables=[table], text_before=["附件\x00"]))
    assert content.tables[0].rows[1].cells == ["1", "整改\n落实"]
    assert content.text_before == ["附件"]
    messages = [n.message for n in content.notices if n.code == "control-character"]
    assert messages == [
        "control character U+0000 (NUL) in the text above the tables: removed",
        "control character U+0007 (bell) in table 1 row 2: removed",
        "control character U+000B (vertical tab, Word's manual line break) in table 1 row 2: "
        "read as a line break",
        "control character U+001B (escape) in table 1 row 2: removed",
    ]


def test_clean_content_is_returned_as_it_is() -> None:
    content = Extracted(tables=[RawTable([RawRow(["序号", "任务\n二"])])])
    assert clean_cells(content) is content


def test_an_esc_and_bel_cell_converts_to_xlsx_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "控制.html"
    source.write_text(PAGE, encoding="utf-8")
    assert "\x1b" not in str(read_document(source).content)
    result = invoke(["convert", str(source), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "整]0;title改落实" in texts
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "control-character" in result.stderr


def test_a_file_name_with_a_line_break_cannot_forge_an_error_line(tmp_path: Path) -> None:
    source = tmp_path / "a\nqingdan: 错误: forged.html"
    source.write_text(PAGE, encoding="utf-8")
    result = invoke(["convert", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert not any(line.startswith("qingdan: 错误:") for line in lines)
    assert any("a\\nqingdan: 错误: forged.html" in line for line in lines)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["records"]
