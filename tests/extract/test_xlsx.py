"""The XLSX reader, on small workbooks written in the tests with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from qingdan.extract import read_document
from qingdan.extract.grid import Covered, Extracted
from qingdan.extract.spreadsheet.xlsx import read_xlsx

import qingdan

HEADER = ["重点工作", "工作措施", "牵头单位", "完成时限"]


def task_workbook() -> Workbook:
    """One sheet: the label, a merged title, a header and two tasks sharing a category."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "任务清单"
    sheet["A1"] = "附件1"
    sheet["A2"] = "新区2019年工作任务清单"
    sheet.merge_cells("A2:D2")
    sheet.append(HEADER)
    sheet.append(["大气污染", "措施一\n（分两步）", "区发改委", "年底前"])
    sheet.append([None, "措施二", "区财政局", "6月底前"])
    sheet.merge_cells("A4:A5")
    return workbook


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def read(path: Path) -> Extracted:
    return read_xlsx(path.read_bytes(), path)


def rows(extracted: Extracted, table: int = 0) -> list[list[object]]:
    return [list(row.cells) for row in extracted.tables[table].rows]


def test_merged_ranges_are_covered_by_direction(tmp_path: Path) -> None:
    workbook = task_workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["一、水污染防治", None, None, None])
    sheet.merge_cells("A6:D6")
    extracted = read(save(workbook, tmp_path / "a.xlsx"))
    assert rows(extracted) == [
        HEADER,
        ["大气污染", "措施一\n（分两步）", "区发改委", "年底前"],
        [Covered.ABOVE, "措施二", "区财政局", "6月底前"],
        ["一、水污染防治", Covered.LEFT, Covered.LEFT, Covered.LEFT],
    ]


def test_rows_above_the_table_are_its_title_lines(tmp_path: Path) -> None:
    extracted = read(save(task_workbook(), tmp_path / "a.xlsx"))
    assert extracted.text_before == ["附件1", "新区2019年工作任务清单"]
    assert extracted.tables[0].name == "sheet '任务清单'"


def test_every_sheet_with_cells_is_a_table_and_skipped_sheets_are_named(tmp_path: Path) -> None:
    workbook = task_workbook()
    contacts = workbook.create_sheet("联系人")
    contacts.append(["姓名", "电话"])
    workbook.create_sheet("Sheet3")
    workbook.create_sheet("代码表").sheet_state = "hidden"
    extracted = read(save(workbook, tmp_path / "a.xlsx"))
    assert [t.name for t in extracted.tables] == ["sheet '任务清单'", "sheet '联系人'"]
    [notice] = extracted.notices
    assert notice.code == "skipped-sheets"
    assert "'Sheet3' (empty)" in notice.message and "'代码表' (hidden)" in notice.message


def test_the_warning_for_a_sheet_without_a_task_header_names_the_sheet(tmp_path: Path) -> None:
    workbook = task_workbook()
    workbook.create_sheet("联系人").append(["姓名", "电话"])
    document = qingdan.convert(save(workbook, tmp_path / "a.xlsx"))
    assert len(document.records) == 2
    messages = [w.message for w in document.warnings if w.code == "skipped-table"]
    assert messages == ["sheet '联系人' is not a task table; skipped"]


def test_hidden_rows_and_columns_are_read_and_reported(tmp_path: Path) -> None:
    workbook = task_workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.row_dimensions[5].hidden = True
    sheet.column_dimensions["D"].hidden = True
    extracted = read(save(workbook, tmp_path / "a.xlsx"))
    assert len(extracted.tables[0].rows) == 3
    messages = {n.code: n.message for n in extracted.notices}
    assert messages == {
        "hidden-rows": "sheet '任务清单': hidden rows 5 read as the others",
        "hidden-columns": "sheet '任务清单': hidden columns D read as the others",
    }


def test_values_read_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["序号", "工作措施", "完成时限", "备注"])
    sheet.append([1, "  措施  \r\n\n 第二行 ", dt.datetime(2019, 12, 31), 2.5])
    sheet["C2"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.append([2.0, "措施", dt.datetime(2019, 6, 30), None])
    extracted = read(save(workbook, tmp_path / "a.xlsx"))
    assert rows(extracted)[1:] == [
        ["1", "措施\n第二行", "2019年12月31日", "2.5"],
        ["2", "措施", "2019-06-30", ""],
    ]


def test_a_workbook_without_any_table_gives_its_lines(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in ["新区工作要点", "1.做好某事。", "牵头单位：区发改委"]:
        sheet.append([line])
    extracted = read(save(workbook, tmp_path / "a.xlsx"))
    assert extracted.tables == []
    assert extracted.text_before == ["新区工作要点", "1.做好某事。", "牵头单位：区发改委"]


def test_string_escapes_are_decoded_as_excel_shows_them(tmp_path: Path) -> None:
    from tests.fuzz.generators import _xlsx

    def inline(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    sheet = (
        f'<row r="2">{inline("A2", "1")}{inline("B2", "开展_x000a_排查_x001B_。")}</row>'
        f'<row r="3">{inline("A3", "2")}{inline("B3", "_x005F_x0041_与_xD800_")}</row>'
        f'<row r="4">{inline("A4", "3")}{inline("B4", "0000年_x0000_底前")}</row>'
    )
    path = tmp_path / "escapes.xlsx"
    path.write_bytes(_xlsx(sheet))
    extracted = read_document(path).content
    assert [row[1] for row in rows(extracted)[1:]] == [
        "开展\n排查。",
        "_x0041_与_xD800_",
        "0000年底前",
    ]
    assert {notice.code for notice in extracted.notices} == {"control-character"}
