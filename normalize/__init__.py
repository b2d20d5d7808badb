"""Stage 2: raw grids -> task records.

``normalize`` chains named, pure steps: find the task table and its header, drop
repeated headers, mark section rows, join rows cut by a page break, continue category
cells cut by a page break, carry merged cells forward, then build one
record per row (wrapped text joined, departments split, deadlines read). It knows
nothing about file formats: it sees only ``extract.RawDocument``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import NoTableFound
from extract.grid import RawDocument
from normalize.columns import ColumnSynonyms
from normalize.departments import DepartmentKnowledge
from normalize.document_info import describe_document, lines_naming_the_list
from normalize.layout import carry_forward, collect_task_rows, drop_repeated_headers, mark_sections
from normalize.model import Column, TaskList, TaskRecord, TaskWarning
from normalize.page_breaks import continue_cut_categories, join_split_rows
from normalize.records import RecordContext, build_record


@dataclass(frozen=True)
class Knowledge:
    """The domain knowledge normalizing uses: built-in data plus the user's files."""

    columns: ColumnSynonyms = field(default_factory=ColumnSynonyms.load)
    departments: DepartmentKnowledge = field(default_factory=DepartmentKnowledge.load)

    @classmethod
    def load(cls, columns: Path | None = None, departments: Path | None = None) -> Knowledge:
        """Built-in knowledge extended by the user's column and department files."""
        return cls(ColumnSynonyms.load(columns), DepartmentKnowledge.load(departments))


def normalize(raw: RawDocument, knowledge: Knowledge | None = None) -> TaskList:
    """The task list a person sees in a raw document.

    Raises ``NoTableFound`` when no table in the document has a task-list header.
    """
    knowledge = knowledge or Knowledge()
    task_rows = collect_task_rows(raw.tables, knowledge.columns)
    if task_rows is None:
        what = "no table" if not raw.tables else "no table with a task-list header"
        raise NoTableFound(raw.path, f"{what} found (looked for 重点工作/工作措施/牵头单位 ...)")
    above = lines_naming_the_list(raw.content.text_before, raw.tables, task_rows.first_table)
    info = describe_document(above)
    header = task_rows.header
    rows = drop_repeated_headers(task_rows.rows, header, knowledge.columns)
    rows = mark_sections(rows)
    rows = join_split_rows(rows, header.fields)
    rows = continue_cut_categories(rows, header.fields)
    rows = carry_forward(rows, header.fields)

    context = RecordContext(header, knowledge.departments, info.year)
    records: list[TaskRecord] = []
    warnings = [TaskWarning(n.code, n.message, None, n.page) for n in raw.content.notices]
    warnings += task_rows.warnings
    for row in rows:
        record, row_warnings = build_record(len(records) + 1, row, context)
        if record is not None:
            records.append(record)
            warnings.extend(row_warnings)
    return TaskList(
        file=Path(raw.path).name,
        format=raw.format,
        sha256=raw.sha256,
        title=info.title,
        attachment=info.attachment,
        year=info.year,
        columns=[Column(label, f) for label, f in zip(header.labels, header.fields, strict=True)],
        records=records,
        warnings=warnings,
    )


__all__ = ["Knowledge", "TaskList", "TaskRecord", "TaskWarning", "normalize"]
