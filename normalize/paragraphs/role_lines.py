"""Role lines and role notes: where a paragraph says who does a task and by when.

* A role line is ``LABEL：value`` whose label names a responsibility, deadline, person
  or note column in ``data/columns.toml``; a line naming several responsibility roles
  (``牵头单位：X；配合单位：Y``) is one 责任单位 value, read from its words as a table's
  责任单位 cell is. A role label in the middle of an item's text (``……完成。牵头单位：X``)
  starts a role line there.
* A role note in brackets at the end of an item (``（牵头单位：X；配合单位：Y；完成时限：Z）``,
  ``[…]``, ``（X牵头，Y配合，年底前完成）``) is read as role lines and is no part of the
  measure; role words prove the names in it, known units or not.
* A line opening with a label we do not know is a role line when its value says who
  leads in role words (``部门分工：X牵头，Y配合。``), or a field kept in ``extra`` when it
  opens lines of several items (``2021年计划：…``, a place's figure) or stands among an
  item's role lines (``任务来源：…``).
* A value's final 。 ends the sentence, not the name or the date; officials named first
  in a role note ("分管副市长负责，X牵头，……") are kept in ``extra`` (负责领导).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qingdan.normalize.cell_kinds import is_person
from qingdan.normalize.deadlines import parse_deadline
from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraphs.numbering import Numbered, numbering
from qingdan.normalize.responsibility import final_bracket, states_roles, take_officials
from qingdan.normalize.roles import LABELLED_EXTRA_ROLES, Role
from qingdan.normalize.text import squeeze
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.knowledge import Knowledge

RESPONSIBLE_LABEL, DEADLINE_LABEL = "责任单位", "完成时限"
"""The labels of a role note's roles that paragraph form does not label itself."""

# A role label: a short text before a colon, at the line's start or after a sentence
# end, a semicolon or a space.
# A label may be spaced out to fill its width ("牵 头 部 门：") and end with its unit in
# brackets ("1-4月完成投资（亿元）：", a progress table printed as paragraphs).
LABEL = re.compile(
    r"(?:^|(?<=[。；;，,\s]))([^\s：:。；;，,](?:[ 　]?[^\s：:。；;，,]){1,9}"
    r"(?:[（(][^\s（()）：:。；;，,]{1,6}[）)])?)\s*[：:]"
)
RESPONSIBILITY = frozenset({Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE})
_ROLE_LINES = RESPONSIBILITY | {Role.DEADLINE, *LABELLED_EXTRA_ROLES}
_FULL_STOP_ENDS = RESPONSIBILITY | {Role.DEADLINE, Role.PEOPLE}
"""Roles whose value loses a line-final 。: names and dates, not sentences."""
_SENTENCE_END = " ；;，,"
"""Stripped from every role value; a value that names units, people or a date also loses
its line-final 。 (it ends the sentence, not the name: ``_FULL_STOP_ENDS``)."""

RolePart = tuple[str, int, str]
"""A role in a text: ``(column label, where it starts, value)``."""
_Found = tuple[str, int, int]
"""A role label found in a text: ``(column label, where it starts, where its value starts)``."""


