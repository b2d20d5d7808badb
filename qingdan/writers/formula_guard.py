"""Spreadsheet safety: text that Excel would run as a formula is written as text.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a TAB or carriage
return, which some spreadsheet programs skip before looking) is read by Excel as a
formula; a hostile attachment could use that to run commands on the reader's
machine ("CSV injection"). This module is the one guard every CSV and XLSX writer
goes through, for every cell: records, headers, ``extra`` labels, warnings,
departments, the diff (issue 17):

* ``csv_bytes`` writes a whole CSV file, putting an apostrophe in front of
  formula-like text (Excel's own "this is text" mark, which it hides);
* ``xlsx_value`` sets an XLSX cell, storing text always as a string (never a live
  formula) with Excel's quote-prefix flag on formula-like text.

``guard_off()`` (``--no-formula-guard``) drops the CSV apostrophe for programs that
read the file as data (pandas); XLSX cells stay strings either way, since the
quote-prefix flag does not change a cell's value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a cell as a formula."""

TEXT_MARK = "'"
"""The prefix that tells Excel a CSV cell is text."""

CellValue = str | int | float | date | None
"""What one spreadsheet cell holds."""

_GUARD: ContextVar[bool] = ContextVar("qingdan_formula_guard", default=True)


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet program would read this cell text as a formula."""
    return text.startswith(FORMULA_STARTS)


def guard_on() -> bool:
    """Whether CSV cells get the text mark (on unless inside ``guard_off()``)."""
    return _GUARD.get()


@contextmanager
def guard_off() -> Iterator[None]:
    """Write CSV cells as they are, formula-like or not (``--no-formula-guard``)."""
    token = _GUARD.set(False)
    try:
        yield
    finally:
        _GUARD.reset(token)


def csv_safe(text: str) -> str:
    """Cell text for a CSV file: formula-like text gets the apostrophe text mark."""
    return TEXT_MARK + text if guard_on() and starts_like_formula(text) else text


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return csv_safe(value) if isinstance(value, str) else str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """A whole CSV file, every cell (the header's too) through the guard: UTF-8 with a
    BOM (Excel needs it to read Chinese), CRLF line ends as Excel writes them."""
    buffer = io.BytesIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def write_csv(stream: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> None:
    """``csv_bytes`` written into ``stream`` row by row (a 100 MB text dump's CSV was
    held three times over, as text, its copy and its bytes, issue 29)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=False)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([_csv_text(label) for label in header])
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
        text.flush()
    finally:
        text.detach()  # the stream stays open: its owner closes it


def xlsx_value(cell: Cell | MergedCell, value: CellValue) -> None:
    """Set an XLSX cell: text always as a string (openpyxl would store ``=...`` as a
    formula), with the quote-prefix flag on formula-like text; numbers and dates typed."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if starts_like_formula(value):
            cell.quotePrefix = True
