"""Limits decided before work (issue 33): each hostile shape is one clear error or a
bounded result, checked on files a few kilobytes long."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from qingdan.extract import read_document
from qingdan.extract.limits import LimitExceeded, Limits, limit_names
from qingdan.extract.options import ReadOptions

DOCS = Path(__file__).parents[2] / "docs" / "robustness.md"


def xlsx_bytes(sheet_data: str = "", after: str = "") -> bytes:
    """A one-sheet workbook whose sheet XML has ``sheet_data`` rows appended and
    ``after`` (merges) after the sheet data."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"], sheet["B1"] = "序号", "工作任务"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("</sheetData>", sheet_data + "</sheetData>" + after)
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("sheet_data", "after", "limit"),
    [
        ('<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>', "", "SHEET_CELLS"),
        ("", '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>', "MERGED_AREA"),
        ('<row r="100"><c r="XFD100" t="n"><v>1</v></c></row>', "", "SHEET_CELLS"),
        ("".join(f'<row r="{r}"/>' for r in range(2, 3000)), "", "SHEET_ROWS"),
    ],
    ids=["cell-at-xfd1048576", "merge-over-the-sheet", "one-far-wide-row", "many-rows"],
)
def test_a_tiny_xlsx_past_a_sheet_limit_is_one_error(
    tmp_path: Path, sheet_data: str, after: str, limit: str
) -> None:
    path = write(tmp_path, "炸弹.xlsx", xlsx_bytes(sheet_data, after))
    limits = Limits(sheet_rows=1_000, sheet_cells=100_000, merged_area=100_000)
    with pytest.raises(LimitExceeded, match=f"QINGDAN_MAX_{limit}=N"):
        read_document(path, ReadOptions(limits=limits))


def test_the_default_limits_refuse_a_cell_at_the_last_position(tmp_path: Path) -> None:
    data = xlsx_bytes('<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>')
    with pytest.raises(LimitExceeded, match="1,048,576 rows x 16,384 columns"):
        read_document(write(tmp_path, "far.xlsx", data))


def test_a_raised_limit_reads_what_the_default_refuses(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.xlsx", xlsx_bytes('<row r="3"><c r="Z3" t="n"><v>7</v></c></row>'))
    with pytest.raises(LimitExceeded):
        read_document(path, ReadOptions(limits=Limits(sheet_cells=50)))
    table = read_document(path, ReadOptions(limits=Limits(sheet_cells=100))).content.tables[0]
    assert table.rows[-1].cells[25] == "7"


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_environment({"QINGDAN_MAX_SHEET_ROWS": "5_000", "HOME": "/root"})
    assert limits.sheet_rows == 5_000
    assert limits.sheet_cells == Limits().sheet_cells
    with pytest.raises(LimitExceeded, match="QINGDAN_MAX_OCR_PAGES='lots'"):
        Limits.from_environment({"QINGDAN_MAX_OCR_PAGES": "lots"})


def test_every_limit_is_documented_with_its_default() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `QINGDAN_MAX_([A-Z_]+)` \| ([\d,]+) \|", text, re.M))
    expected = {name.upper(): f"{getattr(Limits(), name):,}" for name in limit_names()}
    assert documented == expected


def test_a_formula_without_a_computed_value_keeps_its_text_with_a_warning(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["重点工作", "工作措施", "牵头单位"])
    sheet.append(["大气污染", "措施一", "区发改委"])
    sheet.append(['=A2&"（续）"', "措施二", "区财政局"])
    path = tmp_path / "公式.xlsx"
    workbook.save(path)
    content = read_document(path).content
    assert content.tables[0].rows[2].cells[0] == '=A2&"（续）"'
    [notice] = [n for n in content.notices if n.code == "formula-not-computed"]
    assert "1 formula cell(s)" in notice.message and "(A3)" in notice.message
