"""The records of one or several documents as a table (CSV and XLSX rows).

Columns are the record's fields in contract order (``RECORD_COLUMNS``, derived from
``qingdan.schema.Record``), department lists joined with ``、``, then one column per
``extra`` label in order of first appearance. The combined outputs of a batch
(``all.csv``, ``all.xlsx``) put ``source``, ``file`` and ``title`` first, so every row says which
attachment it came from. Each column has its key (the CSV header) and a Chinese
label (the XLSX header): the document's printed label where it has exactly one for
the field, else the standard label of ``data/labels.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qingdan.schema import FLAT_FIELDS, Document
from qingdan.writers.export_columns import EXTRA_PREFIX, ExportColumn, export_columns
from qingdan.writers.formula_guard import CellValue
from qingdan.writers.labels import labels

LIST_SEPARATOR = "、"
RECORD_COLUMNS = [name for name in FLAT_FIELDS if name != "extra"]
"""The record fields that are columns of their own (``extra`` becomes one column per label;
``cells``, where a value was printed, is no column: ``schema.FLAT_FIELDS``)."""
SOURCE_COLUMNS = ["source", "file", "title"]
"""What leads each row of a combined output: the attachment's path relative to the
input root (two 附件1.docx in different folders differ there), its name and title."""
NUMBERED = frozenset({"seq", "page"})
"""Fields that are numbers in a spreadsheet (sorted as numbers, not as text)."""


@dataclass(frozen=True)
class TableColumn:
    """One column: its key (field name, or the printed label of an ``extra`` column)
    and its Chinese header label."""

    key: str
    label: str


@dataclass(frozen=True)
class RecordTable:
    """The columns and one row of typed cells per record."""

    columns: list[TableColumn]
    rows: list[list[CellValue]]

    @property
    def header(self) -> list[str]:
        """The column keys (the CSV header)."""
        return [column.key for column in self.columns]

    @property
    def labels(self) -> list[str]:
        """The Chinese header labels (the XLSX header)."""
        return [column.label for column in self.columns]


def cell_text(value: object) -> str:
    """A record value as the text of one cell (lists joined with 、, null as blank)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def cell_value(field: str, value: object) -> CellValue:
    """A record value as a typed cell: numbers and dates as themselves, lists joined,
    ``due_kind`` in the Chinese a person reads (``labels.toml`` [due_kind])."""
    if value is None:
        return None
    if field == "due_kind":
        return labels("due_kind").get(str(value), str(value))
    if field in NUMBERED and isinstance(value, int):
        return value
    if field == "no" and isinstance(value, str) and value.isascii() and value.isdigit():
        # A printed 序号 "3" sorts as the number 3; "03" or "（一）" stays text.
        return int(value) if not value.startswith("0") else value
    if isinstance(value, date):
        return value
    return cell_text(value)


def printed_labels(documents: Sequence[Document]) -> dict[str, str]:
    """Field -> the printed label, where every document prints exactly one label for
    the field and that label feeds no other field."""
    chosen: dict[str, set[str]] = {}
    feeds: dict[str, set[str]] = {}
    for document in documents:
        for column in document.document.columns:
            if column.field is not None:
                chosen.setdefault(column.field, set()).add(column.label)
                feeds.setdefault(column.label, set()).add(column.field)
    return {
        field: next(iter(found))
        for field, found in chosen.items()
        if len(found) == 1 and len(feeds[next(iter(found))]) == 1
    }


def record_table(documents: Sequence[Document], with_source: bool = False) -> RecordTable:
    """The records of ``documents`` as one table; ``with_source`` adds source, file and
    title. Inside ``export_columns.exporting``, the export's columns and labels only."""
    export = export_columns()
    table = _full_table(documents, with_source or export is not None)
    return table if export is None else _exported(table, export)


def _exported(table: RecordTable, export: Sequence[ExportColumn]) -> RecordTable:
    """The columns an export names, in its order, headed by its labels (CSV and XLSX)."""
    fixed = len(SOURCE_COLUMNS) + len(RECORD_COLUMNS)  # the extra columns follow
    where = {
        column.key if index < fixed else EXTRA_PREFIX + column.key: index
        for index, column in enumerate(table.columns)
    }
    picks = [where.get(column.key) for column in export]
    return RecordTable(
        [TableColumn(column.label, column.label) for column in export],
        [[None if i is None else row[i] for i in picks] for row in table.rows],
    )


def _full_table(documents: Sequence[Document], with_source: bool) -> RecordTable:
    """Every column: source (when asked), the record fields, then each ``extra`` label."""
    extra_columns: list[str] = []
    for document in documents:
        for record in document.records:
            extra_columns.extend(k for k in record.extra if k not in extra_columns)
    standard, printed = labels("record"), printed_labels(documents)
    source = labels("source")
    columns = [TableColumn(key, source[key]) for key in SOURCE_COLUMNS] if with_source else []
    columns += [TableColumn(key, printed.get(key, standard[key])) for key in RECORD_COLUMNS]
    columns += [TableColumn(label, label) for label in extra_columns]
    rows: list[list[CellValue]] = []
    for document in documents:
        info = document.document
        origin: list[CellValue] = [info.source or info.file, info.file, info.title]
        for record in document.records:
            values = dict(record)
            rows.append(
                (origin if with_source else [])
                + [cell_value(c, values[c]) for c in RECORD_COLUMNS]
                + [record.extra.get(c, "") for c in extra_columns]
            )
    return RecordTable(columns, rows)
