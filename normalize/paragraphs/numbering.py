"""How a paragraph is numbered, and so what it may be.

A numbered-paragraph list numbers its levels as a notice does: ``一、`` (or ``第一部分``)
a section, ``（一）`` a sub-heading, ``1.`` an item, and ``（1）``/``①``/``⑴`` lines below
the items. ``numbering`` reads a line's numbering: its level, the numbering as ``no``
prints it (``1.`` -> ``1``; ``（一）`` stays) and where the line's text starts after it.
What each level is in a given document (a heading or the items) is the plan's question
(``paragraphs.plan``), not this module's.

A digit right after ``1.`` makes a sub-number or a decimal (``2.3``), not an item's
numbering, unless a unit follows it: "2.3个部门未清理…" is item 2 whose text opens with a
quantity (``cell_kinds.opens_with_figure``, the units of ``data/cells.toml``).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from qingdan.normalize.cell_kinds import CellWords, opens_with_figure
from qingdan.normalize.script import NUMERAL

_NUMERAL = f"{NUMERAL}+"
_SECTION = re.compile(rf"^(?:{_NUMERAL}[、.．]|第{_NUMERAL}(?:部分|章|节|篇))")
_CATEGORY = re.compile(rf"^([（(]{_NUMERAL}[）)])")
_ITEM = re.compile(r"^(\d{1,3})[.．、]")
SUB_ITEM = re.compile(r"^(?:[（(]\d{1,3}[）)]|[①-⑳⑴-⒇])")
"""A numbering below the items (（1）, ⑴, ①)."""
_CHINESE_ITEM = re.compile(rf"^({_NUMERAL})[、.．]")
PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
"""A page number printed in the text (— 3 —, 第3页 共8页): not part of any task."""


class Level(Enum):
    """What a numbered line is, by its numbering."""

    SECTION = "section"
    CATEGORY = "category"
    ITEM = "item"
    SUB = "sub"
    """（1）, ⑴, ①: below the items, or the items themselves in a list without 1."""


DEPTH = (Level.SECTION, Level.CATEGORY, Level.ITEM, Level.SUB)
"""Numbering levels from the outermost in."""


class Numbered(NamedTuple):
    """A numbered line: the level its numbering says, the numbering as ``no`` prints it
    and where the line's text starts after it."""

    level: Level
    no: str
    start: int


def numbering(line: str, words: CellWords) -> Numbered | None:
    """A line's numbering, or ``None`` when it has none (``words``: the units that tell
    an item's quantity from a sub-number)."""
    match = _ITEM.match(line)
    rest = line[match.end() :] if match else ""
    if match and (not rest[:1].isdecimal() or opens_with_figure(rest, words)):
        return Numbered(Level.ITEM, match.group(1), match.end())
    if match := _CATEGORY.match(line):
        return Numbered(Level.CATEGORY, match.group(1), match.end())
    if _SECTION.match(line):
        chinese = _CHINESE_ITEM.match(line)
        return Numbered(
            Level.SECTION, *((chinese.group(1), chinese.end()) if chinese else (line, 0))
        )
    if match := SUB_ITEM.match(line):
        return Numbered(Level.SUB, match.group(0), match.end())
    return None
