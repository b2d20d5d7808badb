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
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import BinaryIO, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from qingdan.schema import Document, DocumentStream
from qingdan.writers.export_columns import export_columns
from qingdan.writers.formula_guard import CellValue, xlsx_value
from qingdan.writers.labels import labels
from qingdan.writers.record_table import as_stream, record_table
from qingdan.writers.spill import Rows
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
Sheet = Worksheet
"""A sheet held whole or written row by row (a streaming workbook): openpyxl's
write-only sheet has the same layout attributes (set by the same ``_setup``), which its
type stubs do not declare; ``_new_sheet`` casts it."""


def column_widths(
    header: Sequence[str], rows: Iterable[Sequence[CellValue]], keys: Sequence[str] = ()
) -> list[int]:
    """Each column's width: its widest text within its limit (``keys``, the columns'
    field keys, say which columns may take ``MAX_WIDTH``). The rows are read once."""
    widest = [min(display_width(label), HEADER_WIDTH) for label in header]
    for row in rows:
        for col, cell in enumerate(row[: len(widest)]):
            if cell is not None:
                widest[col] = max(widest[col], display_width(str(cell)))
    wide = {i for i, key in enumerate(keys) if key in WIDE_COLUMNS}
    return [
        max(MIN_WIDTH, min(MAX_WIDTH if col in wide else TEXT_WIDTH, width + 2))
        for col, width in enumerate(widest)
    ]


def fill_sheet(
    sheet: Sheet,
    header: Sequence[str],
    rows: Rows,
    keys: Sequence[str] = (),
    warned: Callable[[int], bool] | None = None,
) -> None:
    """Header and rows, typed and guarded; bold frozen filtered header, widths, wrapping,
    each row as high as its wrapped text. ``keys`` (the columns' field keys) say which
    columns may be widest; ``warned(i)`` says whether row ``i`` (from 0) is filled yellow.

    The rows are appended one by one, each row's height set just before it is written, so
    that a write-only sheet (a streaming workbook) holds one row at a time (issue 29); they
    are read twice (widths, then cells), so they may wait on disk (``SpilledRows``)."""
    widths = column_widths(header, rows, keys)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    style = _Style()
    _append(sheet, 1, [_cell(sheet, label, style.header) for label in header], header, widths)
    for index, row in enumerate(rows):
        fill = style.warned if warned is not None and warned(index) else None
        cells = [_cell(sheet, value, style.body, fill) for value in row]
        _append(sheet, index + 2, cells, row, widths)


class _Style:
    """The styles of a records sheet's cells, made once a sheet."""

    def __init__(self) -> None:
        wrap = Alignment(wrap_text=True, vertical="top")
        self.header = (Font(bold=True), wrap)
        self.body = (None, wrap)
        self.warned = PatternFill("solid", start_color=WARNED_FILL, end_color=WARNED_FILL)


def _cell(
    sheet: Sheet,
    value: CellValue,
    style: tuple[Font | None, Alignment],
    fill: PatternFill | None = None,
) -> Cell:
    """One guarded, typed, styled cell (every position gets one, blank ones too: a blank
    cell of a warned row is filled as well)."""
    cell = WriteOnlyCell(sheet)
    xlsx_value(cell, value)
    font, alignment = style
    if font is not None:
        cell.font = font
    cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _append(
    sheet: Sheet,
    number: int,
    cells: list[Cell],
    values: Sequence[CellValue],
    widths: Sequence[int],
) -> None:
    """Write one row at its height; a write-only sheet forgets the height once written."""
    sheet.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(values, widths)
    sheet.append(cells)
    if sheet.parent is not None and sheet.parent.write_only:
        del sheet.row_dimensions[number]


def wrapped_lines(row: Sequence[CellValue], widths: Sequence[int]) -> int:
    """The wrapped lines the row's tallest cell needs in columns of ``widths``."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and value:
            usable = max(1, width - 1)
            needed = sum(-(-max(1, display_width(part)) // usable) for part in value.split("\n"))
            lines = max(lines, needed)
    return min(lines, MAX_LINES)


def print_setup(sheet: Sheet) -> None:
    """Landscape A4, fit to the page width (as many pages down as needed), header repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def workbook_xlsx(
    documents: Sequence[Document],
    with_source: bool,
    files: Sequence[FileStatus] | None = None,
    *,
    streaming: bool = True,
) -> bytes:
    """``write_workbook`` as bytes."""
    buffer = io.BytesIO()
    write_workbook(buffer, documents, with_source, files, streaming=streaming)
    return buffer.getvalue()


