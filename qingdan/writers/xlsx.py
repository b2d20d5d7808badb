"""XLSX output (openpyxl): a workbook a person can read, sort, filter and print.

The 任务清单 sheet: Chinese headers (the document's printed label, else the standard
label; the field keys are in docs/output.md), bold, frozen and with an auto-filter;
typed cells (``seq``, ``page`` and numeric 序号 as numbers, ``due`` as a date cell);
columns as wide as their text within limits (one display-width rule for CJK,
``text_width``), long text wrapped; printed landscape on A4, fit to the page width,
the header row repeated on every page. A 警告 sheet lists every warning (file, row,
page, code, message) and, for a batch, a 文件 sheet lists every input with its
status. Every cell goes through the formula guard (``formula_guard.xlsx_value``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from qingdan.schema import Document
from qingdan.writers.export_columns import export_columns
from qingdan.writers.formula_guard import CellValue, xlsx_value
from qingdan.writers.labels import labels
from qingdan.writers.record_table import record_table
from qingdan.writers.text_width import display_width
from qingdan.writers.warning_table import (
    FILE_COLUMNS,
    WARNING_COLUMNS,
    FileStatus,
    file_rows,
    warning_rows,
)

MARK_SHEET = "_qingdan"
"""The hidden sheet that marks a workbook as qingdan's output: ``MARK`` and the format
version, the records sheet's column keys, then each document's description and its
warnings (with their English messages; the 警告 sheet shows them in Chinese) as JSON
(``qingdan.readback`` reads the workbook back by it, a hand-edited one included)."""
MARK = "qingdan-records"
MARK_VERSION = "1"
EXPORT_MARK = "qingdan-export"
"""The mark of an export (``--export-columns``): the target system's table, its column
keys in row 2; read back, it is named as our export, not records."""
GRID_MARK = "qingdan-grid"
"""The mark of a grid workbook (``qingdan extract FILE -o grid.xlsx``): tables as
printed, not records."""
SHEET_TITLE = "任务清单"
WARNINGS_SHEET = "警告"
FILES_SHEET = "文件"
MIN_WIDTH, MAX_WIDTH, TEXT_WIDTH = 6, 50, 24
"""Column widths in characters (a CJK character counts twice, as Excel draws it): the
main text column (the measure, a warning's message) up to ``MAX_WIDTH``, every other
column up to ``TEXT_WIDTH``; longer text wraps. Printed fit to the page width, a list's
sheet then stays readable on landscape A4."""
HEADER_WIDTH = 12
"""A header wider than this wraps rather than widening its column."""
WIDE_COLUMNS = frozenset({"measure", "message", "reason", "old", "new"})
"""The keys of the columns that may take ``MAX_WIDTH``."""
DATE_FORMAT = "yyyy-mm-dd"
A4 = 9
"""openpyxl's (and Excel's) paper size code for A4."""
LINE_HEIGHT = 15.0
"""Points per wrapped line (Excel's default row is one 15-point line): a row is as high
as its longest cell's wrapped lines, so each 工作措施 shows whole (issue 32)."""
MAX_LINES = 27
"""Excel's limit is 409 points a row: 27 lines."""
WARNED_FILL = "FFF2CC"
"""The light yellow of a records row that has a warning (see the 警告 sheet)."""


def _column_width(header: str, cells: Sequence[CellValue], limit: int) -> int:
    texts = ("" if c is None else str(c) for c in cells)
    widest = max([min(display_width(header), HEADER_WIDTH), *map(display_width, texts)])
    return max(MIN_WIDTH, min(limit, widest + 2))


def fill_sheet(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    keys: Sequence[str] = (),
) -> None:
    """Header and rows, typed and guarded; bold frozen filtered header, widths, wrapping.
    ``keys`` (the columns' field keys) say which columns may be widest."""
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for col, label in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=col)
        xlsx_value(cell, label)
        cell.font = bold
        cell.alignment = wrap
    for row_index, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col)
            xlsx_value(cell, value)
            cell.alignment = wrap
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    wide = {i for i, key in enumerate(keys, start=1) if key in WIDE_COLUMNS}
    widths = []
    for col, label in enumerate(header, start=1):
        column = [row[col - 1] for row in rows if col <= len(row)]
        limit = MAX_WIDTH if col in wide else TEXT_WIDTH
        widths.append(_column_width(label, column, limit))
        sheet.column_dimensions[get_column_letter(col)].width = widths[-1]
    for row_index, row in enumerate([list(header), *rows], start=1):
        sheet.row_dimensions[row_index].height = LINE_HEIGHT * wrapped_lines(row, widths)


