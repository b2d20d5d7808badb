"""The XLSX writer: frozen header, widths, wrapping, 、-joined departments, formulas as text."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from qingdan.cli import app
from qingdan.writers import OutputFormat, format_for, render
from qingdan.writers.xlsx import MAX_WIDTH, document_xlsx, documents_xlsx
from tests.qingdan.documents import make_document


def _sheet(data: bytes) -> Worksheet:
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _column(sheet: Worksheet, name: str) -> list[object]:
    header = [cell.value for cell in sheet[1]]
    index = header.index(name)
    return [row[index].value for row in sheet.iter_rows(min_row=2)]


def test_header_is_frozen_bold_and_text_wraps() -> None:
    sheet = _sheet(document_xlsx(make_document([{"measure": "完善监测网络"}])))
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.alignment.wrap_text for cell in sheet[2])


def test_departments_are_joined_and_extra_gets_its_column() -> None:
    document = make_document(
        [{"lead": ["区发改委", "区住建局"], "extra": {"备注": "年底前"}}, {"support": ["区财政局"]}]
    )
    sheet = _sheet(document_xlsx(document))
    assert _column(sheet, "lead") == ["区发改委、区住建局", None]
    assert _column(sheet, "support") == [None, "区财政局"]
    assert _column(sheet, "备注") == ["年底前", None]


def test_column_widths_follow_the_text_within_limits() -> None:
    long_measure = "加强建设用地土壤环境状况调查" * 10
    sheet = _sheet(document_xlsx(make_document([{"measure": long_measure, "no": "1"}])))
    header = [cell.value for cell in sheet[1]]
    width = {
        name: sheet.column_dimensions[chr(ord("A") + i)].width for i, name in enumerate(header)
    }
    assert width["measure"] == MAX_WIDTH
    assert width["seq"] < width["category"] < width["measure"]


def test_formula_like_text_is_stored_as_text() -> None:
    sheet = _sheet(document_xlsx(make_document([{"measure": "=1+1", "lead": ["-区住建局"]}])))
    header = [cell.value for cell in sheet[1]]
    measure = sheet.cell(row=2, column=header.index("measure") + 1)
    lead = sheet.cell(row=2, column=header.index("lead") + 1)
    assert (measure.value, measure.data_type, measure.quotePrefix) == ("=1+1", "s", True)
    assert (lead.value, lead.data_type, lead.quotePrefix) == ("-区住建局", "s", True)


def test_combined_sheet_names_file_and_title_on_every_row() -> None:
    first = make_document([{}, {}], file="a.txt", title="甲清单")
    second = make_document([{}], file="b.pdf", title=None)
    sheet = _sheet(documents_xlsx([first, second]))
    assert [cell.value for cell in sheet[1]][:3] == ["file", "title", "seq"]
    assert _column(sheet, "file") == ["a.txt", "a.txt", "b.pdf"]
    assert _column(sheet, "title") == ["甲清单", "甲清单", None]


def test_xlsx_is_an_output_format(tmp_path: Path, seed: Path) -> None:
    assert format_for(Path("out.XLSX")) is OutputFormat.XLSX
    target = tmp_path / "seed.xlsx"
    result = CliRunner().invoke(app, ["convert", str(seed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheet = _sheet(target.read_bytes())
    assert sheet.max_row == 1 + 15
    assert target.read_bytes()[:2] == render(make_document([{}]), OutputFormat.XLSX)[:2] == b"PK"
