"""The tables as printed (``qingdan extract FILE -o grid.xlsx``): one sheet per raw
table, its merged cells merged again, the text printed above it on top, so records can
be checked against the original grid (issue 32).

A merged cell is rebuilt from the raw grid's covered positions: the anchor's text
spreads right over the ``Covered.LEFT`` positions beside it, then down over the rows
whose positions under it are all covered. Nothing is guessed from the text; a covered
position no anchor reaches (a reader's lone mark) stays an empty cell.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from qingdan.extract.grid import Cell, Covered, RawDocument, RawTable, is_covered
from qingdan.writers.formula_guard import CellValue, xlsx_value
from qingdan.writers.text_width import display_width
from qingdan.writers.xlsx import (
    GRID_MARK,
    LINE_HEIGHT,
    TEXT_WIDTH,
    mark_sheet,
    print_setup,
    wrapped_lines,
)


class Span(NamedTuple):
    """A merged cell of a raw table: its anchor (0-based row, column) and its size."""

    row: int
    col: int
    height: int
    width: int


def _at(rows: Sequence[Sequence[Cell]], row: int, col: int) -> Cell | None:
    return rows[row][col] if row < len(rows) and col < len(rows[row]) else None


def _span_at(
    rows: Sequence[Sequence[Cell]], row: int, col: int, taken: set[tuple[int, int]]
) -> Span:
    width = 1
    while _at(rows, row, col + width) is Covered.LEFT and (row, col + width) not in taken:
        width += 1
    height = 1
    while _at(rows, row + height, col) is Covered.ABOVE and all(
        is_covered(_at(rows, row + height, c)) and (row + height, c) not in taken
        for c in range(col, col + width)
    ):
        height += 1
    return Span(row, col, height, width)


def merged_spans(rows: Sequence[Sequence[Cell]]) -> list[Span]:
    """Every merged cell of a grid (anchors covering at least one other position)."""
    spans: list[Span] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if is_covered(cell) or (r, c) in taken:
                continue
            span = _span_at(rows, r, c, taken)
            if span.height > 1 or span.width > 1:
                spans.append(span)
                taken.update(
                    (r + dr, c + dc) for dr in range(span.height) for dc in range(span.width)
                )
    return spans


def _page(table: RawTable) -> int | None:
    return next((row.page for row in table.rows if row.page is not None), None)


def _sheet_title(index: int, table: RawTable) -> str:
    page = _page(table)
    return f"表{index}" if page is None else f"表{index}（第{page}页）"


def _fill_table(sheet: Worksheet, above: Sequence[str], table: RawTable) -> None:
    """The lines above (bold, one a row), a blank row, then the grid with its merges."""
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for index, line in enumerate(above, start=1):
        cell = sheet.cell(row=index, column=1)
        xlsx_value(cell, line)
        cell.font = bold
    top = len(above) + 2 if above else 1
    rows = [row.cells for row in table.rows]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = sheet.cell(row=top + r, column=c + 1)
            if not is_covered(value):
                xlsx_value(cell, value if isinstance(value, str) else None)
            cell.alignment = wrap
    for span in merged_spans(rows):
        sheet.merge_cells(
            start_row=top + span.row,
            start_column=span.col + 1,
            end_row=top + span.row + span.height - 1,
            end_column=span.col + span.width,
        )
    widths = _widths(rows, table.width)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(rows):
        sheet.row_dimensions[top + r].height = LINE_HEIGHT * wrapped_lines(_texts(row), widths)


def _texts(row: Sequence[Cell]) -> list[CellValue]:
    return [cell if isinstance(cell, str) else None for cell in row]


def _widths(rows: Sequence[Sequence[Cell]], width: int) -> list[int]:
    widths = []
    for c in range(width):
        texts = [cell for row in rows for cell in row[c : c + 1] if isinstance(cell, str)]
        widest = max((display_width(part) for t in texts for part in t.split("\n")), default=0)
        widths.append(max(6, min(TEXT_WIDTH, widest + 2)))
    return widths


def grid_xlsx(raw: RawDocument) -> bytes:
    """Every raw table of a document as printed, one sheet each, as .xlsx bytes."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook always has its first sheet
    for index, table in enumerate(raw.tables, start=1):
        sheet = first if index == 1 else workbook.create_sheet()
        sheet.title = _sheet_title(index, table)
        above = raw.content.text_before if index == 1 else table.text_above
        _fill_table(sheet, [line for line in above if line.strip()], table)
        print_setup(sheet)
        sheet.print_title_rows = None
    if not raw.tables:
        first.title = "表格"
        xlsx_value(first.cell(row=1, column=1), "（未找到表格）")
    mark_sheet(workbook, GRID_MARK)  # a batch over a folder holding it skips it
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
