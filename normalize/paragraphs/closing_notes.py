"""Closing notes: a line after the items naming who does them, not on any item's line.

Some lists print their targets bare and name the responsible units in a line after a
group of items, counting back to the items it covers::

    1.地区生产总值增长8%；
    2.城镇固定资产投资新增90亿元；
    2项目标的责任单位均为市发展改革委。      <- the two items above
    3.规模以上工业增加值增长10%；
    该目标责任单位为市工信局。              <- the one item above
    以上各项任务均由市财政局牵头，市审计局配合。  <- the items back to the previous note

The note opens with the words saying which items it covers (``closing_note`` in
``data/paragraphs.toml``: a count, 该/此, 以上/上述), then names the units as a role label
and a copula ("责任单位均为X", "牵头单位为X，配合单位为Y") or in role words ("由X牵头，Y
配合"). Its roles are given to each item it covers, as if printed under it; the note is
no part of any measure. A note naming units whose opening says nothing we can read as
a scope (or counts more items than stand above it) is named in a ``closing-note``
warning: its units are given to no item (or to every item above).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from qingdan.normalize.model import TaskWarning
from qingdan.normalize.paragraphs.role_lines import (
    RESPONSIBILITY,
    RESPONSIBLE_LABEL,
    RoleLines,
    RolePart,
)
from qingdan.normalize.script import numeral_value
from qingdan.normalize.text import IDEOGRAPHS, squeeze
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.paragraphs.items import Item

_CLAUSES = re.compile(r"[，,；;]")
_NAME_BREAKS = re.compile(r"[、，,；;\s]")
_SCOPE_LENGTH = 20
"""A note's opening is a few words ("以上各项重点任务的"): a longer one is prose."""
_ALL_ALSO = "均都皆"
"""Words before a role statement that say it holds for each item ("均由X负责")."""


class Scope(Enum):
    """Which items a closing note covers."""

    COUNTED = "counted"
    """The number of items it counts, back from the note ("2项目标…")."""
    ONE = "one"
    """The one item right above ("该目标…", or a bare "责任单位为X。")."""
    SINCE_NOTE = "since-note"
    """The items back to the previous closing note ("以上各项…")."""
    UNKNOWN = "unknown"
    """Its opening says nothing we can read as a scope."""


class ClosingNote(NamedTuple):
    """A closing note: its text, which items it covers and the roles it names."""

    text: str
    scope: Scope
    counted: int
    parts: list[RolePart]


def read_closing_note(line: str, roles: RoleLines) -> ClosingNote | None:
    """The closing note a line is, or ``None`` when it names no units after a scope."""
    text = line.strip()
    labelled = _labelled(text, roles)
    if labelled is not None:
        start, parts = labelled
        return _with_scope(text, text[:start], parts, roles)
    opening = roles.knowledge.paragraphs.closing_scope.match(text)
    if opening is None:
        return None
    statement = text[opening.end() :].lstrip(_ALL_ALSO)
    if not statement.startswith("由") or not roles.states_roles(statement):
        return None
    parts = roles.parts(f"{RESPONSIBLE_LABEL}：{statement}")
    return _with_scope(text, opening.group(0), parts, roles)


def _with_scope(text: str, opening: str, parts: list[RolePart], roles: RoleLines) -> ClosingNote:
    """The note with the scope its opening says."""
    if not opening.rstrip("的，, "):
        return ClosingNote(text, Scope.ONE, 1, parts)
    found = roles.knowledge.paragraphs.closing_scope.fullmatch(opening)
    if found is None:
        return ClosingNote(text, Scope.UNKNOWN, 0, parts)
    if found["count"]:
        count = found["count"]
        number = int(count) if count.isdecimal() else numeral_value(count)
        if number:
            return ClosingNote(text, Scope.COUNTED, number, parts)
        return ClosingNote(text, Scope.UNKNOWN, 0, parts)
    if found["this"]:
        return ClosingNote(text, Scope.ONE, 1, parts)
    return ClosingNote(text, Scope.SINCE_NOTE, 0, parts)


def _labelled(text: str, roles: RoleLines) -> tuple[int, list[RolePart]] | None:
    """Where a note's first role label starts and its role parts, for a note naming its
    units after a role label and a copula ("…的责任单位均为X，配合单位为Y。"); ``None``
    when it names none so, or its opening is prose (a sentence end, too long)."""
    clauses = _CLAUSES.split(text.rstrip("。；;"))
    found = _labels(clauses[0], roles)
    if not found:
        return None
    scope = roles.knowledge.paragraphs.closing_scope
    # The label whose opening says which items: in "该目标责任单位为X" both 目标责任单位
    # and 责任单位 are labels (the vocabulary reads a label by its words), but only 该目标
    # is a scope.
    start, label, value = next(
        (f for f in found if f[0] and scope.fullmatch(clauses[0][: f[0]])),
        next((f for f in found if not f[0]), found[0]),
    )
    if start > _SCOPE_LENGTH or re.search("[。！？]", clauses[0][:start]):
        return None
    # With no scope words the line must name a unit ("责任单位为县水利局。"): "各责任单位
    # 是落实主体，……" under an item is its text.
    first_name = _NAME_BREAKS.split(value.rstrip("。"))[0]
    if not start and not roles.knowledge.departments.model.read(first_name).kind.is_name:
        return None
    lines = [[label, value]]
    for clause in clauses[1:]:
        more = _labels(clause, roles)
        if more and more[0][0] == 0:
            lines.append([more[0][1], more[0][2]])
        else:
            lines[-1][1] += f"，{clause}"
    return start, roles.parts("；".join(f"{label}：{value}" for label, value in lines))


def _labels(clause: str, roles: RoleLines) -> list[tuple[int, str, str]]:
    """The responsibility labels in a clause followed by a copula ("…责任单位为X"), the
    longest first: where each starts, the label and the value after the copula."""
    found = []
    for copula in roles.knowledge.paragraphs.copula.finditer(clause):
        before, value = clause[: copula.start()], clause[copula.end() :]
        for start in range(max(len(before) - 8, 0), len(before) - 1):
            label = squeeze(before[start:])
            # A label is words alone: "牵头单位：为民服务中心" is a role line, not "为X".
            if (
                value
                and IDEOGRAPHS.match(label)
                and roles.synonyms.role_for(label) in RESPONSIBILITY
            ):
                found.append((start, label, value))
        if found:
            break
    return found


def covered_items(
    notes: list[tuple[int, ClosingNote]], items: list[Item], warnings: list[TaskWarning]
) -> list[tuple[list[Item], ClosingNote]]:
    """The items each note covers (``notes``: each with the number of items above it),
    with a ``closing-note`` warning for each note whose scope cannot be told."""
    covered: list[tuple[list[Item], ClosingNote]] = []
    since = 0
    for above, note in notes:
        if note.scope is Scope.UNKNOWN:
            message = f"a note after the items names units but not which items: {note.text}"
            warnings.append(TaskWarning(NormalizeCode.CLOSING_NOTE, message))
            continue
        first = since if note.scope is Scope.SINCE_NOTE else above - note.counted
        if first < 0:
            message = (
                f"a note after the items counts {note.counted} items but {above} stand above "
                f"it; given to them all: {note.text}"
            )
            warnings.append(TaskWarning(NormalizeCode.CLOSING_NOTE, message))
            first = 0
        covered.append((items[first:above], note))
        since = above
    return covered
