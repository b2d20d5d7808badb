"""The normalizer's output: plain records, validated into pydantic models by ``schema``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from qingdan.extract.grid import Box
from qingdan.normalize.column_evidence import ColumnEvidence
from qingdan.normalize.warning_codes import TaskCode


class TaskWarning(NamedTuple):
    """Something the user should look at: a guess, a gap, text we could not place."""

    code: TaskCode
    message: str
    row: int | None = None
    """The record's ``seq`` the warning is about, if any."""
    page: int | None = None


class Column(NamedTuple):
    """One column of the task table: its printed label, its role, and why."""

    label: str
    field: str | None
    """The record field it feeds; ``None`` when its text goes to ``extra`` (or, for a lone
    责任单位 column, to ``lead`` and ``support`` both: see ``role``)."""
    role: str
    """The column's role (``normalize.roles.Role``)."""
    hint: str | None = None
    """The role its label suggests, or ``None`` for a label the vocabulary does not know."""
    decided_by: str = "label"
    """``label``, ``content``, ``user`` (the --columns file) or ``rule``."""
    evidence: ColumnEvidence | None = None


class Place(NamedTuple):
    """Where the reader found a cell."""

    table: int
    """0-based index of the reader's table (``Extracted.tables``)."""
    row: int
    """0-based row in that table (the header rows counted)."""
    column: int
    """0-based column in that row."""
    page: int | None = None
    box: Box | None = None
    """Where the reader knows it (a printed page: PDF, OFD, a scan): the cell's box on
    ``page`` (``extract.grid.Box``)."""


class SourceCell(NamedTuple):
    """One printed cell a record's value came from: the field it gave and where the
    reader found it (the row's own ``Place``, shared, not copied: a 100 MB text dump's
    records name millions of cells)."""

    field: str
    """The record field the cell gave (``measure``, ``lead`` …; ``extra`` for a column
    kept in ``extra``); a responsibility cell gives ``lead`` and ``support`` both."""
    place: Place

    @property
    def table(self) -> int:
        """The reader's table (``Place.table``)."""
        return self.place.table

    @property
    def row(self) -> int:
        """The row in that table (``Place.row``)."""
        return self.place.row

    @property
    def column(self) -> int:
        """The column in that row (``Place.column``)."""
        return self.place.column

    @property
    def page(self) -> int | None:
        """The page, where the format has pages (``Place.page``)."""
        return self.place.page

    @property
    def box(self) -> Box | None:
        """The cell's box on its page, where the reader knows it (``Place.box``)."""
        return self.place.box


class TaskRecord(NamedTuple):
    """One task (one row of the list as a person reads it)."""

    seq: int
    measure: str
    section: str | None = None
    category: str | None = None
    no: str | None = None
    lead: Sequence[str] = ()
    support: Sequence[str] = ()
    lead_canonical: Sequence[str] = ()
    """The canonical name of each ``lead`` name, in the same order (see ``normalize.aliases``)."""
    support_canonical: Sequence[str] = ()
    """The canonical name of each ``support`` name, in the same order."""
    deadline: str | None = None
    due: date | None = None
    due_kind: str | None = None
    page: int | None = None
    confidence: float | None = None
    extra: Mapping[str, str] = {}
    cells: Sequence[SourceCell] = ()
    """Every printed cell the record's values came from, in column order; none for an
    item of a numbered-paragraph list."""


class TaskList(NamedTuple):
    """A whole attachment: what it is, its records, and what needs a look."""

    file: str
    format: str
    sha256: str
    title: str | None
    attachment: str | None
    year: int | None
    columns: list[Column]
    records: list[TaskRecord]
    warnings: list[TaskWarning]
    doc_number: str | None = None
    """发文字号 as printed (某政办发〔2023〕12号), when the document prints it."""
    issuer: str | None = None
    """发文机关: the signature line above the 成文日期, when printed."""
    issued: date | None = None
    """成文日期, when printed."""


class TaskStream(NamedTuple):
    """A task list whose records come one at a time (issue 29: a 100 MB dump's records
    are not held whole).

    ``head`` is the list without its records: what it is (file, title, year, columns …)
    is known before the first record. Its ``warnings`` list grows while ``records`` is
    read (each row's warnings, then the list-wide checks once the last record has
    passed): it is complete only when ``records`` is exhausted. ``records`` can be read
    once."""

    head: TaskList
    records: Iterator[TaskRecord]

    @property
    def warnings(self) -> list[TaskWarning]:
        """The warnings so far (all of them once ``records`` is exhausted)."""
        return self.head.warnings

    def collect(self) -> TaskList:
        """The whole task list: every record read and held."""
        return self.head._replace(records=list(self.records))
