"""The pydantic models of a converted document, and the bridge from ``normalize``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from qingdan.normalize.model import TaskList, TaskStream
from qingdan.normalize.roles import Role
from qingdan.schema.warning_codes import WarningCode

if TYPE_CHECKING:
    import pandas as pd

DepartmentName = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
"""One department name as the document writes it."""


class DueKind(StrEnum):
    """What kind of term a deadline is."""

    DATE = "date"
    ONGOING = "ongoing"
    RECURRING = "recurring"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnEvidence(_Model):
    """What a column's own cells hold: the content evidence its role was chosen on."""

    filled: int = Field(ge=0, description="body cells with text of their own")
    coverage: float = Field(
        ge=0, le=1, description="share of rows with text of their own or merged from above"
    )
    departments: float = Field(ge=0, le=1, description="share of cells read as unit names")
    deadlines: float = Field(ge=0, le=1, description="share of cells read as deadlines")
    sentences: float = Field(ge=0, le=1, description="share of cells read as sentences")
    ordinals: float = Field(ge=0, le=1, description="share of cells that are a number alone")
    grouping: float = Field(
        ge=0, le=1, description="share of rows continuing the cell above (merged, blank, same)"
    )
    mean_length: float = Field(ge=0, description="mean characters per filled cell")
    people: float = Field(ge=0, le=1, description="share of cells naming a person by title")


class Column(_Model):
    """A column of the source table: the label as printed, its role, and why."""

    label: str
    field: str | None = Field(
        description="record field it feeds, or null (`extra`, or lead and support both "
        "for a `responsible` column)"
    )
    role: Role = Field(description="what the column is (normalize.roles.Role)")
    hint: Role | None = Field(
        default=None, description="the role its label suggests; null for an unknown label"
    )
    decided_by: str = Field(
        default="label", description="label, content, user (--columns file) or rule"
    )
    evidence: ColumnEvidence | None = None


class DocumentInfo(_Model):
    """What the attachment is."""

    file: str = Field(description="file name of the attachment")
    source: str | None = Field(
        default=None,
        description="the attachment's path relative to the input root (two 附件1.docx in "
        "different folders are two sources); its file name when converted alone",
    )
    format: str = Field(
        description="the attachment's suffix without the dot (`txt`, `docx`, `pdf`, `xlsx` …: "
        "every suffix in docs/formats.md)"
    )
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the file's bytes")
    title: str | None = Field(description="the title above the table")
    attachment: str | None = Field(description="the attachment label, e.g. 附件1")
    year: int | None = Field(description="the year the title names")
    doc_number: str | None = Field(
        default=None,
        description="发文字号 as printed (某政办发〔2023〕12号): a heading line of its own; a "
        "number cited inside a sentence is another document's; null when not printed",
    )
    issuer: str | None = Field(
        default=None,
        description="发文机关: the signature line right above the 成文日期 (the 落款); null "
        "when not printed",
    )
    issued: date | None = Field(
        default=None,
        description="成文日期 (ISO date): a line that is a date and nothing else "
        "(2023年3月1日, 二〇二三年三月一日); null when not printed",
    )
    columns: list[Column] = Field(
        description="each printed column: its `label`, the record `field` it feeds (null when "
        "it feeds `extra`), its `role`, the role its label suggests (`hint`), what decided the "
        "role (`decided_by`) and the `evidence` of its cells"
    )


class SourceCell(_Model):
    """One printed cell a record's value came from (issue 28)."""

    field: str = Field(
        description="the record field the cell gave (`measure`, `lead`, `support`, "
        "`deadline`, `no`, `category`, `section`; `extra` for a column kept in `extra`)"
    )
    table: int = Field(ge=0, description="0-based index of the table in the document")
    row: int = Field(ge=0, description="0-based row in that table, header rows counted")
    column: int = Field(ge=0, description="0-based column in that row")
    page: int | None = Field(default=None, ge=1, description="the page, where the format has pages")
    box: tuple[float, float, float, float] | None = Field(
        default=None,
        description="a printed page's cell (PDF, OFD, a scan): its box on `page`, left, top, "
        "right, bottom in points from the page's top-left corner (an image file: in its "
        "pixels); else null",
    )


class Record(_Model):
    """One task of the list."""

    seq: int = Field(ge=1, description="1-based order of the record")
    section: str | None = Field(
        description="text of the full-width group row above (一、……), or null"
    )
    category: str | None = Field(
        description="the task's group (重点工作), merged cells carried forward, or null"
    )
    no: str | None = Field(description="the printed 序号, as printed, or null")
    measure: str = Field(description="the task text (工作措施), wrapped lines joined")
    lead: list[DepartmentName] = Field(description="lead units, names as written, in order")
    support: list[DepartmentName] = Field(
        description="supporting units, names as written, in order"
    )
    lead_canonical: list[DepartmentName] = Field(
        default_factory=list,
        description="canonical name of each `lead` name, same order and length "
        "(区发改委 -> 区发展和改革委员会; the name itself where no alias applies)",
    )
    support_canonical: list[DepartmentName] = Field(
        default_factory=list,
        description="canonical name of each `support` name, same order and length",
    )
    deadline: str | None = Field(
        description="the deadline (完成时限) as printed, whitespace removed, or null"
    )
    due: date | None = Field(
        description="ISO date of the last day the deadline names (2019年12月 -> 2019-12-31), "
        "or null"
    )
    due_kind: DueKind | None = Field(
        description="`date`, `ongoing` (长期坚持), `recurring` (每季度), or null when not "
        "understood"
    )
    page: int | None = Field(ge=1, description="source page where the format has pages, else null")
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="read by OCR (a scan or photo): the lowest confidence (0-1) of the "
        "record's cells, a cell below 0.8 named in a `low-confidence` warning; null when "
        "the record was read from text",
    )
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="text of columns that map to no field, by their printed label",
    )
    cells: list[SourceCell] = Field(
        default_factory=list,
        description="the printed cells the record's values came from, in column order: "
        "several for a cell a page break cut, the merged cell's own for a merge carried "
        "down; empty for an item of a numbered-paragraph list. Kept out of CSV, XLSX and "
        "the database's `records` table (`FLAT_FIELDS`)",
    )


