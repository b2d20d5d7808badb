"""Read tables from Excel ``.xlsx`` workbooks (Office Open XML) with openpyxl.

The workbook is opened in openpyxl's normal mode, not read-only: read-only worksheets
do not expose merged ranges, and merges carry the categories and 序号 of a task list.
Values are read as computed (``data_only``: a formula's cached result, as Excel shows
it). Each sheet becomes an ``extract.spreadsheet.sheets.Sheet``; ``read_sheets`` makes the
grids. Which reader reads a file is decided by its bytes (``extract.spreadsheet.workbook``).
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Extracted, Notice
from qingdan.extract.limits import limits_of
from qingdan.extract.notice_codes import NoticeCode
from qingdan.extract.options import ReadOptions
from qingdan.extract.spreadsheet.sheets import (
    Merge,
    Sheet,
    cell_value_text,
    column_letter,
    read_sheets,
)
from qingdan.extract.spreadsheet.xlsx_scan import SheetScan, scan_xlsx
from qingdan.extract.zipguard import check_zip


def read_xlsx(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read an ``.xlsx`` file's bytes into one raw grid per sheet with cells.

    ``options.limits`` bound each sheet (``extract.spreadsheet.xlsx_scan``, checked
    before openpyxl reads it). Raises ``BrokenFile`` when the bytes are not a readable
    workbook and ``LimitExceeded`` for a sheet past a limit.
    """
    check_zip(data, path)
    scans = scan_xlsx(data, path, limits_of(options.limits if options else None))
    workbook = _open(data, path)
    notices: list[Notice] = []
    try:
        sheets = [_sheet(worksheet) for worksheet in workbook.worksheets]
    finally:
        workbook.close()
    for sheet in sheets:
        scan = scans.get(sheet.name)
        if scan is not None and scan.formulas:
            notices.append(_keep_formulas(sheet, scan))
    return read_sheets(sheets, notices)


FORMULAS_NAMED = 10
"""The most formula cells one notice names."""


def _keep_formulas(sheet: Sheet, scan: SheetScan) -> Notice:
    """Put the formula text into the cells that have no computed value, and say so.

    openpyxl reads such a cell as empty, and an empty cell in a category column takes
    the row above's category: the text of the formula is what the file holds.
    """
    for position, formula in scan.formulas.items():
        sheet.texts.setdefault(position, formula)
    cells = [f"{column_letter(col)}{row + 1}" for row, col in sorted(scan.formulas)]
    named = ", ".join(cells[:FORMULAS_NAMED]) + (" …" if len(cells) > FORMULAS_NAMED else "")
    return Notice(
        NoticeCode.FORMULA_NOT_COMPUTED,
        f"sheet {sheet.name!r}: {len(cells)} formula cell(s) without a computed value "
        f"({named}) kept as their formula text; open and save the file in Excel or WPS "
        "to compute them",
    )


def _open(data: bytes, path: Path) -> Any:
    # Imported here: openpyxl takes a noticeable share of a second to import, and most
    # runs read no workbook.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, conditional formats).
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BrokenFile(
            path, f"not an Excel .xlsx file: not a readable zip archive ({error}); "
            "is it damaged, truncated or another format renamed .xlsx?"
        ) from error  # fmt: skip
    except (KeyError, OSError) as error:  # openpyxl: IOError "no valid workbook part"
        raise BrokenFile(
            path, "a zip archive but not an Excel workbook (no workbook part)"
        ) from error
    except (ValueError, TypeError, SyntaxError) as error:
        raise BrokenFile(path, f"damaged Excel workbook ({error})") from error


def _sheet(worksheet: Any) -> Sheet:
    """One openpyxl worksheet as a ``Sheet``."""
    from openpyxl.utils import column_index_from_string

    sheet = Sheet(name=worksheet.title, hidden=worksheet.sheet_state != "visible")
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.value is None or not hasattr(cell, "column"):
                continue
            chinese = "年" in (cell.number_format or "")
            text = cell_value_text(cell.value, chinese_date=chinese)
            if text:
                sheet.texts[cell.row - 1, cell.column - 1] = text
    for merged in worksheet.merged_cells.ranges:
        sheet.merges.append(
            Merge(merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
        )
    sheet.hidden_rows = [r - 1 for r, dim in worksheet.row_dimensions.items() if dim.hidden]
    for key, dim in worksheet.column_dimensions.items():
        if dim.hidden:
            first = column_index_from_string(key) if dim.min is None else dim.min
            last = first if dim.max is None else dim.max
            sheet.hidden_columns += range(first - 1, last)
    return sheet
