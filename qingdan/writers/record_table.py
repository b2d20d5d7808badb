"""The records of one or several documents as a table of text cells (CSV and XLSX rows).

Columns are the record's fields in contract order, department lists joined with
``、``, then one column per ``extra`` label in order of first appearance. The
combined outputs of a batch (``all.csv``, ``all.xlsx``) put ``file`` and ``title``
first, so every row says which attachment it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qingdan.schema import Document, Record

LIST_SEPARATOR = "、"
RECORD_COLUMNS = [name for name in Record.model_fields if name != "extra"]
SOURCE_COLUMNS = ["file", "title"]


@dataclass(frozen=True)
class RecordTable:
    """A header row and one row of text cells per record."""

    header: list[str]
    rows: list[list[str]]


def cell_text(value: object) -> str:
    """A record value as the text of one cell (lists joined with 、, null as blank)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def record_table(documents: Sequence[Document], with_source: bool = False) -> RecordTable:
    """The records of ``documents`` as one table; ``with_source`` adds file and title."""
    extra_columns: list[str] = []
    for document in documents:
        for record in document.records:
            extra_columns.extend(k for k in record.extra if k not in extra_columns)
    source = SOURCE_COLUMNS if with_source else []
    rows: list[list[str]] = []
    for document in documents:
        origin = [document.document.file, cell_text(document.document.title)]
        for record in document.records:
            values = record.model_dump(mode="json")
            rows.append(
                (origin if with_source else [])
                + [cell_text(values[c]) for c in RECORD_COLUMNS]
                + [record.extra.get(c, "") for c in extra_columns]
            )
    return RecordTable([*source, *RECORD_COLUMNS, *extra_columns], rows)
