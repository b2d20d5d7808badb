"""CSV output that opens correctly in Excel.

UTF-8 with a BOM (Excel needs it to read Chinese), one row per record, department
lists joined with 、, and each column of ``extra`` as a column of its own after the
record fields. Column names are the record's field names (README, "CSV columns").
Text that Excel would run as a formula is marked as text (``formula_guard``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from qingdan.schema import Document
from qingdan.writers.formula_guard import csv_safe
from qingdan.writers.record_table import LIST_SEPARATOR, RECORD_COLUMNS, RecordTable, record_table

__all__ = ["LIST_SEPARATOR", "RECORD_COLUMNS", "document_csv", "documents_csv", "table_csv"]


def table_csv(table: RecordTable) -> bytes:
    """A record table as CSV bytes (UTF-8 with BOM, CRLF line ends as Excel writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.header)
    writer.writerows([csv_safe(cell) for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def document_csv(document: Document) -> bytes:
    """One document's records as CSV bytes."""
    return table_csv(record_table([document]))


def documents_csv(documents: Sequence[Document]) -> bytes:
    """Several documents' records as one CSV, each row led by its ``file`` and ``title``."""
    return table_csv(record_table(documents, with_source=True))