def write_workbook(
    stream: BinaryIO,
    documents: Sequence[Document | DocumentStream],
    with_source: bool,
    files: Sequence[FileStatus] | None = None,
    *,
    streaming: bool = True,
) -> None:
    """The records sheet, the 警告 sheet and (when ``files`` is given) the 文件 sheet.

    ``streaming`` writes a write-only workbook: each row goes to the file as it is made,
    not a cell object per value held until the end (a 100 MB text dump took 2.1 GB as a
    workbook held whole, issue 33). The sheets look the same either way
    (tests/qingdan/writers/test_xlsx_streaming.py compares them)."""
    workbook = Workbook(write_only=streaming)
    for first in workbook.worksheets:  # a workbook held whole starts with a blank sheet
        workbook.remove(first)
    streams = [as_stream(document) for document in documents]
    keys = _records_sheet(workbook, streams, with_source)
    warning_labels = labels("warning")
    warnings = _new_sheet(workbook, WARNINGS_SHEET)
    print_setup(warnings)
    fill_sheet(
        warnings,
        [warning_labels[k] for k in WARNING_COLUMNS],
        warning_rows(streams),
        WARNING_COLUMNS,
    )
    if files is not None:
        file_labels = labels("file")
        sheet_of_files = _new_sheet(workbook, FILES_SHEET)
        print_setup(sheet_of_files)
        labels_of_files = [file_labels[k] for k in FILE_COLUMNS]
        fill_sheet(sheet_of_files, labels_of_files, file_rows(files), FILE_COLUMNS)
    export = export_columns()
    if export is None:
        _mark(mark_sheet(workbook, MARK, keys), streams)
    else:  # the target system's table: marked so a batch skips it, but not read back
        mark_sheet(workbook, EXPORT_MARK, [column.key for column in export])
    workbook.save(stream)


def _records_sheet(
    workbook: Workbook, streams: Sequence[DocumentStream], with_source: bool
) -> list[str]:
    """The records sheet, its warned rows filled (the records are read first: a
    streamed document's warnings are complete only after its last record); its keys."""
    sheet = _new_sheet(workbook, SHEET_TITLE)
    table = record_table(streams, with_source=with_source)
    try:
        warned = {(i, w.row) for i, document in enumerate(streams) for w in document.warnings}
        print_setup(sheet)
        keys = table.keys
        fill_sheet(sheet, table.labels, table.rows, table.header, lambda row: keys[row] in warned)
    finally:
        table.close()
    return table.header


def _new_sheet(workbook: Workbook, title: str) -> Sheet:
    """A new sheet at the end of ``workbook`` (write-only in a streaming workbook)."""
    return cast(Sheet, workbook.create_sheet(title))


def mark_sheet(workbook: Workbook, mark: str, keys: Sequence[str] = ()) -> Sheet:
    """The hidden mark sheet (``MARK_SHEET``) added to a workbook we write: ``mark``
    (``MARK``, ``EXPORT_MARK``, ``GRID_MARK``) and the format version, then ``keys``."""
    sheet = _new_sheet(workbook, MARK_SHEET)
    sheet.sheet_state = "hidden"
    sheet.append([_plain(sheet, mark), _plain(sheet, MARK_VERSION)])
    sheet.append([_plain(sheet, key) for key in keys])
    return sheet


def _mark(sheet: Sheet, documents: Sequence[DocumentStream]) -> None:
    """A records workbook's mark: each document's description and warnings below the keys."""
    for document in documents:
        warnings = [warning.model_dump(mode="json") for warning in document.warnings]
        description = document.document.model_dump_json()
        sheet.append(
            [_plain(sheet, description), _plain(sheet, json.dumps(warnings, ensure_ascii=False))]
        )


def _plain(sheet: Sheet, value: CellValue) -> Cell:
    """A guarded cell without style."""
    cell = WriteOnlyCell(sheet)
    xlsx_value(cell, value)
    return cell


def document_xlsx(document: Document) -> bytes:
    """One document's records as .xlsx bytes (with its 警告 sheet)."""
    return workbook_xlsx([document], with_source=False)


def write_document_xlsx(document: DocumentStream, stream: BinaryIO) -> None:
    """``document_xlsx`` written into ``stream``."""
    write_workbook(stream, [document], with_source=False)


def write_documents_xlsx(
    documents: Sequence[Document], files: Sequence[FileStatus], stream: BinaryIO
) -> None:
    """``documents_xlsx`` written into ``stream``."""
    write_workbook(stream, documents, with_source=True, files=list(files) or None)


def documents_xlsx(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """Several documents' records in one sheet, each row led by its ``file`` and ``title``;
    the 文件 sheet lists ``files`` (every input of the batch) when given."""
    return workbook_xlsx(documents, with_source=True, files=list(files) or None)
