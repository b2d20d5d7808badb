"""Numbered-paragraph lists: a task list printed as text instead of a table.

Lists printed inside a notice look like this::

    一、持续打好蓝天保卫战                 <- a section heading (一、, 第一部分)
    （一）散煤治理                         <- a sub-heading: the category
    1.完成1200户居民“煤改电”改造。        <- an item: its numbering is ``no``
    牵头单位：区发展改革委                 <- role lines, by their labels
    配合单位：区财政局、区住房城乡建设局
    完成时限：2019年10月底前

``read_paragraph_list`` reads such lines (the document's text lines when it has no
task table) into the same ``GridRow``s the table path uses: a synthetic header whose
labels say what each column is (序号, 类别, 任务内容, then each role label as printed:
牵头单位, 配合单位, 完成时限 ...), a full-width section row for each section heading,
and one row per item. The normal chain then builds the records, so departments and
deadlines are read exactly as in a table.

* Items are found by their numbering: ``1.``/``1、``/``1．`` when the list has them;
  otherwise ``（一）`` items under ``一、`` sections; otherwise ``一、`` items. The
  numbering is ``no`` without its full stop or 、 (``1.`` -> ``1``; ``（一）`` stays).
  Lines numbered below the items (``（1）``, ``①``) and unnumbered lines continue the
  item's text, as wrapped lines of a table cell do.
* A role line is ``LABEL：value`` whose label names a responsibility, deadline, person
  or note column in ``data/columns.toml``; lines after it that are neither numbered
  nor labelled continue its value (a wrapped list of departments). A line naming
  several responsibility roles (``牵头单位：X；配合单位：Y``) is one 责任单位 value,
  read from its words as a table's 责任单位 cell is. A role label in the middle of an
  item's text (``……完成。牵头单位：X``) starts a role line there.
* It is a list only when at least one item has a role line: numbered paragraphs
  without any (a notice's own 一、二、) are not a task list.
* Lines above the first heading or item are the lines naming the list (title); text
  between a heading and its first item is not a task and is named in a warning.
  Page numbers printed in the text (``— 3 —``, ``第3页``) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from qingdan.extract.grid import Cell, Covered, RawRow, RawTable
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.layout import TaskRows, collect_task_rows
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.roles import LABELLED_EXTRA_ROLES, Role
from qingdan.normalize.script import NUMERAL

NO_LABEL, CATEGORY_LABEL, MEASURE_LABEL = "序号", "类别", "任务内容"
RESPONSIBLE_LABEL = "责任单位"
"""The synthetic header's labels for what paragraph form does not label itself."""

_NUMERAL = f"{NUMERAL}+"
_SECTION = re.compile(rf"^(?:{_NUMERAL}[、.．]|第{_NUMERAL}(?:部分|章|节|篇))")
_CATEGORY = re.compile(rf"^([（(]{_NUMERAL}[）)])")
_ITEM = re.compile(r"^(\d{1,3})[.．、](?!\d)")
_SUB_ITEM = re.compile(r"^(?:[（(]\d{1,3}[）)]|[①-⑳])")
_CHINESE_ITEM = re.compile(rf"^({_NUMERAL})[、.．]")
# A role label: a short text before a colon, at the line's start or after a sentence
# end, a semicolon or a space.
_LABEL = re.compile(r"(?:^|(?<=[。；;，,\s]))([^\s：:。；;，,]{2,10})\s*[：:]")
# A page number printed in the text (— 3 —, 第3页 共8页): not part of any task.
_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
_RESPONSIBILITY = frozenset({Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE})
_ROLE_LINES = _RESPONSIBILITY | {Role.DEADLINE, *LABELLED_EXTRA_ROLES}


class Level(Enum):
    """What a numbered line is, by its numbering."""

    SECTION = "section"
    CATEGORY = "category"
    ITEM = "item"


class _Item:
    """One numbered item as it is read: its number, category, lines and role lines."""

    def __init__(self, no: str, category: str | None, lines: list[str]) -> None:
        self.no = no
        self.category = category
        self.lines = lines
        self.roles: dict[str, list[str]] = {}
        self.last_role: str | None = None


class ParagraphList(NamedTuple):
    """A numbered-paragraph list read into the table path's rows."""

    rows: TaskRows
    text_above: list[str]
    """The lines above the list (its attachment label and title)."""


