"""The items: the lines read in order, by the plan, into headings, items and role lines.

* A section heading (一、) is kept as a full-width section row; a sub-heading's text
  without its ordinal is the category of the items under it.
* An item's numbering is its ``no``; its text is the measure, up to its role lines
  (``paragraphs.role_lines``). Lines numbered below the items (``（1）``, ``①``) and
  unnumbered lines continue the item's text, as wrapped lines of a table cell do; lines
  after a role line that are neither numbered nor labelled continue its value.
* Lines above the first heading or item are the lines naming the list (title); text
  between a heading and its first item is not a task and is named in a warning.
* A section heading naming the unit whose work it lists ("一、X牵头工作（8项）") gives X
  the lead of its items that name none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qingdan.normalize.cell_kinds import is_measure_unit
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraphs.closing_notes import ClosingNote, covered_items, read_closing_note
from qingdan.normalize.paragraphs.lines import display_width, is_sentence
from qingdan.normalize.paragraphs.numbering import SUB_ITEM, Level, Numbered
from qingdan.normalize.paragraphs.role_lines import (
    RESPONSIBILITY,
    RESPONSIBLE_LABEL,
    RoleLines,
    RolePart,
)
from qingdan.normalize.text import squeeze
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.knowledge import Knowledge


class Item:
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
        self.note_closed = False
        """Its last roles were a note in brackets, closed: a sentence after it is its text."""


def _add_head(item: Item, head: str) -> None:
    """A line's text before its roles: the item's text, or more of its last role's
    value (a role line wrapped onto the next line). After a note in brackets the note is
    closed: a sentence below it ("▲全年增长10%。", the item's figures) is the item's
    text again."""
    if item.last_role is None or SUB_ITEM.match(head) or (item.note_closed and is_sentence(head)):
        item.lines.append(head)
        item.last_role = None
    else:
        item.roles[item.last_role].append(head)


_NAME_WIDTH = 25.0
"""A name on an item's numbered line is short: a project's or a task's name."""


def _names_only(line: str) -> bool:
    """Whether an item's first line only names it: short, no sentence, not opening the
    parts under it ("……如下：")."""
    return (
        not is_sentence(line)
        and not line.rstrip().endswith(("：", ":"))
        and display_width(line) <= _NAME_WIDTH
    )


class Reader:
    """The lines read in order into sections, categories and items."""

    def __init__(self, knowledge: Knowledge, levels: dict[Level, Level]) -> None:
        self.knowledge = knowledge
        self.synonyms = knowledge.columns
        self.levels = levels
        self.above: list[str] = []
        self.entries: list[Item | str] = []
        """Items and section headings (as their text), in order."""
        self.warnings: list[TaskWarning] = []
        self.roles = RoleLines(knowledge, self.warnings)
        self.labels: list[str] = []
        """Role labels in the order first seen: the synthetic header's role columns."""
        self._category: str | None = None
        self._section_lead: str | None = None
        self.not_units: set[str] = set()
        """Unit labels whose lines hold units of measure (单位：亿元): fields, not roles."""
        self.roleless = False
        """The list names no roles: a section's own text is its task."""
        self._started = False
        self._heading = False
        """A heading was the last numbered line: unnumbered text under it with its own
        roles is an item without a number."""
        self.unnumbered = False
        """The items are paragraphs without numbers, each ending with its own roles."""
        self.bare = False
        """No line is numbered: every paragraph under a heading is one task."""
        self.closing: list[tuple[int, ClosingNote]] = []
        """Notes after the items naming their units, each with the number of items above."""

    def items(self) -> list[Item]:
        """The items read so far, in order."""
        return [entry for entry in self.entries if isinstance(entry, Item)]

    def read(self, line: str, numbered: tuple[Numbered, Level] | None) -> None:
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
            self.entries.append(Item(found.no, self._category, [], self._section_lead))
            self._heading = False
            self._text(line[found.start :])
        elif not self._started:
            self.above.append(line)
        else:
            self._text(line)

    def _split(self, text: str) -> tuple[str, str, list[RolePart], bool]:
        """A line of an item's text as its text, the head before its roles, the roles and
        whether they were a note in brackets (closed: nothing after it continues it)."""
        bracket = self.roles.bracket(text)
        if bracket is not None:
            text, parts = bracket
            return text, text, parts, True
        current = self.entries[-1] if self.entries else None
        among_roles = isinstance(current, Item) and current.last_role is not None
        parts = self.roles.parts(text, among_roles)
        if not parts and (rejoined := self._wrapped_bracket(text)):
            text, parts = rejoined
            return text, text, parts, True
        return text, text[: parts[0][1]] if parts else text, parts, False

    def _text(self, text: str) -> None:
        """Text of the current item: its measure, then role lines, each to its column; a
        closing note naming the units of the items above (``closing_notes``) is kept apart."""
        if self._closing_note(text):
            return
        text, head, parts, closed = self._split(text)
        item = self.entries[-1] if self.entries and isinstance(self.entries[-1], Item) else None
        ended = item is None or self._heading or bool(item.roles)
        under_section = bool(self.entries) and isinstance(self.entries[-1], str)
        if (
            (self._heading and parts)
            or (self.unnumbered and (ended or self.bare))
            or (self.roleless and under_section and self._category is None)
        ):
            item = Item("", self._category, [], self._section_lead)
            self.entries.append(item)
            self._heading = False
        if item is None:
            if text.strip():
                message = f"text under a heading but in no task: {text}"
                self.warnings.append(TaskWarning(NormalizeCode.PARAGRAPH_TEXT, message))
            return
        if head.strip():
            _add_head(item, head.strip())
        self._add_roles(item, parts)
        if parts:
            item.note_closed = closed

    def _closing_note(self, text: str) -> bool:
        """Whether a line after an item is a closing note (kept for ``apply_closing_notes``)."""
        if self._heading or not self.entries or self.unnumbered or self.bare:
            return False
        note = read_closing_note(text, self.roles)
        if note is None:
            return False
        self.closing.append((len(self.items()), note))
        return True

    def apply_closing_notes(self) -> None:
        """Give each item the roles of the closing notes that cover it."""
        for items, note in covered_items(self.closing, self.items(), self.warnings):
            for item in items:
                self._add_roles(item, note.parts)

    def _add_roles(self, item: Item, parts: list[RolePart]) -> None:
        """Each role of a line to its label's lines of the item."""
        for label, _, value in parts:
            if label not in self.labels:
                self.labels.append(label)
            values = item.roles.setdefault(label, [])
            if values and value and self.roles.read_from_words(label):
                # A second 责任单位 line of one item keeps its label: after a 牵头 line
                # its names support, as in the 责任单位 cell it was printed from.
                value = f"{label}：{value}"
            values.extend([value] if value else [])
            item.last_role = label

    def _wrapped_bracket(self, text: str) -> tuple[str, list[RolePart]] | None:
        """The item's text so far and this line without a role note whose bracket opened
        on an earlier line (a PDF wraps a long note), and the note's parts; ``None``
        when the joined text ends otherwise. The item's lines are then that text."""
        item = self.entries[-1] if self.entries else None
        if not isinstance(item, Item) or self._heading or item.roles or not item.lines:
            return None
        found = self.roles.bracket("".join(item.lines) + text)
        if found is not None:
            item.lines.clear()
        return found

    def _lead_of(self, heading: str) -> str | None:
        """The lead a section heading names as the one whose work it lists ("县住建局牵头
        工作（8项）" -> "县住建局牵头"), or ``None`` (``section_lead`` in
        ``data/paragraphs.toml``)."""
        found = self.knowledge.paragraphs.section_lead.match(heading)
        if found is None or not self.knowledge.departments.model.read(found[1]).kind.is_name:
            return None
        return found[1] + found[2]

    def lead_from_sections(self) -> None:
        """Give an item without roles of its own the lead its section names."""
        for item in self.items():
            if item.section_lead and not item.roles:
                item.roles[RESPONSIBLE_LABEL] = [item.section_lead]
                if RESPONSIBLE_LABEL not in self.labels:
                    self.labels.append(RESPONSIBLE_LABEL)

    def names_as_categories(self) -> None:
        """An item whose numbered line only names it (a project's name, no sentence) and
        whose next line says what is done, before its role lines: the name is the
        category and the sentence the measure, as 项目名称 | 建设内容 read in a table
        ("1.城南水厂扩建工程" / "新建清水池一座。" / "责任单位：……")."""
        for item in self.items():
            if item.category is None and item.roles and len(item.lines) >= 2:
                name, rest = item.lines[0], item.lines[1:]
                if _names_only(name) and all(is_sentence(line) for line in rest):
                    item.category, item.lines = name, rest

    def measure_labels(self) -> set[str]:
        """The responsibility labels whose values are units of measure, not of government
        ("单位：亿元" under an indicator; 单位 names both): some value is one, none is a
        unit's name (a dash stands for none). None when no other label names units: the
        column is then read as a table's column of that label is, by its cells."""
        found: set[str] = set()
        responsibility = [
            label for label in self.labels if self.synonyms.role_for(label) in RESPONSIBILITY
        ]
        cells, model = self.knowledge.cells, self.knowledge.departments.model
        for label in responsibility:
            values = [
                squeeze(value) for item in self.items() for value in item.roles.get(label, [])
            ]
            if any(is_measure_unit(v, cells) for v in values) and not any(
                model.read(v).kind.is_name for v in values
            ):
                found.add(label)
        return found if len(found) < len(responsibility) else set()
