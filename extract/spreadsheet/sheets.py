"""Workbook sheets -> raw grids, whatever the file format (``xlsx.py``, ``xls.py``).

A format reader fills one ``Sheet`` per worksheet (cell texts, merged ranges, what is
hidden); ``read_sheets`` turns them into tables the way a person reads a workbook:

* every sheet with cells is its own table, named after the sheet (``sheet '任务清单'``),
  in workbook order; empty and hidden sheets are skipped, and one notice names them;
* a merged range keeps its text in its top-left cell, ``Covered.LEFT`` in the rest of
  its first row and ``Covered.ABOVE`` in the rows below (in every column it spans);
* the rows above the table that hold one text each (a label ``附件1`` in A1, a title
  merged across the top) are text lines: the first sheet's are ``text_before``, a
  later sheet's its table's ``text_above``; a workbook whose sheets hold no row of two
  cells has no table, and all its lines are ``text_before``;
* rows with nothing in them are left out; hidden rows and columns are read like the
  others and named in a notice (a person printing the sheet would not see them).

Cell text keeps its line breaks (Alt+Enter) as ``\\n``, each line stripped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from qingdan.extract.grid import Cell, Covered, Extracted, Notice, RawRow, RawTable
from qingdan.extract.notice_codes import NoticeCode


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class Sheet:
    """One worksheet as a format reader found it."""

    name: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column), 0-based -> the cell's text; cells without text are absent."""
    merges: list[Merge] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    hidden: bool = False


def cell_value_text(value: object, chinese_date: bool = False) -> str:
    """The text a spreadsheet shows for a value: whole numbers without ``.0``, dates as
    dates (``2019年12月31日`` when the cell's format is a Chinese one, else ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and chinese_date:
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    lines = (line.strip() for line in str(value).replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def read_sheets(sheets: list[Sheet], notices: list[Notice]) -> Extracted:
    """The tables of a workbook's sheets (see the module docstring)."""
    tables: list[RawTable] = []
    text_before: list[str] = []
    lines: list[str] = []
    skipped: list[str] = []
    for sheet in sheets:
        if sheet.hidden or not sheet.texts:
            skipped.append(f"{sheet.name!r} ({'hidden' if sheet.hidden else 'empty'})")
            continue
        name = f"sheet {sheet.name!r}"
        rows = _grid(sheet)
        above, body = _split_title_rows(rows)
        lines += above
        if not body:
            continue
        if not tables:
            text_before = above
        tables.append(RawTable([RawRow(row) for row in body], name=name, text_above=above))
        notices += _hidden_notices(sheet, name)
    if skipped:
        notices.append(Notice(NoticeCode.SKIPPED_SHEETS, f"sheets skipped: {', '.join(skipped)}"))
    return Extracted(tables=tables, text_before=text_before if tables else lines, notices=notices)


def _grid(sheet: Sheet) -> list[list[Cell]]:
    """The sheet's used range as rows of cells, merges marked, empty rows left out."""
    width = 1 + max(col for _, col in sheet.texts)
    height = 1 + max(row for row, _ in sheet.texts)
    covered: dict[tuple[int, int], Cell] = {}
    for merge in sheet.merges:
        for row in range(merge.first_row, merge.last_row + 1):
            for col in range(merge.first_col, merge.last_col + 1):
                if (row, col) != (merge.first_row, merge.first_col):
                    covered[row, col] = Covered.LEFT if row == merge.first_row else Covered.ABOVE
    rows: list[list[Cell]] = []
    for row in range(height):
        cells: list[Cell] = [
            covered.get((row, col), sheet.texts.get((row, col), "")) for col in range(width)
        ]
        if any(isinstance(cell, str) and cell for cell in cells):
            rows.append(cells)
    return rows


def _texts(cells: list[Cell]) -> list[str]:
    return [cell for cell in cells if isinstance(cell, str) and cell]


def _split_title_rows(rows: list[list[Cell]]) -> tuple[list[str], list[list[Cell]]]:
    """The text lines of the rows above the table (one text each), and the table's rows."""
    for index, row in enumerate(rows):
        if len(_texts(row)) >= 2:
            above = [line for r in rows[:index] for text in _texts(r) for line in text.split("\n")]
            return above, rows[index:]
    return [line for r in rows for text in _texts(r) for line in text.split("\n")], []


def _hidden_notices(sheet: Sheet, name: str) -> list[Notice]:
    notices = []
    # Only hidden rows and columns with text are worth a look.
    rows = sorted({r for r, _ in sheet.texts} & set(sheet.hidden_rows))
    columns = sorted({c for _, c in sheet.texts} & set(sheet.hidden_columns))
    if rows:
        numbers = ", ".join(str(r + 1) for r in rows)
        notices.append(
            Notice(NoticeCode.HIDDEN_ROWS, f"{name}: hidden rows {numbers} read as the others")
        )
    if columns:
        letters = ", ".join(column_letter(c) for c in columns)
        notices.append(
            Notice(
                NoticeCode.HIDDEN_COLUMNS, f"{name}: hidden columns {letters} read as the others"
            )
        )
    return notices


def column_letter(col: int) -> str:
    """The spreadsheet letter of a 0-based column (0 -> A, 26 -> AA)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
