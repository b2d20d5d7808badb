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

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from qingdan.schema import FLAT_FIELDS, Document, DocumentInfo, DocumentStream
from qingdan.writers.export_columns import EXTRA_PREFIX, ExportColumn, export_columns
from qingdan.writers.formula_guard import CellValue
from qingdan.writers.labels import labels
from qingdan.writers.spill import SpilledRows

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


Entry = tuple[int, list[CellValue], dict[str, str]]
"""A spilled row: its document's index, its record's field cells, its ``extra``."""


class RowKeys:
    """Each row's (document index, record ``seq``), in two compact arrays (a long
    table's rows are not held, their keys are: 16 bytes a row)."""

    def __init__(self) -> None:
        self._documents = array("q")
        self._seqs = array("q")

    def append(self, document: int, seq: int) -> None:
        """Note the next row's document and record."""
        self._documents.append(document)
        self._seqs.append(seq)

    def __getitem__(self, row: int) -> tuple[int, int]:
        return self._documents[row], self._seqs[row]


class TableRows:
    """A table's rows, read back from where they wait (``SpilledRows``), each finished
    (the ``extra`` cells placed under their columns) as it is read."""

    def __init__(
        self, spilled: SpilledRows[Entry], finish: Callable[[Entry], list[CellValue]]
    ) -> None:
        self._spilled = spilled
        self._finish = finish

    def __len__(self) -> int:
        return len(self._spilled)

    def __iter__(self) -> Iterator[list[CellValue]]:
        return map(self._finish, self._spilled)

    def then(self, change: Callable[[list[CellValue]], list[CellValue]]) -> TableRows:
        """The same rows, each changed by ``change`` after it is finished."""
        finish = self._finish
        return TableRows(self._spilled, lambda entry: change(finish(entry)))

    def close(self) -> None:
        """Let the rows go."""
        self._spilled.close()


@dataclass(frozen=True)
class RecordTable:
    """The columns and one row of typed cells per record (read as often as asked),
    with each row's document and record (``keys``)."""

    columns: list[TableColumn]
    rows: TableRows
    keys: RowKeys

    @property
    def header(self) -> list[str]:
        """The column keys (the CSV header)."""
        return [column.key for column in self.columns]

    @property
    def labels(self) -> list[str]:
        """The Chinese header labels (the XLSX header)."""
        return [column.label for column in self.columns]

    def close(self) -> None:
        """Let the rows go (a long table's wait in a temporary file)."""
        self.rows.close()


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


def printed_labels(documents: Sequence[DocumentInfo]) -> dict[str, str]:
    """Field -> the printed label, where every document prints exactly one label for
    the field and that label feeds no other field."""
    chosen: dict[str, set[str]] = {}
    feeds: dict[str, set[str]] = {}
    for document in documents:
        for column in document.columns:
            if column.field is not None:
                chosen.setdefault(column.field, set()).add(column.label)
                feeds.setdefault(column.label, set()).add(column.field)
    return {
        field: next(iter(found))
        for field, found in chosen.items()
        if len(found) == 1 and len(feeds[next(iter(found))]) == 1
    }


def as_stream(document: Document | DocumentStream) -> DocumentStream:
    """A document as the writers take it: its records read one at a time."""
    return DocumentStream.whole(document) if isinstance(document, Document) else document


def record_table(
    documents: Sequence[Document | DocumentStream], with_source: bool = False
) -> RecordTable:
    """The records of ``documents`` as one table; ``with_source`` adds source, file and
    title. Inside ``export_columns.exporting``, the export's columns and labels only.
    A streamed document's records are read here (its warnings are complete after)."""
    export = export_columns()
    table = _full_table([as_stream(d) for d in documents], with_source or export is not None)
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
        table.rows.then(lambda row: [None if i is None else row[i] for i in picks]),
        table.keys,
    )


def _full_table(documents: Sequence[DocumentStream], with_source: bool) -> RecordTable:
    """Every column: source (when asked), the record fields, then each ``extra`` label.
    The rows wait in a ``SpilledRows`` until every record has named its ``extra``."""
    spilled: SpilledRows[Entry] = SpilledRows()
    keys = RowKeys()
    extra_columns: dict[str, None] = {}  # in order of first appearance
    for index, document in enumerate(documents):
        for record in document.records:
            extra_columns.update(dict.fromkeys(record.extra))
            values = dict(record)
            spilled.append(
                (index, [cell_value(c, values[c]) for c in RECORD_COLUMNS], dict(record.extra))
            )
            keys.append(index, record.seq)
    standard, printed = labels("record"), printed_labels([d.document for d in documents])
    source = labels("source")
    columns = [TableColumn(key, source[key]) for key in SOURCE_COLUMNS] if with_source else []
    columns += [TableColumn(key, printed.get(key, standard[key])) for key in RECORD_COLUMNS]
    columns += [TableColumn(label, label) for label in extra_columns]
    origins: list[list[CellValue]] = [
        [info.source or info.file, info.file, info.title] if with_source else []
        for info in (d.document for d in documents)
    ]
    extra = list(extra_columns)

    def finish(entry: Entry) -> list[CellValue]:
        index, cells, row_extra = entry
        return origins[index] + cells + [row_extra.get(c, "") for c in extra]

    return RecordTable(columns, TableRows(spilled, finish), keys)