class RoleLines:
    """What a document's paragraphs say about roles, read with its knowledge."""

    def __init__(self, knowledge: Knowledge, warnings: list[TaskWarning] | None = None) -> None:
        self.knowledge = knowledge
        self.synonyms = knowledge.columns
        self.warnings: list[TaskWarning] = [] if warnings is None else warnings
        """Where a note found after the names is named (shared with the reader)."""
        self.field_labels: frozenset[str] = frozenset()
        """Labels opening a line more than once: fields of the items, known or not."""

    def names_roles(self, text: str) -> bool:
        """Whether a text holds a role label (牵头单位：, 完成时限： ...)."""
        return any(self._known_label(match) for match in LABEL.finditer(text))

    def opens_role_line(self, line: str) -> bool:
        """Whether a line starts with a role label: a role line."""
        match = LABEL.match(line)
        return match is not None and self._known_label(match)

    def starts_paragraph(self, line: str) -> bool:
        """Whether a line starts a paragraph of its own: a numbering or a role label."""
        return self.numbering(line) is not None or self.opens_role_line(line)

    def numbering(self, line: str) -> Numbered | None:
        """A line's numbering (``paragraphs.numbering``), read with this document's units."""
        return numbering(line, self.knowledge.cells)

    def is_numbered(self, line: str) -> bool:
        """Whether a line opens with a numbering."""
        return self.numbering(line) is not None

    def own_roles(self, line: str) -> bool:
        """Whether a line names its own roles: a role note in brackets at its end."""
        return self.bracket(line) is not None

    def states_roles(self, text: str) -> bool:
        """Whether a text says who leads in role words or labels (``states_roles``)."""
        return states_roles(text, self.knowledge.departments, self.knowledge.responsibility)

    def read_from_words(self, label: str) -> bool:
        """Whether a label's lines are read from their words (a 责任单位 line)."""
        return label == RESPONSIBLE_LABEL or self.synonyms.role_for(label) is Role.RESPONSIBLE

    def _known_label(self, match: re.Match[str]) -> bool:
        return self.synonyms.role_for(squeeze(match.group(1))) in _ROLE_LINES

    def bracket(self, text: str) -> tuple[str, list[RolePart]] | None:
        """The text without a role note in brackets at its end, and the note's parts:
        "……。（牵头单位：X；配合单位：Y；完成时限：Z）" or "……。（X牵头，Y配合）".
        ``None`` when the text ends otherwise (a bracket such as （试行） stays)."""
        final = final_bracket(text)
        if final is None:
            return None
        start, content, stop = final
        head = text[:start].rstrip() + stop
        parts = self.parts(content)
        if parts and not content[: parts[0][1]].strip():
            return head, [(label, len(head), value) for label, _, value in parts]
        roles, deadline = _deadline_clause(content.strip(), self.knowledge)
        people, roles = _officials_clause(roles, self.knowledge)
        if self.states_roles(roles):
            found = [*people, (RESPONSIBLE_LABEL, roles)]
            found += [(DEADLINE_LABEL, deadline)] if deadline else []
            return head, [(label, len(head), value) for label, value in found]
        return None

    def parts(self, text: str, among_roles: bool = False) -> list[RolePart]:
        """The role labels in a text: ``(column label, start, value)`` for each
        (``among_roles``: the text stands among an item's role lines).

        A line naming several responsibility roles is one 责任单位 value (its words
        say who leads); labels of other roles split the line.
        """
        found = [
            (label, match.start(1), match.end())
            for match in LABEL.finditer(text)
            if (label := self._role_label(match, text, among_roles)) is not None
        ]
        responsibility = [f for f in found if self.synonyms.role_for(f[0]) in RESPONSIBILITY]
        if len(responsibility) > 1:
            return self._folded(text, found, responsibility)
        parts = []
        for index, (label, start, value_start) in enumerate(found):
            end = found[index + 1][1] if index + 1 < len(found) else len(text)
            parts.append((label, start, self._value(label, text[value_start:end])))
        return parts

    def _folded(
        self, text: str, found: list[_Found], responsibility: list[_Found]
    ) -> list[RolePart]:
        """The parts of a text naming several responsibility roles: from the first of
        them to the next label of another role, one 责任单位 value."""
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

    def _role_label(self, match: re.Match[str], text: str, among_roles: bool) -> str | None:
        """The column a label starts: its own when it names a role; 责任单位 when a line
        starts with a label we do not know whose value says who leads in role words
        ("部门分工：X牵头，Y配合。"); its own again for a label opening lines of several
        items (``field_labels``: each item's field, a place's figure "X镇：93" too) or
        opening a line among an item's role lines ("任务来源：……" after "牵头单位：……":
        kept in ``extra``) unless it reads as a name (a progress line "X区：……" goes on
        its value); ``None`` when it is no role label."""
        label = squeeze(match.group(1))
        if self.synonyms.role_for(label) in _ROLE_LINES:
            return label
        if match.start(1) == 0 and self.states_roles(text[match.end() :]):
            return RESPONSIBLE_LABEL
        if match.start(1):
            return None
        if label in self.field_labels:
            return label
        if not among_roles:
            return None
        return None if self.knowledge.departments.model.read(label).kind.is_name else label

    def _value(self, label: str, value: str) -> str:
        """A role line's value without the separators around it (and a final 。 that ends
        a list of names or a date). A sentence after the names' 。 is a note, not a name
        ("X、Y。除专门列出外，以下任务均涉及Y，不再重复": a ``department-note`` warning)."""
        value = value.strip(_SENTENCE_END)
        role = self.synonyms.role_for(label)
        if role in RESPONSIBILITY or label == RESPONSIBLE_LABEL:
            names, _, note = value.partition("。")
            note = note.strip(_SENTENCE_END + "。")
            if names and "，" in note and not self.states_roles(note):
                message = f"{note!r} after the names under {label} is a note, not a name"
                self.warnings.append(TaskWarning(NormalizeCode.DEPARTMENT_NOTE, message))
                value = names
        if role in _FULL_STOP_ENDS:
            value = value.removesuffix("。")
        return value


def repeated_labels(lines: list[str]) -> frozenset[str]:
    """Labels that open more than one line ("市折子号：21", "市折子号：69"): each item's
    field of that name, though we do not know the label."""
    labels = [squeeze(m.group(1)) for line in lines if (m := LABEL.match(line))]
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
