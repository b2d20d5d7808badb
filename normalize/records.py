"""One grid row -> one task record: join wrapped text, split departments, read the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from qingdan.extract.grid import Cell, cell_text
from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.layout import GridRow
from qingdan.normalize.model import TaskRecord, TaskWarning
from qingdan.normalize.responsibility import (
    label_says_first_leads,
    split_inline_responsibility,
    split_responsibility,
)
from qingdan.normalize.roles import Role, Value, traits
from qingdan.normalize.text import join_wrapped_lines, squeeze
from qingdan.normalize.units.departments import (
    DepartmentKnowledge,
    DepartmentNote,
    DepartmentReader,
)


class RecordContext(NamedTuple):
    """What building a record needs besides the row itself."""

    labels: list[str]
    roles: list[Role]
    departments: DepartmentKnowledge
    year: int | None
    aliases: AliasTable
    reader: DepartmentReader
    """The document's department reader (its title and cells seen)."""
    misread: bool = False
    """The text was read by OCR: look-alike characters in deadlines are corrected."""
    lead_note: bool = False
    """A note before this row ("列第一位的为牵头单位，下同") says the first name leads."""

    def department_reader(self) -> DepartmentReader:
        """The reader that splits this document's department cells."""
        return self.reader

    def first_leads(self) -> bool:
        """Whether a lone responsibility column's label (or a note) says its first name leads."""
        return self.lead_note or any(
            label_says_first_leads(label)
            for label, role in zip(self.labels, self.roles, strict=True)
            if role is Role.RESPONSIBLE
        )


def _column_label(labels: list[str], col: int) -> str:
    label = labels[col] if col < len(labels) else ""
    return label or f"第{col + 1}列"


def _responsibility_warning(cell: Cell, seq: int, page: int | None) -> TaskWarning:
    text = join_wrapped_lines(cell)
    message = f"record {seq}: cannot tell lead from support in {text!r}; all names put in lead"
    return TaskWarning("responsibility", message, seq, page)


def _note_warnings(
    notes: Sequence[DepartmentNote], seq: int, page: int | None
) -> list[TaskWarning]:
    """One ``department-note`` warning per note taken out of a department name."""
    return [
        TaskWarning(
            "department-note",
            f"{n.note!r} is a note, not a department name"
            if n.is_phrase
            else f"{n.written!r}: {n.note!r} removed from the department name",
            seq,
            page,
        )
        for n in notes
    ]


def build_record(
    seq: int, row: GridRow, context: RecordContext
) -> tuple[TaskRecord | None, list[TaskWarning]]:
    """The record for one row (``None`` for a row with no text at all) and its warnings.

    Each cell becomes values the way its column's role says (``normalize.roles``):
    text joined, department names split, responsibility read from its words, the
    deadline kept and read; a column no field takes is kept in ``extra`` under its label.
    """
    if not any(cell_text(cell).strip() for cell in row.cells):
        return None, []
    texts: dict[str, list[Cell]] = {}
    responsibility: list[Cell] = []
    extra: dict[str, str] = {}
    for col, cell in enumerate(row.cells):
        role = context.roles[col] if col < len(context.roles) else Role.OTHER
        kind = traits(role)
        if kind.value is Value.RESPONSIBILITY:
            responsibility.append(cell)
        elif kind.field is None:
            text = join_wrapped_lines(cell)
            if text:
                extra[_column_label(context.labels, col)] = text
        else:
            texts.setdefault(kind.field, []).append(cell)

    def joined(field: str) -> str | None:
        parts = [join_wrapped_lines(cell) for cell in texts.get(field, [])]
        return "".join(p for p in parts if p) or None

    warnings: list[TaskWarning] = []

    def names(field: str) -> list[str]:
        found: list[str] = []
        for cell in texts.get(field, []):
            split = context.department_reader().split(cell_text(cell))
            found.extend(split.names)
            warnings.extend(_note_warnings(split.notes, seq, row.page))
        return found

    deadline_text = "".join(squeeze(cell) for cell in texts.get("deadline", [])) or None
    deadline = parse_deadline(deadline_text, context.year)
    if deadline_text and context.misread:
        from qingdan.normalize.lookalikes import correct_deadline  # OCR only (issue 16)

        corrected = correct_deadline(deadline_text, context.year)
        if corrected is not None:
            warnings.append(_lookalike_warning(deadline_text, corrected[0], seq, row.page))
            deadline_text, deadline = corrected
    if deadline_text and deadline.kind is None:
        warnings.append(
            TaskWarning("deadline", f"deadline {deadline_text!r} names no date", seq, row.page)
        )
    lead = names("lead")
    support = names("support")
    first_leads = context.first_leads()
    for cell in responsibility:
        shared = split_responsibility(cell_text(cell), context.department_reader(), first_leads)
        lead.extend(shared.lead)
        support.extend(shared.support)
        warnings.extend(_note_warnings(shared.notes, seq, row.page))
        if not shared.understood:
            warnings.append(_responsibility_warning(cell, seq, row.page))
    measure, inline = split_inline_responsibility(joined("measure"), context.department_reader())
    if inline is not None:
        # "……建成投用。（X牵头，Y配合）": the bracket names who does it (CONVENTIONS.md).
        lead.extend(name for name in inline.lead if name not in lead)
        support.extend(name for name in inline.support if name not in support)
        warnings.extend(_note_warnings(inline.notes, seq, row.page))
    if not measure:
        warnings.append(TaskWarning("no-measure", "row has no measure text", seq, row.page))
    record = TaskRecord(
        seq=seq,
        section=joined("section") or row.section,
        category=joined("category"),
        no=joined("no"),
        measure=measure,
        lead=lead,
        support=support,
        lead_canonical=[context.aliases.canonical(name) for name in lead],
        support_canonical=[context.aliases.canonical(name) for name in support],
        deadline=deadline_text,
        due=deadline.due,
        due_kind=deadline.kind,
        page=row.page,
        extra=extra,
    )
    warnings.extend(_unknown_departments(record, context, row.page))
    return record, warnings


def _lookalike_warning(read: str, meant: str, seq: int, page: int | None) -> TaskWarning:
    return TaskWarning(
        "ocr-correction",
        f"deadline {read!r} as OCR read it corrected to {meant!r} (look-alike characters)",
        seq,
        page,
    )


def _unknown_departments(
    record: TaskRecord, context: RecordContext, page: int | None
) -> list[TaskWarning]:
    """An ``unknown-department`` warning for each name that matches nothing we know."""
    return [
        TaskWarning(
            "unknown-department",
            f"{name!r} is not a known department name and has no department suffix",
            record.seq,
            page,
        )
        for name in [*record.lead, *record.support]
        if not (context.department_reader().is_complete(name) or context.aliases.knows(name))
    ]
