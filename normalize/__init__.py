"""Stage 2: raw grids -> task records.

``normalize`` chains named, pure steps: find the task table and its header, drop
repeated headers, join section rows cut by a page break, mark section rows, join rows
cut by a page break, continue category
cells cut by a page break, carry merged cells forward, then build one
record per row (wrapped text joined, departments split, deadlines read). It knows
nothing about file formats: it sees only ``extract.RawDocument``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import RawDocument, cell_text
from qingdan.normalize.column_roles import ColumnChoice, choose_roles
from qingdan.normalize.document_info import (
    describe_document,
    heading_lines,
    issuance_lines,
    read_issuance,
)
from qingdan.normalize.header import ContentGuess
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.layout import (
    carry_forward,
    collect_task_rows,
    drop_repeated_headers,
    mark_sections,
    section_texts,
)
from qingdan.normalize.model import Column, TaskList, TaskRecord, TaskWarning
from qingdan.normalize.notes import (
    rows_led_by_first,
    says_first_leads,
    split_note_rows,
    table_says_first_leads,
)
from qingdan.normalize.numbering import check_numbering
from qingdan.normalize.page_breaks import (
    continue_cut_categories,
    join_cut_section_rows,
    join_split_rows,
)
from qingdan.normalize.records import RecordContext, build_record
from qingdan.normalize.roles import Value, traits
from qingdan.normalize.units.departments import DepartmentReader
from qingdan.normalize.warning_codes import NormalizeCode


def normalize(raw: RawDocument, knowledge: Knowledge | None = None) -> TaskList:
    """The task list a person sees in a raw document.

    Raises ``NoTableFound`` when no table in the document has a task-list header.
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
    whole_led_by_first = table_says_first_leads(
        rows, knowledge.notes, first_leads
    ) or says_first_leads(text_before, knowledge.notes, first_leads)
    rows, notes = split_note_rows(
        rows, knowledge.notes, first_leads, raw.content.traits.text_below_may_join_table
    )
    sections = section_texts(rows)
    rows = mark_sections(rows)
    chosen = choose_roles(
        header.labels, header.hints, [row.cells for row in rows], knowledge, info.year
    )
    roles = chosen.roles
    rows = join_split_rows(rows, roles, knowledge.departments.is_complete)
    rows = continue_cut_categories(rows, roles)
    if not from_paragraphs:
        # Numbered paragraphs merge nothing: a field an item does not print is absent.
        rows = carry_forward(rows, roles, raw.content.traits.blank_may_be_merged)

    department_cells = [
        cell_text(cell)
        for row in rows
        for cell, role in zip(row.cells, roles, strict=False)
        if traits(role).names_units
    ]
    reader = DepartmentReader.for_document(knowledge.departments, info.title, department_cells)
    context = RecordContext(
        header.labels,
        roles,
        knowledge,
        info.year,
        reader,
        misread=raw.content.traits.text_may_be_misread,
    )
    records: list[TaskRecord] = []
    warnings = [TaskWarning(n.code, n.message, None, n.page) for n in raw.content.notices]
    warnings += [TaskWarning(NormalizeCode.COLUMN_ROLES, guessed) for guessed in guess.guessed]
    warnings += task_rows.warnings
    warnings += [TaskWarning(NormalizeCode.COLUMN_ROLES, doubt) for doubt in chosen.doubts]
    warnings += notes
    responsibility = [i for i, r in enumerate(roles) if traits(r).value is Value.RESPONSIBILITY]
    led_by_first = rows_led_by_first(rows, responsibility, whole_led_by_first, first_leads)
    for row, led in zip(rows, led_by_first, strict=True):
        row_context = context._replace(lead_note=True) if led else context
        record, row_warnings = build_record(len(records) + 1, row, row_context)
        if record is not None:
            records.append(record)
            warnings.extend(row_warnings)
    warnings += _measureless_warning(records, chosen.doubts)
    warnings += check_numbering(records)
    warnings += _empty_section_warnings(sections, records)
    warnings += _leadless_warnings(records)
    return TaskList(
        file=Path(raw.path).name,
        format=raw.format,
        sha256=raw.sha256,
        title=info.title,
        attachment=info.attachment,
        year=info.year,
        columns=[_column(choice) for choice in chosen.choices],
        records=records,
        warnings=warnings,
        **read_issuance(issuance_lines(raw.content), knowledge.titles)._asdict(),
    )


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


def _measureless_warning(records: list[TaskRecord], doubts: list[str]) -> list[TaskWarning]:
    """A ``column-roles`` warning when most records came out without a measure.

    Such a document is almost always read with the wrong roles (issue 12: a whole
    list had every measure empty and exited 0), so it must not pass silently.
    """
    if not records or any("no column holds task text" in doubt for doubt in doubts):
        return []
    empty = sum(1 for record in records if not record.measure)
    if empty * 2 <= len(records):
        return []
    message = f"{empty} of {len(records)} records have no measure: the column roles may be wrong"
    return [TaskWarning(NormalizeCode.COLUMN_ROLES, message)]


def _empty_section_warnings(sections: list[str], records: list[TaskRecord]) -> list[TaskWarning]:
    """A warning for each section row with no task under it, so its text is not lost.

    Found by the property tests (issue 8): a section row at the end of a table, or
    right before the next section, named no record and vanished.
    """
    used = {record.section for record in records}
    return [
        TaskWarning(NormalizeCode.EMPTY_SECTION, f"section row {text!r} has no tasks under it")
        for text in dict.fromkeys(sections)
        if text not in used
    ]


def _leadless_warnings(records: list[TaskRecord]) -> list[TaskWarning]:
    """A ``no-lead`` warning for each task that names no lead unit (issue 32: such a
    task passed silently), or one for the list when none of its tasks names one."""
    leadless = [record for record in records if not record.lead]
    if not leadless:
        return []
    if len(leadless) == len(records) > 1:
        return [
            TaskWarning(
                NormalizeCode.NO_LEAD, f"none of the {len(records)} tasks names a lead unit"
            )
        ]
    return [
        TaskWarning(NormalizeCode.NO_LEAD, "task names no lead unit", record.seq, record.page)
        for record in leadless
    ]


__all__ = ["Knowledge", "TaskList", "TaskRecord", "TaskWarning", "explain_columns", "normalize"]