def read_paragraph_list(lines: Sequence[str], synonyms: ColumnSynonyms) -> ParagraphList | None:
    """The task list in a document's text lines, or ``None`` when they hold none."""
    lines = [line.strip() for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    levels = _levels(lines)
    if levels is None:
        return None
    reader = _Reader(synonyms, levels)
    for line in lines:
        reader.read(line)
    items = [entry for entry in reader.entries if isinstance(entry, _Item)]
    if not any(item.roles for item in items):
        return None
    table = reader.table()
    task_rows = collect_task_rows([table], synonyms)
    if task_rows is None:
        return None
    note = f"no task table: {len(items)} numbered paragraphs read as tasks"
    warnings = [TaskWarning("paragraph-list", note), *reader.warnings, *task_rows.warnings]
    return ParagraphList(task_rows._replace(warnings=warnings, first_table=None), reader.above)


def _level(line: str) -> tuple[Level, str] | None:
    """The numbering level of a line and its printed numbering, or ``None``."""
    if match := _ITEM.match(line):
        return Level.ITEM, match.group(1)
    if match := _CATEGORY.match(line):
        return Level.CATEGORY, match.group(1)
    if _SECTION.match(line):
        chinese = _CHINESE_ITEM.match(line)
        return Level.SECTION, chinese.group(1) if chinese else line
    return None


def _levels(lines: list[str]) -> dict[Level, Level] | None:
    """How each numbering level is read in this document: as a section, a category or
    the items. The items are the deepest level present (1. under （一） under 一、)."""
    present = {found[0] for line in lines if (found := _level(line))}
    if Level.ITEM in present:
        return {level: level for level in Level}
    if Level.CATEGORY in present:
        return {Level.SECTION: Level.SECTION, Level.CATEGORY: Level.ITEM}
    if Level.SECTION in present:
        return {Level.SECTION: Level.ITEM}
    return None


class _Reader:
    """The lines read in order into sections, categories and items."""

    def __init__(self, synonyms: ColumnSynonyms, levels: dict[Level, Level]) -> None:
        self.synonyms = synonyms
        self.levels = levels
        self.above: list[str] = []
        self.entries: list[_Item | str] = []
        """Items and section headings (as their text), in order."""
        self.warnings: list[TaskWarning] = []
        self.labels: list[str] = []
        """Role labels in the order first seen: the synthetic header's role columns."""
        self._category: str | None = None
        self._started = False

    def read(self, line: str) -> None:
        """Read one line: a heading, an item, a role line or a continuation."""
        found = _level(line)
        role = self.levels.get(found[0]) if found else None
        if found and role is Level.SECTION:
            self._started, self._category = True, None
            self.entries.append(line)
        elif found and role is Level.CATEGORY:
            self._started, self._category = True, line
        elif found and role is Level.ITEM:
            self._started = True
            no, text = found[1], line[_number_end(line, found[0]) :]
            self.entries.append(_Item(no, self._category, []))
            self._text(text)
        elif not self._started:
            self.above.append(line)
        else:
            self._text(line)

    def _text(self, text: str) -> None:
        """Text of the current item: its measure, then role lines, each to its column."""
        item = self.entries[-1] if self.entries and isinstance(self.entries[-1], _Item) else None
        parts = self._role_parts(text)
        head = text[: parts[0][1]] if parts else text
        if item is None:
            if text.strip():
                message = f"text under a heading but in no task: {text}"
                self.warnings.append(TaskWarning("paragraph-text", message))
            return
        if head.strip():
            if item.last_role is None or _SUB_ITEM.match(head):
                item.lines.append(head.strip())
                item.last_role = None
            else:
                item.roles[item.last_role].append(head.strip())
        for label, _, value in parts:
            if label not in self.labels:
                self.labels.append(label)
            item.roles.setdefault(label, []).extend([value] if value else [])
            item.last_role = label

    def _role_parts(self, text: str) -> list[tuple[str, int, str]]:
        """The role labels in a text: ``(column label, start, value)`` for each.

        A line naming several responsibility roles is one 责任单位 value (its words
        say who leads); labels of other roles split the line.
        """
        found = [
            (match.group(1), match.start(1), match.end())
            for match in _LABEL.finditer(text)
            if self.synonyms.role_for(match.group(1)) in _ROLE_LINES
        ]
        responsibility = [f for f in found if self.synonyms.role_for(f[0]) in _RESPONSIBILITY]
        if len(responsibility) > 1:
            first = responsibility[0]
            others = [f for f in found if f not in responsibility]
            bounds = sorted([first, *others], key=lambda f: f[1])
            merged = []
            for index, (label, start, value_start) in enumerate(bounds):
                end = bounds[index + 1][1] if index + 1 < len(bounds) else len(text)
                if (label, start, value_start) == first:
                    label, value_start = RESPONSIBLE_LABEL, start
                    if self.synonyms.role_for(first[0]) is Role.RESPONSIBLE:
                        value_start = first[2]
                merged.append((label, start, text[value_start:end].strip(" ；;，,")))
            return merged
        parts = []
        for index, (label, start, value_start) in enumerate(found):
            end = found[index + 1][1] if index + 1 < len(found) else len(text)
            parts.append((label, start, text[value_start:end].strip(" ；;，,")))
        return parts

    def table(self) -> RawTable:
        """The synthetic table: header, section rows and one row per item."""
        has_category = any(isinstance(e, _Item) and e.category for e in self.entries)
        columns = self._role_columns()
        header = [NO_LABEL, *([CATEGORY_LABEL] if has_category else []), MEASURE_LABEL]
        header += list(columns)
        rows = [RawRow(list[Cell](header))]
        for entry in self.entries:
            if isinstance(entry, str):
                rows.append(RawRow([entry, *[Covered.LEFT] * (len(header) - 1)]))
                continue
            cells: list[Cell] = [entry.no]
            if has_category:
                cells.append(entry.category or "")
            cells.append("\n".join(entry.lines))
            for column, labels in columns.items():
                cells.append(_column_text(entry, column, labels, self.synonyms))
            rows.append(RawRow(cells))
        return RawTable(rows=rows, name="numbered paragraphs")

    def _role_columns(self) -> dict[str, list[str]]:
        """The role columns: column label -> the role labels whose lines it holds.

        Labels of one lead, support or deadline role share a column named by the first
        seen (牵头单位 and 牵头部门 lines are one column); people and notes keep a column
        per label (they go to ``extra`` under it). When some item names its units under
        a 责任单位 label (or several roles on one line), every item's responsibility
        lines go into one 责任单位 column read from its words: in paragraph form the
        roles are each item's own, not a column's.
        """
        roles = {label: self.synonyms.role_for(label) for label in self.labels}
        fold = RESPONSIBLE_LABEL in roles or Role.RESPONSIBLE in roles.values()
        columns: dict[str, list[str]] = {}
        first_of: dict[Role, str] = {}
        for label in self.labels:
            role = roles[label]
            if label == RESPONSIBLE_LABEL or (fold and role in _RESPONSIBILITY):
                columns.setdefault(RESPONSIBLE_LABEL, []).append(label)
            elif role in (Role.LEAD, Role.SUPPORT, Role.DEADLINE) and role is not None:
                column = first_of.setdefault(role, label)
                columns.setdefault(column, []).append(label)
            else:
                columns[label] = [label]
        return columns


def _column_text(item: _Item, column: str, labels: list[str], synonyms: ColumnSynonyms) -> str:
    """An item's cell in ``column``, which holds the lines of ``labels``.

    In a folded 责任单位 column, a 牵头单位/配合单位 line keeps its label, so the cell
    reads "牵头单位：X；配合单位：Y" as printed.
    """
    if column != RESPONSIBLE_LABEL:
        return "\n".join(line for label in labels for line in item.roles.get(label, []))
    parts = []
    for label in labels:
        values = item.roles.get(label)
        if not values:
            continue
        text = "\n".join(values)
        unlabelled = label == RESPONSIBLE_LABEL or synonyms.role_for(label) is Role.RESPONSIBLE
        parts.append(text if unlabelled else f"{label}：{text}")
    return "；".join(parts)


def _number_end(line: str, level: Level) -> int:
    """Where an item's text starts after its numbering (and the full stop or 、)."""
    pattern = {Level.ITEM: _ITEM, Level.CATEGORY: _CATEGORY, Level.SECTION: _CHINESE_ITEM}[level]
    match = pattern.match(line)
    return match.end() if match else 0
