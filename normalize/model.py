"""The normalizer's output: plain records, validated into pydantic models by ``schema``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import NamedTuple

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
