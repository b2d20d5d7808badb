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

* The lines are the paragraphs first: a printed page's wrapped lines are joined back
  and items printed in one paragraph are cut at each role note
  (``normalize.paragraph_lines``).
* Items are found by their numbering: ``1.``/``1、``/``1．`` when the list has them;
  otherwise ``⑴``/``（1）`` when each of them names its roles; otherwise ``（一）`` items
  under ``一、`` sections; otherwise ``一、`` items. The
  numbering is ``no`` without its full stop or 、 (``1.`` -> ``1``; ``（一）`` stays).
  A ``（一）`` heading's ordinal is numbering too: the category is its text without it.
  A line numbered as a heading that names its own roles and has no numbered lines
  under it is an item ("一、……。（X负责）", "（一）……（X牵头）" beside （一） headings
  over 1. items): the roles, not the ordinal, tell a task from a heading.
  When unnumbered paragraphs each end with their own role note under headings that
  have none, the paragraphs are the items (``no`` null) and every heading is a heading.
  Lines numbered below the items (``（1）``, ``①``) and unnumbered lines continue the
  item's text, as wrapped lines of a table cell do. With no numbering at all, short
  lines that end no sentence are headings and each paragraph under them is an item
  (``paragraph_lines.unnumbered_headings``; warned).
* A role line is ``LABEL：value`` whose label names a responsibility, deadline, person
  or note column in ``data/columns.toml``; lines after it that are neither numbered
  nor labelled continue its value (a wrapped list of departments). A line naming
  several responsibility roles (``牵头单位：X；配合单位：Y``) is one 责任单位 value,
  read from its words as a table's 责任单位 cell is. A role label in the middle of an
  item's text (``……完成。牵头单位：X``) starts a role line there.
* A role note in brackets at the end of an item (``（牵头单位：X；配合单位：Y；完成时限：Z）``,
  ``[…]``, ``（X牵头，Y配合，年底前完成）``) is read as role lines and is no part of the
  measure; role words prove the names in it, known units or not. A line opening with a
  label we do not know is a role line when its value says who leads in role words
  (``部门分工：X牵头，Y配合。``), or a field kept in ``extra`` when it stands among an
  item's role lines or opens lines of several items (``任务来源：…``). A value's final 。
  ends the sentence, not the name or the date.
* Officials named first in a role note ("分管副市长负责，X牵头，……") are kept in
  ``extra`` (负责领导), never units; a section heading naming the unit whose work it
  lists ("一、X牵头工作（8项）") gives X the lead of its items that name none.
