"""The XLS reader: the committed .xls samples (saved by LibreOffice), workbooks saved
as .xls in the test where LibreOffice is installed, and bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from qingdan.extract import read_document
from qingdan.extract.grid import Covered
from qingdan.extract.spreadsheet.xls import read_xls

from tests.conftest import SAMPLES

SEED_XLS = SAMPLES / "000_eaf823a1ce4555f0_merged.xls"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def test_the_sample_keeps_its_merged_categories_and_title() -> None:
    extracted = read_xls(SEED_XLS.read_bytes(), SEED_XLS)
    assert extracted.text_before == ["附件1", "新城区净土保卫战2019年工作任务清单"]
    [table] = extracted.tables
    assert table.name == "sheet '任务清单'"
    assert table.rows[0].cells == ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
    assert table.rows[2].cells[0] is Covered.ABOVE


def save_as_xls(workbook: Workbook, folder: Path) -> Path:
    """The workbook saved as Excel 97-2003 by LibreOffice."""
    source = folder / "book.xlsx"
    workbook.save(source)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "xls:MS Excel 97", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return folder / "book.xls"


@needs_soffice
def test_merges_hidden_rows_and_sheets_of_an_xls(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "清单"
    sheet.append(["重点工作", "工作措施", "牵头单位"])
    sheet.append(["大气", "措施一", "区发改委"])
    sheet.append([None, "措施二", "区财政局"])
    sheet.append(["一、其他", None, None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("A4:C4")
    sheet.row_dimensions[3].hidden = True
    workbook.create_sheet("空表")
    path = save_as_xls(workbook, tmp_path)
    extracted = read_xls(path.read_bytes(), path)
    assert [list(row.cells) for row in extracted.tables[0].rows] == [
        ["重点工作", "工作措施", "牵头单位"],
        ["大气", "措施一", "区发改委"],
        [Covered.ABOVE, "措施二", "区财政局"],
        ["一、其他", Covered.LEFT, Covered.LEFT],
    ]
    notices = {n.code: n.message for n in extracted.notices}
    assert notices["hidden-rows"] == "sheet '清单': hidden rows 3 read as the others"
    assert "'空表' (empty)" in notices["skipped-sheets"]


def test_an_xlsx_named_xls_is_read_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xls"
    path.write_bytes((SAMPLES / "000_eaf823a1ce4555f0_merged.xlsx").read_bytes())
    assert read_document(path).tables[0].name == "sheet '任务清单'"


def test_an_xls_named_xlsx_is_read_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(SEED_XLS.read_bytes())
    assert read_document(path).tables[0].rows[2].cells[0] is Covered.ABOVE


_BOUNDED_READ = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile
try:
    read_document(Path(sys.argv[1]))
except BrokenFile as error:
    print(error.reason)
"""


def test_a_cyclic_short_sector_chain_is_one_error_not_an_endless_read(tmp_path: Path) -> None:
    # make fuzz N=1500 SEED=8821 case 118: one byte of the short-sector table changed
    # (54 -> 49) makes a chain loop back; xlrd's own compound-file reader followed it for
    # ever (24 GB in nine minutes). olefile takes the stream out; a bounded child reads it.
    data = bytearray((SAMPLES / "005_xishan_water_2019_merged.xls").read_bytes())
    assert data[1748] == 0x36
    data[1748] = 0x31
    mutated = tmp_path / "cyclic.xls"
    mutated.write_bytes(bytes(data))
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED_READ, str(mutated)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "damaged Excel .xls" in done.stdout
