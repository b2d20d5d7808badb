"""The plan: what each numbered line of a document is, a heading or an item.

* Items are found by their numbering: ``1.``/``1、``/``1．`` when the list has them;
  otherwise ``⑴``/``（1）`` when each of them names its roles; otherwise ``（一）`` items
  under ``一、`` sections; otherwise ``一、`` items.
* A line numbered as a heading that names its own roles and has no numbered lines
  under it is an item ("一、……。（X负责）", "（一）……（X牵头）" beside （一） headings
  over 1. items): the roles, not the ordinal, tell a task from a heading.
* When unnumbered paragraphs each end with their own role note under headings that
  have none, the paragraphs are the items (``no`` null) and every heading is a heading.
* With no numbering at all, short lines that end no sentence are headings and each
  paragraph under them is an item (``lines.unnumbered_headings``; warned).
"""

from __future__ import annotations

from collections.abc import Callable

from qingdan.normalize.paragraphs.lines import is_sentence, unnumbered_headings
from qingdan.normalize.paragraphs.numbering import DEPTH, Level, Numbered
from qingdan.normalize.paragraphs.role_lines import RoleLines

Plan = tuple[dict[Level, Level], list[tuple[Numbered, Level] | None]]
"""How each numbering level reads, and each line's numbering with what the line is."""


def plan(lines: list[str], roles: RoleLines) -> Plan | None:
    """What each numbered line is: a section, a category or an item (``_levels``). A
    heading's numbering with the item's own roles (a role note at its end, role lines
    under it) is an item: the roles, not the ordinal, tell a task from a heading
    ("一、……。（X负责）" in a list of 一、 items, "（一）……（X牵头）" beside （一）
    headings over 1. items). ⑴ and （1） number the items when a list has no 1. and every
    one of them names its roles; otherwise they continue an item's text."""
    found = [roles.numbering(line) for line in lines]
    if not any(found):
        return _unnumbered_plan(lines)
    has_roles = _naming_roles(lines, found, roles)
    if not _subs_are_items(found, has_roles):
        found = [None if f and f.level is Level.SUB else f for f in found]
    levels = _levels(lines, found, roles.own_roles)
    if levels is None:
        return None
    numbered: list[tuple[Numbered, Level] | None] = []
    for index, (found_line, named) in enumerate(zip(found, has_roles, strict=True)):
        role = levels.get(found_line.level) if found_line else None
        if found_line is None or role is None:
            numbered.append(None)
            continue
        below = next((f.level for f in found[index + 1 :] if f), None)
        has_parts = below is not None and DEPTH.index(below) > DEPTH.index(found_line.level)
        numbered.append((found_line, Level.ITEM if named and not has_parts else role))
    return levels, numbered


def _subs_are_items(found: list[Numbered | None], has_roles: list[bool]) -> bool:
    """Whether ⑴/（1） lines number the items: when the list has no 1. and each of them
    names its roles, or when nothing in the list names a role and ⑴/（1） is its only
    numbering below the sections (a 实事 list "分别是：（1）……。（2）……。")."""
    levels = {f.level for f in found if f}
    if Level.ITEM in levels or Level.SUB not in levels:
        return False
    subs = [i for i, f in enumerate(found) if f and f.level is Level.SUB]
    if all(has_roles[i] for i in subs):
        return True
    return not any(has_roles) and Level.CATEGORY not in levels


def _unnumbered_plan(lines: list[str]) -> Plan | None:
    """A list printed with no numbering at all: its short theme lines are headings (the
    category, as a （一） sub-heading is) and each paragraph under them is one task
    (``lines.unnumbered_headings``); ``None`` when the lines are not so shaped."""
    headings = unnumbered_headings(lines)
    if headings is None:
        return None
    heading = (Numbered(Level.CATEGORY, "", 0), Level.CATEGORY)
    return {Level.CATEGORY: Level.CATEGORY}, [
        heading if index in headings else None for index in range(len(lines))
    ]


def _naming_roles(lines: list[str], found: list[Numbered | None], roles: RoleLines) -> list[bool]:
    """For each numbered line, whether it names its own roles: a role note at its end or
    a role label in it, or a role line right under it."""
    result = [False] * len(lines)
    current: int | None = None
    for index, (line, numbered) in enumerate(zip(lines, found, strict=True)):
        if numbered is not None:
            current = index
            result[index] = roles.own_roles(line) or roles.names_roles(line)
        elif current is not None and roles.opens_role_line(line):
            result[current] = True
    return result


def _levels(
    lines: list[str], found: list[Numbered | None], own_roles: Callable[[str], bool]
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
    if not any(unnumbered) and not any(numbered) and _headings_over_paragraphs(lines, found):
        return {level: level for level in present}
    if Level.CATEGORY in present:
        return {Level.SECTION: Level.SECTION, Level.CATEGORY: Level.ITEM}
    if Level.SECTION in present:
        return {Level.SECTION: Level.ITEM}
    return None


def _headings_over_paragraphs(lines: list[str], found: list[Numbered | None]) -> bool:
    """Whether every （一） line is a heading over an unnumbered paragraph: a theme that
    ends no sentence, with a paragraph after it (a 工作要点 "（一）推进……公开" / what is
    done). In a list naming no roles the paragraphs are then the tasks, each under its
    heading, as the items of an unnumbered list are."""
    categories = [i for i, f in enumerate(found) if f and f.level is Level.CATEGORY]
    return bool(categories) and all(
        not is_sentence(lines[i]) and i + 1 < len(lines) and found[i + 1] is None
        for i in categories
    )
