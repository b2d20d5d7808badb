"""Stage 2: raw grids -> task records.

``normalize`` chains named, pure steps: find the task table and its header, drop
repeated headers, join section rows cut by a page break, mark section rows, join rows
cut by a page break, continue category
cells cut by a page break, carry merged cells forward, then build one
record per row (wrapped text joined, departments split, deadlines read). It knows
nothing about file formats: it sees only ``extract.RawDocument``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import RawDocument, cell_text
from qingdan.normalize.column_roles import ColumnChoice, choose_roles
from qingdan.normalize.document_checks import DocumentChecks
from qingdan.normalize.document_info import (
    describe_document,
    heading_lines,
    issuance_lines,
    read_issuance,
)
from qingdan.normalize.header import ContentGuess
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.layout import (
    GridRow,
    carried,
    collect_task_rows,
    drop_repeated_headers,
    mark_sections,
    printed_once_per_group,
    section_texts,
)
from qingdan.normalize.model import Column, TaskList, TaskRecord, TaskStream, TaskWarning
from qingdan.normalize.notes import (
    notes_under_table,
    rows_led_by_first,
    says_first_leads,
    split_note_rows,
    table_says_first_leads,
)
from qingdan.normalize.page_breaks import (
    continue_cut_categories,
    join_cut_section_rows,
    join_split_rows,
)
from qingdan.normalize.records import RecordContext, build_record
from qingdan.normalize.roles import Role, Value, traits
from qingdan.normalize.units.departments import DepartmentReader
from qingdan.normalize.warning_codes import NormalizeCode


def normalize(raw: RawDocument, knowledge: Knowledge | None = None) -> TaskList:
    """The task list a person sees in a raw document.

    Raises ``NoTableFound`` when no table in the document has a task-list header.
    """
    return normalize_stream(raw, knowledge).collect()


def normalize_stream(raw: RawDocument, knowledge: Knowledge | None = None) -> TaskStream:
    """``normalize`` with the records made one at a time as they are read (issue 29).

    Everything the list says about itself (title, year, columns) and every decision
    over its rows (header, roles, merged cells) is settled first; only the records wait
    to be read, so a long list's records are never held whole. Raises ``NoTableFound``
    like ``normalize``.
    """
    knowledge = Knowledge.resolve(knowledge)
    task_rows = collect_task_rows(raw.tables, knowledge.columns, reader=raw.content.traits)
    text_before = raw.content.text_before
    from_paragraphs = False
    # No task table: the text may be a numbered-paragraph list (issue 19).
    if task_rows is None:
        # Imported here: most documents hold a table (issue 16).
        from qingdan.normalize.paragraphs import read_paragraph_list

        wrapped = raw.content.traits.lines_may_be_wrapped
        if listed := read_paragraph_list(text_before, knowledge, wrapped):
            task_rows, text_before = listed.rows, listed.text_above
            from_paragraphs = True
    guess = ContentGuess(knowledge)
    if task_rows is None:
        # No known labels at all: a table may still be found by what it holds (issue 31).
        task_rows = collect_task_rows(
            raw.tables, knowledge.columns, guess, reader=raw.content.traits
        )
    if task_rows is None:
        what = "no table" if not raw.tables else "no table with a task-list header"
        raise NoTableFound(raw.path, f"{what} found (looked for 重点工作/工作措施/牵头单位 ...)")
    info = describe_document(
        heading_lines(raw.content, raw.tables, task_rows.first_table, text_before),
        knowledge.titles,
    )
    header = task_rows.header
    rows = drop_repeated_headers(task_rows.rows, header, knowledge.columns)
    rows = join_cut_section_rows(rows)
    first_leads = knowledge.responsibility.first_leads
    around = [*text_before, *raw.content.text_after]
    whole_led_by_first = table_says_first_leads(
        rows, knowledge.notes, first_leads
    ) or says_first_leads(around, knowledge.notes, first_leads)
    rows, notes = split_note_rows(
        rows, knowledge.notes, first_leads, raw.content.traits.text_below_may_join_table
    )
    notes += notes_under_table(raw.content.text_after, knowledge.notes, first_leads)
    sections = section_texts(rows)
    rows = mark_sections(rows)
    chosen = choose_roles(
        header.labels, header.hints, [row.cells for row in rows], knowledge, info.year
    )
    roles = chosen.roles
    rows = join_split_rows(rows, roles, knowledge.departments.is_complete)
    rows = continue_cut_categories(rows, roles)
    carried_by_group: list[TaskWarning] = []
    may_be_merged = raw.content.traits.blank_may_be_merged
    once: list[int] = []
    if not from_paragraphs:
        once = printed_once_per_group(rows, roles, may_be_merged)
        carried_by_group = _carried_by_group(once, roles, header.labels)
    # The merged cells are carried down as the rows are read, twice (for the department
    # reader, then for the records), so the carried rows are never held whole (issue 29).
    # Numbered paragraphs merge nothing: a field an item does not print is absent.
    settle = _Settle(roles, may_be_merged, once, carry=not from_paragraphs)
    department_cells = (
        cell_text(cell)
        for row in settle(rows)
        for cell, role in zip(row.cells, roles, strict=False)
        if traits(role).names_units
    )
    reader = DepartmentReader.for_document(knowledge.departments, info.title, department_cells)
    context = RecordContext(
        header.labels,
        roles,
        knowledge,
        info.year,
        reader,
        misread=raw.content.traits.text_may_be_misread,
    )
    warnings = [TaskWarning(n.code, n.message, None, n.page) for n in raw.content.notices]
    warnings += [TaskWarning(NormalizeCode.COLUMN_ROLES, guessed) for guessed in guess.guessed]
    warnings += task_rows.warnings
    warnings += [TaskWarning(NormalizeCode.COLUMN_ROLES, doubt) for doubt in chosen.doubts]
    warnings += notes
    warnings += carried_by_group
    responsibility = [i for i, r in enumerate(roles) if traits(r).value is Value.RESPONSIBILITY]
    head = TaskList(
        file=Path(raw.path).name,
        format=raw.format,
        sha256=raw.sha256,
        title=info.title,
        attachment=info.attachment,
        year=info.year,
        columns=[_column(choice) for choice in chosen.choices],
        records=[],
        warnings=warnings,
        **read_issuance(issuance_lines(raw.content), knowledge.titles)._asdict(),
    )
    checks = DocumentChecks(sections, chosen.doubts)
    settled = rows_led_by_first(
        settle(_drained(rows)), responsibility, whole_led_by_first, first_leads
    )
    del rows, task_rows
    return TaskStream(head, _records(settled, context, checks, warnings))


class _Settle(NamedTuple):
    """How the rows are settled as they are read: merged cells carried down (``carried``)
    unless the rows are a numbered-paragraph list's items."""

    roles: Sequence[Role | None]
    may_be_merged: bool
    printed_once: Sequence[int]
    carry: bool

    def __call__(self, rows: Iterable[GridRow]) -> Iterator[GridRow]:
        """The rows settled, one at a time."""
        if not self.carry:
            return iter(rows)
        return carried(rows, self.roles, self.may_be_merged, self.printed_once)