def wrapped_lines(row: Sequence[CellValue], widths: Sequence[int]) -> int:
    """The wrapped lines the row's tallest cell needs in columns of ``widths``."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and value:
            usable = max(1, width - 1)
            needed = sum(-(-max(1, display_width(part)) // usable) for part in value.split("\n"))
            lines = max(lines, needed)
    return min(lines, MAX_LINES)


def mark_warned_rows(
    sheet: Worksheet, rows: Sequence[tuple[int, int]], warned: set[tuple[int, int | None]]
) -> None:
    """Fill the records rows (one per ``rows`` entry, (document, seq), from row 2) that
    have a warning."""
    fill = PatternFill("solid", start_color=WARNED_FILL, end_color=WARNED_FILL)
    for row_index, key in enumerate(rows, start=2):
        if key in warned:
            for cell in sheet[row_index]:
                cell.fill = fill


def print_setup(sheet: Worksheet) -> None:
    """Landscape A4, fit to the page width (as many pages down as needed), header repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def workbook_xlsx(
    documents: Sequence[Document], with_source: bool, files: Sequence[FileStatus] | None = None
) -> bytes:
    """The records sheet, the 警告 sheet and (when ``files`` is given) the 文件 sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = SHEET_TITLE
    table = record_table(documents, with_source=with_source)
    fill_sheet(sheet, table.labels, table.rows, table.header)
    print_setup(sheet)
    rows = [(i, record.seq) for i, document in enumerate(documents) for record in document.records]
    warned = {(i, w.row) for i, document in enumerate(documents) for w in document.warnings}
    mark_warned_rows(sheet, rows, warned)
    warning_labels = labels("warning")
    warnings = workbook.create_sheet(WARNINGS_SHEET)
    fill_sheet(
        warnings,
        [warning_labels[k] for k in WARNING_COLUMNS],
        warning_rows(documents),
        WARNING_COLUMNS,
    )
    print_setup(warnings)
    if files is not None:
        file_labels = labels("file")
        sheet_of_files = workbook.create_sheet(FILES_SHEET)
        labels_of_files = [file_labels[k] for k in FILE_COLUMNS]
        fill_sheet(sheet_of_files, labels_of_files, file_rows(files), FILE_COLUMNS)
        print_setup(sheet_of_files)
    export = export_columns()
    if export is None:
        _mark(mark_sheet(workbook, MARK, table.header), documents)
    else:  # the target system's table: marked so a batch skips it, but not read back
        mark_sheet(workbook, EXPORT_MARK, [column.key for column in export])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mark_sheet(workbook: Workbook, mark: str, keys: Sequence[str] = ()) -> Worksheet:
    """The hidden mark sheet (``MARK_SHEET``) added to a workbook we write: ``mark``
    (``MARK``, ``EXPORT_MARK``, ``GRID_MARK``) and the format version, then ``keys``."""
    sheet: Worksheet = workbook.create_sheet(MARK_SHEET)
    sheet.sheet_state = "hidden"
    xlsx_value(sheet.cell(row=1, column=1), mark)
    xlsx_value(sheet.cell(row=1, column=2), MARK_VERSION)
    for col, key in enumerate(keys, start=1):
        xlsx_value(sheet.cell(row=2, column=col), key)
    return sheet


def _mark(sheet: Worksheet, documents: Sequence[Document]) -> None:
    """A records workbook's mark: each document's description and warnings below the keys."""
    for row, document in enumerate(documents, start=3):
        xlsx_value(sheet.cell(row=row, column=1), document.document.model_dump_json())
        warnings = [warning.model_dump(mode="json") for warning in document.warnings]
        xlsx_value(sheet.cell(row=row, column=2), json.dumps(warnings, ensure_ascii=False))


def document_xlsx(document: Document) -> bytes:
    """One document's records as .xlsx bytes (with its 警告 sheet)."""
    return workbook_xlsx([document], with_source=False)


def documents_xlsx(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """Several documents' records in one sheet, each row led by its ``file`` and ``title``;
    the 文件 sheet lists ``files`` (every input of the batch) when given."""
    return workbook_xlsx(documents, with_source=True, files=list(files) or None)
