"""CSV output that opens correctly in Excel.

UTF-8 with a BOM (Excel needs it to read Chinese), one row per record, department
lists joined with 、, and each column of ``extra`` as a column of its own after the
record fields. Column names are the record's field keys (docs/output.md); every
cell goes through the formula guard (``formula_guard.csv_bytes``). The warnings go to
a sidecar file, ``NAME.warnings.csv`` (``warning_table.warnings_csv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from qingdan.schema import Document, DocumentStream
from qingdan.writers.formula_guard import csv_bytes, write_csv
from qingdan.writers.record_table import LIST_SEPARATOR, RECORD_COLUMNS, RecordTable, record_table
from qingdan.writers.warning_table import FileStatus

__all__ = ["LIST_SEPARATOR", "RECORD_COLUMNS", "document_csv", "documents_csv", "table_csv"]


def table_csv(table: RecordTable) -> bytes:
    """A record table as CSV bytes (keys as the header)."""
    try:
        return csv_bytes(table.header, table.rows)
    finally:
        table.close()


def document_csv(document: Document) -> bytes:
    """One document's records as CSV bytes."""
    return table_csv(record_table([document]))


def documents_csv(documents: Sequence[Document], files: Sequence[FileStatus] = ()) -> bytes:
    """Several documents' records as one CSV, each row led by its ``file`` and ``title``
    (``files`` is for the XLSX writer's 文件 sheet; a CSV has one table only)."""
    return table_csv(record_table(documents, with_source=True))


def write_table(table: RecordTable, stream: BinaryIO) -> None:
    """A record table written into ``stream`` row by row."""
    try:
        write_csv(stream, table.header, table.rows)
    finally:
        table.close()


def write_document_csv(document: DocumentStream, stream: BinaryIO) -> None:
    """``document_csv`` written into ``stream`` row by row, the records read as they come."""
    write_table(record_table([document]), stream)


def write_documents_csv(
    documents: Sequence[Document], files: Sequence[FileStatus], stream: BinaryIO
) -> None:
    """``documents_csv`` written into ``stream`` row by row."""
    write_table(record_table(documents, with_source=True), stream)