def _drained(rows: list[GridRow]) -> Iterator[GridRow]:
    """The rows in order, each let go from ``rows`` as it is read (the list is emptied)."""
    rows.reverse()  # popped from the end: the rows behind are freed as they go
    while rows:
        yield rows.pop()


def _carried_by_group(
    printed_once: Sequence[int], roles: Sequence[Role | None], labels: Sequence[str]
) -> list[TaskWarning]:
    """A warning for each column other than ``extra`` that a text dump's blanks carry down
    each group (``printed_once_per_group``): a guess the reader should check."""
    return [
        TaskWarning(NormalizeCode.CARRIED_BY_GROUP, labels[col] if col < len(labels) else "")
        for col in printed_once
        if traits(roles[col]).value is not Value.EXTRA
    ]


def _records(
    settled: Iterator[tuple[GridRow, bool]],
    context: RecordContext,
    checks: DocumentChecks,
    warnings: list[TaskWarning],
) -> Iterator[TaskRecord]:
    """Each settled row's record in order (with whether a note says its first-named unit
    leads), its warnings added to ``warnings`` as it passes and the list-wide checks'
    after the last; a row is let go once its record is made."""
    seq = 0
    for row, led in settled:
        row_context = context._replace(lead_note=True) if led else context
        record, row_warnings = build_record(seq + 1, row, row_context)
        if record is not None:
            seq += 1
            warnings.extend(row_warnings)
            checks.check_record(record)
            yield record
    warnings.extend(checks.warnings())


def explain_columns(raw: RawDocument, knowledge: Knowledge | None = None) -> list[dict[str, Any]]:
    """Each column of the document's task table: label, role, what decided, evidence.

    What ``qingdan extract --explain`` prints, so a user can see why a column was read
    as it was. Raises ``NoTableFound`` like ``normalize``.
    """
    task_list = normalize(raw, knowledge)
    return [
        {
            "label": column.label,
            "role": column.role,
            "hint": column.hint,
            "decided_by": column.decided_by,
            "evidence": column.evidence._asdict() if column.evidence else None,
        }
        for column in task_list.columns
    ]


def _column(choice: ColumnChoice) -> Column:
    """A column of the output: its label, role, the field it feeds, and the evidence."""
    return Column(
        label=choice.label,
        field=traits(choice.role).field,
        role=choice.role.value,
        hint=choice.hint.value if choice.hint else None,
        decided_by=choice.by,
        evidence=choice.evidence,
    )


__all__ = [
    "Knowledge",
    "TaskList",
    "TaskRecord",
    "TaskStream",
    "TaskWarning",
    "explain_columns",
    "normalize",
    "normalize_stream",
]