* It is a list only when at least one item has a role line, or when the title names a
  list of tasks (清单, 实事, 任务分解, 任务分工; then the text a section holds instead of
  numbered items is its task): numbered paragraphs without any (a notice's own 一、二、)
  are not a task list. A title naming a progress report (完成情况 …) makes the items
  tasks too: an item's text from the sentence opening with the period reported on
  ("上半年，") is its progress, kept in ``extra`` under that word.
* Lines above the first heading or item are the lines naming the list (title); text
  between a heading and its first item is not a task and is named in a warning.
  Page numbers printed in the text (``— 3 —``, ``第3页``) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.grid import Cell, Covered, RawRow, RawTable
from qingdan.normalize.cell_kinds import is_measure_unit, is_person
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.layout import TaskRows, collect_task_rows
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraph_lines import (
    progress_start,
    split_items,
    status_sentence,
    unnumbered_headings,
    unwrap,
)
from qingdan.normalize.responsibility import final_bracket, states_roles, take_officials
from qingdan.normalize.roles import LABELLED_EXTRA_ROLES, Role
from qingdan.normalize.script import NUMERAL
from qingdan.normalize.text import squeeze
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.knowledge import Knowledge

NO_LABEL, CATEGORY_LABEL, MEASURE_LABEL = "序号", "类别", "任务内容"
RESPONSIBLE_LABEL, DEADLINE_LABEL = "责任单位", "完成时限"
"""The synthetic header's labels for what paragraph form does not label itself."""

_NUMERAL = f"{NUMERAL}+"
_SECTION = re.compile(rf"^(?:{_NUMERAL}[、.．]|第{_NUMERAL}(?:部分|章|节|篇))")
_CATEGORY = re.compile(rf"^([（(]{_NUMERAL}[）)])")
_ITEM = re.compile(r"^(\d{1,3})[.．、](?!\d)")
_SUB_ITEM = re.compile(r"^(?:[（(]\d{1,3}[）)]|[①-⑳⑴-⒇])")
_CHINESE_ITEM = re.compile(rf"^({_NUMERAL})[、.．]")
# A role label: a short text before a colon, at the line's start or after a sentence
# end, a semicolon or a space.
# A label may be spaced out to fill its width ("牵 头 部 门：").
_LABEL = re.compile(
    r"(?:^|(?<=[。；;，,\s]))([^\s：:。；;，,](?:[ 　]?[^\s：:。；;，,]){1,9})\s*[：:]"
)
# A page number printed in the text (— 3 —, 第3页 共8页): not part of any task.
_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
_RESPONSIBILITY = frozenset({Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE})
_ROLE_LINES = _RESPONSIBILITY | {Role.DEADLINE, *LABELLED_EXTRA_ROLES}
_ROLE_WORDS = {Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位", Role.RESPONSIBLE: RESPONSIBLE_LABEL}
"""The label a folded 责任单位 cell writes for each role's line."""
_FULL_STOP_ENDS = _RESPONSIBILITY | {Role.DEADLINE, Role.PEOPLE}
"""Roles whose value loses a line-final 。: names and dates, not sentences."""
_SENTENCE_END = " ；;，,"
"""Stripped from every role value; a value that names units, people or a date also loses
its line-final 。 (it ends the sentence, not the name: ``_FULL_STOP_ENDS``)."""


class Level(Enum):
    """What a numbered line is, by its numbering."""

    SECTION = "section"
    CATEGORY = "category"
    ITEM = "item"
    SUB = "sub"
    """（1）, ⑴, ①: below the items, or the items themselves in a list without 1."""


class _Numbered(NamedTuple):
    """A numbered line: the level its numbering says, the numbering as ``no`` prints it
    and where the line's text starts after it."""

    level: Level
    no: str
    start: int


class _Item:
    """One numbered item as it is read: its number, category, lines and role lines."""

    def __init__(
        self, no: str, category: str | None, lines: list[str], section_lead: str | None = None
    ) -> None:
        self.no = no
        self.category = category
        self.lines = lines
        self.roles: dict[str, list[str]] = {}
        self.last_role: str | None = None
        self.section_lead = section_lead
        """The lead its section heading names ("一、X牵头工作（8项）": "X牵头")."""


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
    paragraph may come as several lines (``paragraph_lines.unwrap``)."""
    lines = [line.strip() for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    synonyms = knowledge.columns
    reader = _Reader(knowledge, {})
    if wrapped:
        lines = unwrap(lines, reader.starts_paragraph)
    lines = [
        piece
        for line in lines
        for piece in split_items(line, lambda text: _numbering(text) is not None, reader.own_roles)
    ]
    plan = _plan(lines, reader)
    if plan is None:
        return None
    reader = _read(lines, plan, knowledge)
    items = [entry for entry in reader.entries if isinstance(entry, _Item)]
    roleless = not any(item.roles for item in items)
    progress = _title_word(reader.above, _PROGRESS_WORDS)
    rectified = _title_word(reader.above, _RECTIFICATION_WORDS)
    if roleless and not (_title_word(reader.above, _TASK_LIST_WORDS) or progress or rectified):
        return None
    if roleless:
        reader = _read(lines, plan, knowledge, roleless=True)
        items = [entry for entry in reader.entries if isinstance(entry, _Item)]
        message = "no item names a unit: read as tasks because the title names a task list"
        message += " or a report on its tasks" if progress or rectified else ""
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
        if rectified:  # 整改落实情况 names a 落实情况 too: the rectification decides
            reader.split_problems()
        elif progress:
            reader.split_progress(progress)
    if reader.bare:
        message = "no numbering: short lines read as headings, each paragraph under one as a task"
        reader.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))
    headings = [entry for entry in reader.entries if isinstance(entry, str)]
    if not reader.above and len(headings) == 1 and reader.entries[0] == headings[0]:
        # "一、10件民生实事任务分解表" opening the text, the only heading: the list's name,
        # as the same line above a table is.
        reader.entries.pop(0)
        reader.above.append(headings[0])
    table = reader.table()
    task_rows = collect_task_rows([table], synonyms, located=False)
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
    note = f"no task table: {len(items)} numbered paragraphs read as tasks"
    warnings = [
        TaskWarning(NormalizeCode.PARAGRAPH_LIST, note),
        *dict.fromkeys(reader.warnings),
        *task_rows.warnings,
    ]
    return ParagraphList(task_rows._replace(warnings=warnings, first_table=None), reader.above)


def _read(lines: list[str], plan: _Plan, knowledge: Knowledge, roleless: bool = False) -> _Reader:
    """The lines read by plan; ``roleless``: the list names no roles at all, so the
    text a section heading holds instead of numbered items is its one task."""
    reader = _Reader(knowledge, plan[0])
    reader.roleless = roleless
    reader.unnumbered = Level.ITEM not in reader.levels.values()
    # No line printed a number (``_unnumbered_plan``): each paragraph is its own task.
    reader.bare = all(entry is None or not entry[0].no for entry in plan[1])
    reader.field_labels = _repeated_labels(lines)
    for line, entry in zip(lines, plan[1], strict=True):
        reader.read(line, entry)
    reader.lead_from_sections()
    reader.not_units = reader.measure_labels()
    return reader


def _numbering(line: str) -> _Numbered | None:
    """A line's numbering, or ``None`` when it has none."""
    if match := _ITEM.match(line):
        return _Numbered(Level.ITEM, match.group(1), match.end())
    if match := _CATEGORY.match(line):
        return _Numbered(Level.CATEGORY, match.group(1), match.end())
    if _SECTION.match(line):
        chinese = _CHINESE_ITEM.match(line)
        return _Numbered(
            Level.SECTION, *((chinese.group(1), chinese.end()) if chinese else (line, 0))
        )
    if match := _SUB_ITEM.match(line):
        return _Numbered(Level.SUB, match.group(0), match.end())
    return None


_SECTION_LEAD = re.compile(r"^(.+?)(牵头|负责)的?(?:工作|任务|事项)(?:[（(][^）)]*[）)])?$")
"""A section heading naming the unit whose work it lists ("X牵头工作（8项）")."""
_TASK_LIST_WORDS = ("清单", "实事", "任务分解", "任务分工")
"""Title words that name a list of tasks: numbered paragraphs under such a title are its
tasks even when none names a unit (为民办实事 lists print none)."""
_PROGRESS_WORDS = ("完成情况", "进展情况", "推进情况", "落实情况")
"""Title words that name a progress report on tasks: each numbered item reports one
task, then what was done (read under the word as its label, ``_Reader.split_progress``)."""

_RECTIFICATION_WORDS = ("整改情况", "整改落实情况", "整改工作情况", "整改报告")
"""Title words that name a report on rectification: each numbered item states one
problem, then its rectification (``_Reader.split_problems``)."""
PROBLEM_LABEL, STATUS_LABEL = "存在问题", "整改情况"
"""The labels a rectification report's problem and status sentence are kept under."""


def _title_word(above: list[str], words: Sequence[str]) -> str | None:
    """The first of ``words`` the lines naming the list hold, or ``None``."""
    return next((word for word in words if any(word in line for line in above)), None)


_DEPTH = (Level.SECTION, Level.CATEGORY, Level.ITEM, Level.SUB)
"""Numbering levels from the outermost in."""
_Plan = tuple[dict[Level, Level], list[tuple[_Numbered, Level] | None]]
"""How each numbering level reads, and each line's numbering with what the line is."""


def _plan(lines: list[str], reader: _Reader) -> _Plan | None:
    """What each numbered line is: a section, a category or an item (``_levels``). A
    heading's numbering with the item's own roles (a role note at its end, role lines
    under it) is an item: the roles, not the ordinal, tell a task from a heading
    ("一、……。（X负责）" in a list of 一、 items, "（一）……（X牵头）" beside （一）
    headings over 1. items). ⑴ and （1） number the items when a list has no 1. and every
    one of them names its roles; otherwise they continue an item's text."""
    found = [_numbering(line) for line in lines]
    if not any(found):
        return _unnumbered_plan(lines)
    has_roles = _naming_roles(lines, found, reader)
    subs = [i for i, f in enumerate(found) if f and f.level is Level.SUB]
    if any(f and f.level is Level.ITEM for f in found) or not all(has_roles[i] for i in subs):
        found = [None if f and f.level is Level.SUB else f for f in found]
    levels = _levels(lines, found, reader.own_roles)
    if levels is None:
        return None
    numbered: list[tuple[_Numbered, Level] | None] = []
    for index, (found_line, roles) in enumerate(zip(found, has_roles, strict=True)):
        role = levels.get(found_line.level) if found_line else None
        if found_line is None or role is None:
            numbered.append(None)
            continue
        below = next((f.level for f in found[index + 1 :] if f), None)
        has_parts = below is not None and _DEPTH.index(below) > _DEPTH.index(found_line.level)
        numbered.append((found_line, Level.ITEM if roles and not has_parts else role))
    return levels, numbered


def _unnumbered_plan(lines: list[str]) -> _Plan | None:
    """A list printed with no numbering at all: its short theme lines are headings (the
    category, as a （一） sub-heading is) and each paragraph under them is one task
    (``paragraph_lines.unnumbered_headings``); ``None`` when the lines are not so shaped."""
    headings = unnumbered_headings(lines)
    if headings is None:
        return None
    heading = (_Numbered(Level.CATEGORY, "", 0), Level.CATEGORY)
    return {Level.CATEGORY: Level.CATEGORY}, [
        heading if index in headings else None for index in range(len(lines))
    ]


def _naming_roles(lines: list[str], found: list[_Numbered | None], reader: _Reader) -> list[bool]:
    """For each numbered line, whether it names its own roles: a role note at its end or
    a role label in it, or a role line right under it."""
    result = [False] * len(lines)
    current: int | None = None
    for index, (line, numbered) in enumerate(zip(lines, found, strict=True)):
        if numbered is not None:
            current = index
            result[index] = reader.own_roles(line) or reader.names_roles(line)
        elif current is not None and reader.opens_role_line(line):
            result[current] = True
    return result


def _levels(
    lines: list[str], found: list[_Numbered | None], own_roles: Callable[[str], bool]
) -> dict[Level, Level] | None:
    """How each numbering level is read in this document: as a section, a category or
    the items. The items are the deepest level present (1. under （一） under 一、),
    unless the items are unnumbered: paragraphs that each end with their own role note
    under headings that have none (a heading is then a heading at every level)."""
    present = {f.level for f in found if f}
    if Level.ITEM in present:
        return {level: level for level in Level if level is not Level.SUB}
    if Level.SUB in present:
        return {Level.SECTION: Level.SECTION, Level.CATEGORY: Level.CATEGORY, Level.SUB: Level.ITEM}
    unnumbered = [own_roles(line) for line, f in zip(lines, found, strict=True) if not f]
    numbered = [own_roles(line) for line, f in zip(lines, found, strict=True) if f]
    if present and any(unnumbered) and not any(numbered):
        return {level: level for level in present}
    if Level.CATEGORY in present:
        return {Level.SECTION: Level.SECTION, Level.CATEGORY: Level.ITEM}
    if Level.SECTION in present:
        return {Level.SECTION: Level.ITEM}
    return None


class _Reader:
    """The lines read in order into sections, categories and items."""

    def __init__(self, knowledge: Knowledge, levels: dict[Level, Level]) -> None:
        self.knowledge = knowledge
        self.synonyms = knowledge.columns
        self.levels = levels
        self.above: list[str] = []
        self.entries: list[_Item | str] = []
        """Items and section headings (as their text), in order."""
        self.warnings: list[TaskWarning] = []
        self.labels: list[str] = []
        """Role labels in the order first seen: the synthetic header's role columns."""
        self._category: str | None = None
        self._section_lead: str | None = None
        self.not_units: set[str] = set()
        self.roleless = False
        """The list names no roles: a section's own text is its task (``_read``)."""
        """Unit labels whose lines hold units of measure (单位：亿元): fields, not roles."""
        self._started = False
        self._heading = False
        """A heading was the last numbered line: unnumbered text under it with its own
        roles is an item without a number."""
        self.unnumbered = False
        self.bare = False
        """No line is numbered: every paragraph under a heading is one task."""
        self._in_role_lines = False
        self.field_labels: frozenset[str] = frozenset()
        """Labels opening a line more than once: fields of the items, known or not."""
        """The items are paragraphs without numbers, each ending with its own roles."""

    def read(self, line: str, numbered: tuple[_Numbered, Level] | None) -> None:
        """Read one line (with its numbering and what it is, when it has one): a heading,
        an item, a role line or a continuation."""
        found, role = numbered if numbered else (None, None)
        if found and role is Level.SECTION:
            self._started, self._category = True, None
            self._section_lead = self._lead_of(line[found.start :])
            self.entries.append(line)
            self._heading = True
        elif found and role is Level.CATEGORY:
            # The heading's （一） is numbering, as an item's 1. is: the category is its text.
            heading = line[found.start :].strip()
            self._started, self._category = True, heading or line
            self._heading = True
        elif found and role is Level.ITEM:
            self._started = True
            if self.levels.get(found.level) is Level.CATEGORY:
                self._category = None  # an item beside the headings ends the one above
            self.entries.append(_Item(found.no, self._category, [], self._section_lead))
            self._heading = False
            self._text(line[found.start :])
        elif not self._started:
            self.above.append(line)
        else:
            self._text(line)

    def _text(self, text: str) -> None:
        """Text of the current item: its measure, then role lines, each to its column."""
        bracket = self._role_bracket(text)
        if bracket is not None:
            text, parts = bracket
            head = text
        else:
            current = self.entries[-1] if self.entries else None
            self._in_role_lines = isinstance(current, _Item) and current.last_role is not None
            parts = self._role_parts(text)
            self._in_role_lines = False
            head = text[: parts[0][1]] if parts else text
        if bracket is None and not parts and (rejoined := self._wrapped_bracket(text)):
            text, parts = rejoined
            head = text
        item = self.entries[-1] if self.entries and isinstance(self.entries[-1], _Item) else None
        ended = item is None or self._heading or bool(item.roles)
        under_section = bool(self.entries) and isinstance(self.entries[-1], str)
        if (
            (self._heading and parts)
            or (self.unnumbered and (ended or self.bare))
            or (self.roleless and under_section and self._category is None)
        ):
            item = _Item("", self._category, [], self._section_lead)
            self.entries.append(item)
            self._heading = False
        if item is None:
            if text.strip():
                message = f"text under a heading but in no task: {text}"
                self.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_TEXT, message))
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
            values = item.roles.setdefault(label, [])
            if values and value and self._read_from_words(label):
                # A second 责任单位 line of one item keeps its label: after a 牵头 line
                # its names support, as in the 责任单位 cell it was printed from.
                value = f"{label}：{value}"
            values.extend([value] if value else [])
            item.last_role = label

    def split_progress(self, label: str) -> None:
        """In a progress report, each item's text from the sentence opening with the
        period it reports on ("上半年，……") is its progress, kept under ``label``; the
        task is the text before it."""
        split = 0
        for item in self.entries:
            text = "".join(item.lines) if isinstance(item, _Item) else ""
            at = progress_start(text)
            if isinstance(item, _Item) and at is not None and text[:at].strip():
                item.lines, item.roles[label] = [text[:at]], [text[at:]]
                split += 1
        if split:
            self.labels.append(label)
            message = f"a progress report: in {split} items, the text from the period"
            message += f" reported on is read as {label}"
            self.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))

    def split_problems(self) -> None:
        """In a rectification report, an item's numbered line states the problem (kept
        under 存在问题) and the paragraphs under it its rectification (the measure),
        without the status sentence they open with ("该问题已完成整改。": 整改情况)."""
        split = 0
        for item in self.entries:
            if not isinstance(item, _Item) or len(item.lines) < 2:
                continue
            rest = "".join(item.lines[1:])
            at = status_sentence(rest)
            item.roles[PROBLEM_LABEL] = [item.lines[0]]
            item.roles[STATUS_LABEL] = [rest[:at]] if at else []
            item.lines = [rest[at:]]
            split += 1
        if split:
            self.labels.extend([PROBLEM_LABEL, STATUS_LABEL])
            message = f"a rectification report: in {split} items, the numbered line is read"
            message += f" as the {PROBLEM_LABEL} and the text under it as the measure"
            self.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_LIST, message))

    def _wrapped_bracket(self, text: str) -> tuple[str, list[tuple[str, int, str]]] | None:
        """The item's text so far and this line without a role note whose bracket opened
        on an earlier line (a PDF wraps a long note), and the note's parts; ``None``
        when the joined text ends otherwise. The item's lines are then that text."""
        item = self.entries[-1] if self.entries else None
        if not isinstance(item, _Item) or self._heading or item.roles or not item.lines:
            return None
        found = self._role_bracket("".join(item.lines) + text)
        if found is not None:
            item.lines.clear()
        return found

    def _states_roles(self, text: str) -> bool:
        """Whether a text says who leads in role words or labels (``states_roles``)."""
        return states_roles(text, self.knowledge.departments, self.knowledge.responsibility)

    def _lead_of(self, heading: str) -> str | None:
        """The lead a section heading names as the one whose work it lists ("县住建局牵头
        工作（8项）" -> "县住建局牵头"), or ``None``."""
        found = _SECTION_LEAD.match(heading)
        if found is None or not self.knowledge.departments.model.read(found[1]).kind.is_name:
            return None
        return found[1] + found[2]

    def measure_labels(self) -> set[str]:
        """The responsibility labels whose values are units of measure, not of government
        ("单位：亿元" under an indicator; 单位 names both): some value is one, none is a
        unit's name (a dash stands for none). None when no other label names units: the
        column is then read as a table's column of that label is, by its cells."""
        found: set[str] = set()
        responsibility = [
            label for label in self.labels if self.synonyms.role_for(label) in _RESPONSIBILITY
        ]
        for label in responsibility:
            values = [
                squeeze(value)
                for item in self.entries
                if isinstance(item, _Item)
                for value in item.roles.get(label, [])
            ]
            cells, model = self.knowledge.cells, self.knowledge.departments.model
            if any(is_measure_unit(v, cells) for v in values) and not any(
                model.read(v).kind.is_name for v in values
            ):
                found.add(label)
        return found if len(found) < len(responsibility) else set()

    def lead_from_sections(self) -> None:
        """Give an item without roles of its own the lead its section names."""
        for item in self.entries:
            if isinstance(item, _Item) and item.section_lead and not item.roles:
                item.roles[RESPONSIBLE_LABEL] = [item.section_lead]
                if RESPONSIBLE_LABEL not in self.labels:
                    self.labels.append(RESPONSIBLE_LABEL)

    def _read_from_words(self, label: str) -> bool:
        """Whether a label's lines are read from their words (a 责任单位 line)."""
        return label == RESPONSIBLE_LABEL or self.synonyms.role_for(label) is Role.RESPONSIBLE

    def names_roles(self, text: str) -> bool:
        """Whether a text holds a role label (牵头单位：, 完成时限： ...)."""
        return any(self._known_label(match) for match in _LABEL.finditer(text))

    def opens_role_line(self, line: str) -> bool:
        """Whether a line starts with a role label: a role line."""
        match = _LABEL.match(line)
        return match is not None and self._known_label(match)

    def starts_paragraph(self, line: str) -> bool:
        """Whether a line starts a paragraph of its own: a numbering or a role label."""
        return _numbering(line) is not None or self.opens_role_line(line)

    def _known_label(self, match: re.Match[str]) -> bool:
        return self.synonyms.role_for(squeeze(match.group(1))) in _ROLE_LINES

    def own_roles(self, line: str) -> bool:
        """Whether a line names its own roles: a role note in brackets at its end."""
        return self._role_bracket(line) is not None

    def _role_bracket(self, text: str) -> tuple[str, list[tuple[str, int, str]]] | None:
        """The text without a role note in brackets at its end, and the note's parts:
        "……。（牵头单位：X；配合单位：Y；完成时限：Z）" or "……。（X牵头，Y配合）".
        ``None`` when the text ends otherwise (a bracket such as （试行） stays)."""
        final = final_bracket(text)
        if final is None:
            return None
        start, content, stop = final
        head = text[:start].rstrip() + stop
        parts = self._role_parts(content)
        if parts and not content[: parts[0][1]].strip():
            return head, [(label, len(head), value) for label, _, value in parts]
        roles, deadline = _deadline_clause(content.strip(), self.knowledge)
        people, roles = _officials_clause(roles, self.knowledge)
        if self._states_roles(roles):
            found = [*people, (RESPONSIBLE_LABEL, roles)]
            found += [(DEADLINE_LABEL, deadline)] if deadline else []
            return head, [(label, len(head), value) for label, value in found]
        return None

    def _role_parts(self, text: str) -> list[tuple[str, int, str]]:
        """The role labels in a text: ``(column label, start, value)`` for each.

        A line naming several responsibility roles is one 责任单位 value (its words
        say who leads); labels of other roles split the line.
        """
        found = [
            (label, match.start(1), match.end())
            for match in _LABEL.finditer(text)
            if (label := self._role_label(match, text)) is not None
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
                merged.append((label, start, self._value(label, text[value_start:end])))
            return merged
        parts = []
        for index, (label, start, value_start) in enumerate(found):
            end = found[index + 1][1] if index + 1 < len(found) else len(text)
            parts.append((label, start, self._value(label, text[value_start:end])))
        return parts

    def _role_label(self, match: re.Match[str], text: str) -> str | None:
        """The column a label starts: its own when it names a role; 责任单位 when a line
        starts with a label we do not know whose value says who leads in role words
        ("部门分工：X牵头，Y配合。"); its own again for any label opening a line among
        an item's role lines ("任务来源：……" after "牵头单位：……": kept in ``extra``) or
        opening lines of several items (``field_labels``), unless it reads as a name
        (a progress line "X区：……" goes on its value); ``None`` when it is no role label."""
        label = squeeze(match.group(1))
        if self.synonyms.role_for(label) in _ROLE_LINES:
            return label
        if match.start(1) == 0 and self._states_roles(text[match.end() :]):
            return RESPONSIBLE_LABEL
        if match.start(1) or not (self._in_role_lines or label in self.field_labels):
            return None
        return None if self.knowledge.departments.model.read(label).kind.is_name else label

    def _value(self, label: str, value: str) -> str:
        """A role line's value without the separators around it (and a final 。 that ends
        a list of names or a date). A sentence after the names' 。 is a note, not a name
        ("X、Y。除专门列出外，以下任务均涉及Y，不再重复": a ``department-note`` warning)."""
        value = value.strip(_SENTENCE_END)
        role = self.synonyms.role_for(label)
        if role in _RESPONSIBILITY or label == RESPONSIBLE_LABEL:
            names, _, note = value.partition("。")
            note = note.strip(_SENTENCE_END + "。")
            if names and "，" in note and not self._states_roles(note):
                message = f"{note!r} after the names under {label} is a note, not a name"
                self.warnings.append(TaskWarning(NormalizeCode.DEPARTMENT_NOTE, message))
                value = names
        if role in _FULL_STOP_ENDS:
            value = value.removesuffix("。")
        return value

    def table(self) -> RawTable:
        """The synthetic table: header, section rows and one row per item."""
        has_category = any(isinstance(e, _Item) and e.category for e in self.entries)
        columns = self._role_columns()
        header = [NO_LABEL, *([CATEGORY_LABEL] if has_category else []), MEASURE_LABEL]
        # One label folded alone keeps its printed name (单位), as a table's column does.
        header += [
            labels[0] if column == RESPONSIBLE_LABEL and len(set(labels)) == 1 else column
            for column, labels in columns.items()
        ]
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
        roles = {
            label: None if label in self.not_units else self.synonyms.role_for(label)
            for label in self.labels
        }
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

    In a folded 责任单位 column, a 牵头单位/配合单位 line keeps a label, so the cell
    reads "牵头单位：X；配合单位：Y"; so does a 责任单位 line after another.
    """
    if column != RESPONSIBLE_LABEL:
        return "\n".join(line for label in labels for line in item.roles.get(label, []))
    parts: list[str] = []
    # The lead's line first: beside a 牵头单位 line, a 责任单位 line names who supports,
    # whichever came first in the document (the cell's reading takes its first words as
    # its own).
    for label in sorted(labels, key=lambda label: synonyms.role_for(label) is not Role.LEAD):
        values = item.roles.get(label)
        if not values:
            continue
        text = "\n".join(values)
        # A 责任单位-type label first is the cell's own word; after a 牵头 label it says
        # who supports ("牵头单位：X；责任（配合）单位：Y"). Each label is written as the
        # word of its role, which the cell's reading knows whatever the printed label.
        role = synonyms.role_for(label)
        own = label == RESPONSIBLE_LABEL or role is Role.RESPONSIBLE
        word = _ROLE_WORDS.get(role, label) if role is not None else label
        parts.append(text if own and not parts else f"{word}：{text}")
    return "；".join(parts)


def _repeated_labels(lines: list[str]) -> frozenset[str]:
    """Labels that open more than one line ("市折子号：21", "市折子号：69"): each item's
    field of that name, though we do not know the label."""
    labels = [squeeze(m.group(1)) for line in lines if (m := _LABEL.match(line))]
    return frozenset(label for label in labels if labels.count(label) > 1)


def _officials_clause(note: str, knowledge: Knowledge) -> tuple[list[tuple[str, str]], str]:
    """The officials a role note names before its units, as ``(label, names)``, and the
    note without them ("分管副市长负责，市发改委牵头，……" -> 负责领导: 分管副市长): officials
    are no units (docs/conventions.md); kept in ``extra`` under their role word and 领导
    (``take_officials``, which a table's responsibility cell is read with too)."""
    rest, officials = take_officials(
        note, knowledge.responsibility, lambda clause: is_person(clause, knowledge.cells)
    )
    return list(officials.items()), rest


def _deadline_clause(note: str, knowledge: Knowledge) -> tuple[str, str]:
    """A role note without a deadline clause at its end, and that clause ("X牵头，Y配合，
    年内完成" -> "X牵头，Y配合", "年内完成"); the clause is "" when there is none."""
    head, _, tail = note.rpartition("，") if "，" in note else note.rpartition("；")
    # Probed with any year: only whether the clause names a date or a term matters.
    if head and tail and parse_deadline(tail, 2000, knowledge.deadlines).kind is not None:
        return head, tail
    return note, ""
