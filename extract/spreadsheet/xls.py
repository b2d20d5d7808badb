"""Read tables from Excel 97-2003 ``.xls`` workbooks (BIFF) with xlrd.

xlrd reads merged ranges only with ``formatting_info=True``, which also gives hidden
rows, columns and sheets and each cell's number format (to show a date cell as the
date it is). Each sheet becomes an ``extract.spreadsheet.sheets.Sheet``; ``read_sheets`` makes
the grids. Which reader reads a file is decided by its bytes
(``extract.spreadsheet.workbook``).

The workbook's BIFF stream is taken out of its OLE compound file with olefile and
handed to xlrd as it is (xlrd reads a bare BIFF stream too): xlrd's own compound-file
reader follows a cyclic chain of short sectors for ever, growing without bound
(issue 17); olefile checks every chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlrd
from qingdan.extract.errors import BrokenFile, EncryptedFile
from qingdan.extract.grid import Extracted
from qingdan.extract.limits import Limits, limits_of
from qingdan.extract.options import ReadOptions
from qingdan.extract.spreadsheet.sheets import Merge, Sheet, cell_value_text, read_sheets
from qingdan.extract.spreadsheet.signatures import OLE_MAGIC, PASSWORD_HINT


def read_xls(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read an ``.xls`` file's bytes into one raw grid per sheet with cells.

    ``options.limits`` bound each sheet (rows, rows x columns, merged cells; a BIFF
    sheet is at most 65,536 x 256, so xlrd's own tables stay bounded). Raises
    ``BrokenFile`` when the bytes are not a readable workbook and ``LimitExceeded`` for a
    sheet past a limit.
    """
    if not data.startswith(OLE_MAGIC):
        raise BrokenFile(path, "not an Excel .xls workbook (no compound-file header)")
    limits = limits_of(options.limits if options else None)
    book = _open(data, path)
    try:
        sheets = [
            _sheet(book, _checked(book.sheet_by_index(i), path, limits))
            for i in range(book.nsheets)
        ]
    finally:
        book.release_resources()
    return read_sheets(sheets, [])


_WORKBOOK_STREAMS = ("Workbook", "Book")
"""The stream of a BIFF8 workbook (Excel 97 and later), and of a BIFF5 one."""


def workbook_stream(data: bytes, path: Path) -> bytes:
    """The BIFF stream of an ``.xls`` compound file; ``BrokenFile`` when there is none
    or the compound file is damaged."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            for name in _WORKBOOK_STREAMS:
                if ole.exists(name):
                    stream: bytes = ole.openstream(name).read()
                    return stream
    except (OSError, ValueError, IndexError, KeyError, EOFError) as error:
        # olefile raises OSError for broken sector chains, others for broken headers.
        raise BrokenFile(path, "damaged Excel .xls workbook (broken compound file)") from error
    raise BrokenFile(path, "not an Excel .xls workbook (no Workbook stream)")


def _open(data: bytes, path: Path) -> Any:
    stream = workbook_stream(data, path)
    try:
        return xlrd.open_workbook(file_contents=stream, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise EncryptedFile(path, PASSWORD_HINT) from error
        raise BrokenFile(path, f"not a readable Excel .xls workbook ({error})") from error
    except (AssertionError, IndexError, KeyError, ValueError, EOFError) as error:
        # xlrd asserts on damaged BIFF records.
        raise BrokenFile(path, "damaged Excel .xls workbook (unreadable records)") from error


def _checked(worksheet: Any, path: Path, limits: Limits) -> Any:
    """The worksheet, once its size is within ``limits`` (before its cells are walked)."""
    name = worksheet.name
    limits.check(
        "sheet_rows", worksheet.nrows, path, f"sheet {name!r} has {worksheet.nrows:,} rows"
    )
    area = worksheet.nrows * worksheet.ncols
    what = f"sheet {name!r} spans {worksheet.nrows:,} rows x {worksheet.ncols:,} columns"
    limits.check("sheet_cells", area, path, what)
    merged = sum((r1 - r0) * (c1 - c0) for r0, r1, c0, c1 in worksheet.merged_cells)
    limits.check("merged_area", merged, path, f"sheet {name!r} merges {merged:,} cells")
    return worksheet


def _is_chinese_date_format(book: Any, xf_index: int) -> bool:
    xf = book.xf_list[xf_index]
    fmt = book.format_map.get(xf.format_key)
    return fmt is not None and "年" in fmt.format_str


def _sheet(book: Any, worksheet: Any) -> Sheet:
    """One xlrd worksheet as a ``Sheet``."""
    sheet = Sheet(name=worksheet.name, hidden=worksheet.visibility != 0)
    for row in range(worksheet.nrows):
        for col in range(worksheet.ncols):
            cell = worksheet.cell(row, col)
            value: object = cell.value
            chinese = False
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                chinese = _is_chinese_date_format(book, cell.xf_index)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                continue
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            text = cell_value_text(value, chinese_date=chinese)
            if text:
                sheet.texts[row, col] = text
    sheet.merges = [
        Merge(first_row, first_col, last_row - 1, last_col - 1)
        for first_row, last_row, first_col, last_col in worksheet.merged_cells
    ]
    sheet.hidden_rows = [r for r, info in worksheet.rowinfo_map.items() if info.hidden]
    sheet.hidden_columns = [c for c, info in worksheet.colinfo_map.items() if info.hidden]
    return sheet
