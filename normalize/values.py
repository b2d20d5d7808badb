"""Value readers: how the cells of one row become record values, one reader per ``Value``.

A column's role says how its cells become values (``normalize.roles.Value``); each
kind has one reader here, registered in ``VALUE_READERS``. A reader is given the
row's cells of its kind (with the field and label of each cell's column) and returns
what it read: record fields, lead and supporting names, and its warnings. Readers share
nothing but their input: ``normalize.records`` puts their values together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from qingdan.extract.grid import Cell, cell_text
from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.cell_kinds import is_person
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.layout import GridRow
from qingdan.normalize.lookalikes import correct_deadline
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.responsibility import (
    label_says_first_leads,
    split_inline_responsibility,
    split_responsibility,
    take_officials,
)
from qingdan.normalize.roles import Role, Value
from qingdan.normalize.text import join_wrapped_lines, squeeze
from qingdan.normalize.units.departments import (
    DepartmentKnowledge,
    DepartmentNote,
    DepartmentReader,
)
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:  # the knowledge imports the steps it feeds
    from qingdan.normalize.knowledge import Knowledge


class RecordContext(NamedTuple):
    """What building a record needs besides the row itself."""

    labels: list[str]
    roles: list[Role]
    knowledge: Knowledge
    year: int | None
    reader: DepartmentReader
    """The document's department reader (its title and cells seen)."""
    misread: bool = False
    """The text was read by OCR: look-alike characters in deadlines are corrected."""
    lead_note: bool = False
    """A note before this row ("列第一位的为牵头单位，下同") says the first name leads."""

    @property
    def departments(self) -> DepartmentKnowledge:
        """The model of unit names (``knowledge.departments``)."""
        return self.knowledge.departments

    @property
    def aliases(self) -> AliasTable:
        """The department aliases (``knowledge.aliases``)."""
        return self.knowledge.aliases

    def department_reader(self) -> DepartmentReader:
        """The reader that splits this document's department cells."""
        return self.reader

    def first_leads(self) -> bool:
        """Whether a lone responsibility column's label (or a note) says its first name leads."""
        return self.lead_note or any(
            label_says_first_leads(label, self.knowledge.responsibility)
            for label, role in zip(self.labels, self.roles, strict=True)
            if role is Role.RESPONSIBLE
        )


class PlacedCell(NamedTuple):
    """One cell of a row with what its column is."""

    field: str | None
    """The record field the column's role feeds (``None``: ``extra``, or lead and support)."""
    label: str
    """The column's printed label (``第N列`` for a column without one)."""
    cell: Cell


class RowAt(NamedTuple):
    """The row a reader reads: its record number, the row, and the document's context."""

    seq: int
    row: GridRow
    context: RecordContext

    def warning(self, code: NormalizeCode, message: str) -> TaskWarning:
        """A warning about this row's record."""
        return TaskWarning(code, message, self.seq, self.row.page)


class RecordFields(TypedDict, total=False):
    """Record fields a value reader fills (lead and support are read apart)."""

    section: str | None
    category: str | None
    no: str | None
    measure: str
    deadline: str | None
    due: date | None
    due_kind: str | None
    extra: dict[str, str]


class Values(NamedTuple):
    """What one value reader read from its cells of one row."""

    fields: RecordFields
    lead: Sequence[str] = ()
    support: Sequence[str] = ()
    warnings: Sequence[TaskWarning] = ()
    only_new_names: bool = False
    """The names may repeat what a department column already says (a bracket closing
    the measure): only names not read yet are added."""


ValueReader = Callable[[list[PlacedCell], RowAt], Values]


def note_warnings(notes: Sequence[DepartmentNote], at: RowAt) -> list[TaskWarning]:
    """One ``department-note`` warning per note taken out of a department name."""
    return [
        at.warning(
            NormalizeCode.DEPARTMENT_NOTE,
            f"{n.note!r} is a note, not a department name"
            if n.is_phrase
            else f"{n.written!r}: {n.note!r} removed from the department name",
        )
        for n in notes
    ]


def _joined(cells: list[PlacedCell], field: str) -> str | None:
    parts = [join_wrapped_lines(placed.cell) for placed in cells if placed.field == field]
    return "".join(p for p in parts if p) or None


def read_deadline(cells: list[PlacedCell], at: RowAt) -> Values:
    """The deadline as printed without whitespace, and the day it names; a ``deadline``
    warning when it names none, and OCR's look-alike characters corrected."""
    text = "".join(squeeze(placed.cell) for placed in cells) or None
    knowledge = at.context.knowledge
    deadline = parse_deadline(text, at.context.year, knowledge.deadlines)
    warnings: list[TaskWarning] = []
    if text and at.context.misread:
        corrected = correct_deadline(
            text, at.context.year, knowledge.lookalikes, knowledge.deadlines
        )
        if corrected is not None:
            message = (
                f"deadline {text!r} as OCR read it corrected to {corrected[0]!r}"
                " (look-alike characters)"
            )
            warnings.append(at.warning(NormalizeCode.OCR_CORRECTION, message))
            text, deadline = corrected
    if text and deadline.kind is None:
        warnings.append(at.warning(NormalizeCode.DEADLINE, f"deadline {text!r} names no date"))
    fields = RecordFields(deadline=text, due=deadline.due, due_kind=deadline.kind)
    return Values(fields, warnings=warnings)


