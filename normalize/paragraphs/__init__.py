"""Numbered-paragraph lists: a task list printed as text instead of a table.

Lists printed inside a notice look like this::

    一、持续打好蓝天保卫战                 <- a section heading (一、, 第一部分)
    （一）散煤治理                         <- a sub-heading: the category
    1.完成1200户居民“煤改电”改造。        <- an item: its numbering is ``no``
    牵头单位：区发展改革委                 <- role lines, by their labels
    配合单位：区财政局、区住房城乡建设局
    完成时限：2019年10月底前

``read_paragraph_list`` reads such lines (the document's text lines when it has no
task table) into the same ``GridRow``s the table path uses, in five steps, one module
each, read in this order:

1. ``lines``: the printed lines made into paragraphs (a page's wrapped lines joined
   back, items printed in one paragraph cut at each role note); page numbers printed
   in the text (``— 3 —``, ``第3页``) are skipped.
2. ``numbering`` and ``plan``: each line's numbering, and what each numbered line is in
   this document, a heading or an item.
3. ``items`` with ``role_lines``: the lines read in order into headings and items, each
   item's text and its role lines (``LABEL：value``, a role note in brackets);
   ``closing_notes``: a line after the items naming the units of the items it counts
   back ("2项目标的责任单位均为X。").
4. ``reports``: what the title says the items are (a task list, a progress or a
   rectification report) when no item names a unit.
5. ``table``: the items as a synthetic table (序号, 类别, 任务内容, the role labels), which
   the normal chain turns into records, so departments and deadlines are read exactly
   as in a table.

It is a list only when at least one item has a role line or a note after the items
names units (``closing_notes``), or when the title names a list of tasks (``reports``):
numbered paragraphs without any (a notice's own 一、二、) are not a task list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.grid import RawTable, cell_text
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.header import Header
from qingdan.normalize.layout import TaskRows, collect_task_rows
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraphs.closing_notes import read_closing_note
from qingdan.normalize.paragraphs.items import Reader
from qingdan.normalize.paragraphs.lines import split_inline, split_items, unwrap
from qingdan.normalize.paragraphs.numbering import PAGE_NUMBER, Level
from qingdan.normalize.paragraphs.plan import Plan, plan
from qingdan.normalize.paragraphs.reports import split_problems, split_progress, title_word
from qingdan.normalize.paragraphs.role_lines import RoleLines, repeated_labels
from qingdan.normalize.paragraphs.table import synthetic_table
from qingdan.normalize.roles import Role
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.knowledge import Knowledge

__all__ = ["ParagraphList", "read_paragraph_list"]


class ParagraphList(NamedTuple):
    """A numbered-paragraph list read into the table path's rows."""

    rows: TaskRows
    text_above: list[str]
    """The lines above the list (its attachment label and title)."""


def read_paragraph_list(
    lines: Sequence[str], knowledge: Knowledge, wrapped: bool = False
) -> ParagraphList | None:
    """The task list in a document's text lines, or ``None`` when they hold none.

    ``wrapped``: the reader's lines may be a page's wrapped lines (a PDF), so a
    paragraph may come as several lines (``lines.unwrap``)."""
    paragraphs = _paragraphs(lines, RoleLines(knowledge), wrapped)
    found = plan(paragraphs, RoleLines(knowledge))
    if found is None:
        return None
    reader = _read(paragraphs, found, knowledge)
    # A note after the items naming units makes a list even when it names none of them
    # (its ``closing-note`` warning says so).
    if not any(item.roles for item in reader.items()) and not reader.closing:
        roleless = _read_roleless(paragraphs, found, knowledge, reader.above)
        if roleless is None:
            return None
        reader = roleless
    if reader.bare:
        message = "no numbering: short lines read as headings, each paragraph under one as a task"
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
    headings = [entry for entry in reader.entries if isinstance(entry, str)]
    if not reader.above and len(headings) == 1 and reader.entries[0] == headings[0]:
        # "一、10件民生实事任务分解表" opening the text, the only heading: the list's name,
        # as the same line above a table is.
        reader.entries.pop(0)
        reader.above.append(headings[0])
    return _task_rows(reader)


