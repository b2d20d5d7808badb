"""CSV output that opens correctly in Excel.

UTF-8 with a BOM (Excel needs it to read Chinese), one row per record, department
lists joined with 、, and each column of ``extra`` as a column of its own after the
record fields. Column names are the record's field names (README, "CSV columns").
"""

from __future__ import annotations

import csv
import io

from schema import Document, Record

LIST_SEPARATOR = "、"
RECORD_COLUMNS = [name for name in Record.model_fields if name != "extra"]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def document_csv(document: Document) -> bytes:
    """The records as CSV bytes (UTF-8 with BOM, CRLF line ends as Excel writes them)."""
    extra_columns: list[str] = []
    for record in document.records:
        extra_columns.extend(k for k in record.extra if k not in extra_columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*RECORD_COLUMNS, *extra_columns])
    for record in document.records:
        values = record.model_dump(mode="json")
        writer.writerow(
            [_cell(values[c]) for c in RECORD_COLUMNS]
            + [record.extra.get(c, "") for c in extra_columns]
        )
    return buffer.getvalue().encode("utf-8-sig")
