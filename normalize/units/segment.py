"""One run of a department cell -> its names, by the best cut under the unit model.

A run is the text between two separators (、，,；; outside brackets). Its line breaks
and spaces may end a name or may be a wrap inside one; two names may also be glued
with nothing between them. Like a word segmenter, ``best_cut`` scores every way of
cutting the run (dynamic programming over positions) with the cost of each piece
under ``UnitModel`` plus a cost per piece, a cost for joining over a line break and a
cost for cutting where nothing was written, and keeps the cheapest. Bracket groups
are never cut and stay with the name before them; a bracket holding a note
(（牵头）, （按职责分工负责）) is taken out of the name first and returned as a note.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from qingdan.normalize.script import CLOSING, OPENING
from qingdan.normalize.text import IDEOGRAPHS
from qingdan.normalize.units.model import UnitModel
from qingdan.normalize.units.reading import Kind, Reading

PIECE_COST = 1.0
"""Each name costs this much: two names must read much better than one to cut."""
JOIN_COST = 0.8
"""Joining over a line break or space: the break is evidence of a boundary."""
GLUE_COST = 0.3
"""Cutting where nothing was written (县住建局县财政局): a little evidence against."""
MAX_PIECE = 48
"""No unit name is longer; longer runs are cut at least once."""


class Piece(NamedTuple):
    """One cut piece of a run: its text as written (line breaks removed) and reading."""

    text: str
    reading: Reading
    start: int
    end: int


class BracketNote(NamedTuple):
    """A bracket group taken out of a run because it holds a note, and where it stood."""

    text: str
    position: int


class Run(NamedTuple):
    """A run with its breaks located: compact text, where breaks were, bracket notes."""

    text: str
    breaks: frozenset[int]
    notes: tuple[BracketNote, ...]

    def line_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each line of the run's text, the breaks between them."""
        return list(itertools.pairwise([0, *sorted(self.breaks), len(self.text)]))


def prepare_run(written: str, model: UnitModel) -> Run:
    """The run without whitespace, the positions of its breaks and its bracket notes."""
    text = ""
    notes: list[BracketNote] = []
    breaks: set[int] = set()
    depth, group, group_start = 0, "", 0
    for char in written:
        if char.isspace():
            if depth == 0 and text:
                breaks.add(len(text))
            continue
        if depth:
            group += char
            depth += (char in OPENING) - (char in CLOSING)
            if depth == 0:
                text = _close_group(text, group, group_start, notes, breaks, model)
            continue
        if char in OPENING:
            depth, group, group_start = 1, char, len(text)
            continue
        text += char
    if depth:
        text = _close_group(text, group, group_start, notes, breaks, model)
    return Run(text, frozenset(b for b in breaks if 0 < b < len(text)), tuple(notes))


def _close_group(
    text: str,
    group: str,
    start: int,
    notes: list[BracketNote],
    breaks: set[int],
    model: UnitModel,
) -> str:
    content = group[1:-1] if group[-1] in CLOSING else group[1:]
    if is_bracket_note(content, model):
        notes.append(BracketNote(group, start))
        breaks.add(start)  # a note ends the name it follows
        return text
    return text + group


def is_bracket_note(content: str, model: UnitModel) -> bool:
    """Whether a bracket's content is a remark (牵头, 按职责分工负责, 2019年) rather than a name.

    Names and lists of levels are part of the name (各镇（街道、开发区）, 县财政局（县国资办）),
    and so are one or two characters inside a word (党（工）委).
    """
    if model.has_note_word(content):
        return True
    if content in model.whole or model.names_a_list(content):
        return False
    return not (len(content) <= 2 and IDEOGRAPHS.match(content))


def best_cut(run: Run, model: UnitModel) -> list[Piece]:
    """The cheapest cut of a run into pieces under the model.

    A document's model cuts most runs as the built-in model does (``UnitModel.cutter``),
    so the cut is asked of that model, which remembers it for the column evidence, the
    records and every later document.
    """
    cutter = model.cutter(run.text, [run.text[a:b] for a, b in run.line_spans()])
    found: list[Piece] | None = cutter.remembered_cut(run)
    if found is None:
        found = _cheapest_cut(run, cutter)
        cutter.remember_cut(run, found)
    return list(found)


def _cheapest_cut(run: Run, model: UnitModel) -> list[Piece]:
    text = run.text
    if not text:
        return []
    positions = _candidates(run, model)
    breaks = sorted(run.breaks)
    # What cutting at a start costs does not depend on where the piece ends: asked once.
    # A closing bracket is a visible end, as a break is; 各乡|镇X: a run of levels is cut last.
    glued = {s: bool(s) and s not in run.breaks and text[s - 1] not in CLOSING for s in positions}
    in_levels = {s: model.splits_levels(text, s) for s in positions}
    best: dict[int, tuple[float, int]] = {0: (0.0, -1)}
    for end in positions[1:]:
        for start in positions:
            if start >= end:
                break
            if start not in best or (end - start > MAX_PIECE and start != 0):
                continue
            piece = text[start:end]
            cost = best[start][0] + PIECE_COST + model.read(piece).cost
            cost += JOIN_COST * (bisect_left(breaks, end) - bisect_right(breaks, start))
            if glued[start]:
                cost += GLUE_COST
            if in_levels[start]:
                cost += GLUE_COST
            if end not in best or cost < best[end][0]:
                best[end] = (cost, start)
    pieces: list[Piece] = []
    end = len(text)
    while end > 0:
        start = best[end][1]
        pieces.append(Piece(text[start:end], model.read(text[start:end]), start, end))
        end = start
    return pieces[::-1]


def _candidates(run: Run, model: UnitModel) -> list[int]:
    """Positions a cut may go: breaks, and after a word that can end a name."""
    text = run.text
    protected = _protected(run, model)
    ends = model.end_characters
    positions = {0, len(text)}
    positions.update(b for b in run.breaks if b not in protected)
    for position in range(1, len(text)):
        if position in protected:
            continue
        if text[position - 1] in ends or text.startswith(model.note_words, position):
            positions.add(position)
    return sorted(positions)


def _protected(run: Run, model: UnitModel) -> set[int]:
    """Positions never cut: inside or before a bracket, inside a line known whole."""
    text = run.text
    protected: set[int] = set()
    depth = 0
    for position, char in enumerate(text):
        if depth or char in OPENING:
            protected.add(position)  # inside a bracket, or right before one
        if char in OPENING:
            depth += 1
        elif char in CLOSING and depth:
            depth -= 1
    for start, end in run.line_spans():
        line = text[start:end]
        reading = model.read(line)
        known = reading.kind is Kind.WHOLE or line in model.confirmed
        if line[0] in OPENING:
            continue  # a bracket wrapped onto its own line belongs to the line above
        if known or (reading.kind.is_name and reading.cost == 0.0):
            protected.update(range(start + 1, end))
    return protected