def _paragraphs(lines: Sequence[str], roles: RoleLines, wrapped: bool) -> list[str]:
    """The paragraphs of a document's text lines, page numbers left out."""
    found = [line.strip() for line in lines if line.strip() and not PAGE_NUMBER.match(line)]
    if wrapped:
        found = unwrap(
            found, lambda line: roles.starts_paragraph(line) or bool(read_closing_note(line, roles))
        )
    return [
        inline
        for line in found
        for piece in split_items(line, roles.is_numbered, roles.own_roles)
        for inline in split_inline(piece)
    ]


def _read(lines: list[str], found: Plan, knowledge: Knowledge, roleless: bool = False) -> Reader:
    """The lines read by plan; ``roleless``: the list names no roles at all, so the
    text a section heading holds instead of numbered items is its one task."""
    reader = Reader(knowledge, found[0])
    reader.roleless = roleless
    reader.unnumbered = Level.ITEM not in reader.levels.values()
    # No line printed a number (``plan._unnumbered_plan``): each paragraph is its own task.
    reader.bare = all(entry is None or not entry[0].no for entry in found[1])
    reader.roles.field_labels = repeated_labels(lines)
    for line, entry in zip(lines, found[1], strict=True):
        reader.read(line, entry)
    reader.apply_closing_notes()
    reader.lead_from_sections()
    reader.names_as_categories()
    reader.not_units = reader.measure_labels()
    return reader


def _read_roleless(
    lines: list[str], found: Plan, knowledge: Knowledge, above: list[str]
) -> Reader | None:
    """Items that name no unit, read as tasks when the title (``above``) names a list of
    tasks or a report on them; ``None`` when it names neither."""
    words = knowledge.titles
    progress = title_word(above, words.progress)
    rectified = title_word(above, words.rectification)
    if not (title_word(above, words.task_list) or progress or rectified):
        return None
    reader = _read(lines, found, knowledge, roleless=True)
    message = "no item names a unit: read as tasks because the title names a task list"
    message += " or a report on its tasks" if progress or rectified else ""
    reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
    if rectified:  # 整改落实情况 names a 落实情况 too: the rectification decides
        split_problems(reader)
    elif progress:
        split_progress(reader, progress)
    return reader


def _own_header(synonyms: ColumnSynonyms) -> Callable[[RawTable], Header | None]:
    """The header of a synthetic table where its labels alone do not make one: its
    first row, each label with the role the vocabulary gives it."""

    def header(table: RawTable) -> Header | None:
        if not table.rows:
            return None
        labels = [cell_text(cell) for cell in table.rows[0].cells]
        return Header(0, labels, [synonyms.role_for(label) for label in labels])

    return header


def _task_rows(reader: Reader) -> ParagraphList | None:
    """The reader's items as the table path's rows, or ``None`` when they make none."""
    synonyms = reader.synonyms
    # The synthetic table's first row is its header by construction: its labels are the
    # ones the items print (2020年计划：…, a place's name), which the vocabulary need not
    # know (skeletons 019, 063: a field list with no role label at all).
    task_rows = collect_task_rows(
        [synthetic_table(reader)], synonyms, _own_header(synonyms), located=False
    )
    if task_rows is None:
        return None
    # A field under a label we do not know is printed as that label's: kept in extra,
    # never guessed from its content as a table's unknown column is.
    unknown = {label for label in reader.labels if synonyms.role_for(label) is None}
    unknown |= reader.not_units
    header = task_rows.header
    hints = [
        Role.NOTE if label in unknown else hint
        for label, hint in zip(header.labels, header.hints, strict=True)
    ]
    task_rows = task_rows._replace(header=header._replace(hints=hints))
    note = f"no task table: {len(reader.items())} numbered paragraphs read as tasks"
    warnings = [
        TaskWarning(NormalizeCode.PARAGRAPH_LIST, note),
        *dict.fromkeys(reader.warnings),
        *task_rows.warnings,
    ]
    return ParagraphList(task_rows._replace(warnings=warnings, first_table=None), reader.above)