def read_departments(cells: list[PlacedCell], at: RowAt) -> Values:
    """The names of the lead columns' cells and then of the support columns' cells.

    A 责任单位 column supports only because a 牵头 column stands beside it: in a row
    whose 牵头 cell is empty nobody leads above its units, so they lead (a 配合 column's
    own label says support, and its names stay support).
    """
    names: dict[str, list[str]] = {"lead": [], "support": []}
    warnings: list[TaskWarning] = []
    for field in names:
        for placed in cells:
            if placed.field == field:
                split = at.context.department_reader().split(cell_text(placed.cell))
                to = "lead" if field == "support" and _leads_unled(placed, names, at) else field
                names[to].extend(split.names)
                warnings.extend(note_warnings(split.notes, at))
    return Values(RecordFields(), names["lead"], names["support"], warnings)


def _leads_unled(placed: PlacedCell, names: dict[str, list[str]], at: RowAt) -> bool:
    """Whether a support cell's names lead: no lead named in the row, and its column
    supports by position only (its label says 责任单位, not 配合)."""
    columns = at.context.knowledge.columns
    return not names["lead"] and columns.role_for(placed.label) is Role.RESPONSIBLE


def read_responsibility(cells: list[PlacedCell], at: RowAt) -> Values:
    """Lead and support read from a lone 责任单位 cell's own words; a ``responsibility``
    warning for a cell whose roles cannot be told apart (all its names lead). Officials
    given a role in the cell ("分管副市长负责") go to ``extra``, never to lead or support."""
    lead: list[str] = []
    support: list[str] = []
    warnings: list[TaskWarning] = []
    officials: dict[str, str] = {}
    reader, first_leads = at.context.department_reader(), at.context.first_leads()
    knowledge = at.context.knowledge
    for placed in cells:
        text, named = take_officials(
            cell_text(placed.cell),
            knowledge.responsibility,
            lambda clause: is_person(clause, knowledge.cells),
        )
        officials.update(named)
        shared = split_responsibility(text, reader, knowledge.responsibility, first_leads)
        lead.extend(shared.lead)
        support.extend(shared.support)
        warnings.extend(note_warnings(shared.notes, at))
        if not shared.understood:
            text = join_wrapped_lines(placed.cell)
            message = f"record {at.seq}: cannot tell lead from support in {text!r}; "
            warnings.append(
                at.warning(NormalizeCode.RESPONSIBILITY, message + "all names put in lead")
            )
    return Values(
        RecordFields(extra=officials) if officials else RecordFields(), lead, support, warnings
    )


def read_text(cells: list[PlacedCell], at: RowAt) -> Values:
    """Section, category, 序号 and measure, wrapped lines joined; a responsibility
    bracket closing the measure gives names (docs/conventions.md); ``no-measure`` without it."""
    reader = at.context.department_reader()
    measure, inline = split_inline_responsibility(
        _joined(cells, "measure"), reader, at.context.knowledge.responsibility
    )
    warnings: list[TaskWarning] = []
    lead: list[str] = []
    support: list[str] = []
    if inline is not None:
        lead, support = inline.lead, inline.support
        warnings.extend(note_warnings(inline.notes, at))
    if not measure:
        warnings.append(at.warning(NormalizeCode.NO_MEASURE, "row has no measure text"))
    fields = RecordFields(
        section=_joined(cells, "section") or at.row.section,
        category=_joined(cells, "category"),
        no=_joined(cells, "no"),
        measure=measure,
    )
    return Values(fields, lead, support, warnings, only_new_names=True)


def read_extra(cells: list[PlacedCell], at: RowAt) -> Values:
    """Every other column's text under its printed label."""
    extra = {placed.label: text for placed in cells if (text := join_wrapped_lines(placed.cell))}
    return Values(RecordFields(extra=extra))


def read_people(cells: list[PlacedCell], at: RowAt) -> Values:
    """Officials under their printed label, a two-character name printed with a space
    to the width of three (李 平, as lists of names print it) kept so: text is data."""
    extra = {
        placed.label: text
        for placed in cells
        if (text := join_wrapped_lines(placed.cell, keep_padded_names=True))
    }
    return Values(RecordFields(extra=extra))


VALUE_READERS: dict[Value, ValueReader] = {
    Value.DEADLINE: read_deadline,
    Value.DEPARTMENTS: read_departments,
    Value.RESPONSIBILITY: read_responsibility,
    Value.TEXT: read_text,
    Value.EXTRA: read_extra,
    Value.PEOPLE: read_people,
}
"""One reader per ``Value``, in the order they run (the order of the record's warnings
and of its names: department columns, then a responsibility column, then a bracket
closing the measure); a test checks that every ``Value`` has one."""