PRINTED_AT = ("page", "cells")
"""The ``Record`` fields that say where a record was printed, not what it says: two
renderings of one list (its PDF and its DOCX, a table and its paragraph form) read the
same values and differ only in these."""

FLAT_FIELDS = [name for name in Record.model_fields if name != "cells"]
"""The record fields a flat table holds (CSV, XLSX, a database row, a DataFrame): a
person reads values, not where they were printed (``cells`` is in JSON only)."""


READ_FIELDS = (
    "section",
    "category",
    "no",
    "measure",
    "lead",
    "support",
    "deadline",
    "due",
    "due_kind",
    "extra",
)
"""The ``Record`` fields read from the document itself: what a truth fixes, a scorer
compares and a reviewer may edit. The others follow from them or from the reading
(``seq``, ``page``, ``confidence``, the canonical names from the alias files)."""


class Warning(_Model):
    """Something in the document that needs a person's look."""

    code: WarningCode = Field(description="what kind of thing needs a look (docs/output.md)")
    message: str = Field(description="what was found, where, and what was done about it")
    row: int | None = Field(default=None, description="the record's seq, if about one record")
    page: int | None = Field(default=None, description="the source page, where known")


class Document(_Model):
    """A converted attachment: the output contract of ``qingdan convert``."""

    document: DocumentInfo
    records: list[Record]
    warnings: list[Warning]

    def to_dataframe(self) -> pd.DataFrame:
        """The records as a pandas DataFrame, one row per record, one column per record
        field: department lists kept as lists (``df.explode("lead")`` gives one row per
        department), ``due`` as ``datetime64`` (``df["due"].dt.month`` works; no date is
        ``NaT``), ``seq`` and ``page`` as nullable integers."""
        import pandas as pd

        columns = FLAT_FIELDS
        rows = [record.model_dump(mode="json", exclude={"cells"}) for record in self.records]
        frame = pd.DataFrame(rows, columns=columns)
        frame["due"] = pd.to_datetime(frame["due"], format="ISO8601")
        for name in ("seq", "page"):
            frame[name] = frame[name].astype("Int64")
        return frame


def from_task_list(task_list: TaskList, source: str | None = None) -> Document:
    """Validate the normalizer's output into the output contract; ``source`` is the
    attachment's path relative to the input root (default: its file name)."""
    # Read straight from the dataclasses' attributes (dataclasses.asdict deep-copies
    # every record first, which was a fifth of the time on a 10,000-row list).
    document = Document.model_validate(
        {"document": task_list, "records": task_list.records, "warnings": task_list.warnings},
        from_attributes=True,
    )
    return with_source(document, source or task_list.file)


class DocumentStream:
    """A validated document whose records come one at a time (issue 29): its
    description first, each record validated as it is read, the warnings validated
    once the records are exhausted (a list's last checks run after its last record).

    What the one-document writers take; ``DocumentStream.whole`` gives a ``Document``
    as one, so a document held whole and one streamed are written by the same code."""

    def __init__(
        self,
        document: DocumentInfo,
        records: Iterable[Record],
        warnings: Callable[[], Sequence[Warning]],
    ) -> None:
        self.document = document
        self.records: Iterator[Record] = iter(records)
        self._warnings = warnings
        self._read: Sequence[Warning] | None = None

    @classmethod
    def whole(cls, document: Document) -> DocumentStream:
        """A document held whole, as a stream."""
        return cls(document.document, document.records, lambda: document.warnings)

    @property
    def warnings(self) -> Sequence[Warning]:
        """Every warning: read it after the records (before, the last are not known)."""
        if self._read is None:
            self._read = self._warnings()
        return self._read


def from_task_stream(stream: TaskStream, source: str | None = None) -> DocumentStream:
    """``from_task_list`` for a task list whose records come one at a time: each
    record validated as it passes, the warnings once the records are read."""
    info = DocumentInfo.model_validate(stream.head, from_attributes=True)
    info = info.model_copy(update={"source": source or stream.head.file})
    records = (Record.model_validate(record, from_attributes=True) for record in stream.records)
    return DocumentStream(info, records, lambda: _warnings(stream.warnings))


def _warnings(warnings: Sequence[Any]) -> list[Warning]:
    return [Warning.model_validate(warning, from_attributes=True) for warning in warnings]


def with_source(document: Document, source: str) -> Document:
    """The document naming its source (its path relative to the input root)."""
    if document.document.source == source:
        return document
    info = document.document.model_copy(update={"source": source})
    return document.model_copy(update={"document": info})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``Document``."""
    return Document.model_json_schema()
