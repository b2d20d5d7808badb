"""Notes naming the leading position: "列第一位的为牵头单位，下同".

Such a note, in a responsibility cell or on a line of its own, says the first-named
unit leads and the rest support; with "下同" it holds for every later row as well. It
names no unit. The words are data: ``first_leads`` in ``data/responsibility.toml``
(``Knowledge.responsibility.first_leads``: its ``first``, ``lead`` and ``forward`` words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from qingdan.normalize.script import CLOSING, OPENING
from qingdan.normalize.text import squeeze

_CLAUSE_END = "，,。；;\n"
"""What ends a clause of a note written without brackets."""


class LeadNote(NamedTuple):
    """A note naming the leading position, taken out of a cell's text."""

    text: str
    """The cell's text without the note."""
    note: str
    """The note as written (bracket included)."""
    forward: bool
    """The note holds for later rows too (下同)."""


Words = Mapping[str, list[str]]
"""``first_leads``: the words of "列第一位" (``first``), "牵头" (``lead``), "下同" (``forward``)."""


def _names_leading_position(text: str, words: Words) -> bool:
    compact = squeeze(text)
    return any(w in compact for w in words["first"]) and any(w in compact for w in words["lead"])


def read_lead_note(text: str | None, words: Words) -> LeadNote | None:
    """The note in a cell saying the first-named unit leads, or ``None``.

    Bracketed ("县发改局、县财政局（排在第一位的为牵头单位，下同）") or a clause of its
    own ("列第一位的为牵头单位，下同。县发改局、县财政局"); a "下同" clause right after it
    is part of the note. The note names no unit.
    """
    text = text or ""
    span = _bracketed_note(text, words) or _clause_note(text, words)
    if span is None:
        return None
    start, end = span
    note = text[start:end]
    rest = (text[:start] + text[end:]).strip(_CLAUSE_END + " 　")
    forward = any(w in squeeze(note) for w in words["forward"])
    return LeadNote(rest, note, forward)


def _bracketed_note(text: str, words: Words) -> tuple[int, int] | None:
    """(start, end) of the first bracket group naming the leading position."""
    start, depth = 0, 0
    for position, char in enumerate(text):
        if char in OPENING:
            start = position if depth == 0 else start
            depth += 1
        elif char in CLOSING and depth:
            depth -= 1
            if depth == 0 and _names_leading_position(text[start + 1 : position], words):
                return start, position + 1
    return None


def _clause_note(text: str, words: Words) -> tuple[int, int] | None:
    """(start, end) of the clause naming the leading position, with a 下同 clause after it."""
    clauses = [m.span() for m in re.finditer(rf"[^{_CLAUSE_END}]+[{_CLAUSE_END}]?", text)]
    forward = words["forward"]
    for index, (start, end) in enumerate(clauses):
        if not _names_leading_position(text[start:end], words):
            continue
        if index + 1 < len(clauses):
            following = squeeze(text[clauses[index + 1][0] : clauses[index + 1][1]])
            if following.rstrip(_CLAUSE_END) in forward:
                end = clauses[index + 1][1]
        return start, end
    return None
