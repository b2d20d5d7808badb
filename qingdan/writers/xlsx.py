"""XLSX output (openpyxl): a sheet a person can read straight away.

The header row is bold and frozen, columns are as wide as their text (within
limits), long text wraps, department lists are joined with 、, and text that Excel
would run as a formula is stored as text (``formula_guard``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from qingdan.schema import Document
from qingdan.writers.formula_guard import starts_like_formula
from qingdan.writers.record_table import RecordTable, record_table

SHEET_TITLE = "任务清单"
MIN_WIDTH, MAX_WIDTH = 6, 60
"""Column widths in characters: a CJK character counts twice, as Excel draws it."""


def _display_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _column_width(header: str, cells: list[str]) -> int:
    widest = max([_display_width(header), *(_display_width(c) for c in cells)])
    return max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


def table_xlsx(table: RecordTable) -> bytes:
    """A record table as the bytes of an .xlsx workbook with one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = SHEET_TITLE
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_index, row in enumerate(table.rows, start=2):
        for col_index, text in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            cell.value = text
            # openpyxl stores text starting with "=" as a formula; keep it a string.
            cell.data_type = "s"
            if starts_like_formula(text):
                cell.quotePrefix = True
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    for col_index, label in enumerate(table.header, start=1):
        column = [row[col_index - 1] for row in table.rows if col_index <= len(row)]
        width = _column_width(label, column)
        sheet.column_dimensions[get_column_letter(col_index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def document_xlsx(document: Document) -> bytes:
    """One document's records as .xlsx bytes."""
    return table_xlsx(record_table([document]))


def documents_xlsx(documents: Sequence[Document]) -> bytes:
    """Several documents' records in one sheet, each row led by its ``file`` and ``title``."""
    return table_xlsx(record_table(documents, with_source=True))
