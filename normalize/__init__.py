"""Stage 2: raw grids -> task records.

``normalize`` chains named, pure steps: find the task table and its header, drop
repeated headers, join section rows cut by a page break, mark section rows, join rows
cut by a page break, continue category
cells cut by a page break, carry merged cells forward, then build one
record per row (wrapped text joined, departments split, deadlines read). It knows
nothing about file formats: it sees only ``extract.RawDocument``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import RawDocument
from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.departments import DepartmentKnowledge
from qingdan.normalize.document_info import describe_document, heading_lines
from qingdan.normalize.layout import (
    carry_forward,
    collect_task_rows,
    drop_repeated_headers,
    mark_sections,
    section_texts,
)
from qingdan.normalize.model import Column, TaskList, TaskRecord, TaskWarning
from qingdan.normalize.numbering import check_numbering
from qingdan.normalize.page_breaks import (
    continue_cut_categories,
    join_cut_section_rows,
    join_split_rows,
)
from qingdan.normalize.records import RecordContext, build_record


@dataclass(frozen=True)
class Knowledge:
    """The domain knowledge normalizing uses: built-in data plus the user's files."""

    columns: ColumnSynonyms = field(default_factory=ColumnSynonyms.load)
    departments: DepartmentKnowledge = field(default_factory=DepartmentKnowledge.load)
    aliases: AliasTable = field(default_factory=AliasTable.load)

    @classmethod
    def load(
        cls,
        columns: Path | None = None,
        departments: Path | None = None,
        aliases: Path | None = None,
    ) -> Knowledge:
        """Built-in knowledge extended by the user's column, department and alias files."""
        return cls(
            ColumnSynonyms.load(columns),
            DepartmentKnowledge.load(departments),
            AliasTable.load(aliases),
        )


def normalize(raw: RawDocument, knowledge: Knowledge | None = None) -> TaskList:
    """The task list a person sees in a raw document.

    Raises ``NoTableFound`` when no table in the document has a task-list header.
    """
    knowledge = knowledge or Knowledge()
    task_rows = collect_task_rows(raw.tables, knowledge.columns)
    if task_rows is None:
        what = "no table" if not raw.tables else "no table with a task-list header"
        raise NoTableFound(raw.path, f"{what} found (looked for 重点工作/工作措施/牵头单位 ...)")
    info = describe_document(heading_lines(raw.content, raw.tables, task_rows.first_table))
    header = task_rows.header
    rows = drop_repeated_headers(task_rows.rows, header, knowledge.columns)
    rows = join_cut_section_rows(rows)
    sections = section_texts(rows)
    rows = mark_sections(rows)
    rows = join_split_rows(rows, header.fields)
    rows = continue_cut_categories(rows, header.fields)
    rows = carry_forward(rows, header.fields)

    context = RecordContext(header, knowledge.departments, info.year, knowledge.aliases)
    records: list[TaskRecord] = []
    warnings = [TaskWarning(n.code, n.message, None, n.page) for n in raw.content.notices]
    warnings += task_rows.warnings
    for row in rows:
        record, row_warnings = build_record(len(records) + 1, row, context)
        if record is not None:
            records.append(record)
            warnings.extend(row_warnings)
    warnings += check_numbering(records)
    warnings += _empty_section_warnings(sections, records)
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


def _empty_section_warnings(sections: list[str], records: list[TaskRecord]) -> list[TaskWarning]:
    """A warning for each section row with no task under it, so its text is not lost.

    Found by the property tests (issue 8): a section row at the end of a table, or
    right before the next section, named no record and vanished.
    """
    used = {record.section for record in records}
    return [
        TaskWarning("empty-section", f"section row {text!r} has no tasks under it")
        for text in dict.fromkeys(sections)
        if text not in used
    ]


__all__ = ["Knowledge", "TaskList", "TaskRecord", "TaskWarning", "normalize"]
