"""The XLSX writer: Chinese headers, typed cells, filter, frozen header, widths, wrapping,
print setup, the 警告 and 文件 sheets, formulas as text (issue 18)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from qingdan.schema import FLAT_FIELDS

from qingdan.writers import OutputFormat, format_for, render
from qingdan.writers.labels import labels
from qingdan.writers.warning_table import FileStatus
from qingdan.writers.xlsx import MAX_WIDTH, document_xlsx, documents_xlsx
from tests.cli_runner import invoke
from tests.qingdan.documents import make_document

LABEL = {**labels("record"), **labels("source")}


def _sheet(data: bytes, name: str | None = None) -> Worksheet:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[name] if name else workbook.active
    assert isinstance(sheet, Worksheet)
    return sheet


def _column(sheet: Worksheet, label: str) -> list[object]:
    header = [cell.value for cell in sheet[1]]
    index = header.index(label)
    return [row[index].value for row in sheet.iter_rows(min_row=2)]


def test_every_record_field_has_a_standard_chinese_label() -> None:
    assert set(labels("record")) == set(FLAT_FIELDS)  # a sheet holds no source cells
    assert all(not label.isascii() for label in labels("record").values())


def test_header_is_chinese_frozen_bold_filtered_and_text_wraps() -> None:
    sheet = _sheet(document_xlsx(make_document([{"measure": "完善监测网络"}])))
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["顺序号", "板块", "重点工作", "序号", "工作措施"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}2"
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.alignment.wrap_text for cell in sheet[2])


def test_the_printed_label_is_the_header_where_the_document_has_one() -> None:
    columns = [
        {"label": "牵头部门", "field": "lead", "role": "lead"},
        {"label": "责任单位", "field": "support", "role": "support"},
        {"label": "备注", "field": None, "role": "note"},
    ]
    sheet = _sheet(document_xlsx(make_document([{"lead": ["区水务局"]}], columns=columns)))
    header = [cell.value for cell in sheet[1]]
    assert "牵头部门" in header and "责任单位" in header
    assert "牵头单位" not in header and "配合单位" not in header
    assert _column(sheet, "牵头部门") == ["区水务局"]


def test_numbers_are_numbers_and_due_is_a_date_cell() -> None:
    records = [
        {"no": "3", "due": "2019-12-31", "page": 2, "deadline": "年底前"},
        {"no": "（一）", "due": None},
    ]
    sheet = _sheet(document_xlsx(make_document(records)))
    assert _column(sheet, LABEL["seq"]) == [1, 2]
    assert _column(sheet, LABEL["no"]) == [3, "（一）"]
    assert _column(sheet, LABEL["page"]) == [2, None]
    header = [cell.value for cell in sheet[1]]
    due = sheet.cell(row=2, column=header.index(LABEL["due"]) + 1)
    assert due.is_date and due.value == datetime(2019, 12, 31)
    assert due.number_format == "yyyy-mm-dd"


def test_departments_are_joined_and_extra_gets_its_column() -> None:
    document = make_document(
        [{"lead": ["区发改委", "区住建局"], "extra": {"备注": "年底前"}}, {"support": ["区财政局"]}]
    )
    sheet = _sheet(document_xlsx(document))
    assert _column(sheet, LABEL["lead"]) == ["区发改委、区住建局", None]
    assert _column(sheet, LABEL["support"]) == [None, "区财政局"]
    assert _column(sheet, "备注") == ["年底前", None]


def test_column_widths_follow_the_text_within_limits() -> None:
    long_measure = "加强建设用地土壤环境状况调查" * 10
    sheet = _sheet(document_xlsx(make_document([{"measure": long_measure, "no": "1"}])))
    header = [cell.value for cell in sheet[1]]
    width = {
        name: sheet.column_dimensions[chr(ord("A") + i)].width for i, name in enumerate(header)
    }
    assert width[LABEL["measure"]] == MAX_WIDTH
    # A CJK character counts twice: the header 重点工作 (4 characters) is 8 columns + 2.
    assert width[LABEL["category"]] == 10


def test_printed_landscape_on_a4_fit_to_width_with_the_header_repeated() -> None:
    sheet = _sheet(document_xlsx(make_document([{}])))
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize or 0)) == ("landscape", 9)
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"


def test_the_warnings_sheet_lists_every_warning() -> None:
    warnings = [{"code": "no-measure", "message": "第2行没有工作措施", "row": 2, "page": 1}]
    sheet = _sheet(document_xlsx(make_document([{}, {}], warnings=warnings)), "警告")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["文件", "行（顺序号）", "页码", "代码", "说明"],
        ["list.txt", 2, 1, "no-measure", "第2行没有工作措施"],
    ]


def test_formula_like_text_is_stored_as_text() -> None:
    document = make_document(
        [{"measure": "=1+1", "lead": ["-区住建局"], "extra": {"=备注()": "@x"}}]
    )
    sheet = _sheet(document_xlsx(document))
    header = [cell.value for cell in sheet[1]]
    measure = sheet.cell(row=2, column=header.index(LABEL["measure"]) + 1)
    lead = sheet.cell(row=2, column=header.index(LABEL["lead"]) + 1)
    label = sheet.cell(row=1, column=header.index("=备注()") + 1)
    assert (measure.value, measure.data_type, measure.quotePrefix) == ("=1+1", "s", True)
    assert (lead.value, lead.data_type, lead.quotePrefix) == ("-区住建局", "s", True)
    assert (label.data_type, label.quotePrefix) == ("s", True)


def test_combined_sheet_names_file_and_title_on_every_row_and_lists_the_files() -> None:
    first = make_document([{}, {}], file="a.txt", title="甲清单")
    second = make_document([{}], file="b.pdf", title=None)
    files = [
        FileStatus("in/a.txt", "converted", 2, 0),
        FileStatus("in/b.pdf", "converted", 1, 0),
        FileStatus("in/c.pdf", "failed", reason="the PDF is encrypted", error="EncryptedFile"),
    ]
    data = documents_xlsx([first, second], files)
    sheet = _sheet(data)
    assert [cell.value for cell in sheet[1]][:4] == ["来源", "文件", "标题", "顺序号"]
    assert _column(sheet, "文件") == ["a.txt", "a.txt", "b.pdf"]
    assert _column(sheet, "标题") == ["甲清单", "甲清单", None]
    listed = [[cell.value for cell in row] for row in _sheet(data, "文件").iter_rows()]
    assert listed[0] == ["文件", "状态", "记录数", "警告数", "原因"]
    reason = "PDF 已加密；请用 `--password` 提供密码"
    assert listed[3] == ["in/c.pdf", "失败", 0, 0, reason]  # 状态 and 原因 in Chinese


def test_xlsx_is_an_output_format(tmp_path: Path, seed: Path) -> None:
    assert format_for(Path("out.XLSX")) is OutputFormat.XLSX
    target = tmp_path / "seed.xlsx"
    result = invoke(["convert", str(seed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheet = _sheet(target.read_bytes())
    assert sheet.max_row == 1 + 15
    assert isinstance(_column(sheet, LABEL["due"])[0], datetime)
    assert _column(sheet, LABEL["due"])[0] == datetime.combine(
        date(2019, 12, 31), datetime.min.time()
    )
    assert target.read_bytes()[:2] == render(make_document([{}]), OutputFormat.XLSX)[:2] == b"PK"


def test_every_sheet_shows_its_text_and_prints_and_warned_rows_are_marked() -> None:
    long_measure = "完善土壤环境质量监测网络，" * 12
    document = make_document(
        [{"measure": long_measure}, {}],
        warnings=[{"code": "no-lead", "message": "task names no lead unit", "row": 2}],
    )
    files = [FileStatus("a.txt", "converted", 2, 1)]
    workbook = load_workbook(io.BytesIO(documents_xlsx([document], files)))
    sheet = workbook["任务清单"]
    assert sheet.row_dimensions[2].height > 2 * sheet.row_dimensions[3].height
    fills = [sheet.cell(row=r, column=1).fill.start_color.rgb for r in (2, 3)]
    assert not fills[0].endswith("FFF2CC") and fills[1].endswith("FFF2CC")
    for visible in ("任务清单", "警告", "文件"):
        setup = workbook[visible].page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), visible
    assert workbook["_qingdan"].sheet_state == "hidden"
